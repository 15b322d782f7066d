"""Heal actions on the loop around the failing statement: end this iteration, or the loop."""

import unittest

from tests.helpers import run


def control(word, reuse=None):
    """A skip (no bindings) that also ends the iteration or the loop."""
    answer = {"action": "merge", "control": word}
    if reuse is not None:
        answer["reuse"] = reuse
    return answer


class LoopControl(unittest.TestCase):
    def test_continue_in_a_module_level_for(self):
        code = """
            out = []
            for x in [1, 0, 2]:
                y = 10 // x
                out.append(y)
            print(out)
        """
        result, host = run(code, answers=[control("continue")])
        self.assertEqual(result["stdout"], "[10, 5]\n")
        self.assertEqual(host.contexts[0]["loop"], {"kind": "for", "line": 3})

    def test_break_in_a_module_level_while(self):
        code = """
            i, out = 0, []
            while i < 5:
                i += 1
                out.append(10 // (3 - i))
            print(out, i)
        """
        result, _ = run(code, answers=[control("break")])
        self.assertEqual(result["stdout"], "[5, 10] 3\n")

    def test_continue_and_break_in_a_function(self):
        code = """
            def f(xs):
                total = 0
                for x in xs:
                    total += 10 // x
                    total += 1000
                return total

            def g(n):
                i = 0
                while True:
                    i += 1
                    v = [1, 2][i]
                return i

            print(f([1, 0, 5]), g(0))
        """
        result, host = run(code, answers=[control("continue"), control("break")])
        self.assertEqual(result["stdout"], "2012 2\n")
        self.assertEqual([c["loop"]["kind"] for c in host.contexts], ["for", "while"])

    def test_reused_fix_keeps_its_loop_action(self):
        code = """
            out = []
            for x in [1, 0, 2, 0, 4]:
                out.append(8 // x)
                out.append('after')
            print(out)
        """
        result, host = run(code, answers=[control("continue", reuse="pass")])
        self.assertEqual(len(host.contexts), 1)
        self.assertEqual(result["stdout"], "[8, 'after', 4, 'after', 2, 'after']\n")
        self.assertEqual(result["reuses"][0]["count"], 1)

    def test_inner_loop_only(self):
        code = """
            rows = []
            for a in range(2):
                for b in range(3):
                    v = 1 // (b - 1)
                    rows.append((a, b))
            print(rows)
        """
        result, host = run(code, answers=[control("break", reuse="pass")])
        self.assertEqual(result["stdout"], "[(0, 0), (1, 0)]\n")
        self.assertEqual(host.contexts[0]["loop"], {"kind": "for", "line": 4})

    def test_outside_a_loop_control_is_ignored_and_no_loop_is_offered(self):
        code = """
            def f():
                for i in range(2):
                    pass
                return 1 // 0
            x = f()
            print('done', x)
        """
        result, host = run(code, answers=[control("break")])
        self.assertNotIn("loop", host.contexts[0])
        self.assertEqual(result["stdout"], "done None\n")

    def test_a_finally_block_in_a_loop_gets_no_loop_action(self):
        code = """
            for i in range(2):
                try:
                    pass
                finally:
                    v = 1 // 0
            print('end', i)
        """
        result, host = run(code, answers=[control("break"), control("break")])
        self.assertNotIn("loop", host.contexts[0])
        self.assertEqual(result["stdout"], "end 1\n")
        self.assertEqual(result["stderr"], "")  # no SyntaxWarning (PEP 765)

    def test_a_def_inside_a_loop_gets_none(self):
        code = """
            for i in range(2):
                def f():
                    return 1 // 0
                f()
            print('ok')
        """
        _, host = run(code, answers=[{"action": "merge"}, {"action": "merge"}, {"action": "merge"}])
        self.assertNotIn("loop", host.contexts[0])  # the failing return is in f
        self.assertEqual(host.contexts[0]["function"], "f")


if __name__ == "__main__":
    unittest.main()
