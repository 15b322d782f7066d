"""State capture, pickling with handles, and merge semantics."""

import io
import pickle
import unittest

from _heal_common import display
from _heal_runner import state
from tests.helpers import run


class Capture(unittest.TestCase):
    def test_reprs_are_capped_and_kinds_reported(self):
        code = """
            import math
            big = list(range(100000))
            text = "x" * 10000
            square = lambda v: v * v
            def helper(): pass
            class Box: pass
            gen = (i for i in range(3))
            fail = 1 / 0
        """
        _, host = run(code)
        bindings = {b["name"]: b for b in host.contexts[0]["state"]["globals"]}
        self.assertLessEqual(len(bindings["big"]["repr"]), display.MAX_REPR)
        self.assertEqual(len(bindings["text"]["repr"]), display.MAX_REPR)
        self.assertTrue(bindings["text"]["repr"].startswith("'xxx") and bindings["text"]["repr"].endswith("…"))
        self.assertEqual(bindings["math"]["kind"], "module")
        self.assertEqual(bindings["helper"]["kind"], "function")
        self.assertEqual(bindings["Box"]["kind"], "class")
        # lambdas and generators cannot be pickled: opaque handles
        self.assertIn("handle", bindings["square"])
        self.assertIn("handle", bindings["gen"])
        self.assertNotIn("handle", bindings["big"])
        self.assertIsNotNone(host.contexts[0]["state"]["pickle"])

    def test_pickle_keeps_aliasing_and_records_modules_by_name(self):
        handles = state.HandleTable()
        modules = {}
        shared = [1, 2]
        import math

        data, opaque = state.pickle_bindings({"a": shared, "b": shared, "m": math, "f": lambda: 0}, handles, modules)
        self.assertEqual(list(opaque), ["f"])
        self.assertEqual(modules, {"math": math})
        loaded = _Loader(data, handles).load()
        self.assertIs(loaded["a"], loaded["b"])
        self.assertIs(loaded["m"], math)
        self.assertIs(loaded["f"], handles.objects[opaque["f"]])


class _Loader(pickle.Unpickler):
    """Loads a state pickle the way the executor does (modules by name, handles)."""

    def __init__(self, data, handles):
        super().__init__(io.BytesIO(data))
        self.handles = handles

    def persistent_load(self, pid):
        kind, key = pid
        return __import__(key) if kind == "module" else self.handles.objects[key]


class Merge(unittest.TestCase):
    def test_patch_in_place_keeps_aliases(self):
        code = """
            items = [1, 2]
            alias = items
            n = items[10]
            print(items, alias, items is alias)
        """
        answer = {
            "action": "merge",
            "set": [{"name": "items", "value": {"t": "list", "id": 0, "items": [1, 2, 3]}, "inPlace": True}],
        }
        result, _ = run(code, answers=[answer])
        self.assertEqual(result["stdout"], "[1, 2, 3] [1, 2, 3] True\n")

    def test_rebinding_does_not_touch_aliases(self):
        code = """
            items = [1, 2]
            alias = items
            n = items[10]
            print(items, alias, items is alias)
        """
        answer = {"action": "merge", "set": [{"name": "items", "value": {"t": "list", "id": 0, "items": [9]}}]}
        result, _ = run(code, answers=[answer])
        self.assertEqual(result["stdout"], "[9] [1, 2] False\n")

    def test_a_refused_answer_changes_nothing_and_the_program_ends_with_its_error(self):
        code = "x = 1 / 0\nprint('after')\n"
        answer = {
            "action": "merge",
            "set": [{"name": "ok", "value": 1}, {"name": "evil", "value": {"t": "module", "name": "subprocess"}}],
        }
        result, _ = run(code, answers=[answer])
        self.assertEqual(result["status"], "error")
        self.assertEqual(result["error"]["type"], "ZeroDivisionError")
        self.assertIn("merge refused, nothing was changed", result["stderr"])
        self.assertNotIn("after", result["stdout"])

    def test_refs_point_at_live_values(self):
        code = """
            config = {"live": True}
            wrapper = None
            fail = undefined
            print(wrapper[0] is config)
        """
        answer = {
            "action": "merge",
            "set": [{"name": "wrapper", "value": {"t": "list", "id": 0, "items": [{"t": "ref", "name": "config"}]}}],
        }
        result, _ = run(code, answers=[answer])
        self.assertEqual(result["stdout"], "True\n")

    def test_delete_global(self):
        result, _ = run("a = 1\nb = missing\nprint('a' in globals())\n", answers=[{"action": "merge", "delete": ["a"]}])
        self.assertEqual(result["stdout"], "False\n")

    def test_program_classes_are_rebuilt_without_running_their_methods(self):
        code = """
            class Point:
                made = 0
                def __init__(self, x, y):
                    Point.made += 1
                    self.x, self.y = x, y
                def __setattr__(self, name, value):
                    raise RuntimeError("no setattr")
            p = missing
            print(type(p).__name__, p.x, p.y, Point.made)
        """
        answer = {
            "action": "merge",
            "set": [{"name": "p", "value": {"t": "object", "class": "Point", "id": 0, "attrs": [["x", 1], ["y", 2]]}}],
        }
        result, _ = run(code, answers=[answer])
        self.assertEqual(result["stdout"], "Point 1 2 0\n")


if __name__ == "__main__":
    unittest.main()
