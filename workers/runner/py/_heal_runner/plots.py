"""Figures in the console: matplotlib's ``plt.show()`` sends every open figure to the run's
console as a PNG (the run's OutputSink.write_image) and closes it, as a notebook would. Python
runs in a worker without a page, so Pyodide's browser backends cannot draw; Agg renders in
memory (packages.preload sets MPLBACKEND=agg before matplotlib is imported).

Installed once matplotlib.pyplot is imported ahead of the program (packages.prepare), so the
patched ``show`` is part of the runner's clean state and every run gets it.
"""

from __future__ import annotations

import io
import sys
from typing import Any

from _heal_runner.streams import OutputSink


def _show_figures(pyplot: Any) -> None:
    sink = OutputSink.current
    for number in list(pyplot.get_fignums()):
        figure = pyplot.figure(number)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        if sink is not None:
            sink.write_image("image/png", buffer.getvalue())
    pyplot.close("all")


def install() -> bool:
    """Makes matplotlib.pyplot.show send figures to the console; False when pyplot is not imported."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return False
    if getattr(pyplot.show, "_heal_capture", False):
        return True

    def show(*args: Any, **kwargs: Any) -> None:
        """Shows every open figure in the playground's console (as PNG) and closes it."""
        _show_figures(pyplot)

    show._heal_capture = True  # type: ignore[attr-defined]
    pyplot.show = show
    return True
