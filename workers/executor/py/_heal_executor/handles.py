"""Opaque handles: values of the paused program that could not be copied into the executor."""

from __future__ import annotations

from typing import Any

_HANDLE_ALLOWED = frozenset(
    {
        "__class__",
        "__repr__",
        "__str__",
        "__eq__",
        "__ne__",
        "__hash__",
        "__format__",
        "__reduce__",
        "__reduce_ex__",
        "__getstate__",
        "__sizeof__",
        "__dir__",
        "__doc__",
        "__copy__",
        "__deepcopy__",
    }
)


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
            f"unchanged"
        )

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


def handle_number(value: Any) -> int | None:
    return object.__getattribute__(value, "_heal_handle")
