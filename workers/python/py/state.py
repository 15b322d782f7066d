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
import builtins
import io
import pickle
import reprlib
import types
from dataclasses import dataclass, field
from typing import Any

# The name handling code assigns to when the failing statement was a `return`.
RETURN_BINDING = "__return__"

_repr = reprlib.Repr(maxlevel=3, maxtuple=12, maxlist=12, maxarray=12, maxdict=10, maxset=12,
                     maxfrozenset=12, maxdeque=12, maxstring=160, maxlong=80, maxother=200)
_repr.fillvalue = "…"
_repr.indent = None
MAX_REPR = 400

# Objects of these kinds never pickle; they become handles without trying.
_UNPICKLABLE_TYPES: tuple[type, ...] = (
    types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType, types.FrameType,
    types.TracebackType, io.IOBase,
)


def capped_repr(value: Any) -> str:
    try:
        text = _repr.repr(value)
    except Exception as err:  # a user __repr__ may raise
        text = f"<{type(value).__name__} object (repr failed: {type(err).__name__})>"
    return text if len(text) <= MAX_REPR else text[: MAX_REPR - 1] + "…"


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
    def __init__(self, file: io.BytesIO, handles_by_id: dict[int, int]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.handles_by_id = handles_by_id

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, types.ModuleType):
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


def pickle_bindings(bindings: dict[str, Any], handles: HandleTable) -> tuple[bytes, dict[str, int]]:
    """One pickle of all bindings; returns it and the names that became handles."""
    opaque: dict[str, int] = {}
    for name, value in bindings.items():
        if isinstance(value, _UNPICKLABLE_TYPES) or not _picklable_alone(value):
            opaque[name] = handles.handle_for(value)
    buffer = io.BytesIO()
    _StatePickler(buffer, handles.by_id).dump(bindings)
    return buffer.getvalue(), opaque


def describe(name: str, value: Any, scope: str, opaque: dict[str, int]) -> dict[str, Any]:
    entry = {"name": name, "type": type(value).__name__, "repr": capped_repr(value),
             "scope": scope, "kind": kind_of(value)}
    if name in opaque:
        entry["handle"] = opaque[name]
    return entry


def capture(frame: types.FrameType, handles: HandleTable) -> dict[str, Any]:
    locals_, globals_ = frame_bindings(frame)
    bindings = {**globals_, **locals_}
    try:
        data, opaque = pickle_bindings(bindings, handles)
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

# Unpickling runs constructors named in the pickle: only data types, the
# program's own definitions and standard data modules are allowed.
_SAFE_MODULES = {
    "collections", "datetime", "decimal", "fractions", "array", "enum", "dataclasses",
    "copyreg", "heapq", "re", "uuid", "zoneinfo", "ipaddress", "pathlib",
}
_SAFE_BUILTINS = {
    "list", "dict", "set", "frozenset", "tuple", "str", "bytes", "bytearray", "int", "float",
    "complex", "bool", "range", "slice", "object", "NoneType", "Ellipsis", "NotImplemented",
    "getattr",
} | {name for name, value in vars(builtins).items()
     if isinstance(value, type) and issubclass(value, BaseException)}


class SafeUnpickler(pickle.Unpickler):
    def __init__(self, data: bytes, handles: HandleTable, live: dict[str, Any], main_module: str) -> None:
        super().__init__(io.BytesIO(data))
        self.handles = handles
        self.live = live
        self.main_module = main_module

    def persistent_load(self, pid: Any) -> Any:
        kind, key = pid
        if kind == "module":
            module = __import__(key)
            for part in key.split(".")[1:]:
                module = getattr(module, part)
            return module
        if kind == "handle":
            return self.handles.objects[key]
        if kind == "ref":
            return self.live[key]
        raise pickle.UnpicklingError(f"unknown persistent id {kind!r}")

    def find_class(self, module: str, name: str) -> Any:
        root = module.split(".")[0]
        allowed = (
            module == self.main_module
            or (module == "builtins" and name in _SAFE_BUILTINS)
            or root in _SAFE_MODULES
        )
        if not allowed:
            raise pickle.UnpicklingError(f"merge refused: {module}.{name} is not a data type")
        return super().find_class(module, name)


def _patch_in_place(live: Any, new: Any) -> bool:
    """Mutate `live` to equal `new`; False when that cannot be done."""
    if live is new:
        return True
    if type(live) is not type(new):
        return False
    if isinstance(live, (list, bytearray)):
        live[:] = new
    elif isinstance(live, dict):
        live.clear()
        live.update(new)
    elif isinstance(live, set):
        live.clear()
        live |= new
    elif hasattr(live, "__dict__") and not isinstance(live, (type, types.ModuleType, types.FunctionType)):
        live.__dict__.clear()
        live.__dict__.update(new.__dict__)
    else:
        return False
    return True


def _is_fast_name(frame: types.FrameType, name: str) -> bool:
    code = frame.f_code
    return name in code.co_varnames or name in code.co_cellvars or name in code.co_freevars


def merge(frame: types.FrameType, answer: dict[str, Any], handles: HandleTable,
          main_module: str) -> tuple[list[str], Any, bool]:
    """Apply a merge answer. Returns (changed names, return value, has return value)."""
    module_level = frame.f_code.co_name == "<module>" and frame.f_locals is frame.f_globals
    locals_, globals_ = frame_bindings(frame)
    live = {**globals_, **locals_}
    updates: dict[str, Any] = {}
    if answer.get("updates"):
        data = base64.b64decode(answer["updates"])
        updates.update(SafeUnpickler(data, handles, live, main_module).load())
    updates.update(answer.get("values") or {})
    patch_names = set(answer.get("patch") or [])
    changed: list[str] = []
    return_value, has_return = None, False
    for name, value in updates.items():
        if name == RETURN_BINDING and not module_level:
            return_value, has_return = value, True
            continue
        if name in patch_names and name in live and _patch_in_place(live[name], value):
            changed.append(name)
            continue
        if module_level or not _is_fast_name(frame, name):
            frame.f_globals[name] = value
        else:
            frame.f_locals[name] = value
        changed.append(name)
    for name in answer.get("delete") or []:
        if module_level or not _is_fast_name(frame, name):
            frame.f_globals.pop(name, None)
        else:
            try:
                del frame.f_locals[name]
            except (KeyError, ValueError):
                continue  # a fast local cannot be deleted through the proxy on some versions
        changed.append(name)
    return changed, return_value, has_return
