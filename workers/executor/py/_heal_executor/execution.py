"""One request: a fresh ``__main__``, the program's prelude, the paused state, the handling code,
then the merge answer (answer.py). The entry point is ``execute(request_json) -> result_json``.

The executor lives in its own Pyodide (a fresh one per request) and never sees the paused
program's interpreter. It gets the program's source, the pickled state of the failing frame
(made by the runner's state.pickle_bindings: modules as persistent id ('module', name),
unpicklable values as ('handle', n)) and the handling code. The prelude runs first, so that
the pickle's ``__main__.Foo`` references resolve; then the state is unpickled into the module
namespace (locals and globals flattened), opaque handles become ``OpaqueHandle`` placeholders,
and the handling code is exec'd there. The page shows the review from the merge answer itself,
and the runner decodes it without running any code the handling code chose: a subverted
executor can send garbage, never code.
"""

from __future__ import annotations

import base64
import builtins
import io
import json
import linecache
import pickle
import signal
import sys
import time
import types
from typing import Any

from _heal_common.parse_guard import compile_source
from _heal_executor import answer
from _heal_executor.answer import is_user_name
from _heal_executor.fingerprint import ATOMIC, Before, fingerprint
from _heal_executor.handles import OpaqueHandle
from _heal_executor.output import HANDLER_FILENAME, MAX_OUTPUT_CHARS, CappedText, FiniteStdin, error_info
from _heal_executor.prelude import PROGRAM_FILENAME, parse_prelude, run_items
from _heal_executor.sandbox import Sandbox
from _heal_executor.state import StateUnpickler


class _Saved:
    """Interpreter-wide state the handling code may change; restored after every request."""

    def __init__(self) -> None:
        self.streams = (sys.stdout, sys.stderr, sys.stdin)
        self.main = sys.modules.get("__main__")
        self.builtins = dict(vars(builtins))
        self.recursion_limit = sys.getrecursionlimit()
        self.sigint = signal.getsignal(signal.SIGINT)  # the host's time limit arrives as SIGINT

    def restore(self) -> None:
        sys.stdout, sys.stderr, sys.stdin = self.streams
        if self.main is not None:
            sys.modules["__main__"] = self.main
        else:
            sys.modules.pop("__main__", None)
        self.restore_builtins()

    def restore_builtins(self) -> None:
        current = vars(builtins)
        for name in [name for name in current if name not in self.builtins]:
            del current[name]
        for name, value in self.builtins.items():
            if current.get(name, _Saved) is not value:
                current[name] = value
        sys.setrecursionlimit(self.recursion_limit)
        if signal.getsignal(signal.SIGINT) is not self.sigint:
            signal.signal(signal.SIGINT, self.sigint)


def empty_result(status: str) -> dict[str, Any]:
    return {
        "status": status,
        "stdout": "",
        "stderr": "",
        "outputTruncated": False,
        "unmerged": [],
        "execMs": 0,
        "preludeSkipped": [],
        "warnings": [],
    }


class Execution:
    def __init__(self, request: dict[str, Any]) -> None:
        self.source: str = request.get("source") or ""
        self.pickle: str | None = request.get("pickle")
        self.code: str = request.get("code") or ""
        self.stdin: str = request.get("stdin") or ""
        limit = int(request.get("maxOutputChars") or MAX_OUTPUT_CHARS)
        # Both streams in the order written: the merge answer carries them to the program's output.
        self.output: list[list[str]] = []
        self.stdout = CappedText(limit, "stdout", self.output)
        self.stderr = CappedText(limit, "stderr", self.output)
        self.stdin_reader = FiniteStdin(self.stdin)
        self.handles: dict[int, OpaqueHandle] = {}
        for entry in request.get("handles") or []:
            number = int(entry["handle"])
            if number not in self.handles:
                self.handles[number] = OpaqueHandle(
                    number,
                    str(entry.get("name", f"handle {number}")),
                    str(entry.get("type", "object")),
                    str(entry.get("repr", f"<opaque value {number}>")),
                )
        self.missing: dict[str, Any] = {}
        # Modules the state named (by the runner's pickle): a merge may bind them by name.
        self.modules: dict[str, types.ModuleType] = {}
        self.warnings: list[str] = []
        self.skipped: list[dict[str, Any]] = []
        self.exec_ms = 0.0

    def run(self) -> dict[str, Any]:
        saved = _Saved()
        module = types.ModuleType("__main__")
        module.__file__ = PROGRAM_FILENAME
        module.__builtins__ = builtins  # type: ignore[attr-defined]
        namespace = module.__dict__
        quiet = CappedText(MAX_OUTPUT_CHARS)  # the prelude's own output is dropped
        linecache.cache[PROGRAM_FILENAME] = (len(self.source), None, self.source.splitlines(True), PROGRAM_FILENAME)
        linecache.cache[HANDLER_FILENAME] = (len(self.code), None, self.code.splitlines(True), HANDLER_FILENAME)
        sandbox = Sandbox()
        try:
            sandbox.__enter__()
            sys.modules["__main__"] = module
            sys.stdout = sys.stderr = quiet
            sys.stdin = io.StringIO("")
            try:
                state = self._load(module)
            except KeyboardInterrupt:
                raise
            except BaseException as err:  # noqa: BLE001 - a user __setstate__ may raise anything
                return self._finish({**empty_result("error"), "error": error_info(err, "state")})
            namespace.update(state)
            state_names = [name for name in state if is_user_name(name)]
            refs: dict[int, str] = {}
            for name in state_names:
                value = state[name]
                if not isinstance(value, ATOMIC):
                    refs.setdefault(id(value), name)
            before = {
                name: Before(value, fingerprint(value, module, refs))
                for name, value in namespace.items()
                if is_user_name(name)
            }

            try:
                code = compile_source(self.code, HANDLER_FILENAME, "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as err:
                return self._finish({**empty_result("error"), "error": error_info(err, "code")})
            sys.stdout, sys.stderr, sys.stdin = self.stdout, self.stderr, self.stdin_reader
            builtins.input = self.stdin_reader.input
            started = time.perf_counter()
            try:
                exec(code, namespace)
            except BaseException as err:  # noqa: BLE001 - KeyboardInterrupt is the host's time limit
                self.exec_ms = (time.perf_counter() - started) * 1000
                saved.restore_builtins()
                return self._finish({**empty_result("error"), "error": error_info(err, "code")})
            self.exec_ms = (time.perf_counter() - started) * 1000
            # The diff below runs our own code: undo what the handling code did to builtins first.
            saved.restore_builtins()
            sys.stdout = sys.stderr = quiet
            sys.stdin = io.StringIO("")
            result = answer.merge_answer(
                module, before, {n: state[n] for n in state_names}, refs, self.handles, self.modules
            )
            if self.output:
                result["merge"]["output"] = self.output
            if self.stdin_reader.consumed:
                result["merge"]["stdinConsumed"] = self.stdin_reader.consumed
            return self._finish(result)
        finally:
            sandbox.__exit__()
            saved.restore()

    def _finish(self, result: dict[str, Any]) -> dict[str, Any]:
        result.update(
            {
                "stdout": self.stdout.getvalue(),
                "stderr": self.stderr.getvalue(),
                "outputTruncated": self.stdout.truncated or self.stderr.truncated,
                "execMs": round(self.exec_ms, 3),
                "preludeSkipped": self.skipped,
                "warnings": self.warnings,
            }
        )
        return result

    # -- prelude + state ------------------------------------------------------------
    def _load(self, module: types.ModuleType) -> dict[str, Any]:
        namespace = module.__dict__
        parsed = parse_prelude(self.source)
        if parsed.syntax_error:
            self.warnings.append(
                f"the program does not parse, so none of its definitions are available ({parsed.syntax_error})"
            )
        data = base64.b64decode(self.pickle) if self.pickle else None
        failed = run_items(parsed.items, namespace)
        if failed and data is not None:
            # Definitions may use values of the program (a default argument, a
            # decorator argument): retry them with the state's values in place.
            seed = StateUnpickler(data, module, self.handles, {}, install=False).load()
            seeded = [name for name, value in seed.items() if name not in namespace]
            for name in seeded:
                namespace[name] = seed[name]
            while failed:
                retried = run_items([item for item, _ in failed], namespace)
                if len(retried) == len(failed):
                    break
                failed = retried
            for name in seeded:
                if namespace.get(name) is seed[name]:
                    del namespace[name]
        for item, error in failed:
            self.skipped.append(
                {"line": item.line, "endLine": item.end_line, "kind": item.kind, "name": item.name, "error": error}
            )
        if data is None:
            return {}
        state = StateUnpickler(data, module, self.handles, self.missing, install=True, modules=self.modules).load()
        if not isinstance(state, dict):
            raise pickle.UnpicklingError("the program state is not a mapping of names")
        for qualname in self.missing:
            self.warnings.append(
                f"{qualname} is not defined in the handling code's namespace (its definition "
                f"was skipped or is not at the program's top level); a stand-in is used"
            )
        return state


def execute(request_json: str) -> str:
    started = time.perf_counter()
    try:
        result = Execution(json.loads(request_json)).run()
    except BaseException as err:  # noqa: BLE001 - an interrupt outside the handling code, or our own bug
        result = {**empty_result("error"), "error": error_info(err, "executor")}
    result["totalMs"] = round((time.perf_counter() - started) * 1000, 3)
    return json.dumps(result)
