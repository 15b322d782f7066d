"""Accepted handling code reused by the runner itself, in the failing frame."""

import unittest

from tests.helpers import merge_values, run


def accepted(code, values=None):
    """The merge answer of an accepted proposal, carrying its code for reuse."""
    return {**merge_values(values or {}), "reuse": code}


class ReuseInTheFrame(unittest.TestCase):
    def test_locals_of_a_function_are_written_through_and_new_names_go_to_globals(self):
        code = """
            def total(xs):
                acc = 0
                for x in xs:
                    acc += 10 // x
                return acc

            print(total([1, 0, 2, 0, 0]), seen)
        """
        # The first pause is merged like the executor would; the fix is then reused for the other zeros.
        result, host = run(code, answers=[accepted("acc += 1\nseen = 'yes'", {"acc": 11, "seen": "yes"})])
        self.assertEqual(len(host.contexts), 1)
        self.assertEqual(result["stdout"], "18 yes\n")  # 10 + 1 (merged) + 5 + 1 + 1 (reused)
        self.assertEqual([h["action"] for h in result["heals"]], ["merge"])
        group = result["reuses"][0]
        self.assertEqual((group["count"], group["line"], group["errorType"]), (2, 5, "ZeroDivisionError"))
        self.assertEqual(sorted(group["changed"]), ["acc", "seen"])
        self.assertEqual(len(group["timesMs"]), 2)

    def test_module_level_globals_and_output_in_order(self):
        code = """
            for i in range(4):
                print("before", i)
                x = 1 / (i % 2)
                print("after", i, x)
        """
        result, host = run(code, answers=[accepted("print('healed', i)\nx = -1", {"x": -1})])
        self.assertEqual(len(host.contexts), 1)
        self.assertEqual(
            result["stdout"].splitlines(),
            [
                "before 0",
                "after 0 -1",
                "before 1",
                "after 1 1.0",
                "before 2",
                "healed 2",
                "after 2 -1",
                "before 3",
                "after 3 1.0",
            ],
        )

    def test_a_failing_return_gets_the_reused_return_value(self):
        code = """
            def inverse(v):
                return 1 / v

            print([inverse(v) for v in [0, 2, 0]])
        """
        zero = {"t": "float", "v": 0.0}
        result, _ = run(code, answers=[accepted("__return__ = 0.0", {"__return__": zero})])
        self.assertEqual(result["stdout"], "[0.0, 0.5, 0.0]\n")
        self.assertEqual(result["reuses"][0]["count"], 1)

    def test_a_reused_fix_that_raises_goes_back_to_the_full_path(self):
        code = """
            data = {"a": 1}
            for key in ["x", "a", "y"]:
                value = data[key]
                print(key, value)
        """
        # The fix reads `key` in a way that only works once: the second time it raises.
        fix = "value = {'x': 0}[key]"
        result, host = run(code, answers=[accepted(fix, {"value": 0}), merge_values({"value": 9})])
        self.assertEqual(len(host.contexts), 2)  # the reuse failed for "y": a second pause
        self.assertEqual(result["stdout"], "x 0\na 1\ny 9\n")
        self.assertEqual(result.get("reuses"), [])

    def test_without_reuse_every_failure_pauses(self):
        code = """
            for i in range(3):
                x = 1 / 0
            print("done")
        """
        result, host = run(code, answers=[merge_values({"x": 0})] * 3)
        self.assertEqual(len(host.contexts), 3)
        self.assertEqual(result["stdout"], "done\n")
        self.assertEqual(result["reuses"], [])

    def test_heal_time_is_counted_apart_from_program_time(self):
        code = """
            for i in range(200):
                x = 1 / 0
        """
        result, _ = run(code, answers=[accepted("x = 0", {"x": 0})])
        self.assertEqual(result["reuses"][0]["count"], 199)
        self.assertGreater(result["healMs"], 0)
        self.assertLessEqual(result["healMs"], result["execMs"])


if __name__ == "__main__":
    unittest.main()
