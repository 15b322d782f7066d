"""Exceptions the program handles itself: no pause, and mostly no hook call (runs in Pyodide).

Each case has a twin where nothing handles the exception: that one still pauses, at the
same statement and with the same type as before the static path existed.
"""

import textwrap
import unittest

from _heal_runner import runner
from _heal_runner.instrument import instrument_source
from tests.helpers import run


def run_counting(code, **request):
    """run() that also returns the statement ids the hook was called for."""
    calls = []
    original = runner.Run.hook

    def counting(self, sid):
        calls.append(sid)
        return original(self, sid)

    runner.Run.hook = counting
    try:
        result, host = run(code, **request)
    finally:
        runner.Run.hook = original
    return result, host, calls


def handled_names(code, line):
    """The types the wrapper of the statement starting on `line` re-raises without the hook."""
    meta, _ = instrument_source(textwrap.dedent(code), "main.py")
    return {s.handled for s in meta.statements.values() if s.lineno == line}


class _Checks(unittest.TestCase):
    def assert_quiet(self, code, stdout, hook_calls=0):
        result, host, calls = run_counting(code)
        plain, _ = run(code, instrument=False)
        self.assertEqual(host.contexts, [], "no pause expected")
        self.assertEqual(result["status"], "finished", result.get("error"))
        self.assertEqual((result["stdout"], plain["stdout"]), (stdout, stdout))
        self.assertEqual(len(calls), hook_calls)
        return result

    def assert_pauses(self, code, line, error_type, stdout=None):
        result, host = run(code)
        self.assertEqual(len(host.contexts), 1, host.contexts)
        context = host.contexts[0]
        self.assertEqual((context["line"], context["error"]["type"]), (line, error_type))
        self.assertEqual(result["error"]["type"], error_type)
        if stdout is not None:
            self.assertEqual(result["stdout"], stdout)
        return context


class HandledWithoutTheHook(_Checks):
    def test_in_a_function(self):
        code = """
            def count(table, keys):
                misses = 0
                for key in keys:
                    try:
                        value = table[key] * 2
                    except KeyError:
                        misses += 1
                return misses
            print(count({1: 1}, range(50)))
        """
        self.assertEqual(handled_names(code, 6), {("KeyError",)})
        self.assert_quiet(code, "49\n")
        self.assert_pauses(code.replace("{1: 1}", "{1: None}"), 6, "TypeError")

    def test_at_module_level(self):
        code = """
            table = {"a": 1}
            misses = 0
            for key in ["a", "b", "c"] * 20:
                try:
                    misses += 1 - table[key]
                except KeyError:
                    misses += 1
            print(misses)
        """
        self.assert_quiet(code, "40\n")
        self.assert_pauses(code.replace('"a": 1', '"a": "1"'), 6, "TypeError")

    def test_parsing_loop_with_a_tuple_of_types(self):
        code = """
            def parse(tokens):
                total = 0
                for token in tokens:
                    try:
                        total += int(token)
                    except (ValueError, TypeError):
                        total -= 1
                return total
            print(parse(["1", "x", None, "4"]))
        """
        self.assertEqual(handled_names(code, 6), {("ValueError", "TypeError")})
        self.assert_quiet(code, "3\n")
        self.assert_pauses(code.replace("int(token)", "int(token) // 0"), 6, "ZeroDivisionError")

    def test_base_class_handler(self):
        code = """
            def first(items, table, key):
                try:
                    return items[0] + table[key]
                except LookupError:
                    return -1
            print(first([], {}, "k"), first([1], {}, "k"), first([1], {"k": 1}, "k"))
        """
        self.assert_quiet(code, "-1 -1 2\n")
        self.assert_pauses(code.replace('{"k": 1}', '{"k": "1"}'), 4, "TypeError")

    def test_in_a_generator_and_in_its_consumer(self):
        code = """
            def numbers(tokens):
                for token in tokens:
                    try:
                        yield int(token)
                    except ValueError:
                        yield 0
            def lookups(table, keys):
                for key in keys:
                    yield table[key]
            print(list(numbers(["1", "x", "3"])))
            try:
                for value in lookups({"a": 1}, ["a", "b"]):
                    print(value)
            except KeyError as err:
                print("missing", err)
        """
        # The consumer's `for` handles the generator's KeyError: the hook in the generator declines
        # it (and its `for` statement asks once more, finding it declined).
        self.assert_quiet(code, "[1, 0, 3]\n1\nmissing 'b'\n", hook_calls=2)
        self.assert_pauses(code.replace('"x"', "None"), 5, "TypeError")

    def test_in_comprehensions_and_generator_expressions(self):
        code = """
            table = {"a": 1}
            try:
                values = [table[key] for key in ["a", "b"]]
            except KeyError:
                values = []
            try:
                total = sum(table[key] for key in ["a", "b"])
            except KeyError:
                total = -1
            print(values, total)
        """
        self.assert_quiet(code, "[] -1\n")
        self.assert_pauses(
            code.replace("except KeyError:\n                values", "except IndexError:\n                values"),
            4,
            "KeyError",
        )
        self.assert_pauses(
            code.replace("except KeyError:\n                total", "except IndexError:\n                total"),
            8,
            "KeyError",
        )

    def test_with_suppress(self):
        code = """
            from contextlib import suppress
            def drop(table, keys):
                for key in keys:
                    with suppress(KeyError):
                        del table[key]
                return table
            print(drop({"a": 1, "b": 2}, ["a", "x", "y"]))
        """
        self.assertEqual(handled_names(code, 6), {("KeyError",)})
        self.assert_quiet(code, "{'b': 2}\n")
        self.assert_pauses(code.replace("suppress(KeyError)", "suppress(IndexError)"), 6, "KeyError")

    def test_the_exception_object_is_left_as_the_program_made_it(self):
        code = """
            try:
                {}["a"]
            except KeyError as err:
                print(vars(err))
        """
        # (The hook marks what it declines; an exception it never sees keeps no trace of it.)
        self.assert_quiet(code, "{}\n")

    def test_except_star_is_left_to_the_hook(self):
        code = """
            def get(table, key):
                try:
                    return table[key]
                except* KeyError:
                    print("missing", key)
                return None
            print(get({}, "a"))
        """
        self.assertEqual(handled_names(code, 4), {()})
        self.assert_quiet(code, "missing a\nNone\n", hook_calls=1)
        self.assert_pauses(code.replace("except* KeyError", "except* IndexError"), 4, "KeyError")


class HandledByTheHook(_Checks):
    """What cannot be decided statically: the hook declines, as it always did."""

    def test_one_and_two_calls_down(self):
        def program(errors, call):
            return f"""
def lookup(table, key):
    return table[key]
def middle(table, key):
    return lookup(table, key) + 1
def total(table, keys):
    found = 0
    for key in keys:
        try:
            found += {call}(table, key)
        except {errors}:
            found -= 1
    return found
print(total({{"a": 1}}, "abc"))
"""

        self.assertEqual(handled_names(program("KeyError", "lookup"), 3), {()})
        # Each miss asks the hook in lookup, which declines; two down, middle's statement asks
        # again and finds it declined.
        self.assert_quiet(program("KeyError", "lookup"), "-1\n", hook_calls=2)
        self.assert_quiet(program("LookupError", "middle"), "0\n", hook_calls=4)
        for unhandled in (program("IndexError", "lookup"), program("ValueError", "middle")):
            context = self.assert_pauses(unhandled, 3, "KeyError", stdout="")
            self.assertEqual(context["function"], "lookup")

    def test_dynamic_handler_type(self):
        code = """
            errors = (KeyError,)
            def get(table, key):
                try:
                    return table[key]
                except errors:
                    return None
            print(get({}, "a"))
        """
        self.assertEqual(handled_names(code, 5), {()})
        self.assert_quiet(code, "None\n", hook_calls=1)
        self.assert_pauses(code.replace("errors = (KeyError,)", "errors = (IndexError,)"), 5, "KeyError")

    def test_a_shadowed_builtin_name_is_not_trusted(self):
        code = """
            class KeyError(Exception):
                pass
            try:
                {}["a"]
            except KeyError:
                print("never")
        """
        self.assertEqual(handled_names(code, 5), {()})
        self.assert_pauses(code, 5, "KeyError")


class HandledThenRaisedAgain(unittest.TestCase):
    """An exception the program handled, raised again later, is not offered (as before:
    it was declined where the program's handler took it)."""

    def test_handler_that_re_raises(self):
        code = """
            def get(table, key):
                try:
                    return table[key]
                except KeyError:
                    print("missing", key)
                    raise
            get({}, "a")
        """
        result, host, calls = run_counting(code)
        self.assertEqual(host.contexts, [])
        self.assertEqual((result["status"], result["error"]["type"]), ("error", "KeyError"))
        self.assertEqual([f["line"] for f in result["error"]["traceback"]], [8, 4])
        self.assertEqual(result["stdout"], "missing a\n")

    def test_stored_exception_raised_in_another_function(self):
        code = """
            saved = []
            def remember(table):
                try:
                    table["k"]
                except KeyError as err:
                    saved.append(err)
            def fail():
                raise saved[0]
            remember({})
            fail()
        """
        result, host = run(code)
        self.assertEqual(host.contexts, [])
        self.assertEqual(result["error"]["type"], "KeyError")

    def test_recursion_error_handled_and_re_raised_at_every_level(self):
        code = """
            def down(n):
                try:
                    value = down(n + 1)
                except Exception:
                    raise
                return value
            try:
                down(0)
            except RecursionError:
                print("deep")
        """
        self.assertEqual(handled_names(code, 4), {("Exception",)})
        result, host = run(code)
        self.assertEqual(host.contexts, [])
        self.assertEqual(result["stdout"], "deep\n")


if __name__ == "__main__":
    unittest.main()
