"""The merge answer: what the handling code changed, as data-only heal values.

Diff (namespace after vs before, dunder names ignored except ``__return__``):
    a name bound to another object        -> set (rebind)
    same object, its pickle changed       -> set, in place (the live object is changed)
    a new name                            -> set
    a deleted name of the program state   -> delete

Objects of the original state referenced from new values travel as ('ref', name), so the
runner links them to its live objects and aliasing survives. Before it is sent, the answer is
decoded here as the runner will decode it (dry run); a value the program would refuse is left
out with the reason.
"""

from __future__ import annotations

import types
from typing import Any

from _heal_common import heal_values
from _heal_executor.fingerprint import Before, fingerprint, same_atom
from _heal_executor.handles import OpaqueHandle, handle_number

# The name handling code assigns when the failing statement is a `return`.
RETURN_BINDING = "__return__"


def is_user_name(name: str) -> bool:
    return name == RETURN_BINDING or not (name.startswith("__") and name.endswith("__"))


def merge_answer(
    module: types.ModuleType,
    before: dict[str, Before],
    state: dict[str, Any],
    refs: dict[int, str],
    handles: dict[int, OpaqueHandle],
    modules: dict[str, types.ModuleType],
) -> dict[str, Any]:
    """The merge answer: every name the handling code rebound, changed in place, added or
    deleted, as data-only heal values (_heal_common/heal_values.py). A value the program
    could not take is left out with the reason (dry run of the runner's decoder)."""
    after = {name: value for name, value in module.__dict__.items() if is_user_name(name)}
    definitions = {name: old.value for name, old in before.items()}
    context = _EncoderContext(refs, modules, definitions)
    resolver = heal_values.StateResolver(state, handles, modules, definitions)
    entries: list[tuple[str, Any, bool]] = []
    removed: list[str] = []
    for name, old in before.items():
        if name not in after:
            if name in state:
                removed.append(name)
            continue
        value = after[name]
        if value is not old.value and not same_atom(value, old.value):
            entries.append((name, value, False))
        elif name in state and fingerprint(value, module, refs) != old.fingerprint:
            entries.append((name, value, True))
    entries.extend((name, after[name], False) for name in after if name not in before)

    unmerged: list[dict[str, str]] = []
    entries = [entry for entry in entries if heal_values.valid_binding_name(entry[0])]  # never dunders
    while True:
        bindings = encode(entries, context, unmerged)
        refused = dry_run(bindings, state, resolver)
        if refused is None:
            break
        name, reason = refused
        unmerged.append({"name": name, "reason": f"the program would refuse it: {reason}"})
        entries = [entry for entry in entries if entry[0] != name]
    merge = {"action": "merge", "set": bindings, "delete": [n for n in removed if heal_values.valid_binding_name(n)]}
    return {"status": "ok", "unmerged": unmerged, "merge": merge}


def encode(
    entries: list[tuple[str, Any, bool]], context: heal_values.EncoderContext, unmerged: list[dict[str, str]]
) -> list[dict[str, Any]]:
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


def dry_run(
    bindings: list[dict[str, Any]], state: dict[str, Any], resolver: heal_values.Resolver
) -> tuple[str, str] | None:
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
        return handle_number(obj) if isinstance(obj, OpaqueHandle) else None

    def state_module(self, module: types.ModuleType) -> bool:
        return self.modules.get(module.__name__) is module

    def program_global(self, obj: Any) -> str | None:
        name = getattr(obj, "__name__", None)
        if (
            isinstance(name, str)
            and getattr(obj, "__module__", None) == "__main__"
            and getattr(obj, "__qualname__", None) == name
            and self.definitions.get(name) is obj
        ):
            return name
        return None

    def program_class(self, cls: type) -> str | None:
        qualname = getattr(cls, "__qualname__", None)
        try:
            return qualname if heal_values.resolve_program_class(self.definitions, qualname) is cls else None
        except heal_values.ValueError_:
            return None
