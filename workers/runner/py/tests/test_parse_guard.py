"""The parser-bomb guard (workers/shared/py/_heal_common/parse_guard.py), in Pyodide.

The payloads come from test/attacks.ts (the Node harness writes them next to this file as
attacks.json): every parser bomb is refused naming its line, long flat sources are not.
"""

import ast
import inspect
import json
import pathlib
import random
import unittest

from _heal_common import parse_guard
from _heal_runner import runner
from _heal_runner.instrument import instrument_source, instrument_tree
from tests.helpers import run

ATTACKS = json.loads((pathlib.Path(__file__).parent / "attacks.json").read_text())


def tree_depth(tree):
    """Nodes on the longest path from the root, counted without recursion."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


class RefusesBombs(unittest.TestCase):
    def test_every_bomb_is_refused_naming_its_line(self):
        for bomb in ATTACKS["parserBombs"]:
            with self.subTest(bomb["name"]):
                with self.assertRaises(SyntaxError) as caught:
                    parse_guard.parse(bomb["source"], "main.py")
                error = caught.exception
                self.assertEqual(bomb["line"], error.lineno)
                self.assertEqual("main.py", error.filename)
                self.assertRegex(
                    error.msg,
                    rf"^line {bomb['line']} is nested too deeply for Python in the browser "
                    rf"\(\d[\d,]* levels; the limit is 400\)$",
                )
                self.assertIsNone(error.text)  # a bomb's line can be megabytes: not echoed

    def test_compile_source_refuses_the_same(self):
        bomb = ATTACKS["parserBombs"][0]
        with self.assertRaises(SyntaxError):
            parse_guard.compile_source(bomb["source"], "main.py", "exec")

    def test_reported_depth_is_the_deepest_on_the_line(self):
        line, _col, depth = parse_guard.nesting("x = 1\ny = " + "not " * 1000 + "x\n")
        self.assertEqual((2, parse_guard.STATEMENT_BASE + 1000), (line, depth))

    def test_a_bomb_after_a_syntax_error_is_still_refused(self):
        # The tokenizer rejects the last line; the parser would still recurse through line 1.
        source = "y = " + "-" * 5000 + "1\nz = 'unterminated\n"
        self.assertIsNotNone(parse_guard.nesting(source))

    def test_runner_check_syntax_and_run_refuse_with_a_syntax_error(self):
        bomb = ATTACKS["parserBombs"][0]
        check = json.loads(runner.check_syntax(bomb["source"]))
        self.assertFalse(check["ok"])
        self.assertEqual("SyntaxError", check["error"]["type"])
        self.assertEqual(bomb["line"], check["error"]["line"])
        self.assertIn("nested too deeply", check["error"]["message"])
        for instrument in (True, False):
            result, _host = run(bomb["source"], instrument=instrument)
            self.assertEqual("error", result["status"])
            self.assertEqual("SyntaxError", result["error"]["type"])
            self.assertEqual(bomb["line"], result["error"]["line"])


class AcceptsRealPrograms(unittest.TestCase):
    def test_long_flat_sources_are_not_refused(self):
        for flat in ATTACKS["flatLongSources"]:
            with self.subTest(flat["name"]):
                self.assertIsNone(parse_guard.nesting(flat["source"]))
                ast.parse(flat["source"])

    def test_standard_library_modules_stay_far_below_the_limit(self):
        import argparse, dataclasses, typing, pathlib as pathlib_module, inspect as inspect_module

        for module in (argparse, dataclasses, typing, pathlib_module, inspect_module):
            source = inspect.getsource(module)
            with self.subTest(module.__name__, lines=source.count("\n")):
                self.assertLess(parse_guard.deepest(source), 100)

    def test_a_2000_line_program_runs(self):
        import argparse

        source = inspect.getsource(argparse)  # ~2,700 lines of ordinary Python
        self.assertGreater(source.count("\n"), 2000)
        self.assertIsNone(parse_guard.nesting(source))
        instrument_source(source, "main.py")


class AtTheLimit(unittest.TestCase):
    """The deepest sources the guard lets through go through every tree walk we have."""

    SHAPES = {
        "not chain": ("x = ", "not ", "1", ""),
        "call chain": ("x = f", "()", "", ""),
        "operator chain": ("x = 1", " + 1", "", ""),
        "ternary chain": ("x = ", "a if b else ", "c", ""),
        "lambda chain": ("x = ", "lambda: ", "1", ""),
        "except type": ("try:\n    pass\nexcept ", "a.", "b:\n    pass\n", ""),
        "nested calls": ("x = ", "f(a=", "1", ")"),
    }

    @staticmethod
    def deepest_accepted(pre, unit, mid, close):
        make = lambda n: pre + unit * n + mid + close * n  # noqa: E731
        low, high = 0, 2000
        while high - low > 1:
            middle = (low + high) // 2
            if parse_guard.nesting(make(middle)) is None:
                low = middle
            else:
                high = middle
        return make(low)

    def test_parse_instrument_unparse_and_visit(self):
        for name, shape in self.SHAPES.items():
            with self.subTest(name):
                source = self.deepest_accepted(*shape)
                self.assertGreater(parse_guard.deepest(source), parse_guard.MAX_DEPTH - 20)
                tree = parse_guard.parse(source)
                instrument_source(source, "main.py")
                with parse_guard.deep_trees():
                    ast.unparse(tree)
                    ast.NodeVisitor().visit(tree)

    def test_deep_trees_restores_the_recursion_limit(self):
        import sys

        before = sys.getrecursionlimit()
        with parse_guard.deep_trees():
            self.assertEqual(parse_guard.TREE_RECURSION_LIMIT, sys.getrecursionlimit())
        self.assertEqual(before, sys.getrecursionlimit())


class _Programs:
    """Random programs built as trees and printed by ast.unparse (so precedence is Python's own)."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def atom(self):
        return self.r.choice([ast.Name("a", ast.Load()), ast.Constant(1), ast.Constant("s"), ast.Constant(None)])

    def expr(self, budget, in_function=False):
        r = self.r
        if budget <= 0:
            return self.atom()
        chain = [r.randrange(3)]  # which operand continues the chain; the others stay shallow

        def sub():
            chain[0] -= 1
            return self.expr(budget - 1 if chain[0] == -1 else r.randrange(min(budget, 2) + 1), in_function)

        load, args = ast.Load(), lambda defaults: ast.arguments([], [ast.arg("p")], None, [], [], None, defaults)
        makers = [
            lambda: ast.UnaryOp(r.choice([ast.Not(), ast.USub(), ast.Invert()]), sub()),
            lambda: ast.BinOp(sub(), r.choice([ast.Add(), ast.Mult(), ast.Pow(), ast.BitOr(), ast.MatMult()]), sub()),
            lambda: ast.BoolOp(r.choice([ast.And(), ast.Or()]), [sub(), sub(), sub()]),
            lambda: ast.Compare(
                sub(), [r.choice([ast.Lt(), ast.In(), ast.IsNot(), ast.NotIn()]), ast.Eq()], [sub(), sub()]
            ),
            lambda: ast.IfExp(sub(), sub(), sub()),
            lambda: ast.Lambda(args([sub()]), sub()),
            lambda: ast.Call(sub(), [sub()], [ast.keyword("k", sub())]),
            lambda: ast.Call(sub(), [ast.Starred(sub(), load)], [ast.keyword(None, sub())]),
            lambda: ast.Subscript(sub(), ast.Tuple([sub(), ast.Slice(sub(), sub(), None)], load), load),
            lambda: ast.Attribute(sub(), "b", load),
            lambda: ast.Tuple([sub(), sub()], load),
            lambda: ast.List([sub(), ast.Starred(sub(), load)], load),
            lambda: ast.Dict([sub(), None], [sub(), sub()]),
            lambda: ast.ListComp(sub(), [ast.comprehension(ast.Name("q", ast.Store()), sub(), [sub()], 0)]),
            lambda: ast.GeneratorExp(sub(), [ast.comprehension(ast.Name("q", ast.Store()), sub(), [], 0)]),
            lambda: ast.NamedExpr(ast.Name("w", ast.Store()), sub()),
            lambda: ast.JoinedStr([ast.Constant("t"), ast.FormattedValue(sub(), -1, None)]),
            lambda: ast.Call(ast.Attribute(sub(), "m", load), [], []),
        ]
        if in_function:
            makers += [lambda: ast.Yield(ast.Tuple([sub(), sub()], load)), lambda: ast.Await(sub())]
        return r.choice(makers)()

    def statements(self, budget, depth=0, in_function=False):
        r = self.r
        out = []
        for _ in range(r.randrange(1, 3)):
            e = lambda: self.expr(r.randrange(budget + 1), in_function)  # noqa: E731
            body = lambda: self.statements(budget - 1, depth + 1, in_function)  # noqa: E731
            choice = r.randrange(8) if depth < 5 and budget > 2 else 0
            if choice == 0:
                out.append(ast.Assign([ast.Name("v", ast.Store())], e()))
            elif choice == 1:
                top = cur = ast.If(e(), body(), [])
                for _ in range(r.randrange(6)):
                    cur.orelse = [ast.If(e(), body(), [])]
                    cur = cur.orelse[0]
                out.append(top)
            elif choice == 2:
                out.append(
                    ast.AsyncFunctionDef(
                        "f",
                        ast.arguments([], [], None, [], [], None, []),
                        self.statements(budget - 1, depth + 1, True),
                        [e()],
                        None,
                        [],
                    )
                )
            elif choice == 3:
                out.append(ast.For(ast.Name("i", ast.Store()), e(), body(), []))
            elif choice == 4:
                out.append(ast.With([ast.withitem(e(), None)], body()))
            elif choice == 5:
                out.append(ast.Try(body(), [ast.ExceptHandler(e(), "err", body())], [], body()))
            elif choice == 6:
                out.append(ast.ClassDef("C", [e()], [], body(), [], []))
            else:
                out.append(ast.Match(e(), [ast.match_case(ast.MatchAs(None, None), e(), body())]))
        return out


class BoundIsSound(unittest.TestCase):
    """The bound is never below the depth of the tree Python builds, nor of the runner's."""

    def assert_bound_covers(self, module, label):
        with parse_guard.deep_trees():
            try:
                source = ast.unparse(ast.fix_missing_locations(module))
                tree = ast.parse(source)
            except SyntaxError:
                return False  # a combination Python does not accept (e.g. yield in a comprehension)
            actual = max(tree_depth(tree), tree_depth(instrument_tree(ast.parse(source)).tree))
        self.assertGreaterEqual(parse_guard.deepest(source), actual, f"{label}:\n{source}")
        return True

    def test_random_programs(self):
        checked = 0
        for seed in range(80):
            gen = _Programs(seed)
            checked += self.assert_bound_covers(ast.Module(gen.statements(gen.r.randrange(2, 10)), []), f"seed {seed}")
        self.assertGreater(checked, 60)

    def test_deep_chains_of_mixed_constructs(self):
        checked = 0
        for seed in range(40):
            gen = _Programs(1000 + seed)
            function = ast.AsyncFunctionDef(
                "f",
                ast.arguments([], [], None, [], [], None, []),
                [ast.Assign([ast.Name("v", ast.Store())], gen.expr(150, True))],
                [],
                None,
                [],
            )
            checked += self.assert_bound_covers(ast.Module([function], []), f"seed {1000 + seed}")
        self.assertGreater(checked, 30)
