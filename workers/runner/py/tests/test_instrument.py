"""Instrumentation keeps behaviour and pauses where it should (runs in Pyodide)."""

import ast
import textwrap
import unittest

from _heal_runner.instrument import MAX_BLOCK_DEPTH, instrument_source
from tests.helpers import merge_values, run


def plain_stdout(code):
    """What CPython-in-Pyodide prints for code without instrumentation."""
    result, _ = run(code, instrument=False)
    return result


class PreservesBehaviour(unittest.TestCase):
    """Each program must print the same with and without instrumentation."""

    def same(self, code, expected=None):
        code = textwrap.dedent(code)
        plain = plain_stdout(code)
        instrumented, host = run(code)
        self.assertEqual(host.contexts, [], "no pause expected")
        self.assertEqual(instrumented["status"], plain["status"])
        self.assertEqual(instrumented["stdout"], plain["stdout"])
        if expected is not None:
            self.assertEqual(instrumented["stdout"], expected)
        return instrumented

    def test_generators_and_stopiteration(self):
        self.same(
            """
            def gen(n):
                for i in range(n):
                    yield i * i
                return "done"
            def outer():
                result = yield from gen(3)
                print("inner returned", result)
            print(list(outer()))
            it = iter([1])
            print(next(it))
            try:
                next(it)
            except StopIteration:
                print("exhausted")
            class Count:
                def __init__(self): self.n = 0
                def __iter__(self): return self
                def __next__(self):
                    self.n += 1
                    if self.n > 3:
                        raise StopIteration
                    return self.n
            print(list(Count()))
        """,
            "inner returned done\n[0, 1, 4]\n1\nexhausted\n[1, 2, 3]\n",
        )

    def test_async(self):
        self.same("""
            import asyncio
            async def add(a, b):
                await asyncio.sleep(0)
                return a + b
            async def main():
                total = 0
                async def agen():
                    for i in range(3):
                        yield i
                async for v in agen():
                    total += v
                return total + await add(1, 2)
            coro = main()
            try:
                coro.send(None)
                coro.send(None)
            except StopIteration as stop:
                print("result", stop.value)
        """)

    def test_closures_nonlocal_global(self):
        self.same(
            """
            counter = 0
            def make():
                n = 0
                def inc():
                    nonlocal n
                    global counter
                    n += 1
                    counter += 10
                    return n
                return inc
            f = make()
            print(f(), f(), counter)
        """,
            "1 2 20\n",
        )

    def test_classes_decorators_docstrings(self):
        result = self.same(
            '''
            """Module docstring."""
            from __future__ import annotations
            import functools
            def deco(fn):
                @functools.wraps(fn)
                def wrapper(*a):
                    return fn(*a) * 2
                return wrapper
            class Shape:
                """A shape."""
                sides: int = 0
                def __init__(self, name):
                    self.name = name
                @property
                def label(self):
                    return self.name.upper()
                @deco
                def double(self, x):
                    return x
            s = Shape("sq")
            print(__doc__, Shape.__doc__, s.label, s.double(4), Shape.double.__name__)
        ''',
            "Module docstring. A shape. SQ 8 double\n",
        )
        self.assertEqual(result["status"], "finished")

    def test_comprehensions_and_lambdas(self):
        self.same("""
            xs = [x * 2 for x in range(5) if x % 2]
            d = {k: v for k, v in zip("ab", (1, 2))}
            g = sum(x for x in range(4))
            key = lambda p: -p
            print(xs, d, g, sorted([3, 1, 2], key=key))
        """)

    def test_try_else_finally_and_nested_try(self):
        self.same("""
            def f(x):
                try:
                    try:
                        r = 10 / x
                    except ZeroDivisionError:
                        print("inner")
                        raise ValueError("zero")
                    else:
                        print("else", r)
                    finally:
                        print("finally")
                except ValueError as e:
                    print("outer", e)
                    return -1
                return r
            print(f(2), f(0))
        """)

    def test_match_and_while_else(self):
        self.same("""
            def kind(v):
                match v:
                    case 0:
                        return "zero"
                    case [x, y]:
                        return f"pair {x} {y}"
                    case {"k": val}:
                        return f"dict {val}"
                    case _:
                        return "other"
            print([kind(v) for v in (0, [1, 2], {"k": 3}, "s")])
            i = 0
            while i < 3:
                i += 1
            else:
                print("while else", i)
            for j in range(2):
                if j == 5:
                    break
            else:
                print("for else")
        """)

    def test_with_suppress_is_respected(self):
        self.same(
            """
            from contextlib import suppress
            import contextlib
            with suppress(KeyError):
                {}["missing"]
                print("not reached")
            with contextlib.suppress(ZeroDivisionError, ValueError):
                int("x")
            print("after")
        """,
            "after\n",
        )

    def test_caller_handler_is_respected(self):
        self.same(
            """
            def parse(s):
                value = int(s)
                return value
            def safe(s):
                try:
                    return parse(s)
                except (ValueError, TypeError):
                    return None
            print(safe("3"), safe("x"))
            class Lazy:
                def __getattr__(self, name):
                    raise AttributeError(name)
            print(hasattr(Lazy(), "zzz"))
        """,
            "3 None\nFalse\n",
        )

    def test_recursion(self):
        self.same("""
            def fact(n):
                return 1 if n <= 1 else n * fact(n - 1)
            print(fact(20))
            import sys
            def deep(n):
                return 0 if n == 0 else 1 + deep(n - 1)
            print(deep(200))
        """)

    def test_with_and_exceptions_in_context_managers(self):
        self.same("""
            class CM:
                def __enter__(self):
                    print("enter")
                    return self
                def __exit__(self, *exc):
                    print("exit", exc[0].__name__ if exc[0] else None)
                    return False
            with CM() as a, CM() as b:
                print("body")
        """)

    def test_sys_exit_and_keyboard_interrupt_pass_through(self):
        result = self.same(
            """
            import sys
            try:
                raise KeyboardInterrupt
            except KeyboardInterrupt:
                print("caught KI")
            print("bye")
            sys.exit(0)
            print("never")
        """,
            "caught KI\nbye\n",
        )
        self.assertEqual(result.get("exitCode"), 0)


class DeepNesting(unittest.TestCase):
    def nested_program(self, levels):
        lines = []
        for depth in range(levels):
            lines.append("    " * depth + f"for i{depth} in range(1):")
        lines.append("    " * levels + "print('deep', i0)")
        return "\n".join(lines) + "\n"

    def test_nesting_near_the_limit_compiles_and_runs(self):
        for levels in (8, 12, 19):
            code = self.nested_program(levels)
            meta, _ = instrument_source(code, "main.py")
            result, host = run(code)
            self.assertEqual(result["status"], "finished", result.get("error"))
            self.assertEqual(result["stdout"], "deep 0\n")
            if levels >= 12:
                self.assertGreater(meta.unwrapped_for_depth, 0)

    def test_error_at_moderate_depth_still_pauses(self):
        code = self.nested_program(5).replace("print('deep', i0)", "x = 1 / 0")
        result, host = run(code, answers=[merge_values({"x": 1})])
        self.assertEqual(result["status"], "finished")
        self.assertEqual(len(host.contexts), 1)
        self.assertEqual(host.contexts[0]["line"], 6)


class StatementTable(unittest.TestCase):
    def test_ids_map_to_line_ranges_and_skip_unwrapped_kinds(self):
        code = textwrap.dedent('''\
            """doc"""
            from __future__ import annotations
            x = [1,
                 2]
            def f():
                global x
                pass
                return x
            ''')
        meta, _ = instrument_source(code, "main.py")
        spans = {(s.lineno, s.end_lineno, s.kind) for s in meta.statements.values()}
        self.assertIn((3, 4, "Assign"), spans)
        self.assertIn((5, 8, "FunctionDef"), spans)
        self.assertIn((8, 8, "Return"), spans)
        kinds = {s.kind for s in meta.statements.values()}
        self.assertFalse(kinds & {"Global", "Pass", "ImportFrom", "Expr"})

    def test_wrappers_keep_line_numbers(self):
        meta, code = instrument_source("a = 1\nb = a +\\\n  2\n", "main.py")
        tree = meta.tree
        lines = {node.lineno for node in ast.walk(tree) if isinstance(node, ast.stmt)}
        self.assertEqual(lines, {1, 2})


class Pausing(unittest.TestCase):
    def test_merge_in_loop_in_function_continues_with_merged_value(self):
        code = """
            def total(xs):
                t = 0
                for x in xs:
                    t += 100 // x
                return t
            print(total([1, 0, 4]))
        """
        result, host = run(code, answers=[merge_values({"t": 1000})])
        self.assertEqual(result["stdout"], "1025\n")
        context = host.contexts[0]
        self.assertEqual(
            (context["line"], context["function"], context["error"]["type"]), (5, "total", "ZeroDivisionError")
        )
        names = {b["name"]: b["repr"] for b in context["state"]["locals"]}
        self.assertEqual(names, {"xs": "[1, 0, 4]", "t": "100", "x": "0"})
        self.assertEqual(result["heals"][0]["changed"], ["t"])

    def test_raise_gives_normal_traceback_with_user_line(self):
        code = """
            def f(d):
                return d["k"]
            print("before")
            f({})
        """
        result, host = run(code, answers=[{"action": "raise"}])
        self.assertEqual(len(host.contexts), 1, "the declined error is not offered again by outer wrappers")
        self.assertEqual(result["status"], "error")
        self.assertEqual(result["error"]["type"], "KeyError")
        self.assertEqual([f["line"] for f in result["error"]["traceback"]], [5, 3])
        self.assertIn('File "main.py", line 3, in f', result["error"]["formatted"])
        self.assertNotIn("runner.py", result["error"]["formatted"])
        self.assertEqual(result["stdout"], "before\n")

    def test_failing_return_uses_return_binding(self):
        code = """
            def half(x):
                return x / zero
            print(half(8))
        """
        result, _ = run(code, answers=[merge_values({"__return__": 4})])
        self.assertEqual(result["stdout"], "4\n")

    def test_new_name_in_function_goes_to_globals(self):
        code = """
            def f():
                y = missing_name + 1
                print(y, helper)
            f()
        """
        result, host = run(code, answers=[merge_values({"y": 2, "helper": "h"})])
        self.assertEqual(result["stdout"], "2 h\n")

    def test_deliberate_raise_propagates(self):
        result, host = run("""
            def check(n):
                if n < 0:
                    raise ValueError("negative")
            check(-1)
        """)
        self.assertEqual(host.contexts, [])
        self.assertEqual(result["error"]["type"], "ValueError")

    def test_recursion_error_pauses_at_outermost_call(self):
        code = """
            def down(n):
                return down(n + 1)
            print(down(0))
        """
        result, host = run(code, answers=[merge_values({"__return__": "healed"})])
        self.assertEqual(result["stdout"], "healed\n")
        self.assertEqual(host.contexts[0]["error"]["type"], "RecursionError")
        self.assertEqual({b["name"]: b["repr"] for b in host.contexts[0]["state"]["locals"]}, {"n": "0"})

    def test_stop_at_pause(self):
        result, _ = run("x = 1/0\nprint('no')", answers=[{"action": "stop"}])
        self.assertEqual(result["status"], "stopped")
        self.assertEqual(result["stdout"], "")

    def test_proceed_and_correct_are_the_hosts(self):
        # One comparison rule, in TypeScript (workers/shared/output-compare.ts): the runner reports the facts.
        result, _ = run("print(2)", expectedOutput="2")
        self.assertNotIn("correct", result)
        self.assertNotIn("proceed", result)
        self.assertEqual((result["status"], result["stdout"]), ("finished", "2\n"))


class StreamsAndInput(unittest.TestCase):
    def test_output_flood_keeps_the_first_lines_and_the_last_200(self):
        result, host = run("for i in range(100000):\n    print(i)\n", outputLimits={"maxLines": 1000})
        self.assertTrue(result["truncated"])
        lines = result["stdout"].splitlines()
        self.assertEqual(lines[:1000], [str(i) for i in range(1000)])
        # "1000" fit before its newline reached the cap; the tail starts on a line of its own.
        self.assertEqual(lines[1000:], ["1000"] + [str(i) for i in range(99800, 100000)])
        self.assertEqual(
            result["omitted"], {"lines": 98800, "chars": 1 + sum(len(f"{i}\n") for i in range(1001, 99800))}
        )
        self.assertEqual(host.truncation_notices, 1)
        self.assertEqual(result["status"], "finished")
        # In the console: the head, a note of what was left out, then the tail.
        streams = [chunk[0] for chunk in host.batches]
        marker = streams.index("system")
        self.assertIn("98,800 lines", host.batches[marker][1])
        self.assertTrue(host.batches[marker + 1][1].startswith("99800\n"))
        self.assertEqual("".join(c[1] for c in host.batches if c[0] == "stdout"), result["stdout"])

    def test_a_long_last_line_past_the_cap_is_kept_in_part(self):
        result, _ = run("print('a' * 300)\nprint('b' * 100000, end='')\n", outputLimits={"maxChars": 100})
        self.assertTrue(result["stdout"].startswith("a" * 100))
        self.assertTrue(result["stdout"].endswith("b" * 1000))
        self.assertLessEqual(len(result["stdout"]), 100 + 1 + 50_000)  # head, the newline before the tail, tail

    def test_input_from_stdin_then_interactive_then_eof(self):
        code = """
            a = input("a? ")
            b = input("b? ")
            print(a, b)
            input("c? ")
        """
        result, host = run(code, stdin="one\n", inputs=["two"])
        self.assertEqual(result["stdout"], "a? b? one two\nc? ")
        self.assertEqual(host.prompts, ["b? ", "c? "])
        self.assertEqual(result["error"]["type"], "EOFError")
        self.assertIn(["stdin", "two\n"], host.batches)

    def test_sys_stdin_reads_supplied_text(self):
        result, _ = run("import sys\nprint(sys.stdin.read().split())", stdin="1 2\n3\n")
        self.assertEqual(result["stdout"], "['1', '2', '3']\n")

    def test_syntax_error_has_line_and_column(self):
        result, _ = run("x = 1\nif x\n    print(x)\n")
        self.assertEqual(result["status"], "error")
        error = result["error"]
        self.assertEqual((error["type"], error["line"], error["col"]), ("SyntaxError", 2, 5))
        self.assertIn("expected ':'", error["message"])


if __name__ == "__main__":
    unittest.main()
