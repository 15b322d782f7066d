"""stdout/stderr/stdin for a run: batched, capped output and a finite or interactive stdin.

Output goes to the host at once while the program writes slowly, and in
batches (one call per `interval`) once it writes fast, so a print loop does
not flood the message channel. It is capped in lines and characters: past the
cap the first part stays, the host is told once that the output was truncated,
and the last TAIL_LINES lines are kept and sent when the run ends, after a note
saying how much was left out between. The run keeps a copy of stdout/stderr
(head and tail) for its result.

Text written by handling code (a reused fix in the runner, or a merged heal's
output) carries the heal's pause index, so the console can mark where it came from:
a chunk is [stream, text] or [stream, text, heal].
"""

from __future__ import annotations

import collections
import base64
import io
import time
from typing import Callable

from _heal_common.text_output import TextOutput

# Flood guard: what the console and the run result keep at most (the head) ...
DEFAULT_MAX_LINES = 10_000
DEFAULT_MAX_CHARS = 250_000
# ... and past it, the last lines of the output (the tail).
TAIL_LINES = 200
TAIL_CHARS = 50_000
FLUSH_INTERVAL_S = 0.05
# Writes sent at once per interval before batching starts.
IMMEDIATE_FLUSHES = 20
# A line of the playground's own ("Stopped.", the omission marker), not the program's output.
NOTE = "system"
# Figures (plots.py): at most this many per run, each at most this big as a data: URL.
MAX_IMAGES = 50
MAX_IMAGE_CHARS = 4_000_000

OutputCallback = Callable[[list[list], bool], None]


class OutputSink:
    # The sink of the run in progress: where plots.py sends figures (a program's own
    # redirect_stdout must not swallow them).
    current: OutputSink | None = None

    def __init__(
        self,
        emit: OutputCallback,
        max_lines: int = DEFAULT_MAX_LINES,
        max_chars: int = DEFAULT_MAX_CHARS,
        interval: float = FLUSH_INTERVAL_S,
    ) -> None:
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
        self.pending: list[list] = []
        self.kept: dict[str, list[str]] = {"stdout": [], "stderr": []}
        self.last_flush = time.perf_counter()
        self.window_start = self.last_flush
        self.window_flushes = 0
        # The pause index of the heal whose handling code is writing now (None: the program).
        self.heal: int | None = None
        # Past the cap: the last lines, as [stream, text, heal] pieces, and what fell out of them.
        self.tail: collections.deque[list] = collections.deque()
        self.tail_lines = 0
        self.tail_chars = 0
        self.omitted_lines = 0
        self.omitted_chars = 0
        self.closed = False
        # The console's last line is unfinished (a prompt): a note starts on a line of its own.
        self.line_open = False

    def write(self, stream: str, text: str, heal: int | None = None) -> None:
        if not text or self.closed:
            return
        if heal is None:
            heal = self.heal
        if self.truncated:
            self._keep_tail(stream, text, heal)
            return
        room_chars = self.max_chars - self.chars
        newlines = text.count("\n")
        if newlines > self.max_lines - self.lines or len(text) > room_chars:
            head = self._clip(text, room_chars)
            rest = text[len(head) :]
            text = head
            self.truncated = True
            if rest:
                self._keep_tail(stream, rest, heal)
        self.lines += text.count("\n")
        self.chars += len(text)
        if text:
            self._add(stream, text, heal)
        now = time.perf_counter()
        if now - self.window_start >= self.interval:
            self.window_start, self.window_flushes = now, 0
        # Nothing in the worker can flush on a timer while Python runs, so text
        # goes out at once unless the program writes faster than the budget;
        # then it is batched per interval (a print loop stays cheap).
        if self.truncated or self.window_flushes < self.immediate_flushes or now - self.last_flush >= self.interval:
            self.window_flushes += 1
            self.flush()

    def _add(self, stream: str, text: str, heal: int | None) -> None:
        self.line_open = not text.endswith("\n")
        if stream in self.kept:
            self.kept[stream].append(text)
        last = self.pending[-1] if self.pending else None
        if last is not None and last[0] == stream and (last[2] if len(last) > 2 else None) == heal:
            last[1] += text
        else:
            self.pending.append([stream, text] if heal is None else [stream, text, heal])

    def _keep_tail(self, stream: str, text: str, heal: int | None) -> None:
        """Past the cap: keep the last TAIL_LINES lines (at most TAIL_CHARS characters)."""
        if stream not in self.kept:
            return  # the echo of typed input is not part of the output kept
        self.tail.append([stream, text, heal])
        self.tail_lines += text.count("\n")
        self.tail_chars += len(text)
        tail = self.tail
        excess = self.tail_lines - TAIL_LINES  # drop everything up to and including this many newlines
        while excess > 0:
            first = tail[0][1]
            lines = first.count("\n")
            if lines < excess or (lines == excess and first.endswith("\n")):
                self._omit(tail.popleft()[1])
                excess -= lines
                continue
            cut = 0
            for _ in range(excess):
                cut = first.index("\n", cut) + 1
            self._omit(first[:cut])
            tail[0][1] = first[cut:]
            break
        while self.tail_chars > TAIL_CHARS:
            first = tail[0][1]
            over = self.tail_chars - TAIL_CHARS
            if len(first) <= over:
                self._omit(tail.popleft()[1])
            else:
                self._omit(first[:over])
                tail[0][1] = first[over:]

    def _omit(self, text: str) -> None:
        lines = text.count("\n")
        self.tail_lines -= lines
        self.tail_chars -= len(text)
        self.omitted_lines += lines
        self.omitted_chars += len(text)

    def write_image(self, mime: str, data: bytes) -> None:
        """A figure for the console, as its own ("image", data URL) chunk; over the caps a line says so."""
        url = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        if self.images >= MAX_IMAGES or len(url) > MAX_IMAGE_CHARS:
            self.write(
                "stderr",
                f"[figure not shown: a run shows at most {MAX_IMAGES} figures of "
                f"{MAX_IMAGE_CHARS // 1_000_000} MB each]\n",
            )
            return
        self.images += 1
        self.pending.append(["image", url])
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

    def note(self, text: str) -> None:
        """A line of the playground's own in the console, in order with the output."""
        if not self.closed:
            self.pending.append([NOTE, ("\n" if self.line_open else "") + text])
            self.line_open = False
            self.flush()

    def flush(self) -> None:
        report_truncation = self.truncated and not self.truncation_reported
        if not self.pending and not report_truncation:
            return
        batch, self.pending = self.pending, []
        self.truncation_reported = self.truncation_reported or report_truncation
        self.last_flush = time.perf_counter()
        self.emit(batch, report_truncation)

    def close(self) -> None:
        """The run is over: the tail goes out after a note of what was left out before it."""
        if self.closed:
            return
        if self.omitted_lines or self.omitted_chars:
            # The head may end inside a line: the tail starts on a line of its own.
            if self.kept["stdout"] and not self.kept["stdout"][-1].endswith("\n"):
                self._add("stdout", "\n", None)
            self.pending.append(
                [
                    NOTE,
                    f"⋯ {self.omitted_lines:,} lines "
                    f"({self.omitted_chars:,} characters) of output left out; "
                    f"the last {self.tail_lines:,} lines follow ⋯\n",
                ]
            )
        for stream, text, heal in self.tail:
            if text:
                self._add(stream, text, heal)
        self.tail.clear()
        self.flush()
        self.closed = True

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


EOF_NOTE = (
    "The test case's standard input is used up: the program now reads end of file "
    "(the test case has an expected output, so the run is unattended).\n"
)
ASK_NOTE = "The test case's standard input is used up: the program now asks you for input.\n"


class InputSource:
    """Pre-supplied stdin first; when it runs out, end of file (an unattended run: the test
    case has an expected output) or ask the host interactively.

    `ask(prompt)` returns the typed line (without newline) or None for EOF.
    Consumed lines are echoed to the console as stream "stdin" (not part of
    stdout), like a terminal would show what was typed. The console is told once,
    in order with the output, which of the two happens when the supplied input runs out.
    """

    def __init__(
        self, stdin: str, ask: Callable[[str], str | None], sink: OutputSink, interactive: bool = True
    ) -> None:
        self.buffer = stdin
        self.ask = ask
        self.sink = sink
        self.interactive = interactive
        self.eof = False
        # Interactive with no supplied input: nothing "runs out" (the prompt shows); unattended: say it.
        self.told = interactive and not stdin

    def remaining(self) -> str:
        """What is left of the supplied input (handling code at a pause reads from here)."""
        return self.buffer

    def consume(self, count: int) -> None:
        """Handling code read `count` characters of the remaining input: the program will not."""
        self.buffer = self.buffer[count:]

    def _tell(self) -> None:
        """Once, when the supplied input runs out: what happens next, in the console."""
        if not self.told and not self.buffer:
            self.told = True
            self.sink.note(ASK_NOTE if self.interactive else EOF_NOTE)

    def readline(self, prompt: str = "") -> str:
        """One line including its newline, or '' at EOF."""
        if self.buffer:
            cut = self.buffer.find("\n")
            line, self.buffer = (self.buffer, "") if cut < 0 else (self.buffer[: cut + 1], self.buffer[cut + 1 :])
            return line
        if self.eof:
            return ""
        self._tell()
        if not self.interactive:
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
        self._tell()  # before the prompt, so the prompt stays next to what is typed
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
