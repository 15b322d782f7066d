"""Loading the runner's pickle of the paused state: modules by name, handles as OpaqueHandle."""

from __future__ import annotations

import importlib
import io
import pickle
import types
from typing import Any

from _heal_executor.handles import OpaqueHandle


class StateUnpickler(pickle.Unpickler):
    """Loads the runner's pickle: modules by name, handles as OpaqueHandle.

    A ``__main__`` definition the prelude could not make (its definition was
    skipped or is not at top level) becomes a stand-in class in the module, so
    values referring to it still load and go back under the same name.
    """

    def __init__(
        self,
        data: bytes,
        module: types.ModuleType,
        handles: dict[int, OpaqueHandle],
        missing: dict[str, Any],
        install: bool,
        modules: dict[str, types.ModuleType] | None = None,
    ) -> None:
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
            message = (
                f"{qualname!r} is not available in the handling code: its definition in the "
                f"program was skipped or is not at the top level"
            )

            def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
                raise TypeError(message)

            stand_in = type(
                qualname.rsplit(".", 1)[-1],
                (),
                {
                    "__init__": __init__,
                    "__module__": "__main__",
                    "__qualname__": qualname,
                    "__doc__": message,
                },
            )
            self.missing[qualname] = stand_in
        if self.install and "." not in qualname:
            setattr(self.module, qualname, stand_in)
        return stand_in
