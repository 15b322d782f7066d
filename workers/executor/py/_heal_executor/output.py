"""What the handling code printed (captured, capped) and how its errors are reported."""

from __future__ import annotations

import traceback
from typing import Any

from _heal_common.display import make_readable, user_traceback
from _heal_common.text_output import TextOutput
from _heal_executor.prelude import PROGRAM_FILENAME

HANDLER_FILENAME = "<handling code>"
MAX_OUTPUT_CHARS = 100_000
MEMORY_ERROR_MESSAGE = ("out of memory: the handling code asked for more memory than the executor can give "
                        "(WebAssembly memory is limited)")


class CappedText(TextOutput):
    """Keeps the first `limit` characters written; notes whether more came."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit
        self.truncated = False

    def _take(self, text: str) -> None:
        room = self.limit - self.size
        if len(text) > room:
            self.truncated = True
        if room > 0:
            piece = text[:room]
            self.parts.append(piece)
            self.size += len(piece)

    def getvalue(self) -> str:
        return "".join(self.parts)


def _shown(frame: traceback.FrameSummary) -> bool:
    return frame.filename in (HANDLER_FILENAME, PROGRAM_FILENAME)


def error_info(exc: BaseException, phase: str) -> dict[str, Any]:
    """type, message, and Python's rendering with handling-code and program frames only."""
    te = user_traceback(exc, _shown)
    info: dict[str, Any] = {"type": type(exc).__name__, "message": str(exc),
                            "formatted": "".join(te.format()), "phase": phase}
    handler_frames = [f for f in te.stack if f.filename == HANDLER_FILENAME]
    if handler_frames:
        info["line"] = handler_frames[-1].lineno
    make_readable(info, exc, MEMORY_ERROR_MESSAGE)
    if isinstance(exc, SyntaxError) and exc.filename == HANDLER_FILENAME and exc.lineno is not None:
        info["line"] = exc.lineno
    return info
