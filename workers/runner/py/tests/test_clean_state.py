"""Each run starts from the interpreter state the first run started from (interpreter_baseline).

The leaking programs come from test/attacks.ts (written next to this file as attacks.json by the
Node harness); the file-system ones are the JavaScript host's part (test/clean-state.test.ts).
"""

import json
import pathlib
import unittest

from _heal_runner import interpreter_baseline, runner
from tests.helpers import ScriptedHost, run

ATTACKS = json.loads((pathlib.Path(__file__).parent / "attacks.json").read_text())
PYTHON_LEAKS = [leak for leak in ATTACKS["stateLeaks"] if leak["layer"] == "python"]


def run_without_restore(code):
    """What a run prints when nothing is put back after the previous one."""
    host = ScriptedHost()
    return runner.Run(host, {"code": code}).execute()["stdout"]


class NothingLeaks(unittest.TestCase):
    def test_each_leak_changes_the_interpreter_and_is_undone(self):
        for leak in PYTHON_LEAKS:
            with self.subTest(leak["name"]):
                clean = run(leak["probe"])[0]["stdout"]
                baseline = interpreter_baseline.baseline()
                try:
                    run_without_restore(leak["leak"])
                    polluted = run_without_restore(leak["probe"])
                finally:
                    baseline.restore()
                self.assertNotEqual(clean, polluted, "the payload must really change something")
                self.assertEqual(clean, run(leak["probe"])[0]["stdout"])

    def test_runs_through_runner_run_do_not_leak(self):
        for leak in PYTHON_LEAKS:
            with self.subTest(leak["name"]):
                clean = run(leak["probe"])[0]["stdout"]
                result, _host = run(leak["leak"])
                self.assertNotIn("tainted", result)
                self.assertIn("restoreMs", result)
                self.assertEqual(clean, run(leak["probe"])[0]["stdout"])

    def test_classes_functions_and_settings_put_back_are_named(self):
        baseline = interpreter_baseline.baseline()
        try:
            run_without_restore(
                "import json, sys\njson.JSONEncoder.default = len\n"
                "json.dumps.__defaults__ = ()\nsys.setrecursionlimit(300)\n"
            )
        finally:
            restored = baseline.restore()
        self.assertIn("json.encoder.JSONEncoder", restored)
        self.assertIn("json.dumps.__defaults__", restored)
        self.assertIn("setting: recursion limit", restored)
        self.assertEqual([], baseline.restore())  # nothing left to put back

    def test_an_audit_hook_is_refused(self):
        hook = ATTACKS["auditHook"]
        result, _host = run(hook["leak"] + hook["probe"])
        self.assertEqual("error", result["status"])
        self.assertEqual("RuntimeError", result["error"]["type"])
        self.assertIn("audit hooks are not available", result["error"]["message"])
        self.assertEqual("opened\n", run(hook["probe"])[0]["stdout"])

    def test_the_runner_still_pauses_and_merges_after_restores(self):
        run("import builtins\nbuiltins.print = len\n")
        result, host = run("x = 1 / 0\nprint(x)\n", answers=[{"action": "merge", "set": [{"name": "x", "value": 5}]}])
        self.assertEqual("5\n", result["stdout"])
        self.assertEqual(1, len(host.contexts))

    def test_input_still_works_after_a_leak_replaced_it(self):
        run("import builtins\nbuiltins.input = lambda prompt='': 'fake'\n")
        result, _host = run("print(input('name? '))\n", inputs=["Ada"])
        self.assertEqual("name? Ada\n", result["stdout"])

    def test_the_programs_objects_are_released_after_its_run(self):
        import builtins

        baseline = interpreter_baseline.baseline()
        try:
            run_without_restore(
                "import builtins, weakref\nclass Big:\n    pass\nkeep = Big()\nbuiltins.REF = weakref.ref(keep)\n"
            )
            ref = builtins.REF
        finally:
            baseline.restore()
        self.assertIsNone(ref())  # its globals went with the run, not at some later collection
        self.assertFalse(hasattr(builtins, "REF"))

    def test_modules_a_run_imported_are_imported_afresh(self):
        run("import fractions\nfractions.MARK = 1\n")
        self.assertEqual("False\n", run("import fractions\nprint(hasattr(fractions, 'MARK'))\n")[0]["stdout"])
