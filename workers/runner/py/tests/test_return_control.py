"""A heal that leaves the function the failing statement is in (control "return"), returning
the value it bound to __return__: error virtualization, one of look-ahead's candidates."""

import unittest

from tests.helpers import run


def leave(value=None, reuse=None):
    """A merge that binds __return__ (when a value is given) and leaves the function."""
    answer = {"action": "merge", "control": "return"}
    if value is not None:
        answer["set"] = [{"name": "__return__", "value": value}]
    if reuse is not None:
        answer["reuse"] = reuse
    return answer


class ReturnControl(unittest.TestCase):
    def test_leaves_the_function_with_the_bound_value(self):
        code = """
            def total(rows, n):
                res = 0
                for j in range(n + 1):
                    best = 0
                    for row in rows:
                        best = max(best, row[j])
                    res += best
                return res

            print(total([[1, 2], [3, 1]], 2))
        """
        result, host = run(code, answers=[leave(5)])
        self.assertEqual(result["stdout"], "5\n")
        self.assertEqual(host.contexts[0]["returns"], ["res"])
        self.assertEqual(host.contexts[0]["loop"], {"kind": "for", "line": 6})

    def test_without_a_value_the_function_returns_none(self):
        code = """
            def f():
                x = 1 // 0
                print('not reached')
                return 7
            print(f())
        """
        result, _ = run(code, answers=[leave()])
        self.assertEqual(result["stdout"], "None\n")

    def test_return_expressions_are_the_functions_own(self):
        code = """
            def f(xs):
                def inner():
                    return 'nested'
                if not xs:
                    return
                if len(xs) > 3:
                    return xs[0] + 1
                y = xs[9]
                return xs[0] + 1
            f([1])
        """
        _, host = run(code, answers=[{"action": "merge"}])
        self.assertEqual(host.contexts[0]["returns"], ["xs[0] + 1", "None"])

    def test_long_or_multiline_return_expressions_are_not_offered(self):
        long = " + ".join(["x"] * 80)
        code = f"""
            def f(x):
                y = [][0]
                if x:
                    return {long}
                return (x,
                        1)
            f(1)
        """
        _, host = run(code, answers=[{"action": "merge"}])
        self.assertEqual(host.contexts[0]["returns"], ["(x, 1)"])

    def test_no_return_statement_offers_none(self):
        code = """
            def show(xs):
                print(xs[3])
            show([1])
        """
        _, host = run(code, answers=[{"action": "merge"}])
        self.assertEqual(host.contexts[0]["returns"], ["None"])

    def test_module_level_class_body_and_failing_return_get_none(self):
        code = """
            class A:
                x = 1 // 0
            def g():
                return 1 // 0
            y = [][0]
            g()
        """
        _, host = run(code, answers=[leave(1), leave(2), leave(3)])
        self.assertEqual([("returns" in c) for c in host.contexts], [False, False, False])

    def test_control_return_is_ignored_where_it_does_not_apply(self):
        code = """
            y = 0
            y = [][0]
            print('went on', y)
        """
        result, _ = run(code, answers=[leave(4)])
        self.assertEqual(result["stdout"], "went on 0\n")

    def test_finally_block_gets_no_return_action(self):
        code = """
            def f():
                try:
                    return 1
                finally:
                    v = 1 // 0
            print(f())
        """
        result, host = run(code, answers=[leave(9)])
        self.assertNotIn("returns", host.contexts[0])
        self.assertEqual(result["stdout"], "1\n")
        self.assertEqual(result["stderr"], "")

    def test_except_star_blocks_get_no_control_actions(self):
        # `break`, `continue` and `return` are SyntaxErrors in an except* block: the program
        # must still compile and run with a loop and a function around one.
        code = """
            def f():
                out = []
                for i in range(3):
                    try:
                        raise ExceptionGroup('g', [ValueError(i)])
                    except* ValueError:
                        out.append(10 // (i - 1))
                return out
            print(f())
        """
        result, host = run(code, answers=[leave(0)])
        self.assertEqual(result["status"], "finished", result)
        self.assertNotIn("returns", host.contexts[0])
        self.assertNotIn("loop", host.contexts[0])
        self.assertEqual(result["stdout"], "[-10, 10]\n")

    def test_generator_returns_end_the_iteration(self):
        code = """
            def gen(xs):
                for x in xs:
                    yield 10 // x
            print(list(gen([1, 2, 0, 5])))
        """
        result, host = run(code, answers=[leave()])
        self.assertEqual(host.contexts[0]["returns"], ["None"])
        self.assertEqual(result["stdout"], "[10, 5]\n")

    def test_async_generator_gets_no_return_action(self):
        code = """
            async def agen():
                yield 1 // 0
                yield 2
            try:
                agen().asend(None).send(None)
            except StopIteration as step:
                print('got', step.value)
        """
        result, host = run(code, answers=[{"action": "merge"}])
        self.assertNotIn("returns", host.contexts[0])
        self.assertEqual(result["stdout"], "got 2\n")

    def test_reused_fix_leaves_the_function_each_time(self):
        code = """
            def first_even(xs):
                for x in xs:
                    if 10 // x % 2 == 0:
                        return x
                return -1
            print([first_even(v) for v in ([0, 5], [3, 5], [3, 0])])
        """
        result, host = run(code, answers=[leave(-2, reuse="__return__ = -2")])
        self.assertEqual(len(host.contexts), 1)
        self.assertEqual(result["stdout"], "[-2, 5, -2]\n")


if __name__ == "__main__":
    unittest.main()
