"""A heal behaves like a statement of the program: its output and input are the program's;
the pause shows what CPython would (reprs in insertion order, the frames around, the hint);
Stop names the user's line; a test case's input is finite when the run is unattended."""

import json
import unittest

from _heal_runner import runner
from _heal_runner.bindings import StatementBindings
from tests.helpers import ScriptedHost, joined, run


def merge(**fields):
    return {"action": "merge", **fields}


class HealOutputAndInput(unittest.TestCase):
    def test_handling_code_output_joins_the_program_output_in_order_marked_as_the_heal(self):
        code = """
            print(1)
            print(f"Total: {totl_price:.2f}")
            print("end")
        """
        answer = merge(output=[["stdout", "Total: 6.75\n"], ["stderr", "warn\n"], ["stdout", "more\n"]])
        result, host = run(code, answers=[answer])
        self.assertEqual(result["stdout"], "1\nTotal: 6.75\nmore\nend\n")
        self.assertEqual(result["stderr"], "warn\n")
        self.assertEqual(
            joined(host.batches),
            [
                ["stdout", "1\n"],
                ["stdout", "Total: 6.75\n", 0],
                ["stderr", "warn\n", 0],
                ["stdout", "more\n", 0],
                ["stdout", "end\n"],
            ],
        )

    def test_handling_code_output_is_capped_with_the_program_output(self):
        answer = merge(output=[["stdout", "x\n" * 50]])
        result, _ = run("print('a')\nboom()\nprint('b')\n", answers=[answer], outputLimits={"maxLines": 10})
        self.assertTrue(result["truncated"])
        self.assertEqual(result["stdout"].splitlines()[:10], ["a"] + ["x"] * 9)
        self.assertEqual(result["stdout"].splitlines()[-1], "b")

    def test_stdin_consumption_across_a_heal(self):
        code = """
            a = input()
            b = undefined_name
            c = input()
            print(a, b, c)
        """
        contexts = []

        def answer(context):
            contexts.append(context["stdin"])
            return merge(set=[{"name": "b", "value": "B"}], stdinConsumed=len("skipped\n"))

        result, _ = run(code, stdin="first\nskipped\nlast\n", answers=[answer], expectedOutput="")
        self.assertEqual(contexts, ["skipped\nlast\n"])
        self.assertEqual(result["stdout"], "first B last\n")

    def test_a_merge_that_reads_more_input_than_is_left_is_refused_and_changes_nothing(self):
        result, host = run(
            "x = input()\ny = boom\nprint(x, y)\n",
            stdin="a\n",
            answers=[merge(set=[{"name": "y", "value": 1}], output=[["stdout", "no\n"]], stdinConsumed=5)],
        )
        self.assertEqual(result["status"], "error")
        self.assertNotIn("no\n", result["stdout"])
        self.assertIn("merge refused", result["stderr"])

    def test_malformed_output_is_refused(self):
        for output in ([["stdin", "x"]], [["stdout", 3]], "text", [["stdout", "a", 1]]):
            result, _ = run("y = boom\nprint(y)\n", answers=[merge(set=[{"name": "y", "value": 1}], output=output)])
            self.assertEqual(result["status"], "error", output)
            self.assertIn("merge refused", result["stderr"])

    def test_a_reused_fix_prints_to_the_program_output_marked_as_the_accepting_heal(self):
        code = """
            for i in range(3):
                print(value_of(i))
            print("done")
        """
        answer = merge(output=[["stdout", "healed\n"]], reuse="print('healed')")
        result, host = run(code, answers=[answer])
        self.assertEqual(result["stdout"], "healed\nhealed\nhealed\ndone\n")
        self.assertEqual(joined(host.batches), [["stdout", "healed\nhealed\nhealed\n", 0], ["stdout", "done\n"]])
        self.assertEqual([h["action"] for h in result["heals"]], ["merge"])
        self.assertEqual([group["count"] for group in result["reuses"]], [2])


class FiniteInput(unittest.TestCase):
    def test_unattended_runs_read_end_of_file_after_the_test_case_input(self):
        code = """
            import sys
            print(sys.stdin.read().split())
            for line in sys.stdin:
                print("never")
            try:
                input()
            except EOFError:
                print("EOF")
        """
        result, host = run(code, stdin="1 2\n3\n", expectedOutput="anything")
        self.assertEqual(result["stdout"], "['1', '2', '3']\nEOF\n")
        self.assertEqual(host.prompts, [])
        notes = [b[1] for b in host.batches if b[0] == "system"]
        self.assertEqual(len(notes), 1)
        self.assertIn("end of file", notes[0])

    def test_without_an_expected_output_the_user_is_asked_once_the_input_is_used_up(self):
        result, host = run("print(input(), input())", stdin="one\n", inputs=["two"])
        self.assertEqual(result["stdout"], "one two\n")
        self.assertEqual(host.prompts, [""])
        self.assertIn("asks you", [b[1] for b in host.batches if b[0] == "system"][0])

    def test_the_request_can_say_which(self):
        result, host = run("print(input())", stdinAtEnd="eof")
        self.assertEqual(result["error"]["type"], "EOFError")
        self.assertEqual(host.prompts, [])


class WhatThePauseShows(unittest.TestCase):
    def test_dicts_keep_insertion_order_and_containers_are_capped_by_length_only(self):
        code = """
            basket = {"pears": 2, "apples": 5}
            many = list(range(30))
            nested = [[[[[1]]]]]
            s = {3, 1, 2}
            fail = 1 / 0
        """
        _, host = run(code)
        reprs = {b["name"]: b["repr"] for b in host.contexts[0]["state"]["globals"]}
        self.assertEqual(reprs["basket"], "{'pears': 2, 'apples': 5}")
        self.assertEqual(reprs["many"], repr(list(range(30))))
        self.assertEqual(reprs["nested"], "[[[[[…]]]]]")
        self.assertEqual(reprs["s"], repr({3, 1, 2}))

    def test_generator_expression_variables_and_callers_are_in_the_frames(self):
        code = """
            def total(xs):
                scale = 2
                result = sum(scale / x for x in xs)
                return result
            def main():
                data = [1, 0]
                return total(data)
            main()
        """
        _, host = run(code)
        context = host.contexts[0]
        self.assertEqual((context["line"], context["function"]), (4, "total"))
        frames = context["frames"]
        self.assertEqual(
            [(f["role"], f["function"]) for f in frames],
            [("inner", "<genexpr>"), ("caller", "main"), ("caller", "<module>")],
        )
        self.assertEqual({b["name"]: b["repr"] for b in frames[0]["bindings"]}, {"x": "0", "scale": "2"})
        self.assertEqual({b["name"]: b["repr"] for b in frames[1]["bindings"]}, {"data": "[1, 0]"})

    def test_the_error_keeps_cpythons_suggestion(self):
        _, host = run("total_price = 6.75\nprint(f'Total: {totl_price:.2f}')\n")
        error = host.contexts[0]["error"]
        self.assertEqual(error["message"], "name 'totl_price' is not defined")
        self.assertIn("Did you mean: 'total_price'?", error["formatted"])

    def test_the_pause_names_what_the_statement_would_have_bound(self):
        code = """
            import re
            for line in ["a=1", "bad"]:
                m = re.match(r"(\\w)=(\\d)", line)
                key, value = m.groups()
                print(key, value)
        """
        result, host = run(code, answers=[merge()])
        self.assertEqual(host.contexts[0]["binds"], ["key", "value"])
        self.assertEqual(result["stdout"], "a 1\na 1\n")  # what the warning is about

    def test_bound_names_per_statement_kind(self):
        source = "\n".join(
            [
                "import os.path, json as j",
                "from math import pi as p, e",
                "a, (b, *c) = 1, (2, 3)",
                "d.x = e[0] = f = 1",
                "g += 1",
                "h: int = 1",
                "for i, k in []: z = 1",
                "with open('x') as (fh), ctx() as gh: pass",
                "def fn(): pass",
                "if (w := 3) > 2: q = 1",
            ]
        )
        found = StatementBindings(source)
        kinds = [
            "Import",
            "ImportFrom",
            "Assign",
            "Assign",
            "AugAssign",
            "AnnAssign",
            "For",
            "With",
            "FunctionDef",
            "If",
        ]
        names = [found.names(line, 0, kind) for line, kind in enumerate(kinds, 1)]
        self.assertEqual(
            names,
            [["os", "j"], ["p", "e"], ["a", "b", "c"], ["f"], ["g"], ["h"], ["i", "k"], ["fh", "gh"], ["fn"], ["w"]],
        )


class Stopping(unittest.TestCase):
    def test_stop_at_a_pause_names_the_users_line_not_ours(self):
        result, _ = run("def f():\n    return 1 / 0\nf()\n", answers=[{"action": "stop"}])
        self.assertEqual(result["status"], "stopped")
        self.assertEqual(result["stoppedAt"]["line"], 2)
        self.assertEqual(result["stoppedAt"]["name"], "f")

    def test_time_sleep_waits_through_the_host_and_keeps_pythons_checks(self):
        class SleepingHost(ScriptedHost):
            def __init__(self):
                super().__init__()
                self.slept = []

            def sleep(self, seconds):
                self.slept.append(seconds)

        import time

        original = time.sleep
        host = SleepingHost()
        code = (
            "import time\nfrom time import sleep\ntime.sleep(0.25)\nsleep(1)\n"
            "try:\n    time.sleep(-1)\nexcept ValueError as e:\n    print(e)\nprint(time.sleep.__name__)\n"
        )
        result = json.loads(runner.run(host, json.dumps({"code": code})))
        self.assertEqual(host.slept, [0.25, 1.0])
        self.assertEqual(result["stdout"], "sleep length must be non-negative\nsleep\n")
        self.assertIs(time.sleep, original)  # put back after the run


if __name__ == "__main__":
    unittest.main()
