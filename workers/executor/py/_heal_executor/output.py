"""What the handling code printed (captured, capped, in order) and read, and how its errors are reported."""

from __future__ import annotations

import io
import traceback
from typing import Any

from _heal_common.display import make_readable, user_traceback
from _heal_common.text_output import TextOutput
from _heal_executor.prelude import PROGRAM_FILENAME

HANDLER_FILENAME = "<handling code>"
MAX_OUTPUT_CHARS = 100_000
MEMORY_ERROR_MESSAGE = (
    "out of memory: the handling code asked for more memory than the executor can give (WebAssembly memory is limited)"
)


class CappedText(TextOutput):
    """Keeps the first `limit` characters written; notes whether more came. With a `log`,
    what it keeps is also appended there as [stream, text], in order with the other stream."""

    def __init__(self, limit: int, stream: str = "", log: list[list[str]] | None = None) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit
        self.truncated = False
        self.stream = stream
        self.log = log

    def _take(self, text: str) -> None:
        room = self.limit - self.size
        if len(text) > room:
            self.truncated = True
        if room > 0:
            piece = text[:room]
            self.parts.append(piece)
            self.size += len(piece)
            if self.log is not None and piece:
                if self.log and self.log[-1][0] == self.stream:
                    self.log[-1][1] += piece
                else:
                    self.log.append([self.stream, piece])

    def getvalue(self) -> str:
        return "".join(self.parts)


INPUT_REFUSED = (
    "EOF when reading a line: the standard input given is used up, and code in the executor "
    "cannot ask you for more (handling code reads only what the program has left of its input)"
)


class FiniteStdin(io.TextIOBase):
    """sys.stdin for handling code: what is left of the program's test-case input, then end of
    file. `consumed` counts the characters read: the program does not read them again."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        start = self.consumed
        cut = self.text.find("\n", start)
        end = len(self.text) if cut < 0 else cut + 1
        if size is not None and size >= 0:
            end = min(end, start + size)
        self.consumed = end
        return self.text[start:end]

    def read(self, size: int | None = -1) -> str:
        start = self.consumed
        end = len(self.text) if size is None or size < 0 else min(len(self.text), start + size)
        self.consumed = end
        return self.text[start:end]

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def isatty(self) -> bool:
        return False

    def input(self, prompt: object = "") -> str:
        """builtins.input over this stdin: the prompt is printed; past the end, a clear refusal."""
        import sys

        text = str(prompt)
        if text:
            sys.stdout.write(text)
        line = self.readline()
        if not line:
            raise EOFError(INPUT_REFUSED)
        return line[:-1] if line.endswith("\n") else line


def _shown(frame: traceback.FrameSummary) -> bool:
    return frame.filename in (HANDLER_FILENAME, PROGRAM_FILENAME)


def error_info(exc: BaseException, phase: str) -> dict[str, Any]:
    """type, message, and Python's rendering with handling-code and program frames only."""
    te = user_traceback(exc, _shown)
    info: dict[str, Any] = {
        "type": type(exc).__name__,
        "message": str(exc),
        "formatted": "".join(te.format()),
        "phase": phase,
    }
    handler_frames = [f for f in te.stack if f.filename == HANDLER_FILENAME]
    if handler_frames:
        info["line"] = handler_frames[-1].lineno
    make_readable(info, exc, MEMORY_ERROR_MESSAGE)
    if isinstance(exc, SyntaxError) and exc.filename == HANDLER_FILENAME and exc.lineno is not None:
        info["line"] = exc.lineno
    return info
