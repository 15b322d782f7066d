import json
import unittest

from repair.api import enclosing_function_json, replace_function_json
from repair.functions import ReplaceError, enclosing_unit, replace_function, replace_unit

PROGRAM = """import functools


def complement(n):
    width = n.bit_length()
    return int("1" * width, 2)


class Solution:
    @functools.cache
    def solve(self, xs):
        def helper(x):
            return x * 2
        return [helper(x) for x in xs]


print(complement(5))
"""


class EnclosingUnit(unittest.TestCase):
    def test_function(self):
        unit = enclosing_unit(PROGRAM, 6)
        self.assertEqual((unit.kind, unit.qualname, unit.start_line, unit.end_line), ("function", "complement", 4, 6))
        self.assertTrue(unit.text.startswith("def complement(n):\n"))

    def test_innermost_nested_function(self):
        unit = enclosing_unit(PROGRAM, 13)
        self.assertEqual(unit.qualname, "Solution.solve.<locals>.helper")
        self.assertEqual(unit.indent, " " * 8)

    def test_method_includes_decorator(self):
        unit = enclosing_unit(PROGRAM, 14)
        self.assertEqual((unit.qualname, unit.start_line, unit.end_line), ("Solution.solve", 10, 14))
        self.assertTrue(unit.text.lstrip().startswith("@functools.cache"))

    def test_module_level_statement(self):
        unit = enclosing_unit(PROGRAM, 17)
        self.assertEqual((unit.kind, unit.start_line, unit.end_line), ("statement", 17, 17))

    def test_blank_line_outside_everything(self):
        self.assertIsNone(enclosing_unit(PROGRAM, 2))


class Replace(unittest.TestCase):
    def test_replace_method_keeps_indentation(self):
        fixed = "@functools.cache\ndef solve(self, xs):\n    return [x * 3 for x in xs]\n"
        patched = replace_function(PROGRAM, "Solution.solve", fixed)
        self.assertIn("    def solve(self, xs):\n        return [x * 3 for x in xs]\n\n\nprint", patched)
        ns = {}
        exec(compile(patched.replace("print(complement(5))", ""), "<t>", "exec"), ns)
        self.assertEqual(ns["Solution"]().solve((1, 2)), [3, 6])

    def test_renamed_function_is_refused(self):
        with self.assertRaisesRegex(ReplaceError, "must define the function complement"):
            replace_function(PROGRAM, "complement", "def other(n):\n    return n\n")

    def test_syntax_error_is_refused(self):
        with self.assertRaisesRegex(ReplaceError, "does not parse"):
            replace_function(PROGRAM, "complement", "def complement(n):\n    return (\n")

    def test_unknown_function(self):
        with self.assertRaisesRegex(ReplaceError, "no function nope"):
            replace_function(PROGRAM, "nope", "def nope():\n    pass\n")

    def test_replace_statement_range(self):
        patched = replace_unit(PROGRAM, 17, 17, "print(complement(6))")
        self.assertTrue(patched.endswith("print(complement(6))\n"))


class JsonApi(unittest.TestCase):
    def test_enclosing_json(self):
        result = json.loads(enclosing_function_json(PROGRAM, 5))
        self.assertTrue(result["ok"])
        self.assertEqual(result["unit"]["name"], "complement")

    def test_enclosing_json_bad_source(self):
        result = json.loads(enclosing_function_json("def (:\n", 1))
        self.assertFalse(result["ok"])
        self.assertIn("does not parse", result["error"])

    def test_replace_json(self):
        result = json.loads(
            replace_function_json(PROGRAM, json.dumps({"qualname": "complement"}), "def complement(n):\n    return 0\n")
        )
        self.assertTrue(result["ok"])
        self.assertIn("def complement(n):\n    return 0\n", result["source"])
        bad = json.loads(replace_function_json(PROGRAM, json.dumps({"qualname": "complement"}), "x = 1"))
        self.assertFalse(bad["ok"])


if __name__ == "__main__":
    unittest.main()
