"""Fingerprints: pickle bytes of a value with its original neighbours as refs, to tell a value
the handling code changed in place from one it left alone."""

from __future__ import annotations

import io
import pickle
import types
from dataclasses import dataclass
from typing import Any

from _heal_executor.handles import OpaqueHandle, handle_number

ATOMIC = (int, float, complex, str, bytes, bool, type(None))


class _Pickler(pickle.Pickler):
    """Persistent ids: modules, opaque handles, and ('ref', name) for original objects.

    ``top`` is the value being fingerprinted: it is pickled itself, not as a ref.
    ``definitions`` resolves a function or class of ``__main__`` as it was
    before the handling code ran; others were made by the handling code and
    cannot go to the program.
    """

    def __init__(
        self,
        file: io.BytesIO,
        main: types.ModuleType,
        refs: dict[int, str],
        definitions: dict[str, Any] | None = None,
        top: Any = None,
    ) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.main = main
        self.refs = refs
        self.definitions = definitions
        self.top_id = id(top) if top is not None else None

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, OpaqueHandle):
            number = handle_number(obj)
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
        if (
            self.definitions is not None
            and isinstance(obj, (types.FunctionType, type))
            and getattr(obj, "__module__", None) == "__main__"
            and not self._program_definition(obj)
        ):
            kind = "class" if isinstance(obj, type) else "function"
            raise pickle.PicklingError(
                f"{kind} {obj.__qualname__!r} was defined by the handling code; functions and classes "
                f"defined there cannot be sent to the program"
            )
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
class Before:
    value: Any
    fingerprint: Any


def fingerprint(value: Any, main: types.ModuleType, refs: dict[int, str]) -> Any:
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


def same_atom(new: Any, old: Any) -> bool:
    """An immutable scalar rebound to an equal one (``n = n + 0``) is no change."""
    try:
        return type(new) is type(old) and isinstance(new, ATOMIC) and bool(new == old)
    except Exception:
        return False
