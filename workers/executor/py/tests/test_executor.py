"""The executor: prelude, diff of the namespace, merge payload, opaque handles, errors."""

import base64
import importlib.util
import io
import json
import os
import pickle
import sys
import textwrap
import unittest

from _heal_executor import execution, prelude
from tests.helpers import Program, as_main, bindings

# The runner's Python sources, when the test host mounts them (not on sys.path).
RUNNER_STATE = "/heal-src/_heal_runner/state.py"


def run(request):
    return json.loads(execution.execute(json.dumps(request)))


def by_name(entries):
    return {entry["name"]: entry for entry in entries}


class PreludeText(unittest.TestCase):
    SOURCE = textwrap.dedent('''\
        """Docstring."""
        from __future__ import annotations
        import math, os.path as osp
        from collections import Counter
        LIMIT = 10
        print("side effect")
        for i in range(3):
            pass

        @staticmethod
        def decorated(x):
            return x

        async def fetch():
            return 1

        class Box:
            size = 3

        type Pair = tuple[int, int]
        counter = Counter()
        if __name__ == "__main__":
            main()
        x = 1; import json
    ''')

    def test_keeps_definitions_and_skips_statements(self):
        text = prelude.prelude(self.SOURCE)
        self.assertTrue(text.startswith("from __future__ import annotations\n"))
        for kept in (
            "import math, os.path as osp",
            "from collections import Counter",
            "@staticmethod\ndef decorated(x):",
            "async def fetch():",
            "class Box:\n    size = 3",
            "type Pair = tuple[int, int]",
            "import json",
        ):
            self.assertIn(kept, text)
        for skipped in ("LIMIT", "print(", "for i", "counter =", "__name__", "main()", "x = 1", "Docstring"):
            self.assertNotIn(skipped, text)
        compile(text, "prelude", "exec")  # it is a program of its own

    def test_future_import_goes_first_even_when_not_first_kept(self):
        parsed = prelude.parse_prelude("from __future__ import annotations\nimport math\n")
        self.assertEqual([item.kind for item in parsed.items], ["ImportFrom", "Import"])

    def test_a_program_that_does_not_parse_has_an_empty_prelude(self):
        self.assertEqual(prelude.prelude("def f(:\n"), "")


class PreludeRun(unittest.TestCase):
    def test_top_level_statements_do_not_run(self):
        program = Program("import math\nprint('hello from the program')\ndef f(): return 2\nx = 1\n", ran="x = 1\n")
        result = program.execute("y = f() + x\nprint('handler says', y)\n")
        self.assertEqual(result["status"], "ok", result)
        self.assertEqual(result["stdout"], "handler says 3\n")
        self.assertNotIn("hello", result["stdout"] + result["stderr"])
        self.assertEqual(result["preludeSkipped"], [])

    def test_definitions_that_raise_are_skipped_and_reported(self):
        source = "import no_such_module_here\nclass Broken(Undefined): pass\ndef fine(): return 'fine'\n"
        result = run({"source": source, "pickle": None, "handles": [], "code": "out = fine()"})
        self.assertEqual(result["status"], "ok", result)
        skipped = {entry["name"]: entry for entry in result["preludeSkipped"]}
        self.assertEqual(set(skipped), {"no_such_module_here", "Broken"})
        self.assertIn("ModuleNotFoundError", skipped["no_such_module_here"]["error"])
        self.assertEqual(skipped["Broken"]["line"], 2)
        self.assertEqual(bindings(result)["out"]["value"], "fine")

    def test_definitions_that_use_program_values_are_retried_with_the_state(self):
        source = """
            SCALE = 3
            def scaled(x, factor=SCALE):
                return x * factor
            class Grid:
                size = SCALE
            values = [1, 2]
        """
        program = Program(source)
        result = program.execute("values = [scaled(v) for v in values] + [Grid.size]")
        self.assertEqual(result["status"], "ok", result)
        self.assertEqual(result["preludeSkipped"], [])
        self.assertEqual(bindings(result)["values"]["value"]["items"], [3, 6, 3])

    def test_a_top_level_decorator_side_effect_is_not_output(self):
        source = "def loud(f):\n    print('decorating')\n    return f\n@loud\ndef g(): return 1\n"
        result = run({"source": source, "pickle": None, "handles": [], "code": "r = g()"})
        self.assertEqual((result["status"], result["stdout"]), ("ok", ""))

    def test_a_program_with_a_syntax_error_still_runs_the_handling_code(self):
        result = run({"source": "def f(:\n", "pickle": None, "handles": [], "code": "x = 2"})
        self.assertEqual(result["status"], "ok")
        self.assertTrue(any("does not parse" in w for w in result["warnings"]))


class Diff(unittest.TestCase):
    def test_rebind_of_a_name(self):
        program = Program("total = 100.0\ncount = 3\n")
        result = program.execute("total = total + 10\ncount = count + 0\n")
        self.assertEqual(result["status"], "ok", result)
        self.assertEqual(result["merge"]["set"], [{"name": "total", "value": {"t": "float", "v": 110.0}}])
        program.apply(result["merge"])
        self.assertEqual(program.live["total"], 110.0)

    def test_in_place_mutation_keeps_aliases(self):
        program = Program("result = {'a': 1}\nalias = result\nrows = [1, 2]\nsame = rows\n")
        result = program.execute("result['b'] = 0\nrows.append(3)\n")
        self.assertEqual(result["status"], "ok", result)
        changed = bindings(result)
        self.assertEqual(set(changed), {"result", "alias", "rows", "same"})
        self.assertTrue(all(entry["inPlace"] for entry in changed.values()))
        live_result, live_rows = program.live["result"], program.live["rows"]
        program.apply(result["merge"])
        self.assertIs(program.live["result"], live_result)
        self.assertIs(program.live["alias"], live_result)
        self.assertEqual(live_result, {"a": 1, "b": 0})
        self.assertEqual(program.live["same"], [1, 2, 3])
        self.assertIs(program.live["same"], live_rows)

    def test_a_container_of_a_mutated_binding_is_not_changed_and_keeps_the_link(self):
        program = Program("a = [1]\nb = [a]\n")
        result = program.execute("a.append(2)")
        self.assertEqual(list(bindings(result)), ["a"])
        program.apply(result["merge"])
        self.assertIs(program.live["b"][0], program.live["a"])
        self.assertEqual(program.live["b"], [[1, 2]])

    def test_nested_objects_of_a_patched_value_that_are_bindings_stay_linked(self):
        program = Program("row = [1]\nrows = [row]\n")
        result = program.execute("rows.append([9])\nrow.append(2)")
        self.assertEqual(set(bindings(result)), {"row", "rows"})
        program.apply(result["merge"])
        self.assertIs(program.live["rows"][0], program.live["row"])
        self.assertEqual(program.live["rows"], [[1, 2], [9]])

    def test_new_names_and_return_value(self):
        program = Program("items = [3, 4]\n")
        result = program.execute("fallback = 0\n__return__ = sum(items)\n")
        self.assertEqual(result["merge"]["set"], [{"name": "fallback", "value": 0}, {"name": "__return__", "value": 7}])
        updates = program.apply(result["merge"])
        self.assertEqual(updates, {"fallback": 0, "__return__": 7})

    def test_removed_names_are_deleted(self):
        program = Program("temp = 1\nkeep = 2\n")
        result = program.execute("del temp")
        self.assertEqual(result["merge"]["delete"], ["temp"])
        program.apply(result["merge"])
        self.assertNotIn("temp", program.live)

    def test_new_values_refer_to_original_objects_by_reference(self):
        program = Program("data = [1, 2]\nconfig = {'k': 'v'}\n")
        result = program.execute("pair = (data, config)\nalso = data\n")
        self.assertEqual(bindings(result)["also"]["value"], {"t": "ref", "name": "data"})
        program.apply(result["merge"])
        self.assertIs(program.live["pair"][0], program.live["data"])
        self.assertIs(program.live["pair"][1], program.live["config"])
        self.assertIs(program.live["also"], program.live["data"])

    def test_rebinding_to_another_original_object_aliases_it(self):
        program = Program("a = [1]\nb = [2]\n")
        result = program.execute("b = a")
        self.assertEqual(result["merge"]["set"], [{"name": "b", "value": {"t": "ref", "name": "a"}}])
        program.apply(result["merge"])
        self.assertIs(program.live["b"], program.live["a"])

    def test_instances_of_program_classes_are_patched_in_place(self):
        source = """
            class Account:
                def __init__(self, owner):
                    self.owner = owner
                    self.balance = 0
                def deposit(self, amount):
                    self.balance += amount
            acct = Account("ada")
        """
        program = Program(source)
        live = program.live["acct"]
        result = program.execute("acct.deposit(5)\nextra = Account('bob')\n")
        self.assertEqual(result["status"], "ok", result)
        self.assertTrue(bindings(result)["acct"]["inPlace"])
        self.assertEqual(bindings(result)["extra"]["value"]["class"], "Account")
        program.apply(result["merge"])
        self.assertIs(program.live["acct"], live)
        self.assertEqual(live.balance, 5)
        self.assertIs(type(program.live["extra"]), program.live["Account"])

    def test_unchanged_program_definitions_are_not_reported(self):
        program = Program("import math\ndef f(): return 1\nclass C: pass\nx = 1\n")
        result = program.execute("y = math.floor(2.5) + f()")
        self.assertEqual(result["merge"], {"action": "merge", "set": [{"name": "y", "value": 3}], "delete": []})

    def test_imports_in_handling_code_travel_by_name(self):
        program = Program("x = 1\n")
        result = program.execute("import math\nx = math.floor(2.7)")
        self.assertEqual(bindings(result)["math"]["value"], {"t": "module", "name": "math"})
        updates = program.apply(result["merge"])
        self.assertIs(updates["math"], sys.modules["math"])
        self.assertEqual(updates["x"], 2)


class Unmergeable(unittest.TestCase):
    def test_helpers_defined_by_the_handling_code_are_left_out(self):
        program = Program("total = 0\n")
        result = program.execute("def fix(v):\n    return v + 1\ntotal = fix(total)\nsquare = lambda v: v * v\n")
        self.assertEqual(result["status"], "ok", result)
        self.assertEqual({u["name"] for u in result["unmerged"]}, {"fix", "square"})
        self.assertIn("defined by the handling code", by_name(result["unmerged"])["fix"]["reason"])
        updates = program.apply(result["merge"])
        self.assertEqual(updates, {"total": 1})

    def test_values_the_program_would_refuse_are_left_out(self):
        program = Program("x = 1\n")
        result = program.execute("import functools\nbound = functools.partial(int, base=2)\nx = 2\n")
        reasons = by_name(result["unmerged"])
        self.assertIn("bound", reasons)
        self.assertIn("partial is not plain data", reasons["bound"]["reason"])
        updates = program.apply(result["merge"])
        self.assertEqual(updates, {"x": 2, "functools": sys.modules["functools"]})


class Handles(unittest.TestCase):
    SOURCE = "square = lambda v: v * v\ngen = (i for i in range(3))\nvalues = [1, 2]\n"

    def test_handles_are_placeholders_that_refuse_to_be_used(self):
        program = Program(self.SOURCE)
        result = program.execute("try:\n    square(2)\nexcept TypeError as e:\n    message = str(e)\nr = repr(gen)\n")
        self.assertEqual(result["status"], "ok", result)
        message = bindings(result)["message"]["value"]
        self.assertIn("'square' is an opaque handle to a value that cannot be copied", message)
        self.assertIn("called", message)
        self.assertIn("generator object", bindings(result)["r"]["value"])

    def test_attribute_access_raises_a_clear_type_error(self):
        program = Program(self.SOURCE)
        result = program.execute("gen.close()")
        self.assertEqual(result["status"], "error")
        self.assertEqual(result["error"]["type"], "TypeError")
        self.assertIn("opaque handle", result["error"]["message"])
        self.assertNotIn("merge", result)

    def test_handles_pass_through_to_the_live_objects(self):
        program = Program(self.SOURCE)
        square = program.live["square"]
        result = program.execute("keep = square\nvalues.append(square)\n")
        self.assertEqual(result["status"], "ok", result)
        self.assertEqual(bindings(result)["keep"]["value"], {"t": "ref", "name": "square"})
        program.apply(result["merge"])
        self.assertIs(program.live["keep"], square)
        self.assertIs(program.live["values"][2], square)
        self.assertEqual(program.live["values"][2](3), 9)


class Errors(unittest.TestCase):
    def test_handling_code_that_raises_gives_no_merge(self):
        program = Program("def helper(x):\n    return 1 / x\nvalue = 0\n")
        result = program.execute("value = 5\nresult = helper(value - 5)\n")
        self.assertEqual(result["status"], "error")
        self.assertNotIn("merge", result)
        error = result["error"]
        self.assertEqual(
            (error["type"], error["message"], error["line"], error["phase"]),
            ("ZeroDivisionError", "division by zero", 2, "code"),
        )
        self.assertIn('File "<handling code>", line 2', error["formatted"])
        self.assertIn('File "main.py", line 2, in helper', error["formatted"])
        self.assertIn("result = helper(value - 5)", error["formatted"])
        self.assertNotIn("_heal_executor", error["formatted"])

    def test_syntax_error_in_handling_code(self):
        result = run({"source": "", "pickle": None, "handles": [], "code": "x = (1,\n"})
        self.assertEqual(result["status"], "error")
        self.assertEqual((result["error"]["type"], result["error"]["line"]), ("SyntaxError", 1))

    def test_keyboard_interrupt_is_reported_for_the_host_to_turn_into_a_timeout(self):
        result = run({"source": "", "pickle": None, "handles": [], "code": "raise KeyboardInterrupt"})
        self.assertEqual((result["status"], result["error"]["type"]), ("error", "KeyboardInterrupt"))

    def test_sys_exit_is_an_error(self):
        result = run({"source": "", "pickle": None, "handles": [], "code": "import sys\nsys.exit(3)"})
        self.assertEqual((result["status"], result["error"]["type"]), ("error", "SystemExit"))

    def test_a_damaged_pickle_is_a_state_error(self):
        result = run(
            {"source": "", "pickle": base64.b64encode(b"not a pickle").decode(), "handles": [], "code": "x = 1"}
        )
        self.assertEqual((result["status"], result["error"]["phase"]), ("error", "state"))


class Isolation(unittest.TestCase):
    def test_output_is_captured_and_capped(self):
        result = run(
            {
                "source": "",
                "pickle": None,
                "handles": [],
                "maxOutputChars": 50,
                "code": "import sys\nprint('x' * 80)\nprint('oops', file=sys.stderr)\n",
            }
        )
        self.assertEqual(result["stdout"], "x" * 50)
        self.assertEqual(result["stderr"], "oops\n")
        self.assertTrue(result["outputTruncated"])

    def test_stdin_feeds_input_and_the_merge_says_how_much_was_read(self):
        result = run(
            {"source": "", "pickle": None, "handles": [], "stdin": "42\nrest\n", "code": "n = int(input('n? '))"}
        )
        self.assertEqual(result["stdout"], "n? ")
        self.assertEqual(result["merge"]["stdinConsumed"], 3)
        self.assertEqual(result["merge"]["output"], [["stdout", "n? "]])

    def test_input_past_the_remaining_stdin_is_refused_with_a_clear_message(self):
        result = run({"source": "", "pickle": None, "handles": [], "stdin": "", "code": "name = input('name? ')"})
        self.assertEqual((result["status"], result["error"]["type"]), ("error", "EOFError"))
        self.assertIn("cannot ask you for more", result["error"]["message"])

    def test_sys_stdin_reads_to_end_of_file(self):
        result = run(
            {
                "source": "",
                "pickle": None,
                "handles": [],
                "stdin": "1 2\n3\n",
                "code": "import sys\nfirst = sys.stdin.readline()\nrest = sys.stdin.read()\nmore = [l for l in sys.stdin]",
            }
        )
        values = {n: e["value"] for n, e in bindings(result).items()}
        self.assertEqual((values["first"], values["rest"]), ("1 2\n", "3\n"))
        self.assertEqual(result["merge"]["stdinConsumed"], 6)

    def test_output_of_both_streams_travels_in_order_in_the_merge(self):
        result = run(
            {
                "source": "",
                "pickle": None,
                "handles": [],
                "code": "import sys\nprint('a')\nprint('b', file=sys.stderr)\nprint('c')\nx = 1",
            }
        )
        self.assertEqual(result["merge"]["output"], [["stdout", "a\n"], ["stderr", "b\n"], ["stdout", "c\n"]])
        self.assertNotIn("stdinConsumed", result["merge"])

    def test_each_request_starts_from_a_fresh_namespace_and_builtins(self):
        first = run(
            {
                "source": "",
                "pickle": None,
                "handles": [],
                "code": "leak = 1\nimport builtins\nbuiltins.len = None\nbuiltins.extra = 1",
            }
        )
        self.assertEqual(first["status"], "ok")
        second = run(
            {
                "source": "",
                "pickle": None,
                "handles": [],
                "code": "seen = 'leak' in globals()\nn = len([1])\nhas = hasattr(__builtins__, 'extra')",
            }
        )
        self.assertEqual({n: e["value"] for n, e in bindings(second).items()}, {"seen": False, "n": 1, "has": False})
        self.assertIsNot(sys.modules["__main__"].__dict__.get("leak", None), 1)

    def test_the_interrupt_handler_is_restored(self):
        import signal

        before = signal.getsignal(signal.SIGINT)
        result = run(
            {
                "source": "",
                "pickle": None,
                "handles": [],
                "code": "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n",
            }
        )
        self.assertEqual(result["status"], "ok")
        self.assertIs(signal.getsignal(signal.SIGINT), before)

    def test_streams_and_main_module_are_restored(self):
        before = (sys.stdout, sys.stderr, sys.stdin, sys.modules.get("__main__"))
        run({"source": "", "pickle": None, "handles": [], "code": "1 / 0"})
        run({"source": "", "pickle": None, "handles": [], "code": "print('hi')"})
        self.assertEqual(before, (sys.stdout, sys.stderr, sys.stdin, sys.modules.get("__main__")))

    def test_a_definition_that_is_not_at_top_level_gets_a_stand_in(self):
        source = "if True:\n    def hidden(): return 1\n    class Hidden: pass\nobj = Hidden()\nx = 1\n"
        program = Program(source)
        result = program.execute("x = 2\nkept = obj\ntry:\n    hidden()\nexcept TypeError as e:\n    why = str(e)\n")
        self.assertEqual(result["status"], "ok", result)
        self.assertTrue(any("hidden" in w for w in result["warnings"]))
        self.assertIn("not available in the handling code", bindings(result)["why"]["value"])
        program.apply(result["merge"])
        self.assertEqual(program.live["x"], 2)
        self.assertIs(program.live["kept"], program.live["obj"])


@unittest.skipUnless(os.path.exists(RUNNER_STATE), "the runner's sources are not mounted")
class WithTheRunnersState(unittest.TestCase):
    """The runner's own pickling and merge on both ends (mounted at /heal-src)."""

    @classmethod
    def setUpClass(cls):
        spec = importlib.util.spec_from_file_location("heal_runner_state", RUNNER_STATE)
        cls.state = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = cls.state  # dataclasses looks its module up
        spec.loader.exec_module(cls.state)

    def test_round_trip_through_the_runners_pickle_and_merge(self):
        source = "import math\nclass P:\n    def __init__(self): self.v = 1\nrows = [1]\nalias = rows\np = P()\nf = lambda: 7\n"
        program = Program(source)
        handles = self.state.HandleTable()
        modules = {}
        with as_main(program.module):
            data, opaque = self.state.pickle_bindings(program.live, handles, modules)
        self.assertEqual(modules, {"math": sys.modules["math"]})
        entries = [{"handle": n, "name": name, "type": "function", "repr": "<lambda>"} for name, n in opaque.items()]
        request = {
            "source": program.source,
            "pickle": base64.b64encode(data).decode(),
            "handles": entries,
            "code": "rows.append(2)\np.v = 2\nnew = (rows, f, math)\n",
        }
        result = run(request)
        self.assertEqual(result["status"], "ok", result)
        self.assertEqual({n for n, e in bindings(result).items() if e.get("inPlace")}, {"rows", "alias", "p"})
        live = program.live
        rows, p = live["rows"], live["p"]
        frame = _FakeFrame(program.module.__dict__)
        changed, _, _ = self.state.merge(frame, result["merge"], handles, modules)
        self.assertEqual(set(changed), {"rows", "alias", "p", "new"})
        new = program.module.__dict__["new"]
        self.assertIs(new[0], rows)
        self.assertIs(new[1], live["f"])
        self.assertIs(new[2], sys.modules["math"])
        self.assertEqual(rows, [1, 2])
        self.assertIs(program.module.__dict__["p"], p)
        self.assertEqual(p.v, 2)


class _FakeFrame:
    """What state.merge reads of a module-level frame."""

    def __init__(self, namespace):
        self.f_globals = namespace
        self.f_locals = namespace
        self.f_code = compile("pass", "main.py", "exec")


if __name__ == "__main__":
    unittest.main()
