"""How values and errors are shown: capped reprs, user-only tracebacks, readable messages.

One copy for the runner (the program's errors, the paused state) and the executor (the
handling code's errors), so both say the same thing the same way.
"""

from __future__ import annotations

import collections
import traceback
from typing import Any, Callable

MAX_REPR = 400
# Nesting levels shown; deeper containers show as [...] with an ellipsis inside.
MAX_DEPTH = 4
MAX_TRACEBACK_FRAMES = 40
WASM32_HINT = " (Python in the browser is 32-bit: sizes and indices must stay below 2**31, about 2 GB)"
FILL = "…"

_SEQUENCES = {
    list: ("[", "]"),
    tuple: ("(", ")"),
    set: ("{", "}"),
    frozenset: ("frozenset({", "})"),
    collections.deque: ("deque([", "])"),
}


class _Full(Exception):
    """The text reached MAX_REPR characters: nothing more is rendered."""


class _Text:
    def __init__(self, limit: int) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size > self.limit:
            raise _Full

    def value(self) -> str:
        return "".join(self.parts)


def _leaf(value: Any) -> str:
    """repr() of a value we do not walk, bounded before it is built where that is cheap."""
    if type(value) is str and len(value) > MAX_REPR:
        return repr(value[:MAX_REPR])[:-1]  # an open string: the cap adds the ellipsis
    if type(value) in (bytes, bytearray) and len(value) > MAX_REPR:
        return repr(type(value)(value[:MAX_REPR]))[: -1 if type(value) is bytes else -2]
    if type(value) is int and value.bit_length() > 3000:
        return f"<int of {value.bit_length():,} bits>"
    return repr(value)


def _render(value: Any, out: _Text, depth: int, open_: set[int]) -> None:
    kind = type(value)
    if kind in _SEQUENCES or kind is dict or kind is collections.OrderedDict or kind is collections.defaultdict:
        if id(value) in open_:
            out.add("[...]" if kind is list else "{...}" if kind in (dict, set) else "...")
            return
        if kind is collections.defaultdict:
            out.add(f"defaultdict({_leaf(value.default_factory)}, ")
        elif kind is collections.OrderedDict:
            out.add("OrderedDict(")
        if kind in _SEQUENCES:
            if not value and kind in (set, frozenset):
                out.add("set()" if kind is set else "frozenset()")
                return
            start, end = _SEQUENCES[kind]
            if kind is collections.deque and value.maxlen is not None:
                end = f"], maxlen={value.maxlen})"
        else:
            start, end = "{", "}" if kind is dict else "})"
        mapping = kind in (dict, collections.OrderedDict, collections.defaultdict)
        out.add(start)
        if value and depth >= MAX_DEPTH:
            out.add(FILL)
        elif value:
            open_.add(id(value))
            try:
                first = True
                for item in value.items() if mapping else value:
                    if not first:
                        out.add(", ")
                    first = False
                    if mapping:
                        _render(item[0], out, depth + 1, open_)
                        out.add(": ")
                        _render(item[1], out, depth + 1, open_)
                    else:
                        _render(item, out, depth + 1, open_)
                if kind is tuple and len(value) == 1:
                    out.add(",")
            finally:
                open_.discard(id(value))
        out.add(end)
        return
    out.add(_leaf(value))


def capped_repr(value: Any) -> str:
    """What repr() shows, in the same order (dicts in insertion order, sets as they iterate),
    capped only in length (MAX_REPR characters) and nesting depth (MAX_DEPTH); never raises.
    Builtin containers are walked here so that a huge one costs only what is shown."""
    out = _Text(MAX_REPR)
    try:
        _render(value, out, 0, set())
    except _Full:
        return out.value()[: MAX_REPR - 1] + FILL
    except Exception as err:  # a user __repr__ (or __iter__ of a changing set) may raise
        return f"<{type(value).__name__} object (repr failed: {type(err).__name__})>"
    text = out.value()
    return text if len(text) <= MAX_REPR else text[: MAX_REPR - 1] + FILL


def capped_frames(frames: list[traceback.FrameSummary]) -> list[traceback.FrameSummary]:
    """The first 5 and last 35 frames of a longer stack (deep recursion)."""
    if len(frames) > MAX_TRACEBACK_FRAMES:
        return frames[:5] + frames[-(MAX_TRACEBACK_FRAMES - 5) :]
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
        info["formatted"] = (
            info["formatted"].rstrip("\n").removesuffix("MemoryError") + f"MemoryError: {memory_message}\n"
        )
    if isinstance(exc, OverflowError) and "index-sized integer" in str(exc):
        info["message"] += WASM32_HINT
        info["formatted"] = info["formatted"].rstrip("\n") + WASM32_HINT + "\n"
    if isinstance(exc, SyntaxError):
        info["message"] = exc.msg
        info["formatted"] = "".join(traceback.format_exception_only(exc))
