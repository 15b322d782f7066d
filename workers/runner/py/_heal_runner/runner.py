"""Run a user program with statement-level heal hooks.

The host (the JavaScript side, or a Python object in tests) provides:
    host.output(batch_json, truncated)   stream output; batch is [[stream, text], ...]
    host.pause(context_json)             -> answer json (or a JS Promise of it under JSPI)
    host.ask_input(prompt)               -> '{"text": ...}' | '{"eof": true}' | '{"stop": true}'
                                            (or a Promise of it)
    host.sleep(seconds)                  optional: time.sleep for the program, woken by Stop
                                            (returns at once or a Promise)
Blocking works either way: a Promise is waited for with pyodide's run_sync
(JSPI), a plain string came back synchronously (Atomics.wait on the host side).
"""

from __future__ import annotations

import builtins
import itertools
import json
import linecache
import sys
import textwrap
import time
import traceback
import types
from typing import Any

from _heal_common.display import make_readable, user_traceback
from _heal_common.parse_guard import compile_source
from _heal_runner import bindings, interpreter_baseline, state
from _heal_runner.instrument import (
    BUILTIN_EXCEPTIONS,
    HOOK_NAME,
    LOOP_CONTROL_NAME,
    PASSTHROUGH_NAME,
    RETURN_VALUE_NAME,
    Instrumented,
    Statement,
    instrument_source,
)
from _heal_runner.streams import InputSource, OutputSink, OutputStream, StdinStream

# What a pause sends of the remaining test-case input at most (handling code reads from it).
MAX_PAUSE_STDIN = 1_000_000

# Bound once: a program that replaces json.dumps/loads must not garble the runner's own messages.
_dumps, _loads = json.dumps, json.loads

USER_FILENAME = "main.py"
HANDLER_FILENAME = "<handling code>"
# Individual timings of reused fixes kept per run (counts are always complete).
MAX_REUSE_DETAILS = 10_000
PROGRESS_EVERY_S = 0.1
_MISSING = object()
MEMORY_ERROR_MESSAGE = (
    "out of memory: the program asked for more memory than Python in the browser can give "
    "(WebAssembly memory is limited to a few GB)"
)
PASSTHROUGH = (StopIteration, StopAsyncIteration)
# Heal actions on the loop around the failing statement: end this iteration, or the loop.
LOOP_CONTROLS = ("continue", "break")
# Leave the function the statement is in, returning what the heal bound to __return__.
RETURN_CONTROL = "return"

# Exceptions that are part of a dunder protocol when raised in these methods
# (hasattr(), old-style iteration): the caller handles them in C.
_PROTOCOL_EXCEPTIONS = {
    "__getattr__": AttributeError,
    "__getattribute__": AttributeError,
    "__get__": AttributeError,
    "__getitem__": IndexError,
}


def _wait(value: Any) -> Any:
    """A JS Promise (JSPI host) is awaited by stack switching; a plain value is returned."""
    if hasattr(value, "then"):
        from pyodide.ffi import run_sync  # only under Pyodide with JSPI

        return run_sync(value)
    return value


def _recursing(frame: types.FrameType) -> bool:
    """True when frame's function also runs further up the stack."""
    code, caller = frame.f_code, frame.f_back
    while caller is not None:
        if caller.f_code is code:
            return True
        caller = caller.f_back
    return False


class StopRequested(KeyboardInterrupt):
    """The user pressed Stop while the program waited for input or at a pause."""


def _in_program(frame: traceback.FrameSummary) -> bool:
    return frame.filename == USER_FILENAME


def error_info(exc: BaseException) -> dict[str, Any]:
    """Error type, message, user-only traceback (list and formatted text)."""
    te = user_traceback(exc, _in_program)  # chained exceptions come from the program too: user-only as well
    user = list(te.stack)
    info: dict[str, Any] = {
        "type": type(exc).__name__,
        "message": str(exc),
        "traceback": [
            {"line": f.lineno, "endLine": f.end_lineno, "name": f.name, "text": (f.line or "").strip()} for f in user
        ],
        "formatted": "".join(te.format()),
    }
    if user:
        info["line"] = user[-1].lineno
    make_readable(info, exc, MEMORY_ERROR_MESSAGE)
    if isinstance(exc, SyntaxError):
        info["line"] = exc.lineno
        info["col"] = exc.offset
        info["endLine"] = exc.end_lineno
        info["endCol"] = exc.end_offset
    return info


def check_syntax(source: str) -> str:
    """JSON {ok, error?} for the editor's as-you-type markers."""
    try:
        compile_source(source, USER_FILENAME, "exec", dont_inherit=True)
        return _dumps({"ok": True})
    except (SyntaxError, ValueError) as err:
        if isinstance(err, SyntaxError):
            return _dumps({"ok": False, "error": error_info(err)})
        return _dumps({"ok": False, "error": {"type": "ValueError", "message": str(err), "line": 1, "col": 1}})


class Run:
    def __init__(self, host: Any, request: dict[str, Any]) -> None:
        self.host = host
        self.source: str = request["code"]
        self.instrumented: bool = request.get("instrument", True)
        self.expected: str | None = request.get("expectedOutput")
        limits = request.get("outputLimits") or {}
        self.sink = OutputSink(
            self._emit,
            **{k: v for k, v in (("max_lines", limits.get("maxLines")), ("max_chars", limits.get("maxChars"))) if v},
        )
        # Past the test case's input: end of file when the run is unattended (an expected output
        # is given), else the user is asked.
        at_end = request.get("stdinAtEnd") or ("eof" if self.expected is not None else "ask")
        self.stdin = InputSource(request.get("stdin") or "", self._ask_input, self.sink, interactive=at_end != "eof")
        self.meta: Instrumented | None = None
        self.handles = state.HandleTable()
        self.heals: list[dict[str, Any]] = []
        # Reuses of accepted fixes: counted per (statement, error type), with the first
        # MAX_REUSE_DETAILS timings kept (a heal storm keeps memory bounded).
        self.reuse_groups: dict[tuple[int, str], dict[str, Any]] = {}
        self.reuse_details = 0
        self.heal_s = 0.0  # inside the hook, pauses included
        self.progress_at = 0.0
        self.pending_return: list[Any] = []
        self.paused_s = 0.0
        self.exec_s = 0.0
        self.hook_started = 0.0
        self.handler_code_cache: dict[str, Any] = {}
        # Caches for the decline decision, keyed by id() with the object kept to check identity.
        self._scopes_by_code: dict[int, tuple[Any, Any]] = {}
        self._region_checks: dict[tuple[str, int], list[tuple[str | None, tuple[str, ...] | None]]] = {}
        self._handled_union: tuple[type, ...] | None = None
        self._handled_by_instruction: dict[tuple[int, int], tuple[Any, tuple[type, ...]]] = {}
        self._statements_by_scope: dict[str, list[Statement]] | None = None
        self._static_by_line: dict[tuple[int, int | None], tuple[Any, tuple[str, ...], tuple[type, ...]]] = {}
        # Accepted handling code by (statement id, error type), reused in the failing frame,
        # with the pause index of the heal that accepted it (its output is marked with it)
        # and its loop action (None, "continue" or "break").
        self.accepted: dict[tuple[int, str], tuple[Any, int, str | None]] = {}
        # The loop action of the heal that just ran, read once by the statement's wrapper.
        self.pending_control: str | None = None
        # What the last handling code run in the frame raised (_exec_in_frame returned None).
        self.exec_failure: BaseException | None = None
        self.bound_names: bindings.StatementBindings | None = None
        # Modules the last pause's state named: the only ones (besides allowlisted stdlib) a merge may bind.
        self.state_modules: dict[str, types.ModuleType] = {}
        self.finished = False  # the program is over: errors in its finalizers no longer pause

    # -- host calls -----------------------------------------------------------
    def _emit(self, batch: list[tuple[str, str]], truncated: bool) -> None:
        self.host.output(_dumps(batch), truncated)

    def _ask_input(self, prompt: str) -> str | None:
        started = time.perf_counter()
        answer = _loads(_wait(self.host.ask_input(prompt)))
        self.paused_s += time.perf_counter() - started
        if answer.get("stop"):
            raise StopRequested()
        return None if answer.get("eof") else str(answer.get("text", ""))

    # -- the hook -------------------------------------------------------------
    def hook(self, sid: int) -> bool:
        """Called in a wrapper's `except Exception`. True: re-raise unchanged."""
        exc = sys.exception()
        if exc is None or self.finished or getattr(exc, "__heal_declined__", False):
            return True
        frame = sys._getframe(1)
        if isinstance(exc, RecursionError) and _recursing(frame):
            # Pause at the outermost call of the recursive cycle: the bottom of
            # the stack has no room left (in Pyodide not even JavaScript's).
            return True
        statement = self.meta.statements[sid]
        try:
            if statement.pure:
                # The common case instrumentation cannot decide, inline (each call counts here):
                # builtin types the caller handles, where the walk in _declines would end, with
                # no program code to run on the way (the checks in this function are pure).
                caller = frame.f_back
                if caller is not None:
                    code, line = caller.f_code, caller.f_lineno
                    known = self._static_by_line.get((id(code), line))
                    if known is None or known[0] is not code:
                        known = self._static_by_line[(id(code), line)] = (code, *self._static_handlers(caller, line))
                    if known[2] and isinstance(exc, known[2]):
                        for name in known[1]:
                            if name in caller.f_globals:
                                break  # rebound by the program at run time: _handled_in evaluates it
                        else:
                            return self._decline(exc)
            self.hook_started = time.perf_counter()
            if self._declines(exc, frame, statement):
                return self._decline(exc)
        except Exception:
            return self._decline(exc)
        key = (sid, type(exc).__name__)
        fix = self.accepted.get(key)
        if fix is not None:
            if self._reuse(fix, exc, frame, statement):
                return False
            del self.accepted[key]  # it raised this time: the full path decides, once more
        return self._heal(exc, frame, statement, key)

    def _heal(self, exc: BaseException, frame: types.FrameType, statement: Statement, key: tuple[int, str]) -> bool:
        """A pause: the host's answer decides (lookahead.py answers here itself)."""
        try:
            answer = self._pause(exc, frame, statement)
        except Exception as internal:  # never let our own failure replace the user's error
            self.sink.write("stderr", f"[heal] could not pause: {type(internal).__name__}: {internal}\n")
            return self._decline(exc)
        action = answer.get("action")
        if action == "stop":
            raise StopRequested()
        if action != "merge":
            self._record(statement, exc, "raise", [])
            return self._decline(exc)
        pause_index = len(self.heals)
        try:
            output, consumed = state.merge_effects(answer, len(self.stdin.remaining()))
            changed, value, has_value = state.merge(frame, answer, self.handles, self.state_modules)
        except state.MergeRefused as refused:  # not data this program may take: nothing was changed
            self.sink.write("stderr", f"[heal] merge refused, nothing was changed: {refused}\n")
            self._record(statement, exc, "raise", [])
            return self._decline(exc)
        except Exception as refused:  # e.g. a program class's __hash__ raised while rebuilding a dict
            self.sink.write("stderr", f"[heal] merge failed: {type(refused).__name__}: {refused}\n")
            self._record(statement, exc, "raise", [])
            return self._decline(exc)
        # What the handling code printed and read is part of the program's run, as if the
        # statement had done it: its output in order (marked as the heal's), its input consumed.
        for stream, text in output:
            self.sink.write(stream, text, heal=pause_index)
        self.stdin.consume(consumed)
        control = self._control(answer.get("control"), statement)
        if statement.kind == "Return" or control == RETURN_CONTROL:
            self.pending_return.append(value if has_value else None)
        self._record(statement, exc, "merge", changed)
        reuse = answer.get("reuse")
        if isinstance(reuse, str):
            # Accepted handling code has the program's own trust level: the next time this
            # statement fails with this error type, it runs here, in the failing frame.
            try:
                self.accepted[key] = (compile(reuse, HANDLER_FILENAME, "exec", dont_inherit=True), pause_index, control)
            except (SyntaxError, ValueError):
                pass
        self.pending_control = control
        return False

    @staticmethod
    def _control(control: Any, statement: Statement) -> str | None:
        """The control action of an answer: a loop action when the statement is in a loop,
        leaving the function when it is in one (else none)."""
        if control in LOOP_CONTROLS:
            return control if statement.loop is not None else None
        return control if control == RETURN_CONTROL and statement.returns is not None else None

    def loop_control(self, word: str) -> bool:
        """Asked by a wrapper right after a heal: end the iteration or the loop, or leave the function?"""
        if self.pending_control != word:
            return False
        self.pending_control = None
        return True

    def _reuse(
        self, fix: tuple[Any, int, str | None], exc: BaseException, frame: types.FrameType, statement: Statement
    ) -> bool:
        """Accepted handling code again, in the failing frame (see _exec_in_frame), with its
        loop action. False when the code raised."""
        code, heal, control = fix
        changed = self._exec_in_frame(code, heal, frame, statement, control)
        if changed is None:
            return False
        self._record(statement, exc, "reuse", changed)
        self.pending_control = control
        return True

    def _exec_in_frame(
        self, code: Any, heal: int, frame: types.FrameType, statement: Statement, control: str | None = None
    ) -> list[str] | None:
        """Runs accepted handling code in the failing frame itself (accepted code has the
        program's trust level): at module level in the globals, in a function with the frame's
        locals (PEP 667 write-through) over its globals; names it creates that are not locals
        of the function go to the globals, as a merge does. Only the names the code itself
        uses are compared, so a reuse costs the same whatever the program's size. None when
        the code raised, else the names it changed. Its output goes to the program's, marked
        as the accepting heal's; its input() reads the program's."""
        namespace = frame.f_globals
        module_level = frame.f_code.co_name == "<module>" and frame.f_locals is namespace
        locals_ = None if module_level else frame.f_locals
        names = code.co_names
        scopes = (namespace,) if locals_ is None else (locals_, namespace)
        before = [tuple(scope.get(name, _MISSING) for scope in scopes) for name in names]
        self.sink.heal = heal
        try:
            exec(code, namespace, locals_) if locals_ is not None else exec(code, namespace)
        except Exception as err:
            self.exec_failure = err
            return None
        finally:
            self.sink.heal = None
        changed: list[str] = []
        value, has_value = None, False
        fast = frame.f_code.co_varnames + frame.f_code.co_cellvars + frame.f_code.co_freevars
        for name, old in zip(names, before):
            if locals_ is not None and name not in fast and name in locals_:
                moved = locals_.pop(name)  # an extra local the function could never see
                if name == state.RETURN_BINDING:
                    value, has_value = moved, True
                    continue
                namespace[name] = moved
            now = tuple(scope.get(name, _MISSING) for scope in scopes)
            if any(a is not b for a, b in zip(old, now)):
                changed.append(name)
        if module_level and state.RETURN_BINDING in namespace:
            namespace.pop(state.RETURN_BINDING)
        if statement.kind == "Return" or control == RETURN_CONTROL:
            self.pending_return.append(value if has_value else None)
        return changed

    def _decline(self, exc: BaseException) -> bool:
        try:
            exc.__heal_declined__ = True  # outer wrappers re-raise without asking again
        except Exception:
            pass
        return True

    def _record(self, statement: Statement, exc: BaseException, action: str, changed: list[str]) -> None:
        now = time.perf_counter()
        elapsed = now - self.hook_started
        self.heal_s += elapsed
        if action == "reuse":
            self._count_reuse(statement, exc, changed, elapsed)
            if now - self.progress_at > PROGRESS_EVERY_S:
                self._report_progress(now)
            return
        self.heals.append(
            {
                "sid": statement.sid,
                "line": statement.lineno,
                "endLine": statement.end_lineno,
                "errorType": type(exc).__name__,
                "message": str(exc),
                "action": action,
                "changed": changed,
                "roundTripMs": round(elapsed * 1000, 3),
            }
        )

    def _count_reuse(self, statement: Statement, exc: BaseException, changed: list[str], elapsed: float) -> None:
        key = (statement.sid, type(exc).__name__)
        group = self.reuse_groups.get(key)
        if group is None:
            group = self.reuse_groups[key] = {
                "sid": statement.sid,
                "line": statement.lineno,
                "endLine": statement.end_lineno,
                "errorType": key[1],
                "message": str(exc),
                "count": 0,
                "totalMs": 0.0,
                "changed": [],
                "timesMs": [],
            }
        group["count"] += 1
        group["totalMs"] += elapsed * 1000
        for name in changed:
            if name not in group["changed"]:
                group["changed"].append(name)
        if self.reuse_details < MAX_REUSE_DETAILS:
            self.reuse_details += 1
            group["timesMs"].append(round(elapsed * 1000, 4))

    def _report_progress(self, now: float) -> None:
        """Heal time so far, for the host's time limit (heal time is not program time) and a
        live count of reused fixes; reuses happen without any other message to the host."""
        self.progress_at = now
        report = getattr(self.host, "progress", None)
        if report is None:
            return
        reused = sum(group["count"] for group in self.reuse_groups.values())
        try:
            report(_dumps({"healWorkMs": round((self.heal_s - self.paused_s) * 1000, 3), "reused": reused}))
        except Exception:
            pass  # a host that cannot take it loses a progress report, never the run

    def _pause(self, exc: BaseException, frame: types.FrameType, statement: Statement) -> dict[str, Any]:
        self.sink.flush()
        self.state_modules = {}
        lines = self.source.splitlines()
        context = {
            "sid": statement.sid,
            "line": statement.lineno,
            "endLine": statement.end_lineno,
            "col": statement.col,
            "endCol": statement.end_col,
            "statement": textwrap.dedent("\n".join(lines[statement.lineno - 1 : statement.end_lineno])),
            "kind": statement.kind,
            "function": frame.f_code.co_name,
            "error": error_info(exc),
            "state": state.capture(frame, self.handles, self.state_modules),
            "pauseIndex": len(self.heals),
            # What is left of the test case's input: handling code reads from here.
            "stdin": self.stdin.remaining()[:MAX_PAUSE_STDIN],
            "binds": self._binds(statement),
            "frames": state.stack_frames(frame, exc, USER_FILENAME),
        }
        if statement.loop is not None:
            # A heal may also end this iteration or the loop (answer "control").
            context["loop"] = {"kind": statement.loop[0], "line": statement.loop[1]}
        if statement.returns is not None:
            # A heal may also leave the function (answer "control": "return"), e.g. with one of these.
            context["returns"] = list(statement.returns)
        started = time.perf_counter()
        answer = _loads(_wait(self.host.pause(_dumps(context))))
        self.paused_s += time.perf_counter() - started
        return answer

    def _binds(self, statement: Statement) -> list[str]:
        """Names the failing statement would have bound (the review warns when a heal leaves them)."""
        try:
            if self.bound_names is None:
                self.bound_names = bindings.StatementBindings(self.source)
            return self.bound_names.names(statement.lineno, statement.col, statement.kind)
        except Exception:  # only for the review: never let it cost the pause
            return []

    # -- declining --------------------------------------------------------------
    def _declines(self, exc: BaseException, frame: types.FrameType, statement: Statement) -> bool:
        if self._handled_before(exc):
            return True
        protocol = _PROTOCOL_EXCEPTIONS.get(frame.f_code.co_name)
        if protocol is not None and isinstance(exc, protocol):
            return True
        if self._raised_deliberately(exc, frame):
            return True
        line = statement.lineno
        current: types.FrameType | None = frame
        while current is not None:
            if current.f_code.co_filename == USER_FILENAME and self._handled_in(exc, current, line):
                return True
            current = current.f_back
            line = current.f_lineno if current is not None else 0
        return False

    def _raised_deliberately(self, exc: BaseException, frame: types.FrameType) -> bool:
        """The exception came from a `raise` statement in the failing frame itself."""
        tb = exc.__traceback__
        last = None
        while tb is not None:
            last = tb
            tb = tb.tb_next
        if last is None or last.tb_frame is not frame:
            return False
        scope = self._scope_of(frame)
        return scope is not None and any(a <= last.tb_lineno <= b for a, b in scope.raise_spans)

    def _scope_of(self, frame: types.FrameType):
        code = frame.f_code
        known = self._scopes_by_code.get(id(code))
        if known is None or known[0] is not code:
            scope = self.meta.scopes.get(f"{code.co_name}:{code.co_firstlineno}")
            known = self._scopes_by_code[id(code)] = (code, scope)
        return known[1]

    def _handled_in(self, exc: BaseException, frame: types.FrameType, line: int) -> bool:
        scope = self._scope_of(frame)
        if scope is None:
            return False
        checks = self._region_checks.get((scope.key, line))
        if checks is None:
            checks = [
                (handler, names)
                for region in scope.regions
                if region.start <= line <= region.end
                for handler, names in zip(region.handlers, region.handler_names or [None] * len(region.handlers))
            ]
            self._region_checks[(scope.key, line)] = checks
        for handler, names in checks:
            if handler is None:
                return True
            try:
                if names is not None and not any(name in frame.f_globals for name in names):
                    # Builtin classes the program never binds: what eval would find, without copying the locals.
                    builtins_ = frame.f_builtins
                    types_ = tuple(builtins_[name] for name in names)
                else:
                    code = self.handler_code_cache.get(handler)
                    if code is None:
                        code = self.handler_code_cache[handler] = compile_source(handler, "<handler>", "eval")
                    types_ = eval(code, frame.f_globals, dict(frame.f_locals))
                if isinstance(exc, types_) or isinstance(exc, BaseExceptionGroup):
                    return True
            except Exception:
                continue  # the handler expression itself fails: it would not catch ours
        return False

    def _static_handlers(self, frame: types.FrameType, line: int | None) -> tuple[tuple[str, ...], tuple[type, ...]]:
        """The builtin types the handlers around `line` name, when evaluating every handler
        there (as _handled_in does) runs no program code; else nothing."""
        scope = self._scope_of(frame) if frame.f_code.co_filename == USER_FILENAME else None
        if scope is None or line is None:
            return (), ()
        regions = [region for region in scope.regions if region.start <= line <= region.end]
        if not all(region.pure for region in regions):
            return (), ()
        names = tuple(name for region in regions for group in region.handler_names if group for name in group)
        return names, tuple(BUILTIN_EXCEPTIONS[name] for name in names)

    def _handled_before(self, exc: BaseException) -> bool:
        """The exception already went through a wrapper that passed it to the program's own
        handler without asking (a statically handled type, see instrument.py): there the hook
        would have declined and marked it. The traceback tells: an entry whose instruction's
        innermost wrapper handles this type."""
        union = self._handled_union
        if union is None:
            union = self._handled_union = tuple(
                {BUILTIN_EXCEPTIONS[name] for statement in self.meta.statements.values() for name in statement.handled}
            )
        if not union or not isinstance(exc, union) or isinstance(exc, RecursionError):
            return False
        tb = exc.__traceback__
        while tb is not None:
            handled = self._handled_at_cached(tb.tb_frame.f_code, tb.tb_lasti)
            if handled and isinstance(exc, handled):
                return True
            tb = tb.tb_next
        return False

    def _handled_at_cached(self, code: types.CodeType, lasti: int) -> tuple[type, ...]:
        known = self._handled_by_instruction.get((id(code), lasti))
        if known is None or known[0] is not code:
            known = self._handled_by_instruction[(id(code), lasti)] = (code, self._handled_at(code, lasti))
        return known[1]

    def _handled_at(self, code: types.CodeType, lasti: int) -> tuple[type, ...]:
        """Types the wrapper innermost around instruction `lasti` of `code` re-raises without the hook."""
        if code.co_filename != USER_FILENAME or lasti < 0:
            return ()
        if self._statements_by_scope is None:
            self._statements_by_scope = {}
            for statement in self.meta.statements.values():
                self._statements_by_scope.setdefault(statement.scope, []).append(statement)
        statements = self._statements_by_scope.get(f"{code.co_name}:{code.co_firstlineno}", [])
        if not any(statement.handled for statement in statements):
            return ()
        # co_positions() has one entry per 2-byte code unit; lasti is a byte offset.
        position = next(itertools.islice(code.co_positions(), lasti // 2, None), None)
        if position is None:
            return ()
        line, end_line, col, end_col = position
        if line is None or end_line is None or col is None or end_col is None:
            return ()
        innermost: Statement | None = None
        for statement in statements:
            first_line, first_col, last_line, last_col = statement.span
            if (first_line, first_col) <= (line, col) and (end_line, end_col) <= (last_line, last_col):
                if innermost is None or statement.span[:2] > innermost.span[:2]:
                    innermost = statement
        if innermost is None:
            return ()
        return tuple(BUILTIN_EXCEPTIONS[name] for name in innermost.handled)

    def return_value(self) -> Any:
        return self.pending_return.pop() if self.pending_return else None

    # -- running ----------------------------------------------------------------
    def execute(self) -> dict[str, Any]:
        started = time.perf_counter()
        saved = (sys.stdout, sys.stderr, sys.stdin, builtins.input, sys.modules.get("__main__"), time.sleep)
        module = types.ModuleType("__main__")
        module.__file__ = USER_FILENAME
        module.__builtins__ = builtins
        linecache.cache[USER_FILENAME] = (len(self.source), None, self.source.splitlines(True), USER_FILENAME)
        result: dict[str, Any] = {"status": "finished"}
        try:
            sys.stdout = OutputStream(self.sink, "stdout")
            sys.stderr = OutputStream(self.sink, "stderr")
            sys.stdin = StdinStream(self.stdin)
            builtins.input = self.stdin.input
            time.sleep = self._sleeper(time.sleep)
            setattr(builtins, HOOK_NAME, self.hook)
            setattr(builtins, PASSTHROUGH_NAME, PASSTHROUGH)
            setattr(builtins, RETURN_VALUE_NAME, self.return_value)
            setattr(builtins, LOOP_CONTROL_NAME, self.loop_control)
            sys.modules["__main__"] = module
            try:
                if self.instrumented:
                    self.meta, code = instrument_source(self.source, USER_FILENAME)
                else:
                    code = compile_source(self.source, USER_FILENAME, "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as err:
                return self._result({"status": "error", "error": error_info(err)}, started)
            exec_started = time.perf_counter()
            try:
                exec(code, module.__dict__)
            finally:
                self.exec_s = time.perf_counter() - exec_started
        except KeyboardInterrupt as stop:
            result = {"status": "stopped"}
            at = _stopped_at(stop)
            if at is not None:
                result["stoppedAt"] = at
        except SystemExit as exit_:
            code_ = exit_.code
            if code_ not in (None, 0) and not isinstance(code_, int):
                self.sink.write("stderr", f"{code_}\n")
            result = {
                "status": "finished",
                "exitCode": code_ if isinstance(code_, int) else (0 if code_ is None else 1),
            }
        except BaseException as exc:  # the program's unhandled error
            result = {"status": "error", "error": error_info(exc)}
            self.sink.write("stderr", result["error"]["formatted"])
        finally:
            # The program's globals go now, while its output still reaches the run: finalizers
            # of its objects run here rather than in the middle of a later run.
            self.finished = True
            module.__dict__.clear()
            sys.stdout, sys.stderr, sys.stdin, builtins.input, main, time.sleep = saved
            for name in (HOOK_NAME, PASSTHROUGH_NAME, RETURN_VALUE_NAME, LOOP_CONTROL_NAME):
                if hasattr(builtins, name):
                    delattr(builtins, name)
            if main is not None:
                sys.modules["__main__"] = main
        return self._result(result, started)

    def _sleeper(self, python_sleep: Any) -> Any:
        """time.sleep for the program: the host waits, and Stop wakes it at once (Pyodide's own
        sleep under JSPI only notices Stop when the sleep ends, and inside its event loop)."""
        host_sleep = getattr(self.host, "sleep", None)
        if host_sleep is None:
            return python_sleep

        def sleep(secs: Any) -> None:
            if type(secs) not in (int, float) or not secs >= 0:
                return python_sleep(secs)  # what Python says about -1, NaN or "1"
            _wait(host_sleep(float(secs)))

        sleep.__doc__ = python_sleep.__doc__
        sleep.__name__ = sleep.__qualname__ = "sleep"
        sleep.__module__ = "time"
        return sleep

    def _result(self, result: dict[str, Any], started: float) -> dict[str, Any]:
        self.sink.close()
        result.update(
            {
                "stdout": self.sink.text("stdout"),
                "stderr": self.sink.text("stderr"),
                "truncated": self.sink.truncated,
                "heals": self.heals,
                "reuses": [{**group, "totalMs": round(group["totalMs"], 3)} for group in self.reuse_groups.values()],
                "durationMs": round((time.perf_counter() - started) * 1000, 3),
                "pausedMs": round(self.paused_s * 1000, 3),
                "healMs": round(self.heal_s * 1000, 3),
                "execMs": round(self.exec_s * 1000, 3),
            }
        )
        if self.sink.omitted_lines or self.sink.omitted_chars:
            result["omitted"] = {"lines": self.sink.omitted_lines, "chars": self.sink.omitted_chars}
        # PROCEED and CORRECT are the host's: one comparison rule, in workers/shared/output-compare.ts.
        if self.meta is not None:
            result["statements"] = len(self.meta.statements)
        return result


def _stopped_at(stop: BaseException) -> dict[str, Any] | None:
    """The user's line a Stop (or the time limit) interrupted: the console names it, never our frames."""
    frames = list(user_traceback(stop, _in_program).stack)
    if not frames:
        return None
    last = frames[-1]
    return {"line": last.lineno, "endLine": last.end_lineno, "name": last.name, "text": (last.line or "").strip()}


_pending_restore: interpreter_baseline.Baseline | None = None


def run(host: Any, request_json: str, restore: bool = True) -> str:
    """Runs one program; afterwards the interpreter is put back as it was before the first run
    (interpreter_baseline), so nothing a program changed reaches the next one. With restore
    False the host answers first and calls restore_pending() right after (a Stop is then
    shown at once); nothing else may run in between."""
    global _pending_restore
    clean = interpreter_baseline.baseline()
    try:
        result = Run(host, _loads(request_json)).execute()
    except BaseException:
        _restore_into({}, clean)
        raise
    if restore:
        _restore_into(result, clean)
    else:
        _pending_restore = clean
    return _dumps(result)


def restore_pending() -> str:
    """The restore a run left to the host (run(restore=False)): JSON {restoreMs, tainted?}."""
    global _pending_restore
    clean, _pending_restore = _pending_restore, None
    report: dict[str, Any] = {}
    if clean is not None:
        _restore_into(report, clean)
    return _dumps(report)


def _restore_into(result: dict[str, Any], clean: interpreter_baseline.Baseline) -> None:
    started = time.perf_counter()
    try:
        clean.restore()
    except BaseException as err:  # noqa: BLE001 - the host replaces the worker instead
        result["tainted"] = [f"the interpreter could not be put back ({type(err).__name__}: {err})"]
    result["restoreMs"] = round((time.perf_counter() - started) * 1000, 3)
