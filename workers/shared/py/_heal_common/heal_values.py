"""Heal values: the data-only format in which the executor's answer reaches the runner.

The executor runs untrusted handling code; whatever it sends back must not be able to
run code in the paused program. So values travel as tagged JSON that describes data,
never as pickle: decoding calls only fixed constructors of data types chosen here,
never a callable named by the answer. Encoding runs in the executor (it may have been
subverted, so the decoder trusts nothing); decoding runs in the runner, and the
executor runs it as a dry run first so that what it reports as merged is what the
runner will take.

    None, True/False, "text"            as themselves (JSON)
    7                                    int (plain JSON numbers are safe integers only)
    {"t": "int", "v": "123…"}            any other int
    {"t": "float", "v": 1.5 | "nan" | "inf" | "-inf" | "-0"}
    {"t": "complex", "re": F, "im": F}   F as the float "v"
    {"t": "bytes", "b64": …}             {"t": "bytearray", "b64": …, "id": n}
    {"t": "list" | "set", "items": […], "id": n}
    {"t": "tuple" | "frozenset", "items": […]}
    {"t": "dict", "entries": [[k, v], …], "id": n}
    {"t": "alias", "id": n}              the object with that id earlier in the same answer
    {"t": "ref", "name": x}              the paused program's object bound to x at the pause
    {"t": "handle", "n": n}              a value the executor only saw as an opaque handle
    {"t": "module", "name": m}           a module of the paused state, or an allowed stdlib module
    {"t": "stdlib", "module": m, "name": x}   a function or class of an allowed stdlib module
    {"t": "builtin", "name": x}          a builtin function or type from an allowlist
    {"t": "global", "name": x}           a function or class defined at the program's top level
    {"t": "object", "class": "A.B", "attrs": [[k, v], …], "items"?: […], "entries"?: […], "id": n}
                                         an instance of a program class, rebuilt without
                                         running any of its methods
    {"t": "enum", "class": "Color", "member": "RED"}
    {"t": "std", "type": "datetime.date", "args": […], "id"?: n}   allowlisted stdlib data types

A resolver supplies what only one side knows (the live objects, handles, the program's
classes); see ``Resolver``.
"""

from __future__ import annotations

import base64
import builtins
import collections
import datetime
import decimal
import enum
import fractions
import math
import pathlib
import re
import sys
import types
import uuid
from typing import Any, Callable

FORMAT = "heal-values/1"
MAX_DEPTH = 200
MAX_NODES = 500_000
MAX_INT_DIGITS = 4300
SAFE_INT = 2**53 - 1

# Standard-library modules whose import defines things and does nothing else: handling
# code may bind them (the "missing import" heal) and the runner imports them by name.
STDLIB_MODULES = frozenset(
    {
        "abc",
        "array",
        "ast",
        "base64",
        "binascii",
        "bisect",
        "calendar",
        "cmath",
        "codecs",
        "collections",
        "collections.abc",
        "colorsys",
        "contextlib",
        "copy",
        "csv",
        "dataclasses",
        "datetime",
        "decimal",
        "difflib",
        "enum",
        "fnmatch",
        "fractions",
        "functools",
        "gc",
        "glob",
        "graphlib",
        "hashlib",
        "heapq",
        "hmac",
        "html",
        "inspect",
        "io",
        "ipaddress",
        "itertools",
        "json",
        "keyword",
        "locale",
        "logging",
        "math",
        "numbers",
        "operator",
        "os",
        "os.path",
        "pathlib",
        "pprint",
        "queue",
        "random",
        "re",
        "reprlib",
        "secrets",
        "shlex",
        "statistics",
        "string",
        "struct",
        "sys",
        "textwrap",
        "time",
        "timeit",
        "tokenize",
        "traceback",
        "types",
        "typing",
        "unicodedata",
        "uuid",
        "warnings",
        "weakref",
        "zlib",
        "zoneinfo",
    }
)

# Modules whose functions and classes a value may name ({"t": "stdlib"}): computation only.
# (os, sys, io, gc, … may be bound as modules, but not their functions one by one: a name
# like `print = os.system` would turn the program's own calls into something else.)
STDLIB_FUNCTION_MODULES = frozenset(
    {
        "array",
        "base64",
        "binascii",
        "bisect",
        "calendar",
        "cmath",
        "collections",
        "colorsys",
        "copy",
        "csv",
        "dataclasses",
        "datetime",
        "decimal",
        "difflib",
        "enum",
        "fnmatch",
        "fractions",
        "functools",
        "graphlib",
        "hashlib",
        "heapq",
        "hmac",
        "html",
        "ipaddress",
        "itertools",
        "json",
        "keyword",
        "math",
        "numbers",
        "operator",
        "os.path",
        "pprint",
        "queue",
        "random",
        "re",
        "reprlib",
        "secrets",
        "shlex",
        "statistics",
        "string",
        "struct",
        "textwrap",
        "typing",
        "unicodedata",
        "uuid",
        "zlib",
        "zoneinfo",
    }
)

# Builtins a value may name: data types and functions without effects on the interpreter.
SAFE_BUILTINS = frozenset(
    {
        "abs",
        "all",
        "any",
        "ascii",
        "bin",
        "bool",
        "bytearray",
        "bytes",
        "callable",
        "chr",
        "complex",
        "dict",
        "divmod",
        "enumerate",
        "filter",
        "float",
        "format",
        "frozenset",
        "hash",
        "hex",
        "id",
        "int",
        "isinstance",
        "issubclass",
        "iter",
        "len",
        "list",
        "map",
        "max",
        "min",
        "next",
        "object",
        "oct",
        "ord",
        "pow",
        "print",
        "range",
        "repr",
        "reversed",
        "round",
        "set",
        "slice",
        "sorted",
        "str",
        "sum",
        "tuple",
        "type",
        "zip",
    }
) | frozenset(
    name for name, value in vars(builtins).items() if isinstance(value, type) and issubclass(value, BaseException)
)

# defaultdict factories that are plain data types.
_FACTORY_TYPES = (
    list,
    dict,
    set,
    int,
    float,
    str,
    tuple,
    frozenset,
    bytes,
    bool,
    collections.Counter,
    collections.OrderedDict,
    collections.deque,
)


class ValueError_(ValueError):
    """An answer that does not describe data this format allows."""


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def valid_binding_name(name: Any) -> bool:
    """A name handling code may bind or delete in the program: an identifier, no dunders
    (``__builtins__`` in globals would swap the program's builtins), except __return__."""
    return (
        isinstance(name, str)
        and name.isidentifier()
        and not name.startswith("__heal")
        and (name == "__return__" or not _is_dunder(name))
    )


def _valid_part(name: Any) -> bool:
    return isinstance(name, str) and name.isidentifier() and not _is_dunder(name) and not name.startswith("__heal")


def class_dict(cls: type) -> Any:
    """A class's own namespace without running a metaclass's __getattribute__."""
    return type.__dict__["__dict__"].__get__(cls)


def class_module(cls: type) -> Any:
    return class_dict(cls).get("__module__")


# -- resolvers ---------------------------------------------------------------------------


class Resolver:
    """What the decoder asks the side it runs on; every method raises ValueError_ to refuse."""

    def ref(self, name: str) -> Any:
        raise ValueError_(f"no object named {name!r} in the paused state")

    def handle(self, number: int) -> Any:
        raise ValueError_(f"no opaque value {number}")

    def state_module(self, name: str) -> Any | None:
        """The module of that name when the paused state holds it, else None."""
        return None

    def program_global(self, name: str) -> Any:
        raise ValueError_(f"no program definition named {name!r}")

    def program_class(self, qualname: str) -> type:
        raise ValueError_(f"no program class {qualname!r}")


def resolve_program_class(namespace: dict[str, Any], qualname: str) -> type:
    """A class defined by the program (``__main__``), found through class namespaces only."""
    if not isinstance(qualname, str) or not qualname:
        raise ValueError_("a class name must be a non-empty string")
    parts = qualname.split(".")
    if not all(_valid_part(part) for part in parts):
        raise ValueError_(f"{qualname!r} is not a class name the program may receive")
    found: Any = namespace.get(parts[0])
    for part in parts[1:]:
        if not isinstance(found, type):
            break
        found = class_dict(found).get(part)
    if not isinstance(found, type) or class_module(found) != "__main__":
        raise ValueError_(f"{qualname!r} is not a class defined by the program")
    return found


def resolve_program_global(namespace: dict[str, Any], name: str) -> Any:
    if not _valid_part(name):
        raise ValueError_(f"{name!r} is not a name the program may receive")
    value = namespace.get(name)
    if isinstance(value, types.FunctionType) and value.__module__ == "__main__" and value.__qualname__ == name:
        return value
    if isinstance(value, type) and class_module(value) == "__main__":
        return value
    raise ValueError_(f"{name!r} is not a function or class defined at the program's top level")


class StateResolver(Resolver):
    """Resolves against a paused state: its bindings by name, its opaque values by number, the
    modules it held, and the program's definitions. The runner resolves against the live program,
    the executor (dry run) against its copy; both decode the same way."""

    def __init__(
        self,
        live: dict[str, Any],
        handles: dict[int, Any],
        modules: dict[str, types.ModuleType],
        definitions: dict[str, Any],
        handles_where: str = "",
    ) -> None:
        self.live = live
        self.handles = handles
        self.modules = modules
        self.definitions = definitions
        self.handles_where = handles_where

    def ref(self, name: str) -> Any:
        if name not in self.live:
            raise ValueError_(f"no binding named {name!r} in the paused state")
        return self.live[name]

    def handle(self, number: int) -> Any:
        if number not in self.handles:
            raise ValueError_(f"no opaque value {number}{self.handles_where}")
        return self.handles[number]

    def state_module(self, name: str) -> Any:
        return self.modules.get(name)

    def program_global(self, name: str) -> Any:
        return resolve_program_global(self.definitions, name)

    def program_class(self, qualname: str) -> type:
        return resolve_program_class(self.definitions, qualname)


def stdlib_module(name: Any) -> types.ModuleType:
    """An allowlisted standard-library module, imported from the standard library only."""
    if name not in STDLIB_MODULES:
        raise ValueError_(f"module {name!r} is not one handling code may hand to the program")
    module = sys.modules.get(name)
    if module is None:
        import importlib.util

        spec = importlib.util.find_spec(name)
        origin = getattr(spec, "origin", None) or ""
        if spec is None or not (
            origin in ("built-in", "frozen") or origin.startswith(sys.prefix + "/lib") or origin.startswith("/lib/")
        ):
            raise ValueError_(f"module {name!r} does not come from the standard library here")
        import importlib

        module = importlib.import_module(name)
    return module


# -- std data types ------------------------------------------------------------------------


def _ints(args: list[Any], count: int, what: str) -> list[int]:
    if len(args) != count or not all(type(a) is int for a in args):
        raise ValueError_(f"{what} takes {count} integers")
    return args


def _opt_tz(value: Any) -> datetime.tzinfo | None:
    if value is None or type(value) is datetime.timezone:
        return value
    raise ValueError_("a time zone must be None or a fixed-offset timezone")


def _std_builders() -> dict[str, Callable[[list[Any]], Any]]:
    def date(a):
        return datetime.date(*_ints(a, 3, "date"))

    def time_(a):
        if len(a) != 5:
            raise ValueError_("time takes hour, minute, second, microsecond, tz")
        return datetime.time(*_ints(a[:4], 4, "time"), tzinfo=_opt_tz(a[4]))

    def datetime_(a):
        if len(a) != 8:
            raise ValueError_("datetime takes 7 integers and a tz")
        return datetime.datetime(*_ints(a[:7], 7, "datetime"), tzinfo=_opt_tz(a[7]))

    def timedelta(a):
        return datetime.timedelta(*_ints(a, 3, "timedelta"))

    def timezone(a):
        if len(a) != 2 or type(a[0]) is not datetime.timedelta or not (a[1] is None or type(a[1]) is str):
            raise ValueError_("timezone takes a timedelta and a name or None")
        return datetime.timezone(a[0]) if a[1] is None else datetime.timezone(a[0], a[1])

    def decimal_(a):
        if len(a) != 1 or type(a[0]) is not str or len(a[0]) > MAX_INT_DIGITS + 20:
            raise ValueError_("Decimal takes one string")
        return decimal.Decimal(a[0])

    def fraction(a):
        num, den = _ints(a, 2, "Fraction")
        return fractions.Fraction(num, den)

    def uuid_(a):
        if len(a) != 1 or type(a[0]) is not str:
            raise ValueError_("UUID takes one string")
        return uuid.UUID(a[0])

    def path(kind):
        def build(a):
            if len(a) != 1 or type(a[0]) is not str:
                raise ValueError_("a path takes one string")
            return kind(a[0])

        return build

    def range_(a):
        return range(*_ints(a, 3, "range"))

    def slice_(a):
        if len(a) != 3 or not all(x is None or type(x) is int for x in a):
            raise ValueError_("slice takes three integers or None")
        return slice(*a)

    def pattern(a):
        if len(a) != 2 or type(a[0]) not in (str, bytes) or type(a[1]) is not int:
            raise ValueError_("a pattern takes its text and flags")
        return re.compile(a[0], a[1])

    import array

    def array_(a):
        if len(a) != 2 or type(a[0]) is not str or a[0] not in array.typecodes or type(a[1]) is not list:
            raise ValueError_("array takes a typecode and a list")
        return array.array(a[0], a[1])

    return {
        "datetime.date": date,
        "datetime.time": time_,
        "datetime.datetime": datetime_,
        "datetime.timedelta": timedelta,
        "datetime.timezone": timezone,
        "decimal.Decimal": decimal_,
        "fractions.Fraction": fraction,
        "uuid.UUID": uuid_,
        "pathlib.PurePosixPath": path(pathlib.PurePosixPath),
        "pathlib.PosixPath": path(pathlib.PosixPath),
        "builtins.range": range_,
        "builtins.slice": slice_,
        "re.Pattern": pattern,
        "array.array": array_,
    }


_STD = _std_builders()
# Containers among the std types: built empty, registered under their id, then filled
# (so they can contain themselves).
_STD_CONTAINERS = {
    "collections.OrderedDict": collections.OrderedDict,
    "collections.Counter": collections.Counter,
    "collections.defaultdict": collections.defaultdict,
    "collections.deque": collections.deque,
    "types.SimpleNamespace": types.SimpleNamespace,
}


# -- decoding ------------------------------------------------------------------------------


def _float(value: Any) -> float:
    if type(value) in (int, float) and not isinstance(value, bool):
        result = float(value)
        if math.isfinite(result):
            return result
    if value in ("nan", "inf", "-inf", "-0"):
        return float(value)
    raise ValueError_("a float must be a finite number or 'nan', 'inf', '-inf', '-0'")


def _b64(value: Any) -> bytes:
    if type(value) is not str:
        raise ValueError_("bytes must be base64 text")
    try:
        return base64.b64decode(value, validate=True)
    except Exception as err:
        raise ValueError_(f"bad base64: {err}") from None


_DATA_BASES = (list, dict, set, frozenset, tuple, int, float, str, bytes)
# Bases a program class may have besides builtins: they add no instance layout of their own.
_NEUTRAL_MODULES = (None, "__main__", "builtins", "abc", "typing", "collections.abc")


def _builtin_data_base(cls: type) -> type:
    """The builtin type an instance of cls is laid out as (object for plain classes)."""
    for base in cls.__mro__:
        if base in _DATA_BASES or base is object:
            return base
        if class_module(base) not in _NEUTRAL_MODULES:
            break
    raise ValueError_(
        f"instances of {cls.__qualname__} cannot be rebuilt as data (a base class of the "
        f"standard library keeps state of its own)"
    )


def _instance_dict(obj: Any) -> dict[str, Any] | None:
    for klass in type(obj).__mro__:
        descriptor = class_dict(klass).get("__dict__")
        if isinstance(descriptor, (types.GetSetDescriptorType, types.MemberDescriptorType)):
            return descriptor.__get__(obj)
    return None


def _slot(cls: type, name: str) -> Any:
    for klass in cls.__mro__:
        found = class_dict(klass).get(name)
        if isinstance(found, types.MemberDescriptorType):
            return found
    return None


def _slot_names(cls: type) -> list[str]:
    names: list[str] = []
    for klass in cls.__mro__:
        slots = class_dict(klass).get("__slots__", ())
        names.extend(
            [slots]
            if isinstance(slots, str)
            else [s for s in slots if isinstance(s, str)]
            if isinstance(slots, (tuple, list))
            else []
        )
    return names


def set_attributes(obj: Any, attrs: list[tuple[str, Any]]) -> None:
    """Instance attributes written straight into __dict__ or slots: no __setattr__, no properties."""
    namespace = _instance_dict(obj)
    for name, value in attrs:
        slot = _slot(type(obj), name)
        if slot is not None:
            slot.__set__(obj, value)
        elif namespace is not None:
            namespace[name] = value
        else:
            raise ValueError_(f"{type(obj).__qualname__} objects have no attribute slot {name!r}")


class Decoder:
    """Turns an answer's values into objects; refuses anything that is not data."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.memo: dict[int, Any] = {}
        self.nodes = 0

    def decode(self, value: Any, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ValueError_(f"the answer holds more than {MAX_NODES:,} values")
        if depth > MAX_DEPTH:
            raise ValueError_(f"values are nested deeper than {MAX_DEPTH} levels")
        if value is None or type(value) in (bool, str):
            return value
        if type(value) is int:
            if abs(value) > SAFE_INT:
                raise ValueError_("a plain number must be a safe integer; larger ones are tagged")
            return value
        if type(value) is not dict:
            raise ValueError_(f"not a heal value: {type(value).__name__}")
        tag = value.get("t")
        method = getattr(self, f"_decode_{tag}", None) if isinstance(tag, str) and tag.isidentifier() else None
        if method is None:
            raise ValueError_(f"unknown value tag {tag!r}")
        return method(value, depth + 1)

    def _items(self, value: dict[str, Any], depth: int, key: str = "items") -> list[Any]:
        items = value.get(key)
        if type(items) is not list:
            raise ValueError_(f"{value.get('t')} needs a list of {key}")
        return [self.decode(item, depth) for item in items]

    def _entries(self, value: dict[str, Any], depth: int) -> list[tuple[Any, Any]]:
        entries = value.get("entries")
        if type(entries) is not list:
            raise ValueError_(f"{value.get('t')} needs a list of entries")
        pairs = []
        for entry in entries:
            if type(entry) is not list or len(entry) != 2:
                raise ValueError_("an entry is a [key, value] pair")
            pairs.append((self.decode(entry[0], depth), self.decode(entry[1], depth)))
        return pairs

    def _attrs(self, value: dict[str, Any], depth: int) -> list[tuple[str, Any]]:
        attrs = value.get("attrs", [])
        if type(attrs) is not list:
            raise ValueError_("attrs must be a list")
        result = []
        for entry in attrs:
            if type(entry) is not list or len(entry) != 2 or not _valid_part(entry[0]):
                raise ValueError_("an attribute is a [name, value] pair with an identifier, not a dunder")
            result.append((entry[0], self.decode(entry[1], depth)))
        return result

    def _register(self, value: dict[str, Any], obj: Any, required: bool = True) -> Any:
        ident = value.get("id")
        if ident is None and not required:
            return obj
        if type(ident) is not int or ident < 0 or ident in self.memo:
            raise ValueError_("a container needs a new non-negative integer id")
        self.memo[ident] = obj
        return obj

    def _hashable(self, key: Any) -> Any:
        try:
            hash(key)
        except TypeError:
            raise ValueError_(f"an unhashable {type(key).__name__} cannot be a key or set member") from None
        return key

    # scalars
    def _decode_int(self, value, depth):
        text = value.get("v")
        if type(text) is not str or not re.fullmatch(r"-?[0-9]{1,%d}" % MAX_INT_DIGITS, text):
            raise ValueError_("an int is a string of decimal digits")
        return int(text)

    def _decode_float(self, value, depth):
        return _float(value.get("v"))

    def _decode_complex(self, value, depth):
        return complex(_float(value.get("re")), _float(value.get("im")))

    def _decode_bytes(self, value, depth):
        return _b64(value.get("b64"))

    def _decode_bytearray(self, value, depth):
        return self._register(value, bytearray(_b64(value.get("b64"))))

    # containers
    def _decode_list(self, value, depth):
        result = self._register(value, [])
        result.extend(self._items(value, depth))
        return result

    def _decode_tuple(self, value, depth):
        return self._register(value, tuple(self._items(value, depth)), required=False)

    def _decode_set(self, value, depth):
        result = self._register(value, set())
        for item in self._items(value, depth):
            result.add(self._hashable(item))
        return result

    def _decode_frozenset(self, value, depth):
        return self._register(value, frozenset(self._hashable(i) for i in self._items(value, depth)), required=False)

    def _decode_dict(self, value, depth):
        result = self._register(value, {})
        for key, item in self._entries(value, depth):
            dict.__setitem__(result, self._hashable(key), item)
        return result

    def _decode_alias(self, value, depth):
        ident = value.get("id")
        if type(ident) is not int or ident not in self.memo:
            raise ValueError_("an alias must name an earlier id")
        return self.memo[ident]

    # references to what already exists
    def _decode_ref(self, value, depth):
        name = value.get("name")
        if not valid_binding_name(name):
            raise ValueError_("a ref names a binding of the paused state")
        return self.resolver.ref(name)

    def _decode_handle(self, value, depth):
        number = value.get("n")
        if type(number) is not int:
            raise ValueError_("a handle is a number")
        return self.resolver.handle(number)

    def _decode_module(self, value, depth):
        name = value.get("name")
        if type(name) is not str:
            raise ValueError_("a module is named by a string")
        module = self.resolver.state_module(name)
        return module if module is not None else stdlib_module(name)

    def _decode_stdlib(self, value, depth):
        if value.get("module") not in STDLIB_FUNCTION_MODULES:
            raise ValueError_(f"functions of module {value.get('module')!r} cannot be handed to the program one by one")
        module = stdlib_module(value.get("module"))
        name = value.get("name")
        if not _valid_part(name):
            raise ValueError_("a stdlib name must be an identifier, not a dunder")
        found = vars(module).get(name)
        if not isinstance(found, (type, types.FunctionType, types.BuiltinFunctionType)):
            raise ValueError_(f"{value.get('module')}.{name} is not a function or class of that module")
        return found

    def _decode_builtin(self, value, depth):
        name = value.get("name")
        if name not in SAFE_BUILTINS:
            raise ValueError_(f"builtin {name!r} is not one a value may name")
        import builtins

        return vars(builtins)[name]

    def _decode_global(self, value, depth):
        return self.resolver.program_global(value.get("name"))

    def _decode_enum(self, value, depth):
        cls = self.resolver.program_class(value.get("class"))
        if not issubclass(cls, enum.Enum):
            raise ValueError_(f"{cls.__qualname__} is not an enum")
        members = class_dict(cls).get("_member_map_") or {}
        member = value.get("member")
        if type(member) is not str or member not in members:
            raise ValueError_(f"{cls.__qualname__} has no member {member!r}")
        return members[member]

    def _decode_object(self, value, depth):
        cls = self.resolver.program_class(value.get("class"))
        if issubclass(cls, enum.Enum):
            raise ValueError_("enum members travel as enum values")
        base = _builtin_data_base(cls)
        try:
            obj = self._new_instance(cls, base, value, depth)
        except TypeError as err:  # e.g. object.__new__ of an exception class
            raise ValueError_(f"instances of {cls.__qualname__} cannot be rebuilt as data: {err}") from None
        set_attributes(obj, self._attrs(value, depth))
        return obj

    def _new_instance(self, cls: type, base: type, value: dict[str, Any], depth: int) -> Any:
        """base.__new__ only: the class's own __new__/__init__ never run."""
        if base in (tuple, frozenset):
            return self._register(value, base.__new__(cls, self._items(value, depth)), required=False)
        if base in (int, float, str, bytes):
            items = self._items(value, depth)
            if len(items) != 1 or type(items[0]) is not base:
                raise ValueError_(f"a {base.__name__} subclass carries one {base.__name__} item")
            return self._register(value, base.__new__(cls, items[0]), required=False)
        obj = self._register(value, base.__new__(cls))
        if base is list:
            list.extend(obj, self._items(value, depth))
        elif base is dict:
            for key, item in self._entries(value, depth):
                dict.__setitem__(obj, self._hashable(key), item)
        elif base is set:
            set.update(obj, (self._hashable(i) for i in self._items(value, depth)))
        return obj

    def _decode_std(self, value, depth):
        kind = value.get("type")
        container = _STD_CONTAINERS.get(kind) if isinstance(kind, str) else None
        if container is not None:
            return self._std_container(kind, container, value, depth)
        build = _STD.get(kind) if isinstance(kind, str) else None
        if build is None:
            raise ValueError_(f"{kind!r} is not a standard type a value may be")
        args = value.get("args")
        if type(args) is not list:
            raise ValueError_("a std value needs a list of args")
        try:
            return self._register(value, build([self.decode(a, depth) for a in args]), required=False)
        except ValueError_:
            raise
        except (ValueError, TypeError, OverflowError, decimal.InvalidOperation, re.error) as err:
            raise ValueError_(f"bad {kind} value: {err}") from None

    def _std_container(self, kind: str, container: type, value: dict[str, Any], depth: int) -> Any:
        if kind == "collections.deque":
            maxlen = value.get("maxlen")
            if maxlen is not None and (type(maxlen) is not int or maxlen < 0):
                raise ValueError_("a deque's maxlen is a non-negative integer or None")
            obj = self._register(value, collections.deque(maxlen=maxlen))
            obj.extend(self._items(value, depth))
            return obj
        if kind == "types.SimpleNamespace":
            obj = self._register(value, types.SimpleNamespace())
            set_attributes(obj, self._attrs(value, depth))
            return obj
        if kind == "collections.defaultdict":
            factory = self.decode(value.get("factory"), depth)
            if not (
                factory is None
                or factory in _FACTORY_TYPES
                or (
                    isinstance(factory, (types.FunctionType, type))
                    and getattr(factory, "__module__", None) == "__main__"
                )
            ):
                raise ValueError_("a defaultdict's factory must be None, a data type or a program function")
            obj = self._register(value, collections.defaultdict(factory))
        else:
            obj = self._register(value, container())
        for key, item in self._entries(value, depth):
            obj[self._hashable(key)] = item
        return obj

    # -- in place --------------------------------------------------------------------------
    def patch(self, live: Any, value: Any) -> Callable[[], None] | None:
        """Decodes new contents for the live object (its id stands for live itself, so a value
        that contains itself keeps doing so) and returns what writes them; None when live
        cannot take them in place (the caller rebinds instead). Nothing changes until the
        returned function runs."""
        if type(value) is not dict:
            return None
        tag, kind = value.get("t"), type(live)
        ident = value.get("id")
        if type(ident) is not int or ident < 0 or ident in self.memo:
            return None
        std = value.get("type") if tag == "std" else None
        if tag == "object":
            cls = self.resolver.program_class(value.get("class"))
            if (
                kind is not cls
                or _builtin_data_base(cls) not in (object, list, dict, set)
                or _instance_dict(live) is None
            ):
                return None
        elif not (
            (tag, kind) in (("list", list), ("dict", dict), ("set", set), ("bytearray", bytearray))
            or (std is not None and _STD_CONTAINERS.get(std) is kind)
        ):
            return None
        self.memo[ident] = live
        if tag == "bytearray":
            data = _b64(value.get("b64"))
            return lambda: bytearray.__setitem__(live, slice(None), data)
        if tag == "list" or (tag == "object" and isinstance(live, list)):
            items = self._items(value, 1)
            content = lambda: list.__setitem__(live, slice(None), items)  # noqa: E731
        elif tag == "set" or (tag == "object" and isinstance(live, set)):
            members = [self._hashable(i) for i in self._items(value, 1)]
            content = lambda: (set.clear(live), set.update(live, members))  # noqa: E731
        elif tag == "dict" or (tag == "object" and isinstance(live, dict)):
            pairs = [(self._hashable(k), v) for k, v in self._entries(value, 1)]

            def content() -> None:
                dict.clear(live)
                for key, item in pairs:
                    dict.__setitem__(live, key, item)
        elif std == "collections.deque":
            if value.get("maxlen") != live.maxlen:
                return None
            items = self._items(value, 1)
            content = lambda: (live.clear(), live.extend(items))  # noqa: E731
        elif std == "types.SimpleNamespace":
            attrs = self._attrs(value, 1)
            return lambda: (_instance_dict(live).clear(), set_attributes(live, attrs))
        elif std is not None:  # OrderedDict, Counter, defaultdict: their own (stdlib) methods
            pairs = [(self._hashable(k), v) for k, v in self._entries(value, 1)]
            factory = self.decode(value.get("factory"), 1) if std == "collections.defaultdict" else None

            def content() -> None:
                live.clear()
                if std == "collections.defaultdict":
                    live.default_factory = factory
                for key, item in pairs:
                    live[key] = item
        else:
            content = lambda: None  # noqa: E731
        if tag != "object":
            return content
        attrs = self._attrs(value, 1)

        def instance() -> None:
            content()
            _instance_dict(live).clear()
            set_attributes(live, attrs)

        return instance


def decode(value: Any, resolver: Resolver) -> Any:
    return Decoder(resolver).decode(value)


# -- encoding (executor side) ------------------------------------------------------------


class Unencodable(Exception):
    """The value is not data the program may receive; the message says why."""


class EncoderContext:
    """What the encoding side knows about a value's origin."""

    def ref_name(self, obj: Any) -> str | None:
        """The paused state's binding name when obj is one of its original objects."""
        return None

    def handle_number(self, obj: Any) -> int | None:
        return None

    def state_module(self, module: types.ModuleType) -> bool:
        return False

    def program_global(self, obj: Any) -> str | None:
        """The top-level name when obj is one of the program's own functions or classes."""
        return None

    def program_class(self, cls: type) -> str | None:
        """The qualname when cls is a class defined by the program."""
        return None


def _float_value(value: float) -> Any:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == 0 and math.copysign(1.0, value) < 0:
        return "-0"
    return value


def _stdlib_name(obj: Any) -> tuple[str, str] | None:
    module_name = getattr(obj, "__module__", None)
    name = getattr(obj, "__name__", None)
    if module_name == "posixpath":
        module_name = "os.path"
    if module_name in STDLIB_FUNCTION_MODULES and isinstance(name, str) and _valid_part(name):
        module = sys.modules.get(module_name)
        if module is not None and vars(module).get(name) is obj:
            return module_name, name
    return None


class Encoder:
    """Ids are unique across everything one encoder encodes: use one per merge answer, so
    that values of different names may share objects (aliases)."""

    def __init__(self, context: EncoderContext, top: Any = None) -> None:
        self.context = context
        self.top_id = id(top) if top is not None else None
        self.ids: dict[int, int] = {}
        self.keep: list[Any] = []  # ids stay unique while encoding
        self.nodes = 0

    def _new_id(self, obj: Any) -> int:
        ident = len(self.keep)
        self.ids[id(obj)] = ident
        self.keep.append(obj)
        return ident

    def encode_binding(self, value: Any, in_place: bool) -> Any:
        """One binding's value; an in-place value is encoded as new contents of itself. On
        failure nothing of it stays registered, so later values never alias into it."""
        mark = len(self.keep)
        self.top_id = id(value) if in_place else None
        try:
            return self.encode(value)
        except BaseException:
            for obj in self.keep[mark:]:
                self.ids.pop(id(obj), None)
            del self.keep[mark:]
            raise
        finally:
            self.top_id = None

    def encode(self, obj: Any, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise Unencodable(f"it holds more than {MAX_NODES:,} values")
        if depth > MAX_DEPTH:
            raise Unencodable(f"it is nested deeper than {MAX_DEPTH} levels")
        kind = type(obj)
        if obj is None or kind in (bool, str):
            return obj
        if kind is int:
            if abs(obj) <= SAFE_INT:
                return obj
            try:
                return {"t": "int", "v": str(obj)}
            except ValueError:
                raise Unencodable(f"the integer has more than {MAX_INT_DIGITS} digits") from None
        if kind is float:
            return {"t": "float", "v": _float_value(obj)}
        if kind is complex:
            return {"t": "complex", "re": _float_value(obj.real), "im": _float_value(obj.imag)}
        if kind is bytes:
            return {"t": "bytes", "b64": base64.b64encode(obj).decode("ascii")}
        seen = self.ids.get(id(obj))
        if seen is not None:
            return {"t": "alias", "id": seen}
        if id(obj) != self.top_id:
            name = self.context.ref_name(obj)
            if name is not None:
                return {"t": "ref", "name": name}
        handle = self.context.handle_number(obj)
        if handle is not None:
            return {"t": "handle", "n": handle}
        depth += 1
        if kind is list:
            ident = self._new_id(obj)
            return {"t": "list", "id": ident, "items": [self.encode(i, depth) for i in obj]}
        if kind is tuple:
            return {"t": "tuple", "items": [self.encode(i, depth) for i in obj]}
        if kind is dict:
            ident = self._new_id(obj)
            return {
                "t": "dict",
                "id": ident,
                "entries": [[self.encode(k, depth), self.encode(v, depth)] for k, v in obj.items()],
            }
        if kind is set:
            ident = self._new_id(obj)
            return {"t": "set", "id": ident, "items": [self.encode(i, depth) for i in obj]}
        if kind is frozenset:
            return {"t": "frozenset", "items": [self.encode(i, depth) for i in obj]}
        if kind is bytearray:
            return {"t": "bytearray", "id": self._new_id(obj), "b64": base64.b64encode(bytes(obj)).decode("ascii")}
        if isinstance(obj, types.ModuleType):
            return self._module(obj)
        if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType, type)):
            return self._callable(obj)
        return self._instance(obj, kind, depth)

    def _module(self, module: types.ModuleType) -> Any:
        name = module.__name__
        if self.context.state_module(module) or name in STDLIB_MODULES:
            return {"t": "module", "name": name}
        raise Unencodable(f"module {name!r} is neither in the program's state nor an allowed standard module")

    def _callable(self, obj: Any) -> Any:
        name = self.context.program_global(obj)
        if name is not None:
            return {"t": "global", "name": name}
        if isinstance(obj, (types.BuiltinFunctionType, type)) and getattr(obj, "__module__", None) == "builtins":
            if obj.__name__ in SAFE_BUILTINS:
                return {"t": "builtin", "name": obj.__name__}
        located = _stdlib_name(obj)
        if located is not None:
            return {"t": "stdlib", "module": located[0], "name": located[1]}
        what = "class" if isinstance(obj, type) else "function"
        if getattr(obj, "__module__", None) == "__main__":
            raise Unencodable(
                f"{what} {obj.__qualname__!r} was defined by the handling code; functions and "
                f"classes defined there cannot be sent to the program"
            )
        raise Unencodable(f"{what} {getattr(obj, '__qualname__', obj)!r} cannot be sent to the program")

    def _instance(self, obj: Any, kind: type, depth: int) -> Any:
        std = self._std(obj, kind, depth)
        if std is not None:
            return std
        qualname = self.context.program_class(kind)
        if qualname is None:
            raise Unencodable(f"a {kind.__qualname__} is not plain data")
        if isinstance(obj, enum.Enum):
            return {"t": "enum", "class": qualname, "member": obj.name}
        try:
            base = _builtin_data_base(kind)
        except ValueError_ as err:
            raise Unencodable(str(err)) from None
        result: dict[str, Any] = {"t": "object", "class": qualname}
        if base is not tuple and base not in (int, float, str, bytes, frozenset):
            result["id"] = self._new_id(obj)
        if base is tuple or base is list or base is set or base is frozenset:
            result["items"] = [self.encode(i, depth) for i in base.__iter__(obj)]
        elif base is dict:
            result["entries"] = [[self.encode(k, depth), self.encode(v, depth)] for k, v in dict.items(obj)]
        elif base in (int, float, str, bytes):
            result["items"] = [self.encode(base(obj), depth)]
        result["attrs"] = self._attrs(obj, depth)
        return result

    def _attrs(self, obj: Any, depth: int) -> list[list[Any]]:
        attrs: list[list[Any]] = []
        namespace = _instance_dict(obj)
        if namespace is not None:
            for name, value in namespace.items():
                if not _valid_part(name):
                    raise Unencodable(f"attribute {name!r} cannot be sent")
                attrs.append([name, self.encode(value, depth)])
        for name in _slot_names(type(obj)):
            slot = _slot(type(obj), name)
            if slot is None or not _valid_part(name):
                continue
            try:
                value = slot.__get__(obj)
            except AttributeError:
                continue  # an unset slot stays unset
            attrs.append([name, self.encode(value, depth)])
        return attrs

    def _std(self, obj: Any, kind: type, depth: int) -> Any:
        args: list[Any] | None = None
        if kind is datetime.datetime:
            args = [obj.year, obj.month, obj.day, obj.hour, obj.minute, obj.second, obj.microsecond, obj.tzinfo]
            name = "datetime.datetime"
        elif kind is datetime.date:
            args, name = [obj.year, obj.month, obj.day], "datetime.date"
        elif kind is datetime.time:
            args, name = [obj.hour, obj.minute, obj.second, obj.microsecond, obj.tzinfo], "datetime.time"
        elif kind is datetime.timedelta:
            args, name = [obj.days, obj.seconds, obj.microseconds], "datetime.timedelta"
        elif kind is datetime.timezone:
            offset = obj.utcoffset(None)
            label = obj.tzname(None)
            args, name = (
                [offset, None if label == datetime.timezone(offset).tzname(None) else label],
                "datetime.timezone",
            )
        elif kind is decimal.Decimal:
            args, name = [str(obj)], "decimal.Decimal"
        elif kind is fractions.Fraction:
            args, name = [obj.numerator, obj.denominator], "fractions.Fraction"
        elif kind is uuid.UUID:
            args, name = [str(obj)], "uuid.UUID"
        elif kind in (pathlib.PurePosixPath, pathlib.PosixPath):
            args, name = [str(obj)], f"pathlib.{kind.__name__}"
        elif kind is range:
            args, name = [obj.start, obj.stop, obj.step], "builtins.range"
        elif kind is slice:
            args, name = [obj.start, obj.stop, obj.step], "builtins.slice"
        elif kind is re.Pattern:
            args, name = [obj.pattern, obj.flags], "re.Pattern"
        elif type(obj).__module__ == "array" and type(obj).__name__ == "array":
            args, name = [obj.typecode, obj.tolist()], "array.array"
        if args is not None:
            return {"t": "std", "type": name, "args": [self.encode(a, depth) for a in args]}
        if kind is collections.deque:
            ident = self._new_id(obj)
            return {
                "t": "std",
                "type": "collections.deque",
                "id": ident,
                "maxlen": obj.maxlen,
                "items": [self.encode(i, depth) for i in obj],
            }
        if kind is types.SimpleNamespace:
            ident = self._new_id(obj)
            return {"t": "std", "type": "types.SimpleNamespace", "id": ident, "attrs": self._attrs(obj, depth)}
        if kind in (collections.OrderedDict, collections.Counter, collections.defaultdict):
            ident = self._new_id(obj)
            result = {"t": "std", "type": f"collections.{kind.__name__}", "id": ident}
            if kind is collections.defaultdict:
                result["factory"] = self.encode(obj.default_factory, depth)
            result["entries"] = [[self.encode(k, depth), self.encode(v, depth)] for k, v in obj.items()]
            return result
        return None


def encode(value: Any, context: EncoderContext, top: Any = None) -> Any:
    return Encoder(context, top).encode(value)
