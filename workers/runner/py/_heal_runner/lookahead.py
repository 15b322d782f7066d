"""Look-ahead: where each candidate heal of a pause leads, before anyone accepts one.

For one pause (index N) of a run, each candidate handling code is tried in a run of its own:
the program starts again from the beginning with the same stdin, the decisions already taken
at pauses 0..N-1 are replayed (their accepted handling code runs in the failing frame, as the
runner reuses accepted fixes), the candidate runs at pause N, and later pauses are answered by
a stated policy (skip the statement, or let the error end the run). The run ends when the
program does, at a later unhandled error, or at a budget (running time and statements past
pause N). Nothing here talks to a host: this runs in a disposable interpreter (the executor's
worker kind, see executor-core.ts), never in the paused program's.

Between candidates the interpreter is put back as it was (interpreter_baseline), the same
reset that separates one user program's run from the next in the runner.
"""

from __future__ import annotations

import ast
import json
import random
import sys
import time
import types
from typing import Any

from _heal_runner import interpreter_baseline
from _heal_runner.instrument import Statement
from _heal_runner.runner import HANDLER_FILENAME, USER_FILENAME, Run, StopRequested

DEFAULT_BUDGET_S = 2.0
DEFAULT_BUDGET_STATEMENTS = 10_000
# Replaying the decisions before the pause: the run already got there once; this only bounds a
# replay that went elsewhere (randomness, time).
REPLAY_LIMIT_S = 20.0
MAX_OUTPUT_CHARS = 100_000
# Checking the clock every line would cost more than the lines themselves.
CLOCK_EVERY = 256
SEED = 0
# Module-level functions whose results differ from run to run.
_TIME_FUNCTIONS = (
    "time",
    "time_ns",
    "perf_counter",
    "perf_counter_ns",
    "monotonic",
    "monotonic_ns",
    "process_time",
    "localtime",
    "gmtime",
    "ctime",
)
_NONDETERMINISTIC_IMPORTS = {
    "random": "random",
    "secrets": "random",
    "uuid": "random",
    "time": "time",
    "datetime": "time",
}


class BudgetExceeded(StopRequested):
    """The look-ahead's budget is spent (a KeyboardInterrupt: the program's `except Exception` lets it pass)."""


class _Ended(StopRequested):
    """The look-ahead stops here: the replay left the recorded path, or the candidate failed."""


class _Host:
    """No host: output is kept (capped) in the run; input past the test case is end of file."""

    def output(self, batch_json: str, truncated: bool) -> None:
        pass

    def pause(self, context_json: str) -> str:  # never called: LookAheadRun answers itself
        return json.dumps({"action": "raise"})

    def ask_input(self, prompt: str) -> str:
        return json.dumps({"eof": True})

    def sleep(self, seconds: float) -> None:
        pass  # a look-ahead does not wait: time.sleep returns at once


class LookAheadRun(Run):
    def __init__(self, request: dict[str, Any], candidate: dict[str, Any]) -> None:
        super().__init__(
            _Host(),
            {
                "code": request["code"],
                "stdin": request.get("stdin") or "",
                "stdinAtEnd": "eof",
                "outputLimits": {"maxChars": MAX_OUTPUT_CHARS},
            },
        )
        self.decisions: list[dict[str, Any]] = request.get("decisions") or []
        self.at: int = int(request["pauseIndex"])
        self.candidate = candidate
        self.later: str = request.get("later") or "skip"
        self.reuse: bool = request.get("reuse", True) is not False
        budget = request.get("budget") or {}
        self.budget_s = float(budget.get("seconds", DEFAULT_BUDGET_S))
        self.budget_statements = int(budget.get("statements", DEFAULT_BUDGET_STATEMENTS))
        self.lines = 0
        self.after_from: int | None = None  # line count when the candidate ran
        self.after_started = 0.0
        self.replay_started = 0.0
        self.ended: dict[str, Any] | None = None  # why the look-ahead stopped early
        self.budget_hit = False
        self.reached = False
        self.later_pauses = 0
        self.time_calls = 0

    # -- answering pauses ---------------------------------------------------------------
    def _heal(self, exc: BaseException, frame: types.FrameType, statement: Statement, key: tuple[int, str]) -> bool:
        index = len(self.heals)
        reuse = self.reuse
        if index < self.at:
            code, control, reuse = self._replayed(index, exc, statement)
        elif index == self.at:
            self.reached = True
            code, control = self.candidate.get("code") or "pass", self.candidate.get("control")
            # The budget counts from here: the candidate's own statements are part of it.
            self.after_from = self.lines
            self.after_started = time.perf_counter()
        else:
            self.later_pauses += 1
            if self.later == "raise":
                self._record(statement, exc, "raise", [])
                return self._decline(exc)
            code, control = "pass", None
        try:
            compiled = compile(code, HANDLER_FILENAME, "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as err:
            self._end("candidate-failed", {"type": type(err).__name__, "message": str(err)})
        control = self._control(control, statement)
        changed = self._exec_in_frame(compiled, index, frame, statement, control)
        if changed is None:
            if index == self.at:
                failure = self.exec_failure
                self._end("candidate-failed", {"type": type(failure).__name__, "message": str(failure)[:2000]})
            changed = []  # a later or replayed heal that raises: the statement is skipped
        self._record(statement, exc, "merge", changed)
        if reuse and index <= self.at:
            self.accepted[key] = (compiled, index, control)
        self.pending_control = control
        return False

    def _replayed(self, index: int, exc: BaseException, statement: Statement) -> tuple[str, str | None, bool]:
        """The decision taken at this earlier pause, when the run is where it was then."""
        decision = self.decisions[index] if index < len(self.decisions) else None
        if (
            decision is None
            or decision.get("line") != statement.lineno
            or decision.get("errorType") != type(exc).__name__
        ):
            self._end(
                "diverged",
                {"type": type(exc).__name__, "message": str(exc), "line": statement.lineno, "pauseIndex": index},
            )
        # A skipped statement is not reused by the runner (no code came with the answer).
        return (
            decision.get("code") or "pass",
            decision.get("control"),
            self.reuse and decision.get("reuse", True) is not False,
        )

    def _end(self, status: str, detail: dict[str, Any]) -> None:
        self.ended = {"status": status, **detail}
        raise _Ended()

    # -- the budget ---------------------------------------------------------------------
    def _trace(self, frame: types.FrameType, event: str, arg: Any) -> Any:
        name = frame.f_code.co_filename
        return self._line if name == USER_FILENAME or name == HANDLER_FILENAME else None

    def _line(self, frame: types.FrameType, event: str, arg: Any) -> Any:
        if event != "line":
            return self._line
        self.lines += 1
        if self.budget_hit:
            raise BudgetExceeded()  # again: the program caught it with a bare `except`
        if self.after_from is not None:
            if self.lines - self.after_from > self.budget_statements:
                self._spend()
            if self.lines % CLOCK_EVERY == 0 and time.perf_counter() - self.after_started > self.budget_s:
                self._spend()
        elif self.lines % CLOCK_EVERY == 0 and time.perf_counter() - self.replay_started > REPLAY_LIMIT_S:
            self._spend()
        return self._line

    def _spend(self) -> None:
        self.budget_hit = True
        raise BudgetExceeded()

    def _timed(self, function: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            caller = sys._getframe(1).f_code.co_filename
            if caller == USER_FILENAME or caller == HANDLER_FILENAME:
                self.time_calls += 1
            return function(*args, **kwargs)

        timed.__name__ = getattr(function, "__name__", "timed")
        return timed

    # -- one look-ahead -------------------------------------------------------------------
    def look(self) -> dict[str, Any]:
        saved = {name: getattr(time, name) for name in _TIME_FUNCTIONS if hasattr(time, name)}
        for name, function in saved.items():
            setattr(time, name, self._timed(function))
        random.seed(SEED)  # every candidate sees the same random numbers
        seeded = random.getstate()
        self.replay_started = time.perf_counter()
        sys.settrace(self._trace)
        try:
            result = self.execute()
        finally:
            sys.settrace(None)
            for name, function in saved.items():
                setattr(time, name, function)
        used = []
        if random.getstate() != seeded:
            used.append("random")
        if self.time_calls:
            used.append("time")
        return self._outcome(result, used)

    def _outcome(self, result: dict[str, Any], used: list[str]) -> dict[str, Any]:
        ms = round((time.perf_counter() - self.after_started) * 1000, 3) if self.after_from is not None else 0.0
        outcome: dict[str, Any] = {
            "stdout": result.get("stdout", ""),
            "truncated": bool(result.get("truncated")),
            "laterPauses": self.later_pauses,
            "statementsAfter": (self.lines - self.after_from) if self.after_from is not None else 0,
            "ms": ms,
            "nondeterministic": used,
        }
        if self.ended is not None:
            outcome["status"] = self.ended.pop("status")
            outcome["detail"] = self.ended
        elif self.budget_hit:
            outcome["status"] = "budget" if self.after_from is not None else "replay-budget"
        elif not self.reached:
            # The program ended (or failed) before the pause: the replay went elsewhere.
            outcome["status"] = "not-reached"
        elif result["status"] == "error":
            error = result["error"]
            outcome["status"] = "error"
            outcome["error"] = {"type": error["type"], "message": error["message"][:2000], "line": error.get("line")}
        elif result["status"] == "finished":
            outcome["status"] = "finished"
            outcome["exitCode"] = result.get("exitCode", 0)
        else:
            outcome["status"] = "stopped"
        return outcome


def _mentions(source: str) -> list[str]:
    """Modules a program imports whose results differ from run to run (the flag before any run)."""
    found: set[str] = set()
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    for node in ast.walk(tree):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
        )
        for name in names:
            kind = _NONDETERMINISTIC_IMPORTS.get(name.split(".")[0])
            if kind:
                found.add(kind)
    return sorted(found)


def look_ahead(request_json: str) -> str:
    """JSON {outcomes: [...], imports: [...]}: one outcome per candidate, in order. A candidate
    whose run left the interpreter in a state that cannot be put back ends the batch: the
    candidates after it are reported as not looked ahead."""
    request = json.loads(request_json)
    clean = interpreter_baseline.baseline()
    outcomes: list[dict[str, Any]] = []
    tainted: str | None = None
    for candidate in request.get("candidates") or []:
        if tainted is not None:
            outcomes.append(
                {
                    "status": "skipped",
                    "detail": {"message": tainted},
                    "stdout": "",
                    "truncated": False,
                    "laterPauses": 0,
                    "statementsAfter": 0,
                    "ms": 0.0,
                    "nondeterministic": [],
                }
            )
            continue
        try:
            outcomes.append(LookAheadRun(request, candidate).look())
        except BaseException as err:  # noqa: BLE001 - reported, never lost
            outcomes.append(
                {
                    "status": "stopped",
                    "detail": {"type": type(err).__name__, "message": str(err)[:2000]},
                    "stdout": "",
                    "truncated": False,
                    "laterPauses": 0,
                    "statementsAfter": 0,
                    "ms": 0.0,
                    "nondeterministic": [],
                }
            )
        try:
            clean.restore()
        except BaseException as err:  # noqa: BLE001
            tainted = f"the interpreter could not be put back after a candidate ({type(err).__name__})"
    return json.dumps({"outcomes": outcomes, "imports": _mentions(request["code"])})
