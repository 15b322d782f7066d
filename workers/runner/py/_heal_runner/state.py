"""Program state at a pause: capture, pickling with handles, and merge.

Capture takes the failing frame's locals and the user's globals. For display
each binding gets a type name and a capped repr. For the executor the bindings
are pickled together in one pickle (so aliasing between them survives), with
modules pickled by name and unpicklable values replaced by opaque handles
that stay valid in this interpreter until the run ends.

Merge applies an answer to the live frame: in-place patches on live objects
(so other references see the change), locals written through frame.f_locals
(PEP 667 write-through), new names to globals.
"""

from __future__ import annotations

import base64
import io
import pickle
import types
from dataclasses import dataclass, field
from typing import Any

from _heal_common import heal_values
from _heal_common.display import capped_repr

# The name handling code assigns to when the failing statement was a `return`.
RETURN_BINDING = "__return__"

# Objects of these kinds never pickle; they become handles without trying.
_UNPICKLABLE_TYPES: tuple[type, ...] = (
    types.GeneratorType,
    types.CoroutineType,
    types.AsyncGeneratorType,
    types.FrameType,
    types.TracebackType,
    io.IOBase,
)


def kind_of(value: Any) -> str:
    if isinstance(value, types.ModuleType):
        return "module"
    if isinstance(value, type):
        return "class"
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        return "function"
    return "value"


def is_user_global(name: str) -> bool:
    return not (name.startswith("__") and name.endswith("__")) and not name.startswith("__heal")


def frame_bindings(frame: types.FrameType) -> tuple[dict[str, Any], dict[str, Any]]:
    """(locals, user globals) of a frame; at module level locals is empty."""
    globals_ = {k: v for k, v in frame.f_globals.items() if is_user_global(k)}
    if frame.f_locals is frame.f_globals or frame.f_code.co_name == "<module>":
        return {}, globals_
    locals_ = {k: v for k, v in dict(frame.f_locals).items() if not k.startswith("__heal")}
    return locals_, {k: v for k, v in globals_.items() if k not in locals_}


def _picklable_alone(value: Any) -> bool:
    try:
        _StatePickler(io.BytesIO(), {}).dump(value)
        return True
    except Exception:
        return False


class _StatePickler(pickle.Pickler):
    def __init__(
        self, file: io.BytesIO, handles_by_id: dict[int, int], modules: dict[str, types.ModuleType] | None = None
    ) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.handles_by_id = handles_by_id
        self.modules = modules if modules is not None else {}

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, types.ModuleType):
            # The modules sent are the only ones (besides allowlisted stdlib) a merge may name.
            self.modules[obj.__name__] = obj
            return ("module", obj.__name__)
        handle = self.handles_by_id.get(id(obj))
        if handle is not None:
            return ("handle", handle)
        if isinstance(obj, _UNPICKLABLE_TYPES):
            raise pickle.PicklingError(f"{type(obj).__name__} cannot be pickled")
        return None


@dataclass
class HandleTable:
    """Live objects the executor sees only as opaque handles."""

    objects: dict[int, Any] = field(default_factory=dict)
    by_id: dict[int, int] = field(default_factory=dict)

    def handle_for(self, value: Any) -> int:
        handle = self.by_id.get(id(value))
        if handle is None:
            handle = len(self.objects) + 1
            self.objects[handle] = value
            self.by_id[id(value)] = handle
        return handle


def pickle_bindings(
    bindings: dict[str, Any], handles: HandleTable, modules: dict[str, types.ModuleType] | None = None
) -> tuple[bytes, dict[str, int]]:
    """One pickle of all bindings; returns it and the names that became handles.
    The modules it refers to are recorded in `modules` by name."""
    opaque: dict[str, int] = {}
    for name, value in bindings.items():
        if isinstance(value, _UNPICKLABLE_TYPES) or not _picklable_alone(value):
            opaque[name] = handles.handle_for(value)
    buffer = io.BytesIO()
    _StatePickler(buffer, handles.by_id, modules).dump(bindings)
    return buffer.getvalue(), opaque


def describe(name: str, value: Any, scope: str, opaque: dict[str, int]) -> dict[str, Any]:
    entry = {
        "name": name,
        "type": type(value).__name__,
        "repr": capped_repr(value),
        "scope": scope,
        "kind": kind_of(value),
    }
    if name in opaque:
        entry["handle"] = opaque[name]
    return entry


MAX_STACK_FRAMES = 20
MAX_FRAME_BINDINGS = 60


def _frame_entry(frame: types.FrameType, line: int, role: str) -> dict[str, Any]:
    locals_ = {k: v for k, v in dict(frame.f_locals).items() if not k.startswith("__heal") and k != ".0"}
    if frame.f_code.co_name == "<module>":
        locals_ = {}
    return {
        "function": frame.f_code.co_name,
        "line": line,
        "role": role,
        "bindings": [describe(k, v, "local", {}) for k, v in list(locals_.items())[:MAX_FRAME_BINDINGS]],
    }


def stack_frames(frame: types.FrameType, exc: BaseException, filename: str) -> list[dict[str, Any]]:
    """For display only (nothing here travels to the executor): the frames the error came
    through below the failing one (a generator expression's variables, a lambda, a function
    that let it pass) and the callers above it, innermost first, user code only."""
    inner: list[dict[str, Any]] = []
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame is not frame:
        tb = tb.tb_next
    tb = tb.tb_next if tb is not None else None
    while tb is not None and len(inner) < MAX_STACK_FRAMES:
        if tb.tb_frame.f_code.co_filename == filename:
            inner.append(_frame_entry(tb.tb_frame, tb.tb_lineno, "inner"))
        tb = tb.tb_next
    callers: list[dict[str, Any]] = []
    caller = frame.f_back
    while caller is not None and len(callers) < MAX_STACK_FRAMES:
        if caller.f_code.co_filename == filename:
            callers.append(_frame_entry(caller, caller.f_lineno, "caller"))
        caller = caller.f_back
    return inner[::-1] + callers


def capture(
    frame: types.FrameType, handles: HandleTable, modules: dict[str, types.ModuleType] | None = None
) -> dict[str, Any]:
    """The pause's state for the page (reprs) and the executor (one pickle); `modules` gets
    the modules the pickle names."""
    locals_, globals_ = frame_bindings(frame)
    bindings = {**globals_, **locals_}
    try:
        data, opaque = pickle_bindings(bindings, handles, modules)
        encoded = base64.b64encode(data).decode("ascii")
        pickle_error = None
    except Exception as err:  # a user __reduce__ may raise anything
        encoded, opaque, pickle_error = None, {}, f"{type(err).__name__}: {err}"
    return {
        "locals": [describe(k, v, "local", opaque) for k, v in locals_.items()],
        "globals": [describe(k, v, "global", opaque) for k, v in globals_.items()],
        "pickle": encoded,
        "pickleError": pickle_error,
    }


# -- merge ---------------------------------------------------------------------


class MergeRefused(Exception):
    """The answer is not a data-only merge this program can take; nothing was changed."""


def _entries(answer: dict[str, Any]) -> tuple[list[tuple[str, Any, bool]], list[str]]:
    """The answer's bindings and deletions, validated as data before anything is decoded."""
    raw_set = answer.get("set") or []
    raw_delete = answer.get("delete") or []
    if type(raw_set) is not list or type(raw_delete) is not list:
        raise MergeRefused("'set' and 'delete' must be lists")
    entries: list[tuple[str, Any, bool]] = []
    seen: set[str] = set()
    for entry in raw_set:
        if type(entry) is not dict or not set(entry) <= {"name", "value", "inPlace"} or "value" not in entry:
            raise MergeRefused("each binding is {name, value, inPlace?}")
        name = entry.get("name")
        if not heal_values.valid_binding_name(name) or name in seen:
            raise MergeRefused(f"{name!r} is not a name handling code may bind (or it is bound twice)")
        seen.add(name)
        entries.append((name, entry["value"], entry.get("inPlace") is True))
    for name in raw_delete:
        if not heal_values.valid_binding_name(name) or name == RETURN_BINDING:
            raise MergeRefused(f"{name!r} is not a name handling code may delete")
    return entries, list(raw_delete)


MERGE_KEYS = {"action", "set", "delete", "output", "stdinConsumed", "reuse", "control"}
OUTPUT_STREAMS = ("stdout", "stderr")


def merge_effects(answer: dict[str, Any], stdin_left: int) -> tuple[list[tuple[str, str]], int]:
    """What the handling code printed ([stream, text] in order) and how many characters of the
    remaining test-case input it read, validated before anything is applied."""
    if type(answer) is not dict:
        raise MergeRefused("the answer is not a merge")
    raw_output = answer.get("output") or []
    if type(raw_output) is not list:
        raise MergeRefused("'output' must be a list of [stream, text]")
    output: list[tuple[str, str]] = []
    for chunk in raw_output:
        if type(chunk) is not list or len(chunk) != 2 or chunk[0] not in OUTPUT_STREAMS or type(chunk[1]) is not str:
            raise MergeRefused('each output chunk is ["stdout" or "stderr", text]')
        output.append((chunk[0], chunk[1]))
    consumed = answer.get("stdinConsumed", 0)
    if type(consumed) is not int or not 0 <= consumed <= stdin_left:
        raise MergeRefused(f"'stdinConsumed' must be a count of the {stdin_left} characters of input left")
    return output, consumed


def _is_fast_name(frame: types.FrameType, name: str) -> bool:
    code = frame.f_code
    return name in code.co_varnames or name in code.co_cellvars or name in code.co_freevars


def merge(
    frame: types.FrameType, answer: dict[str, Any], handles: HandleTable, modules: dict[str, types.ModuleType]
) -> tuple[list[str], Any, bool]:
    """Apply a data-only merge answer. Returns (changed names, return value, has return value).

    Everything is decoded first, then applied: an answer that is refused anywhere changes nothing.
    """
    if type(answer) is not dict or not set(answer) <= MERGE_KEYS:
        raise MergeRefused(
            "the answer is not a merge of the data-only format (action, set, delete, output, stdinConsumed)"
        )
    entries, deletions = _entries(answer)
    if "reuse" in answer and type(answer["reuse"]) is not str:
        raise MergeRefused("'reuse' is the accepted handling code, a string")
    if "control" in answer and answer["control"] not in ("continue", "break", "return"):
        raise MergeRefused('\'control\' ends the iteration ("continue"), the loop ("break") or the function ("return")')
    locals_, globals_ = frame_bindings(frame)
    live = {**globals_, **locals_}
    resolver = heal_values.StateResolver(live, handles.objects, modules, frame.f_globals, handles_where=" in this run")
    decoder = heal_values.Decoder(resolver)
    planned: list[tuple[str, Any, Any]] = []  # (name, value, patch applier or None)
    try:
        for name, spec, in_place in entries:
            patch = decoder.patch(live[name], spec) if in_place and name in live else None
            planned.append((name, None if patch is not None else decoder.decode(spec), patch))
    except heal_values.ValueError_ as err:
        raise MergeRefused(str(err)) from None
    patched = [name for name, _, patch in planned if patch is not None]
    for _, _, patch in planned:
        if patch is not None:
            patch()
    changed, return_value, has_return = apply(
        frame, {name: value for name, value, patch in planned if patch is None}, deletions
    )
    return patched + changed, return_value, has_return


valid_binding_name = heal_values.valid_binding_name


def apply(frame: types.FrameType, values: dict[str, Any], deletions: list[str]) -> tuple[list[str], Any, bool]:
    """Binds values and deletes names in the paused frame: fast locals through the frame
    (PEP 667 write-through), everything else in globals; __return__ becomes the return value
    of a failing `return`. Returns (changed names, return value, has return value)."""
    module_level = frame.f_code.co_name == "<module>" and frame.f_locals is frame.f_globals
    changed: list[str] = []
    return_value, has_return = None, False
    for name, value in values.items():
        if name == RETURN_BINDING and not module_level:
            return_value, has_return = value, True
            continue
        if module_level or not _is_fast_name(frame, name):
            frame.f_globals[name] = value
        else:
            frame.f_locals[name] = value
        changed.append(name)
    for name in deletions:
        if module_level or not _is_fast_name(frame, name):
            frame.f_globals.pop(name, None)
        else:
            try:
                del frame.f_locals[name]
            except (KeyError, ValueError):
                continue  # a fast local cannot be deleted through the proxy on some versions
        changed.append(name)
    return changed, return_value, has_return
