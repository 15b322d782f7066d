"""stdout/stderr/stdin for a run: batched, capped output and a two-stage stdin.

Output goes to the host at once while the program writes slowly, and in
batches (one call per `interval`) once it writes fast, so a print loop does
not flood the message channel;
it is capped in lines and characters, after which text is dropped and the host
is told once that the output was truncated. The run keeps a capped copy of
stdout/stderr for its result.
"""

from __future__ import annotations

import base64
import io
import time
from typing import Callable

from _heal_common.text_output import TextOutput

# Flood guard: what the console and the run result keep at most.
DEFAULT_MAX_LINES = 10_000
DEFAULT_MAX_CHARS = 250_000
FLUSH_INTERVAL_S = 0.05
# Writes sent at once per interval before batching starts.
IMMEDIATE_FLUSHES = 20
# Figures (plots.py): at most this many per run, each at most this big as a data: URL.
MAX_IMAGES = 50
MAX_IMAGE_CHARS = 4_000_000

OutputCallback = Callable[[list[tuple[str, str]], bool], None]


class OutputSink:
    # The sink of the run in progress: where plots.py sends figures (a program's own
    # redirect_stdout must not swallow them).
    current: OutputSink | None = None

    def __init__(self, emit: OutputCallback, max_lines: int = DEFAULT_MAX_LINES,
                 max_chars: int = DEFAULT_MAX_CHARS, interval: float = FLUSH_INTERVAL_S) -> None:
        OutputSink.current = self
        self.images = 0
        self.emit = emit
        self.max_lines = max_lines
        self.max_chars = max_chars
        self.interval = interval
        self.immediate_flushes = IMMEDIATE_FLUSHES
        self.lines = 0
        self.chars = 0
        self.truncated = False
        self.truncation_reported = False
        self.pending: list[tuple[str, str]] = []
        self.kept: dict[str, list[str]] = {"stdout": [], "stderr": []}
        self.last_flush = time.perf_counter()
        self.window_start = self.last_flush
        self.window_flushes = 0

    def write(self, stream: str, text: str) -> None:
        if not text:
            return
        if self.truncated:
            return
        room_chars = self.max_chars - self.chars
        newlines = text.count("\n")
        if newlines > self.max_lines - self.lines or len(text) > room_chars:
            text = self._clip(text, room_chars)
            self.truncated = True
        self.lines += text.count("\n")
        self.chars += len(text)
        if stream != "stdin":
            self.kept[stream].append(text)
        if self.pending and self.pending[-1][0] == stream:
            self.pending[-1] = (stream, self.pending[-1][1] + text)
        else:
            self.pending.append((stream, text))
        now = time.perf_counter()
        if now - self.window_start >= self.interval:
            self.window_start, self.window_flushes = now, 0
        # Nothing in the worker can flush on a timer while Python runs, so text
        # goes out at once unless the program writes faster than the budget;
        # then it is batched per interval (a print loop stays cheap).
        if self.truncated or self.window_flushes < self.immediate_flushes or now - self.last_flush >= self.interval:
            self.window_flushes += 1
            self.flush()

    def write_image(self, mime: str, data: bytes) -> None:
        """A figure for the console, as its own ("image", data URL) chunk; over the caps a line says so."""
        url = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        if self.images >= MAX_IMAGES or len(url) > MAX_IMAGE_CHARS:
            self.write("stderr", f"[figure not shown: a run shows at most {MAX_IMAGES} figures of "
                                 f"{MAX_IMAGE_CHARS // 1_000_000} MB each]\n")
            return
        self.images += 1
        self.pending.append(("image", url))
        self.flush()

    def _clip(self, text: str, room_chars: int) -> str:
        room_lines = self.max_lines - self.lines
        clipped = text[: max(room_chars, 0)]
        if clipped.count("\n") > room_lines:
            cut = -1
            for _ in range(room_lines):
                cut = clipped.index("\n", cut + 1)
            clipped = clipped[: cut + 1] if room_lines > 0 else ""
        return clipped

    def flush(self) -> None:
        report_truncation = self.truncated and not self.truncation_reported
        if not self.pending and not report_truncation:
            return
        batch, self.pending = self.pending, []
        self.truncation_reported = self.truncation_reported or report_truncation
        self.last_flush = time.perf_counter()
        self.emit(batch, report_truncation)

    def text(self, stream: str) -> str:
        return "".join(self.kept[stream])


class OutputStream(TextOutput):
    """sys.stdout / sys.stderr replacement writing into an OutputSink."""

    def __init__(self, sink: OutputSink, stream: str) -> None:
        self.sink = sink
        self.stream = stream

    def _take(self, text: str) -> None:
        self.sink.write(self.stream, text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


class InputSource:
    """Pre-supplied stdin first; when it runs out, ask the host interactively.

    `ask(prompt)` returns the typed line (without newline) or None for EOF.
    Consumed lines are echoed to the console as stream "stdin" (not part of
    stdout), like a terminal would show what was typed.
    """

    def __init__(self, stdin: str, ask: Callable[[str], str | None], sink: OutputSink) -> None:
        self.buffer = stdin
        self.ask = ask
        self.sink = sink
        self.eof = False

    def readline(self, prompt: str = "") -> str:
        """One line including its newline, or '' at EOF."""
        if self.buffer:
            cut = self.buffer.find("\n")
            line, self.buffer = (self.buffer, "") if cut < 0 else (self.buffer[: cut + 1], self.buffer[cut + 1:])
            return line
        if self.eof:
            return ""
        self.sink.flush()
        answer = self.ask(prompt)
        if answer is None:
            self.eof = True
            return ""
        self.sink.write("stdin", answer + "\n")
        return answer + "\n"

    def input(self, prompt: object = "") -> str:
        text = str(prompt)
        if text:
            self.sink.write("stdout", text)
        line = self.readline(text)
        if not line:
            raise EOFError("EOF when reading a line")
        return line[:-1] if line.endswith("\n") else line


class StdinStream(io.TextIOBase):
    """sys.stdin replacement over an InputSource."""

    def __init__(self, source: InputSource) -> None:
        self.source = source

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        return self.source.readline()

    def read(self, size: int | None = -1) -> str:
        parts = []
        while True:
            line = self.source.readline()
            if not line:
                return "".join(parts)
            parts.append(line)

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.source.readline()
        if not line:
            raise StopIteration
        return line

    def isatty(self) -> bool:
        return False
