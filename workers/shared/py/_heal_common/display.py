"""How values and errors are shown: capped reprs, user-only tracebacks, readable messages.

One copy for the runner (the program's errors, the paused state) and the executor (the
handling code's errors), so both say the same thing the same way.
"""

from __future__ import annotations

import reprlib
import traceback
from typing import Any, Callable

MAX_REPR = 400
MAX_TRACEBACK_FRAMES = 40
WASM32_HINT = " (Python in the browser is 32-bit: sizes and indices must stay below 2**31, about 2 GB)"

_repr = reprlib.Repr(maxlevel=3, maxtuple=12, maxlist=12, maxarray=12, maxdict=10, maxset=12,
                     maxfrozenset=12, maxdeque=12, maxstring=160, maxlong=80, maxother=200)
_repr.fillvalue = "…"
_repr.indent = None


def capped_repr(value: Any) -> str:
    """repr() shortened at every level and to MAX_REPR characters; never raises."""
    try:
        text = _repr.repr(value)
    except Exception as err:  # a user __repr__ may raise
        text = f"<{type(value).__name__} object (repr failed: {type(err).__name__})>"
    return text if len(text) <= MAX_REPR else text[: MAX_REPR - 1] + "…"


def capped_frames(frames: list[traceback.FrameSummary]) -> list[traceback.FrameSummary]:
    """The first 5 and last 35 frames of a longer stack (deep recursion)."""
    if len(frames) > MAX_TRACEBACK_FRAMES:
        return frames[:5] + frames[-(MAX_TRACEBACK_FRAMES - 5):]
    return frames


def user_traceback(exc: BaseException, keep: Callable[[traceback.FrameSummary], bool]) -> traceback.TracebackException:
    """Python's account of `exc` with only the frames `keep` accepts (capped), chained exceptions too:
    our own frames (the runner, the executor) are never shown."""
    te = traceback.TracebackException.from_exception(exc, capture_locals=False)
    te.stack = traceback.StackSummary.from_list(capped_frames([f for f in te.stack if keep(f)]))
    cause = te.__cause__ or te.__context__
    while cause is not None:
        cause.stack = traceback.StackSummary.from_list(capped_frames([f for f in cause.stack if keep(f)]))
        cause = cause.__cause__ or cause.__context__
    return te


def make_readable(info: dict[str, Any], exc: BaseException, memory_message: str) -> None:
    """Readable messages where Python's own say little (MemoryError has none; wasm32 limits sizes),
    and a SyntaxError as Python prints it, without our frames."""
    if isinstance(exc, MemoryError) and not str(exc):
        info["message"] = memory_message
        info["formatted"] = info["formatted"].rstrip("\n").removesuffix("MemoryError") + f"MemoryError: {memory_message}\n"
    if isinstance(exc, OverflowError) and "index-sized integer" in str(exc):
        info["message"] += WASM32_HINT
        info["formatted"] = info["formatted"].rstrip("\n") + WASM32_HINT + "\n"
    if isinstance(exc, SyntaxError):
        info["message"] = exc.msg
        info["formatted"] = "".join(traceback.format_exception_only(exc))
