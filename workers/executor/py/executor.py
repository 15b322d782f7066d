"""The executor: runs heal handling code away from the paused program.

It lives in its own Pyodide (its own worker) and never sees the paused
program's interpreter. It gets the program's source, the pickled state of the
failing frame (made by the runner's state.pickle_bindings: modules as
persistent id ('module', name), unpicklable values as ('handle', n)) and the
handling code, and answers with the new state as a diff plus a merge answer
the runner can apply:

    execute(request_json) -> result_json

Each request gets a fresh ``__main__`` module: the program's definitions-only
prelude runs first (imports, functions, classes; nothing else), so that the
pickle's ``__main__.Foo`` references resolve; then the state is unpickled into
the module namespace (locals and globals flattened), opaque handles become
``OpaqueHandle`` placeholders, and the handling code is exec'd there.

Diff (namespace after vs before, dunder names ignored except ``__return__``):
    a name bound to another object        -> set (rebind)
    same object, its pickle changed       -> set, in place (the live object is changed)
    a new name                            -> set
    a deleted name of the program state   -> delete

The merge answer carries the values as data-only heal values (shared/py/heal_values.py):
objects of the original state referenced from new values travel as ('ref', name), so
the runner links them to its live objects and aliasing survives. The page shows the
review from this answer itself, and the runner decodes it without running any code the
handling code chose: a subverted executor can send garbage, never code.

Shared with the other workers' Python (workers/shared/py): heal_values.py (the merge format)
and parse_guard.py (the parser-bomb guard).
"""

from __future__ import annotations

import ast
import base64
import builtins
import copy
import importlib
import io
import json
import linecache
import pickle
import signal
import sys
import time
import traceback
import types
from dataclasses import dataclass
from typing import Any

import heal_values
from parse_guard import compile_source, deep_trees, parse
from sandbox import Sandbox

PROGRAM_FILENAME = "main.py"
HANDLER_FILENAME = "<handling code>"
# The name handling code assigns when the failing statement is a `return`.
RETURN_BINDING = "__return__"
MAX_OUTPUT_CHARS = 100_000
MAX_TRACEBACK_FRAMES = 40
MEMORY_ERROR_MESSAGE = ("out of memory: the handling code asked for more memory than the executor can give "
                        "(WebAssembly memory is limited)")

_ATOMIC = (int, float, complex, str, bytes, bool, type(None))


# -- opaque handles ------------------------------------------------------------

_HANDLE_ALLOWED = frozenset({
    "__class__", "__repr__", "__str__", "__eq__", "__ne__", "__hash__", "__format__",
    "__reduce__", "__reduce_ex__", "__getstate__", "__sizeof__", "__dir__", "__doc__",
    "__copy__", "__deepcopy__",
})


class OpaqueHandle:
    """Stands for a value of the paused program that could not be copied here.

    It can be kept, stored in other values and passed along; the program gets
    its own live object back. Using it (attributes, calls, iteration, indexing)
    raises a TypeError that says so.
    """

    __slots__ = ("_heal_handle", "_heal_name", "_heal_type", "_heal_repr")

    def __init__(self, handle: int | None, name: str, type_name: str, repr_text: str) -> None:
        object.__setattr__(self, "_heal_handle", handle)
        object.__setattr__(self, "_heal_name", name)
        object.__setattr__(self, "_heal_type", type_name)
        object.__setattr__(self, "_heal_repr", repr_text)

    def _heal_refuse(self, what: str = "used") -> TypeError:
        get = object.__getattribute__
        return TypeError(
            f"{get(self, '_heal_name')!r} is an opaque handle to a value that cannot be copied into the "
            f"handling code (a {get(self, '_heal_type')}): it cannot be {what}, only kept or passed along "
            f"unchanged")

    def __getattribute__(self, attr: str) -> Any:
        if attr in _HANDLE_ALLOWED or attr.startswith("_heal_"):
            return object.__getattribute__(self, attr)
        raise object.__getattribute__(self, "_heal_refuse")(f"used (attribute {attr!r})")

    def __setattr__(self, attr: str, value: Any) -> None:
        raise object.__getattribute__(self, "_heal_refuse")("changed")

    def __delattr__(self, attr: str) -> None:
        raise object.__getattribute__(self, "_heal_refuse")("changed")

    def __repr__(self) -> str:
        return object.__getattribute__(self, "_heal_repr")

    def __copy__(self) -> OpaqueHandle:
        return self

    def __deepcopy__(self, memo: Any) -> OpaqueHandle:
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise object.__getattribute__(self, "_heal_refuse")("called")

    def __iter__(self) -> Any:
        raise object.__getattribute__(self, "_heal_refuse")("iterated")

    def __len__(self) -> int:
        raise object.__getattribute__(self, "_heal_refuse")("measured")

    def __getitem__(self, key: Any) -> Any:
        raise object.__getattribute__(self, "_heal_refuse")("indexed")

    def __setitem__(self, key: Any, value: Any) -> None:
        raise object.__getattribute__(self, "_heal_refuse")("changed")

    def __delitem__(self, key: Any) -> None:
        raise object.__getattribute__(self, "_heal_refuse")("changed")

    def __contains__(self, item: Any) -> bool:
        raise object.__getattribute__(self, "_heal_refuse")("searched")


def _handle_number(value: Any) -> int | None:
    return object.__getattribute__(value, "_heal_handle")


def is_user_name(name: str) -> bool:
    return name == RETURN_BINDING or not (name.startswith("__") and name.endswith("__"))


# -- the prelude ---------------------------------------------------------------

_DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.TypeAlias)


@dataclass
class PreludeItem:
    line: int
    end_line: int
    kind: str
    name: str
    text: str
    code: types.CodeType | None
    compile_error: str | None = None


@dataclass
class Prelude:
    items: list[PreludeItem]
    syntax_error: str | None = None


class _Span:
    """A stand-in node for ast.get_source_segment (decorated definitions start at '@')."""

    def __init__(self, node: ast.stmt) -> None:
        first = node.decorator_list[0] if getattr(node, "decorator_list", None) else None
        self.lineno = first.lineno if first is not None else node.lineno
        self.col_offset = 0 if first is not None else node.col_offset
        self.end_lineno = node.end_lineno
        self.end_col_offset = node.end_col_offset


def _defined_name(node: ast.stmt) -> str:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return ", ".join(alias.asname or alias.name.split(".")[0] for alias in node.names)
    if isinstance(node, ast.TypeAlias):
        return node.name.id
    return node.name  # type: ignore[attr-defined]


def _is_future(node: ast.stmt) -> bool:
    return isinstance(node, ast.ImportFrom) and node.module == "__future__"


_prelude_cache: dict[str, Prelude] = {}


def parse_prelude(source: str) -> Prelude:
    """The program's top-level definitions, compiled one by one (cached for the last program)."""
    cached = _prelude_cache.get(source)
    if cached is not None:
        return cached
    try:
        tree = parse(source, PROGRAM_FILENAME)  # refuses parser bombs before parsing
    except (SyntaxError, ValueError) as err:
        result = Prelude([], f"{type(err).__name__}: {err}")
    else:
        kept = [node for node in tree.body if isinstance(node, _DEFINITIONS)]
        kept.sort(key=lambda node: not _is_future(node))  # stable: __future__ imports first
        flags = 0
        for node in kept:
            if _is_future(node):
                for alias in node.names:
                    feature = getattr(__import__("__future__"), alias.name, None)
                    flags |= getattr(feature, "compiler_flag", 0)
        with deep_trees():  # ast.unparse in _prelude_item recurses in Python
            result = Prelude([_prelude_item(source, node, flags) for node in kept])
    _prelude_cache.clear()
    _prelude_cache[source] = result
    return result


def _prelude_item(source: str, node: ast.stmt, flags: int) -> PreludeItem:
    """One definition with its own code object (a failing one does not sink the others)."""
    span = _Span(node)
    text = ast.get_source_segment(source, span) or ast.unparse(node)  # type: ignore[arg-type]
    item = PreludeItem(span.lineno, node.end_lineno or span.lineno, type(node).__name__,
                       _defined_name(node), text, None)
    try:
        module = ast.Module(body=[node], type_ignores=[])
        item.code = compile(module, PROGRAM_FILENAME, "exec", flags=flags, dont_inherit=True)
    except (SyntaxError, ValueError) as err:
        item.compile_error = f"{type(err).__name__}: {err}"
    return item


def prelude(source: str) -> str:
    """The definitions-only prelude of a program as source text."""
    items = parse_prelude(source).items
    return "".join(item.text + "\n" for item in items)


def _run_items(items: list[PreludeItem], namespace: dict[str, Any]) -> list[tuple[PreludeItem, str]]:
    failed = []
    for item in items:
        if item.code is None:
            failed.append((item, item.compile_error or "could not compile"))
            continue
        try:
            exec(item.code, namespace)
        except KeyboardInterrupt:
            raise
        except BaseException as err:  # noqa: BLE001 - a class body may even call sys.exit()
            failed.append((item, f"{type(err).__name__}: {err}"))
    return failed


# -- unpickling the state ------------------------------------------------------

class _StateUnpickler(pickle.Unpickler):
    """Loads the runner's pickle: modules by name, handles as OpaqueHandle.

    A ``__main__`` definition the prelude could not make (its definition was
    skipped or is not at top level) becomes a stand-in class in the module, so
    values referring to it still load and go back under the same name.
    """

    def __init__(self, data: bytes, module: types.ModuleType, handles: dict[int, OpaqueHandle],
                 missing: dict[str, Any], install: bool, modules: dict[str, types.ModuleType] | None = None) -> None:
        super().__init__(io.BytesIO(data))
        self.module = module
        self.handles = handles
        self.missing = missing
        self.install = install
        self.modules = modules if modules is not None else {}

    def persistent_load(self, pid: Any) -> Any:
        kind, key = pid
        if kind == "module":
            if key == "__main__":
                return self.module
            module = importlib.import_module(key)
            self.modules[key] = module
            return module
        if kind == "handle":
            handle = self.handles.get(key)
            if handle is None:
                handle = self.handles[key] = OpaqueHandle(key, f"handle {key}", "object", f"<opaque value {key}>")
            return handle
        raise pickle.UnpicklingError(f"unknown persistent id {kind!r}")

    def find_class(self, module: str, name: str) -> Any:
        if module != "__main__":
            return super().find_class(module, name)
        obj: Any = self.module
        try:
            for part in name.split("."):
                obj = getattr(obj, part)
            return obj
        except AttributeError:
            return self._stand_in(name)

    def _stand_in(self, qualname: str) -> Any:
        stand_in = self.missing.get(qualname)
        if stand_in is None:
            message = (f"{qualname!r} is not available in the handling code: its definition in the "
                       f"program was skipped or is not at the top level")

            def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
                raise TypeError(message)

            stand_in = type(qualname.rsplit(".", 1)[-1], (), {
                "__init__": __init__, "__module__": "__main__", "__qualname__": qualname,
                "__doc__": message,
            })
            self.missing[qualname] = stand_in
        if self.install and "." not in qualname:
            setattr(self.module, qualname, stand_in)
        return stand_in


# -- fingerprints and the merge pickle -----------------------------------------

class _Pickler(pickle.Pickler):
    """Persistent ids: modules, opaque handles, and ('ref', name) for original objects.

    ``top`` is the value being fingerprinted: it is pickled itself, not as a ref.
    ``definitions`` resolves a function or class of ``__main__`` as it was
    before the handling code ran; others were made by the handling code and
    cannot go to the program.
    """

    def __init__(self, file: io.BytesIO, main: types.ModuleType, refs: dict[int, str],
                 definitions: dict[str, Any] | None = None, top: Any = None) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.main = main
        self.refs = refs
        self.definitions = definitions
        self.top_id = id(top) if top is not None else None

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, OpaqueHandle):
            number = _handle_number(obj)
            if number is not None:
                return ("handle", number)
        if isinstance(obj, types.ModuleType):
            if obj is self.main:
                raise pickle.PicklingError("the program's own module cannot be sent back")
            return ("module", obj.__name__)
        key = id(obj)
        if key != self.top_id:
            name = self.refs.get(key)
            if name is not None:
                return ("ref", name)
        if (self.definitions is not None and isinstance(obj, (types.FunctionType, type))
                and getattr(obj, "__module__", None) == "__main__" and not self._program_definition(obj)):
            kind = "class" if isinstance(obj, type) else "function"
            raise pickle.PicklingError(
                f"{kind} {obj.__qualname__!r} was defined by the handling code; functions and classes "
                f"defined there cannot be sent to the program")
        return None

    def _program_definition(self, obj: Any) -> bool:
        parts = obj.__qualname__.split(".")
        if "<locals>" in parts or "<lambda>" in parts:
            return False
        found: Any = self.definitions.get(parts[0])  # type: ignore[union-attr]
        for part in parts[1:]:
            found = getattr(found, part, None)
        return found is obj


@dataclass
class _Before:
    value: Any
    fingerprint: Any


def _fingerprint(value: Any, main: types.ModuleType, refs: dict[int, str]) -> Any:
    """Pickle bytes of a value, its original neighbours as refs; repr when it cannot pickle."""
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, main, refs, top=value).dump(value)
        return buffer.getvalue()
    except Exception:
        try:
            return ("repr", repr(value))
        except Exception:
            return ("id", id(value))


def _same_atom(new: Any, old: Any) -> bool:
    """An immutable scalar rebound to an equal one (``n = n + 0``) is no change."""
    try:
        return type(new) is type(old) and isinstance(new, _ATOMIC) and bool(new == old)
    except Exception:
        return False


# -- output and errors -----------------------------------------------------------

class CappedText(io.TextIOBase):
    def __init__(self, limit: int) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit
        self.truncated = False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        room = self.limit - self.size
        if len(text) > room:
            self.truncated = True
        if room > 0:
            piece = text[:room]
            self.parts.append(piece)
            self.size += len(piece)
        return len(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


def _user_stack(stack: traceback.StackSummary) -> traceback.StackSummary:
    user = [f for f in stack if f.filename in (HANDLER_FILENAME, PROGRAM_FILENAME)]
    if len(user) > MAX_TRACEBACK_FRAMES:
        user = user[:5] + user[-(MAX_TRACEBACK_FRAMES - 5):]
    return traceback.StackSummary.from_list(user)


def error_info(exc: BaseException, phase: str) -> dict[str, Any]:
    """type, message, and Python's rendering with handling-code and program frames only."""
    te = traceback.TracebackException.from_exception(exc, capture_locals=False)
    te.stack = _user_stack(te.stack)
    cause = te.__cause__ or te.__context__
    while cause is not None:
        cause.stack = _user_stack(cause.stack)
        cause = cause.__cause__ or cause.__context__
    info: dict[str, Any] = {"type": type(exc).__name__, "message": str(exc),
                            "formatted": "".join(te.format()), "phase": phase}
    handler_frames = [f for f in te.stack if f.filename == HANDLER_FILENAME]
    if handler_frames:
        info["line"] = handler_frames[-1].lineno
    if isinstance(exc, MemoryError) and not str(exc):
        info["message"] = MEMORY_ERROR_MESSAGE
        info["formatted"] = info["formatted"].rstrip("\n").removesuffix("MemoryError") + f"MemoryError: {MEMORY_ERROR_MESSAGE}\n"
    if isinstance(exc, OverflowError) and "index-sized integer" in str(exc):
        hint = " (Python in the browser is 32-bit: sizes and indices must stay below 2**31, about 2 GB)"
        info["message"] += hint
        info["formatted"] = info["formatted"].rstrip("\n") + hint + "\n"
    if isinstance(exc, SyntaxError):
        info["message"] = exc.msg
        if exc.filename == HANDLER_FILENAME and exc.lineno is not None:
            info["line"] = exc.lineno
        info["formatted"] = "".join(traceback.format_exception_only(exc))
    return info


# -- one execution -----------------------------------------------------------------

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


def _empty_result(status: str) -> dict[str, Any]:
    return {"status": status, "stdout": "", "stderr": "", "outputTruncated": False, "unmerged": [], "execMs": 0,
            "preludeSkipped": [], "warnings": []}


class Execution:
    def __init__(self, request: dict[str, Any]) -> None:
        self.source: str = request.get("source") or ""
        self.pickle: str | None = request.get("pickle")
        self.code: str = request.get("code") or ""
        self.stdin: str = request.get("stdin") or ""
        limit = int(request.get("maxOutputChars") or MAX_OUTPUT_CHARS)
        self.stdout = CappedText(limit)
        self.stderr = CappedText(limit)
        self.handles: dict[int, OpaqueHandle] = {}
        for entry in request.get("handles") or []:
            number = int(entry["handle"])
            if number not in self.handles:
                self.handles[number] = OpaqueHandle(number, str(entry.get("name", f"handle {number}")),
                                                    str(entry.get("type", "object")),
                                                    str(entry.get("repr", f"<opaque value {number}>")))
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
                return self._finish({**_empty_result("error"), "error": error_info(err, "state")})
            namespace.update(state)
            state_names = [name for name in state if is_user_name(name)]
            refs: dict[int, str] = {}
            for name in state_names:
                value = state[name]
                if not isinstance(value, _ATOMIC):
                    refs.setdefault(id(value), name)
            before = {name: _Before(value, _fingerprint(value, module, refs))
                      for name, value in namespace.items() if is_user_name(name)}

            try:
                code = compile_source(self.code, HANDLER_FILENAME, "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as err:
                return self._finish({**_empty_result("error"), "error": error_info(err, "code")})
            sys.stdout, sys.stderr, sys.stdin = self.stdout, self.stderr, io.StringIO(self.stdin)
            started = time.perf_counter()
            try:
                exec(code, namespace)
            except BaseException as err:  # noqa: BLE001 - KeyboardInterrupt is the host's time limit
                self.exec_ms = (time.perf_counter() - started) * 1000
                saved.restore_builtins()
                return self._finish({**_empty_result("error"), "error": error_info(err, "code")})
            self.exec_ms = (time.perf_counter() - started) * 1000
            # The diff below runs our own code: undo what the handling code did to builtins first.
            saved.restore_builtins()
            sys.stdout = sys.stderr = quiet
            sys.stdin = io.StringIO("")
            return self._finish(self._diff(module, before, {n: state[n] for n in state_names}, refs))
        finally:
            sandbox.__exit__()
            saved.restore()

    def _finish(self, result: dict[str, Any]) -> dict[str, Any]:
        result.update({
            "stdout": self.stdout.getvalue(),
            "stderr": self.stderr.getvalue(),
            "outputTruncated": self.stdout.truncated or self.stderr.truncated,
            "execMs": round(self.exec_ms, 3),
            "preludeSkipped": self.skipped,
            "warnings": self.warnings,
        })
        return result

    # -- prelude + state ------------------------------------------------------------
    def _load(self, module: types.ModuleType) -> dict[str, Any]:
        namespace = module.__dict__
        parsed = parse_prelude(self.source)
        if parsed.syntax_error:
            self.warnings.append(f"the program does not parse, so none of its definitions are available "
                                 f"({parsed.syntax_error})")
        data = base64.b64decode(self.pickle) if self.pickle else None
        failed = _run_items(parsed.items, namespace)
        if failed and data is not None:
            # Definitions may use values of the program (a default argument, a
            # decorator argument): retry them with the state's values in place.
            seed = _StateUnpickler(data, module, self.handles, {}, install=False).load()
            seeded = [name for name, value in seed.items() if name not in namespace]
            for name in seeded:
                namespace[name] = seed[name]
            while failed:
                retried = _run_items([item for item, _ in failed], namespace)
                if len(retried) == len(failed):
                    break
                failed = retried
            for name in seeded:
                if namespace.get(name) is seed[name]:
                    del namespace[name]
        for item, error in failed:
            self.skipped.append({"line": item.line, "endLine": item.end_line, "kind": item.kind,
                                 "name": item.name, "error": error})
        if data is None:
            return {}
        state = _StateUnpickler(data, module, self.handles, self.missing, install=True, modules=self.modules).load()
        if not isinstance(state, dict):
            raise pickle.UnpicklingError("the program state is not a mapping of names")
        for qualname in self.missing:
            self.warnings.append(f"{qualname} is not defined in the handling code's namespace (its definition "
                                 f"was skipped or is not at the program's top level); a stand-in is used")
        return state

    # -- the answer -------------------------------------------------------------------
    def _diff(self, module: types.ModuleType, before: dict[str, _Before], state: dict[str, Any],
              refs: dict[int, str]) -> dict[str, Any]:
        """The merge answer: every name the handling code rebound, changed in place, added or
        deleted, as data-only heal values (shared/py/heal_values.py). A value the program
        could not take is left out with the reason (dry run of the runner's decoder)."""
        after = {name: value for name, value in module.__dict__.items() if is_user_name(name)}
        definitions = {name: old.value for name, old in before.items()}
        context = _EncoderContext(refs, self.modules, definitions)
        resolver = _DryRunResolver(state, self.handles, self.modules, definitions)
        entries: list[tuple[str, Any, bool]] = []
        removed: list[str] = []
        for name, old in before.items():
            if name not in after:
                if name in state:
                    removed.append(name)
                continue
            value = after[name]
            if value is not old.value and not _same_atom(value, old.value):
                entries.append((name, value, False))
            elif name in state and _fingerprint(value, module, refs) != old.fingerprint:
                entries.append((name, value, True))
        entries.extend((name, after[name], False) for name in after if name not in before)

        unmerged: list[dict[str, str]] = []
        entries = [entry for entry in entries if heal_values.valid_binding_name(entry[0])]  # never dunders
        while True:
            bindings = self._encode(entries, context, unmerged)
            refused = self._dry_run(bindings, state, resolver)
            if refused is None:
                break
            name, reason = refused
            unmerged.append({"name": name, "reason": f"the program would refuse it: {reason}"})
            entries = [entry for entry in entries if entry[0] != name]
        merge = {"action": "merge", "set": bindings, "delete": [n for n in removed if heal_values.valid_binding_name(n)]}
        return {"status": "ok", "unmerged": unmerged, "merge": merge}


    @staticmethod
    def _encode(entries: list[tuple[str, Any, bool]], context: heal_values.EncoderContext,
                unmerged: list[dict[str, str]]) -> list[dict[str, Any]]:
        encoder = heal_values.Encoder(context)  # one for the answer: ids are unique across it
        bindings: list[dict[str, Any]] = []
        for name, value, in_place in entries:
            try:
                encoded = encoder.encode_binding(value, in_place)
            except heal_values.Unencodable as err:
                if not any(u["name"] == name for u in unmerged):
                    unmerged.append({"name": name, "reason": f"cannot be sent to the program: {err}"})
                continue
            except KeyboardInterrupt:
                raise
            except Exception as err:  # noqa: BLE001 - a user __slots__/__dict__ oddity
                if not any(u["name"] == name for u in unmerged):
                    unmerged.append({"name": name, "reason": f"cannot be sent to the program: {type(err).__name__}: {err}"})
                continue
            entry: dict[str, Any] = {"name": name, "value": encoded}
            if in_place:
                entry["inPlace"] = True
            bindings.append(entry)
        return bindings

    @staticmethod
    def _dry_run(bindings: list[dict[str, Any]], state: dict[str, Any],
                 resolver: heal_values.Resolver) -> tuple[str, str] | None:
        """Decodes the answer as the runner will (one decoder, in order); the first binding
        it refuses, with the reason, or None."""
        decoder = heal_values.Decoder(resolver)
        for entry in bindings:
            name = entry["name"]
            try:
                if not (entry.get("inPlace") and decoder.patch(state[name], entry["value"]) is not None):
                    decoder.decode(entry["value"])
            except heal_values.ValueError_ as err:
                return name, str(err)
            except KeyboardInterrupt:
                raise
            except Exception as err:  # noqa: BLE001 - a program __hash__/__eq__ may raise anything
                return name, f"{type(err).__name__}: {err}"
        return None


class _EncoderContext(heal_values.EncoderContext):
    """The executor's side of encoding: which objects came from the paused state."""

    def __init__(self, refs: dict[int, str], modules: dict[str, types.ModuleType], definitions: dict[str, Any]) -> None:
        self.refs = refs
        self.modules = modules
        self.definitions = definitions

    def ref_name(self, obj: Any) -> str | None:
        return self.refs.get(id(obj))

    def handle_number(self, obj: Any) -> int | None:
        return _handle_number(obj) if isinstance(obj, OpaqueHandle) else None

    def state_module(self, module: types.ModuleType) -> bool:
        return self.modules.get(module.__name__) is module

    def program_global(self, obj: Any) -> str | None:
        name = getattr(obj, "__name__", None)
        if (isinstance(name, str) and getattr(obj, "__module__", None) == "__main__"
                and getattr(obj, "__qualname__", None) == name and self.definitions.get(name) is obj):
            return name
        return None

    def program_class(self, cls: type) -> str | None:
        qualname = getattr(cls, "__qualname__", None)
        try:
            return qualname if heal_values.resolve_program_class(self.definitions, qualname) is cls else None
        except heal_values.ValueError_:
            return None


class _DryRunResolver(heal_values.Resolver):
    """Decodes the answer as the runner will, against the executor's copy of the state."""

    def __init__(self, state: dict[str, Any], handles: dict[int, OpaqueHandle],
                 modules: dict[str, types.ModuleType], definitions: dict[str, Any]) -> None:
        self.state = state
        self.handles = handles
        self.modules = modules
        self.definitions = definitions

    def ref(self, name: str) -> Any:
        if name not in self.state:
            raise heal_values.ValueError_(f"no binding named {name!r} in the paused state")
        return self.state[name]

    def handle(self, number: int) -> Any:
        if number not in self.handles:
            raise heal_values.ValueError_(f"no opaque value {number}")
        return self.handles[number]

    def state_module(self, name: str) -> Any:
        return self.modules.get(name)

    def program_global(self, name: str) -> Any:
        return heal_values.resolve_program_global(self.definitions, name)

    def program_class(self, qualname: str) -> type:
        return heal_values.resolve_program_class(self.definitions, qualname)


def execute(request_json: str) -> str:
    started = time.perf_counter()
    try:
        result = Execution(json.loads(request_json)).run()
    except BaseException as err:  # noqa: BLE001 - an interrupt outside the handling code, or our own bug
        result = {**_empty_result("error"), "error": error_info(err, "executor")}
    result["totalMs"] = round((time.perf_counter() - started) * 1000, 3)
    return json.dumps(result)
