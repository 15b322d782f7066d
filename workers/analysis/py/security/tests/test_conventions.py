"""Bandit's conventions: # nosec, skips / tests, minimum levels, parse errors, the
report's fields, alias resolution and line ranges."""

import json
import time
import unittest

from security import api
from security.nosec import parse_comment


def pairs(source, **options):
    return [(f["test_id"], f["line_number"]) for f in api.check(source, options)["findings"]]


SHELL = "import subprocess  # nosec B404\nsubprocess.call('ls', shell=True)\n"


class NosecTest(unittest.TestCase):
    def test_parse_comment(self):
        self.assertIsNone(parse_comment("# just a comment"))
        self.assertEqual(set(), parse_comment("# nosec"))
        self.assertEqual(set(), parse_comment("#nosec: reviewed by alice"))
        self.assertEqual({"B602", "B607"}, parse_comment("# nosec B602, B607"))
        self.assertEqual({"B603"}, parse_comment("# nosec: subprocess_without_shell_equals_true"))

    def test_bare_nosec_silences_every_test_on_the_line(self):
        source = "import subprocess  # nosec\nsubprocess.call('ls', shell=True)  # nosec\n"
        result = api.check(source)
        self.assertEqual([], result["findings"])
        self.assertEqual(3, result["metrics"]["nosec"])  # B404, B602, B607

    def test_nosec_with_ids_silences_only_those(self):
        source = "import subprocess\nsubprocess.call('ls', shell=True)  # nosec B602\n"
        found = pairs(source)
        self.assertNotIn(("B602", 2), found)
        self.assertIn(("B607", 2), found)
        self.assertEqual(1, api.check(source)["metrics"]["skipped_tests"])

    def test_nosec_anywhere_in_a_multiline_call(self):
        source = "import subprocess  # nosec\nsubprocess.call(\n    'ls',\n    shell=True,  # nosec\n)\n"
        self.assertEqual([], pairs(source))

    def test_nosec_inside_a_string_is_not_a_comment(self):
        self.assertIn(("B105", 1), pairs("password = '# nosec'\n"))

    def test_ignore_nosec(self):
        self.assertIn(("B404", 1), pairs(SHELL, ignoreNosec=True))
        self.assertNotIn(("B404", 1), pairs(SHELL))


class SelectionTest(unittest.TestCase):
    def test_skips_and_tests(self):
        self.assertNotIn("B607", {t for t, _ in pairs(SHELL, skips=["B607"])})
        self.assertEqual({"B602"}, {t for t, _ in pairs(SHELL, tests=["B602"])})

    def test_minimum_severity_and_confidence(self):
        source = "import subprocess\nsubprocess.call(cmd, shell=True)\nassert x\n"
        everything = {t for t, _ in pairs(source)}
        self.assertTrue({"B101", "B404", "B602"} <= everything)
        self.assertEqual({"B602"}, {t for t, _ in pairs(source, minSeverity="HIGH")})
        self.assertNotIn("B604", {t for t, _ in pairs("run(x, shell=True)\n", minConfidence="MEDIUM")})
        self.assertIn("B604", {t for t, _ in pairs("run(x, shell=True)\n", minConfidence="LOW")})

    def test_levels_depend_on_the_case(self):
        literal = api.check("import subprocess\nsubprocess.call('ls -l', shell=True)\n", {"tests": ["B602"]})[
            "findings"
        ][0]
        built = api.check("import subprocess\nsubprocess.call('ls ' + d, shell=True)\n", {"tests": ["B602"]})[
            "findings"
        ][0]
        self.assertEqual(("LOW", "HIGH"), (literal["issue_severity"], literal["issue_confidence"]))
        self.assertEqual(("HIGH", "HIGH"), (built["issue_severity"], built["issue_confidence"]))


class ReportTest(unittest.TestCase):
    def test_finding_fields(self):
        result = json.loads(
            api.check_json("def run(cmd):\n    import os\n    os.system(cmd)\n", json.dumps({"filename": "a.py"}))
        )
        f = [f for f in result["findings"] if f["test_id"] == "B605"][0]
        self.assertEqual("start_process_with_a_shell", f["test_name"])
        self.assertEqual({"id": 78, "link": "https://cwe.mitre.org/data/definitions/78.html"}, f["issue_cwe"])
        self.assertEqual(("a.py", 3, [3], 4), (f["filename"], f["line_number"], f["line_range"], f["col_offset"]))
        self.assertEqual("run", f["function"])
        self.assertEqual("2     import os\n3     os.system(cmd)\n", f["code"])
        self.assertTrue(f["more_info"].startswith("https://bandit.readthedocs.io/"))
        self.assertEqual(1, result["metrics"]["SEVERITY.HIGH"])
        self.assertIsInstance(result["ms"], float)

    def test_parse_error_is_reported_not_raised(self):
        result = api.check("def broken(:\n    pass\n")
        self.assertEqual([], result["findings"])
        self.assertEqual(1, result["errors"][0]["line"])
        self.assertIn("syntax error", result["errors"][0]["reason"])
        self.assertIn("null", api.check("x = 1\x00\n")["errors"][0]["reason"])

    def test_byte_order_mark_is_ignored(self):
        self.assertEqual([("B101", 1)], pairs("\ufeffassert x\n"))

    def test_bad_options_say_so(self):
        with self.assertRaises(ValueError):
            api.check("x = 1\n", "[1, 2]")
        with self.assertRaisesRegex(ValueError, "minSeverity must be LOW, MEDIUM or HIGH"):
            api.check("x = 1\n", {"minSeverity": "high"})
        with self.assertRaisesRegex(ValueError, "skips must be a list"):
            api.check("x = 1\n", {"skips": "B101"})

    def test_catalog_lists_every_id(self):
        catalog = json.loads(api.catalog_json())
        self.assertEqual(80, len(catalog))
        self.assertEqual(5, sum(1 for t in catalog if t["removed"]))


class ResolutionTest(unittest.TestCase):
    def test_aliases_resolve_once_imported(self):
        self.assertIn(("B301", 2), pairs("import pickle as p\np.loads(b)\n"))
        self.assertIn(("B301", 2), pairs("from pickle import loads as l\nl(b)\n"))
        self.assertNotIn("B301", {t for t, _ in pairs("p.loads(b)\nimport pickle as p\n")})

    def test_docstrings_are_not_strings_to_check(self):
        self.assertEqual([], pairs('"""/tmp is where we write."""\n'))
        self.assertIn(("B108", 1), pairs("x = '/tmp/out'\n"))

    def test_line_of_keyword_value(self):
        source = "import requests\nrequests.get(\n    url,\n    verify=False,\n    timeout=5,\n)\n"
        self.assertIn(("B501", 4), pairs(source))

    def test_deep_nesting_does_not_overflow(self):
        source = "x = " + " + ".join(["'a'"] * 350) + "\n"
        self.assertEqual([], api.check(source)["errors"])

    def test_overlong_operator_chain_is_refused_not_crashing(self):
        # Chromium's worker dies parsing ~830 levels: the parser-bomb guard refuses past 400.
        result = api.check("x = 1\ny = " + " + ".join(["a"] * 5000) + "\n")
        self.assertEqual(2, result["errors"][0]["line"])
        self.assertRegex(result["errors"][0]["reason"], r"^line 2 is nested too deeply for Python in the browser")
        many_small = "".join(f"v{i} = a.b + c - d * e\n" for i in range(800))
        self.assertEqual([], api.check(many_small)["errors"])
        long_flat = "ok = " + " and ".join(f"a{i} < b{i}" for i in range(5000)) + "\n"
        self.assertEqual([], api.check(long_flat)["errors"])

    def test_long_set_literal_is_fast(self):
        source = "S = {\n" + "".join(f"    'item{i}',\n" for i in range(7300)) + "}\n"
        started = time.perf_counter()
        api.check(source)
        self.assertLess(time.perf_counter() - started, 5)  # guard against quadratic work; speed lives in the bench
