"""Look-ahead: each candidate of a pause run to the end in a run of its own, earlier decisions replayed."""

import json
import textwrap
import unittest

from _heal_runner import lookahead


def look(code, candidates, pause_index=0, decisions=(), stdin="", **request):
    answer = lookahead.look_ahead(
        json.dumps(
            {
                "code": textwrap.dedent(code),
                "stdin": stdin,
                "pauseIndex": pause_index,
                "decisions": list(decisions),
                "candidates": candidates,
                **request,
            }
        )
    )
    return json.loads(answer)


# A nested function called in a loop, two pauses, input read before the first one.
TWO_PAUSES = """
    n = int(input())
    names = input().split()

    def pick(i):
        def at(k):
            return names[k]
        return at(i)

    for i in range(n):
        print(pick(i).upper())
    total = sum(len(x) for x in names) / (n - n)
    print("total", total)
"""


class Replay(unittest.TestCase):
    def test_replays_earlier_decisions_and_tries_each_candidate_at_the_pause(self):
        # Pause 0: IndexError in at() (i = 2), answered with a return value; pause 1: the division.
        decisions = [{"line": 7, "errorType": "IndexError", "code": "__return__ = 'zz'"}]
        result = look(
            TWO_PAUSES,
            [{"code": "total = -1"}, {"code": "pass"}],
            pause_index=1,
            decisions=decisions,
            stdin="3\nab cd\n",
            reuse=True,
        )
        first, second = result["outcomes"]
        self.assertEqual(first["status"], "finished")
        self.assertEqual(first["stdout"], "AB\nCD\nZZ\ntotal -1\n")
        self.assertEqual(first["laterPauses"], 0)
        # Skipping the assignment leaves `total` unbound: the next line pauses and is skipped too.
        self.assertEqual((second["status"], second["laterPauses"], second["stdout"]), ("finished", 1, "AB\nCD\nZZ\n"))
        # With later pauses left to fail, that is where the run ends.
        strict = look(
            TWO_PAUSES, [{"code": "pass"}], pause_index=1, decisions=decisions, stdin="3\nab cd\n", later="raise"
        )["outcomes"][0]
        self.assertEqual(
            (strict["status"], strict["error"]["type"], strict["error"]["line"]), ("error", "NameError", 13)
        )

    def test_later_pauses_are_skipped_and_counted(self):
        result = look(TWO_PAUSES, [{"code": "__return__ = '?'"}], stdin="4\nab\n")
        outcome = result["outcomes"][0]
        # Pause 0 is the candidate (i = 1); its fix is reused for i = 2, 3 (reuse is on); the division is skipped.
        self.assertEqual(outcome["stdout"], "AB\n?\n?\n?\n")
        self.assertEqual(outcome["laterPauses"], 2)  # the division, then `total` unbound in the print
        self.assertEqual(outcome["status"], "finished")

    def test_later_pauses_can_end_the_run_instead(self):
        outcome = look(TWO_PAUSES, [{"code": "__return__ = '?'"}], stdin="2\nab\n", later="raise")["outcomes"][0]
        self.assertEqual(outcome["status"], "error")
        self.assertEqual(outcome["error"]["type"], "ZeroDivisionError")
        self.assertEqual(outcome["laterPauses"], 1)

    def test_a_replay_that_goes_elsewhere_says_so(self):
        decisions = [{"line": 99, "errorType": "IndexError", "code": "pass"}]
        outcome = look(TWO_PAUSES, [{"code": "pass"}], pause_index=1, decisions=decisions, stdin="3\nab cd\n")[
            "outcomes"
        ][0]
        self.assertEqual(outcome["status"], "diverged")
        self.assertEqual(outcome["detail"]["line"], 7)

    def test_a_candidate_that_raises_is_reported(self):
        outcome = look("x = [][1]\nprint(x)\n", [{"code": "x = undefined_name"}])["outcomes"][0]
        self.assertEqual(outcome["status"], "candidate-failed")
        self.assertEqual(outcome["detail"]["type"], "NameError")

    def test_loop_actions_are_looked_ahead(self):
        code = """
            out = []
            for x in [2, 0, 4]:
                out.append(8 // x)
            print(out)
        """
        outcomes = look(code, [{"code": "pass", "control": "continue"}, {"code": "pass", "control": "break"}])[
            "outcomes"
        ]
        self.assertEqual([o["stdout"] for o in outcomes], ["[4, 2]\n", "[4]\n"])

    def test_leaving_the_function_is_looked_ahead_and_replayed(self):
        # A loop that runs once too often: leaving the function with its result at the extra
        # round's first failure is right; breaking the inner loop adds a 0 round.
        code = """
            def widths(rows, n):
                out = []
                j = 0
                while j <= n:
                    w = 0
                    for r in rows:
                        w = max(w, len(r[j]))
                    out.append(w)
                    j += 1
                return out
            print(widths([["a", "bbb"], ["cc", "d"]], 2))
            print(widths([["x"]], 1))
        """
        leave = {"code": "__return__ = out", "control": "return"}
        outcomes = look(code, [leave, {"code": "pass", "control": "break"}])["outcomes"]
        self.assertEqual([o["stdout"] for o in outcomes], ["[2, 3]\n[1]\n", "[2, 3, 0]\n[1, 0]\n"])
        # Replayed as an earlier decision (reused at the second call, no pause there).
        later = look(
            code, [{"code": "pass"}], pause_index=1, decisions=[{"line": 8, "errorType": "IndexError", **leave}]
        )
        self.assertEqual(later["outcomes"][0]["status"], "not-reached")


class Budget(unittest.TestCase):
    def test_a_candidate_that_loops_forever_is_cut(self):
        outcome = look(
            "x = 1 // 0\nprint(x)\n", [{"code": "while True:\n    pass"}], budget={"seconds": 0.3, "statements": 10**9}
        )["outcomes"][0]
        self.assertEqual(outcome["status"], "budget")

    def test_a_program_that_runs_long_after_the_pause_is_cut_by_statements(self):
        code = """
            x = 1 // 0
            i = 0
            while True:
                try:
                    i += 1
                except BaseException:
                    pass
        """
        outcome = look(code, [{"code": "x = 0"}], budget={"seconds": 60, "statements": 500})["outcomes"][0]
        self.assertEqual(outcome["status"], "budget")
        self.assertGreater(outcome["statementsAfter"], 500)
        self.assertLess(outcome["statementsAfter"], 600)

    def test_the_next_candidate_starts_clean(self):
        code = "import sys\nx = 1 // 0\nprint(x, getattr(sys, 'marker', None))\n"
        outcomes = look(code, [{"code": "import sys\nsys.marker = 1\nx = 1"}, {"code": "x = 2"}])["outcomes"]
        self.assertEqual([o["stdout"] for o in outcomes], ["1 1\n", "2 None\n"])


class Nondeterminism(unittest.TestCase):
    def test_random_and_time_are_flagged_and_random_is_seeded(self):
        code = """
            import random, time
            started = time.time()
            v = random.randint(1, 10**9)
            x = [][0]
            print(v)
        """
        outcomes = look(code, [{"code": "pass"}, {"code": "pass"}])
        a, b = outcomes["outcomes"]
        self.assertEqual(outcomes["imports"], ["random", "time"])
        self.assertEqual(sorted(a["nondeterministic"]), ["random", "time"])
        # Seeded: both candidates saw the same number.
        self.assertEqual(a["stdout"], b["stdout"])
        self.assertTrue(a["stdout"].strip().isdigit())

    def test_a_program_that_only_imports_random_is_not_flagged_at_run_time(self):
        outcome = look("import random\nx = [][0]\nprint('ok')\n", [{"code": "x = 0"}])["outcomes"][0]
        self.assertEqual(outcome["nondeterministic"], [])
        self.assertEqual(outcome["stdout"], "ok\n")


if __name__ == "__main__":
    unittest.main()
