"""Generate a failing test: arguments of the kind each parameter is used as."""

import json
import textwrap
import unittest

from repair.api import test_inputs_json
from repair.inputs import test_inputs


def calls(source):
    return {f["name"]: f["calls"] for f in test_inputs(textwrap.dedent(source))}


def kinds(source):
    return {f["name"]: [p["kind"] for p in f["params"]] for f in test_inputs(textwrap.dedent(source))}


class Inference(unittest.TestCase):
    def test_a_sequence_gets_lists_with_the_empty_one_first(self):
        found = calls("""
            def mean(xs):
                return sum(xs) / len(xs)
        """)
        self.assertEqual(found["mean"][0], "mean([])")
        self.assertNotIn("mean(0)", found["mean"])

    def test_kinds_from_the_body_annotations_and_defaults(self):
        found = kinds("""
            def words(text):
                return text.split()
            def lookup(table, key):
                return table.get(key)
            def ratio(a, b):
                return a / b
            def typed(n: int, names: list[str]):
                return names[n]
            def defaults(x, sep=','):
                return sep.join(x)
            def count(n):
                for i in range(n):
                    pass
        """)
        self.assertEqual(found["words"], ["str"])
        self.assertEqual(found["lookup"][0], "dict")
        self.assertEqual(found["ratio"], ["number", "number"])
        self.assertEqual(found["typed"], ["int", "list"])
        self.assertEqual(found["defaults"], ["list", "str"])
        self.assertEqual(found["count"], ["number"])

    def test_one_parameter_varies_at_a_time_and_defaults_are_kept(self):
        found = calls("""
            def ratio(a, b, scale=1):
                return a / b * scale
        """)
        self.assertIn("ratio(2, 0)", found["ratio"])
        self.assertIn("ratio(0, 2)", found["ratio"])
        self.assertTrue(all(call.count(",") == 1 for call in found["ratio"]))

    def test_methods_private_async_and_keyword_only_functions_are_left_out(self):
        found = calls("""
            class A:
                def m(self, x): return x[0]
            def _private(x): return x[0]
            async def later(x): return x
            def keywords(*, x): return x
            def nothing(): return 1
        """)
        self.assertEqual(found, {})

    def test_the_json_entry_says_when_the_program_does_not_parse(self):
        self.assertFalse(json.loads(test_inputs_json("def f(:\n"))["ok"])
        self.assertTrue(json.loads(test_inputs_json("def f(x):\n    return x[0]\n"))["ok"])


if __name__ == "__main__":
    unittest.main()
