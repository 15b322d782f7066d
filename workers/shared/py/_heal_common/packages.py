"""After the host installed package files (workers/shared/packages/install.ts): the import
system is told about the new folders, and the modules the program imports from them are
imported ahead of it, so that neither the runner's clean state between runs nor the executor's
time limit pays for them again.

matplotlib is told to draw with Agg (PNG in memory): the browser backends need a page, and
Python runs in a worker.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from importlib.machinery import FileFinder


def after_install() -> None:
    """New folders in site-packages: the finders' cached directory listings are stale.
    (Not importlib.invalidate_caches(): that also imports importlib.metadata, ~30 ms.)"""
    for finder in list(sys.path_importer_cache.values()):
        if isinstance(finder, FileFinder):
            finder.invalidate_caches()


def preload(modules_json: str) -> str:
    """Imports each dotted module; one that is not a module at all (`from pkg import name` where
    name is a function) is skipped. Returns {"errors": [{module, error}]} as JSON."""
    os.environ["MPLBACKEND"] = "agg"
    errors = []
    for name in json.loads(modules_json):
        if not isinstance(name, str) or name in sys.modules:
            continue
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name != name or "." not in name:  # a submodule that does not exist is fine
                errors.append({"module": name, "error": f"{type(err).__name__}: {err}"})
        except Exception as err:  # noqa: BLE001 - reported; the program meets the same error
            errors.append({"module": name, "error": f"{type(err).__name__}: {err}"})
    return json.dumps({"errors": errors})
