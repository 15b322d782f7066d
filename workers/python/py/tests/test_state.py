"""State capture, pickling with handles, and merge semantics."""

import base64
import pickle
import unittest

import state
from tests.helpers import run


def pickled_updates(values):
    return base64.b64encode(pickle.dumps(values)).decode()


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
        self.assertLessEqual(len(bindings["big"]["repr"]), state.MAX_REPR)
        self.assertLess(len(bindings["text"]["repr"]), 400)
        self.assertEqual(bindings["math"]["kind"], "module")
        self.assertEqual(bindings["helper"]["kind"], "function")
        self.assertEqual(bindings["Box"]["kind"], "class")
        # lambdas and generators cannot be pickled: opaque handles
        self.assertIn("handle", bindings["square"])
        self.assertIn("handle", bindings["gen"])
        self.assertNotIn("handle", bindings["big"])
        self.assertIsNotNone(host.contexts[0]["state"]["pickle"])

    def test_pickle_keeps_aliasing_and_modules_by_name(self):
        handles = state.HandleTable()
        shared = [1, 2]
        import math
        data, opaque = state.pickle_bindings({"a": shared, "b": shared, "m": math, "f": lambda: 0}, handles)
        self.assertEqual(list(opaque), ["f"])
        loaded = state.SafeUnpickler(data, handles, {}, "__main__").load()
        self.assertIs(loaded["a"], loaded["b"])
        self.assertIs(loaded["m"], math)
        self.assertIs(loaded["f"], handles.objects[opaque["f"]])

    def test_unpickling_refuses_code_execution(self):
        class Evil:
            def __reduce__(self):
                import os
                return (os.system, ("echo pwned",))
        data = pickle.dumps({"x": Evil()})
        with self.assertRaises(pickle.UnpicklingError):
            state.SafeUnpickler(data, state.HandleTable(), {}, "__main__").load()


class Merge(unittest.TestCase):
    def test_patch_in_place_keeps_aliases(self):
        code = """
            items = [1, 2]
            alias = items
            n = items[10]
            print(items, alias, items is alias)
        """
        answer = {"action": "merge", "updates": pickled_updates({"items": [1, 2, 3]}), "patch": ["items"]}
        result, _ = run(code, answers=[answer])
        self.assertEqual(result["stdout"], "[1, 2, 3] [1, 2, 3] True\n")

    def test_rebinding_does_not_touch_aliases(self):
        code = """
            items = [1, 2]
            alias = items
            n = items[10]
            print(items, alias, items is alias)
        """
        answer = {"action": "merge", "updates": pickled_updates({"items": [9]})}
        result, _ = run(code, answers=[answer])
        self.assertEqual(result["stdout"], "[9] [1, 2] False\n")

    def test_merge_refuses_dangerous_pickle_and_program_ends_cleanly(self):
        code = "x = 1 / 0\nprint('after')\n"
        evil = base64.b64encode(b"cos\nsystem\n(S'echo hi'\ntR.").decode()
        result, _ = run(code, answers=[{"action": "merge", "updates": evil}])
        self.assertEqual(result["status"], "error")
        self.assertEqual(result["error"]["type"], "ZeroDivisionError")
        self.assertIn("merge failed: UnpicklingError", result["stderr"])
        self.assertNotIn("after", result["stdout"])

    def test_ref_persistent_id_points_at_live_values(self):
        class RefPickler(pickle.Pickler):
            def persistent_id(self, obj):
                return ("ref", "config") if isinstance(obj, dict) and obj.get("live") else None
        import io
        buffer = io.BytesIO()
        RefPickler(buffer).dump({"wrapper": [{"live": True}]})
        code = """
            config = {"live": True}
            wrapper = None
            fail = undefined
            print(wrapper[0] is config)
        """
        answer = {"action": "merge", "updates": base64.b64encode(buffer.getvalue()).decode()}
        result, _ = run(code, answers=[answer])
        self.assertEqual(result["stdout"], "True\n")

    def test_delete_global(self):
        result, _ = run("a = 1\nb = missing\nprint('a' in globals())\n",
                        answers=[{"action": "merge", "delete": ["a"]}])
        self.assertEqual(result["stdout"], "False\n")


if __name__ == "__main__":
    unittest.main()
