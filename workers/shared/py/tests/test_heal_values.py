"""Heal values: what survives the trip from the executor to the runner, and what is refused."""

import array
import collections
import dataclasses
import datetime
import decimal
import enum
import fractions
import math
import pathlib
import re
import sys
import types
import unittest
import uuid

from _heal_common import heal_values as hv


class _Context(hv.EncoderContext):
    def __init__(self, namespace, refs=None):
        self.namespace = namespace
        self.refs = refs or {}

    def ref_name(self, obj):
        return self.refs.get(id(obj))

    def program_global(self, obj):
        name = getattr(obj, "__name__", None)
        return name if self.namespace.get(name) is obj else None

    def program_class(self, cls):
        try:
            return cls.__qualname__ if hv.resolve_program_class(self.namespace, cls.__qualname__) is cls else None
        except hv.ValueError_:
            return None


class _Resolver(hv.Resolver):
    def __init__(self, namespace, live=None):
        self.namespace = namespace
        self.live = live or {}

    def ref(self, name):
        return self.live[name]

    def program_global(self, name):
        return hv.resolve_program_global(self.namespace, name)

    def program_class(self, qualname):
        return hv.resolve_program_class(self.namespace, qualname)


def program(source):
    """A namespace whose definitions count as the program's own (module __main__)."""
    module = types.ModuleType("__main__")
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = module
    try:
        exec(compile(source, "main.py", "exec"), module.__dict__)
    finally:
        sys.modules["__main__"] = saved
    return module.__dict__


def round_trip(value, namespace=None):
    namespace = namespace if namespace is not None else {}
    encoded = hv.encode(value, _Context(namespace))
    return encoded, hv.decode(encoded, _Resolver(namespace))


class RoundTrip(unittest.TestCase):
    def test_builtin_data(self):
        values = [
            None,
            True,
            0,
            -7,
            2**53,
            10**100,
            1.5,
            -0.0,
            math.inf,
            -math.inf,
            1e300,
            3 + 4j,
            b"\x00'b",
            bytearray(b"xy"),
            "tëxt\n",
            [1, [2, (3,)]],
            (1,),
            {"a": {1: None}},
            {1, 2},
            frozenset({"a"}),
        ]
        for value in values:
            with self.subTest(value=value):
                _, back = round_trip(value)
                self.assertEqual(type(back), type(value))
                self.assertEqual(repr(back), repr(value))
        _, nan = round_trip(math.nan)
        self.assertTrue(math.isnan(nan))
        self.assertEqual(math.copysign(1.0, round_trip(-0.0)[1]), -1.0)

    def test_cycles_and_aliases_survive(self):
        shared = [1]
        outer = [shared, shared]
        outer.append(outer)
        _, back = round_trip(outer)
        self.assertIs(back[0], back[1])
        self.assertIs(back[2], back)

    def test_standard_data_types(self):
        tz = datetime.timezone(datetime.timedelta(hours=2), "CEST")
        values = [
            datetime.date(2024, 2, 29),
            datetime.datetime(2024, 1, 2, 3, 4, 5, 6, tz),
            datetime.time(1, 2),
            datetime.timedelta(days=1, seconds=5),
            decimal.Decimal("1.50"),
            fractions.Fraction(1, 3),
            uuid.UUID(int=5),
            pathlib.PurePosixPath("/a/b"),
            range(1, 10, 2),
            slice(1, None, 2),
            re.compile("a+", re.I),
            array.array("i", [1, 2]),
            collections.deque([1, 2], maxlen=3),
            collections.OrderedDict(a=1),
            collections.Counter("aab"),
            types.SimpleNamespace(a=1),
        ]
        for value in values:
            with self.subTest(value=value):
                _, back = round_trip(value)
                self.assertEqual(type(back), type(value))
                self.assertEqual(repr(back), repr(value))
        _, dd = round_trip(collections.defaultdict(list, {"k": [1]}))
        self.assertIs(dd.default_factory, list)
        self.assertEqual(dd["new"], [])

    def test_program_classes_are_rebuilt_without_their_methods(self):
        ns = program(
            "import dataclasses, enum, collections\n"
            "calls = []\n"
            "class Account:\n"
            "    def __init__(self, owner):\n"
            "        calls.append('init')\n"
            "        self.owner = owner\n"
            "    def __setattr__(self, name, value):\n"
            "        calls.append('setattr')\n"
            "        object.__setattr__(self, name, value)\n"
            "class Slotted:\n"
            "    __slots__ = ('a', 'b')\n"
            "@dataclasses.dataclass(frozen=True)\n"
            "class Point:\n"
            "    x: int\n"
            "    y: int\n"
            "Pair = collections.namedtuple('Pair', 'left right')\n"
            "class Color(enum.Enum):\n"
            "    RED = 1\n"
            "class Bag(dict):\n"
            "    pass\n"
        )
        account = ns["Account"]("ada")
        slotted = ns["Slotted"]()
        slotted.a = 1
        ns["calls"].clear()
        for value in (account, slotted, ns["Point"](1, 2), ns["Pair"](1, [2]), ns["Color"].RED, ns["Bag"](k=1)):
            with self.subTest(value=type(value).__name__):
                _, back = round_trip(value, ns)
                self.assertIs(type(back), type(value))
        _, back = round_trip(account, ns)
        self.assertEqual(back.owner, "ada")
        self.assertEqual(ns["calls"], [])  # neither __init__ nor __setattr__ ran
        _, back = round_trip(slotted, ns)
        self.assertEqual(back.a, 1)
        self.assertFalse(hasattr(back, "b"))
        self.assertIs(round_trip(ns["Color"].RED, ns)[1], ns["Color"].RED)
        self.assertEqual(round_trip(ns["Pair"](1, [2]), ns)[1], (1, [2]))
        self.assertEqual(round_trip(ns["Bag"](k=1), ns)[1], {"k": 1})

    def test_references_by_name(self):
        ns = program("def helper():\n    return 1\n")
        encoded, back = round_trip([helper := ns["helper"], len, math.floor, math, collections.Counter], ns)
        self.assertEqual([e["t"] for e in encoded["items"]], ["global", "builtin", "stdlib", "module", "stdlib"])
        self.assertEqual(back, [helper, len, math.floor, math, collections.Counter])


class Refused(unittest.TestCase):
    def refuse(self, value, fragment="", namespace=None):
        with self.assertRaises(hv.ValueError_) as caught:
            hv.decode(value, _Resolver(namespace if namespace is not None else program("class C:\n    pass\n")))
        self.assertIn(fragment, str(caught.exception))

    def test_callables_and_modules_outside_the_allowlists(self):
        for value, fragment in (
            ({"t": "builtin", "name": "exec"}, "exec"),
            ({"t": "builtin", "name": "getattr"}, "getattr"),
            ({"t": "builtin", "name": "__import__"}, "__import__"),
            ({"t": "module", "name": "subprocess"}, "subprocess"),
            ({"t": "module", "name": "builtins"}, "builtins"),
            ({"t": "stdlib", "module": "os", "name": "system"}, "os"),
            ({"t": "stdlib", "module": "math", "name": "__loader__"}, "identifier"),
            ({"t": "std", "type": "os.system", "args": ["echo hi"]}, "not a standard type"),
            ({"t": "reduce", "fn": "os.system"}, "unknown value tag"),
        ):
            with self.subTest(value=value):
                self.refuse(value, fragment)

    def test_names_that_reach_past_the_programs_classes(self):
        ns = program("import collections\nclass C:\n    pass\nCounter = collections.Counter\n")
        for name in ("C.__init__", "C.__class__", "__builtins__", "Counter", "C.x.y", "", "os.system"):
            with self.subTest(name=name):
                self.refuse({"t": "object", "class": name, "attrs": []}, namespace=ns)
        self.refuse({"t": "global", "name": "__builtins__"}, namespace=ns)
        self.refuse({"t": "global", "name": "Counter"}, "not a function or class defined", namespace=ns)
        self.refuse({"t": "object", "class": "C", "id": 0, "attrs": [["__class__", 1]]}, "dunder", namespace=ns)

    def test_malformed_structure(self):
        for value in (
            [1],
            1.5,
            2**60,
            {"t": "list", "items": [1]},
            {"t": "list", "id": -1, "items": []},
            {"t": "alias", "id": 3},
            {"t": "int", "v": "1e9"},
            {"t": "float", "v": "1e9"},
            {"t": "dict", "id": 0, "entries": [[[1], 2]]},
            {"t": "dict", "id": 0, "entries": [[{"t": "list", "id": 1, "items": []}, 1]]},
            {"t": "bytes", "b64": "!!"},
        ):
            with self.subTest(value=value):
                self.refuse(value)

    def test_depth_and_size_bombs(self):
        deep = 0
        for i in range(hv.MAX_DEPTH + 5):
            deep = {"t": "list", "id": i, "items": [deep]}
        self.refuse(deep, "nested deeper")
        wide = {"t": "list", "id": 0, "items": [0] * (hv.MAX_NODES + 1)}
        self.refuse(wide, "more than")

    def test_binding_names(self):
        for name in ("__builtins__", "__heal_hook__", "__class__", "a.b", "1x", "", None):
            self.assertFalse(hv.valid_binding_name(name), name)
        for name in ("x", "_private", "__return__", "Tötal"):
            self.assertTrue(hv.valid_binding_name(name), name)


class Encoding(unittest.TestCase):
    def test_values_that_are_not_data(self):
        ns = program("class C:\n    pass\n")
        for value, fragment in (
            (lambda: 0, "cannot be sent"),
            (open, "cannot be sent"),
            (iter([]), "not plain data"),
            (sys, ""),
            (type("Local", (), {}), "cannot be sent"),
        ):
            with self.subTest(value=value):
                if value is sys:
                    self.assertEqual(hv.encode(sys, _Context(ns)), {"t": "module", "name": "sys"})
                    continue
                with self.assertRaises(hv.Unencodable) as caught:
                    hv.encode(value, _Context(ns))
                self.assertIn(fragment, str(caught.exception))

    def test_a_failed_binding_leaves_no_ids_behind(self):
        encoder = hv.Encoder(_Context({}))
        shared = [1]
        with self.assertRaises(hv.Unencodable):
            encoder.encode_binding([shared, lambda: 0], False)
        encoded = encoder.encode_binding([shared], False)
        self.assertEqual(encoded["items"][0]["t"], "list")  # not an alias into the failed value


if __name__ == "__main__":
    unittest.main()
