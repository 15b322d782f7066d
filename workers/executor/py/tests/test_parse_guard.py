"""Parser bombs (test/attacks.ts, written next to this file as attacks.json by the Node harness)
are refused before the executor parses them: as the program (its prelude) and as handling code."""

import json
import pathlib
import unittest

from _heal_executor import execution, prelude

ATTACKS = json.loads((pathlib.Path(__file__).parent / "attacks.json").read_text())


def run(request):
    return json.loads(execution.execute(json.dumps(request)))


class RefusesBombs(unittest.TestCase):
    def test_as_the_program_no_definitions_and_a_warning(self):
        for bomb in ATTACKS["parserBombs"]:
            with self.subTest(bomb["name"]):
                parsed = prelude.parse_prelude(bomb["source"])
                self.assertEqual([], parsed.items)
                self.assertIn(
                    f"line {bomb['line']} is nested too deeply for Python in the browser", parsed.syntax_error
                )
                result = run({"source": bomb["source"], "pickle": None, "handles": [], "code": "answer = 42"})
                self.assertEqual("ok", result["status"])
                self.assertIn("nested too deeply", "\n".join(result["warnings"]))

    def test_as_handling_code_a_syntax_error_at_its_line(self):
        for bomb in ATTACKS["parserBombs"]:
            with self.subTest(bomb["name"]):
                result = run({"source": "x = 1\n", "pickle": None, "handles": [], "code": bomb["source"]})
                self.assertEqual("error", result["status"])
                self.assertEqual(
                    {"type": "SyntaxError", "phase": "code", "line": bomb["line"]},
                    {key: result["error"][key] for key in ("type", "phase", "line")},
                )
                self.assertRegex(result["error"]["message"], rf"^line {bomb['line']} is nested too deeply")

    def test_long_flat_sources_still_run(self):
        for flat in ATTACKS["flatLongSources"][:3]:
            with self.subTest(flat["name"]):
                result = run({"source": "a = b = 1\n", "pickle": None, "handles": [], "code": flat["source"]})
                self.assertNotEqual("SyntaxError", (result.get("error") or {}).get("type"))
