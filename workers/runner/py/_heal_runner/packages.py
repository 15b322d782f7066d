"""Packages loaded between runs (the host installed their files): the program's modules from
them are imported, plot capture is set up, and the clean state every run returns to is taken
again with them in it. Without that, the end of the next run would remove them from
``sys.modules`` and the run after would import them afresh (numpy's core refuses a second
import in one process).
"""

from __future__ import annotations

import json

from _heal_common.packages import after_install, preload
from _heal_runner import interpreter_baseline, plots


def prepare(modules_json: str) -> str:
    """Imports the modules, installs the plot hook, retakes the baseline; {"errors": [...]} as JSON."""
    after_install()
    report = json.loads(preload(modules_json))
    plots.install()
    interpreter_baseline.retake()
    return json.dumps(report)
