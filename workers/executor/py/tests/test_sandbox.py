"""The sandbox around handling code: bridges to JavaScript, files, processes."""

import json
import os
import sys
import unittest

from _heal_executor import execution, sandbox
from tests.helpers import bindings


def run(code):
    return json.loads(execution.execute(json.dumps({"source": "", "pickle": None, "handles": [], "code": code})))


class Imports(unittest.TestCase):
    def test_bridges_are_refused_with_a_clear_message(self):
        for code, name in (
            ("import js", "js"),
            ("from pyodide.ffi import to_js", "pyodide.ffi"),
            ("import pyodide_js", "pyodide_js"),
            ("import micropip", "micropip"),
            ("import importlib\nimportlib.import_module('_pyodide_core')", "_pyodide_core"),
        ):
            with self.subTest(code=code):
                result = run(code)
                self.assertEqual(result["status"], "error")
                self.assertEqual(result["error"]["type"], "ImportError")
                self.assertIn(f"import of {name!r} is not allowed in handling code", result["error"]["message"])

    def test_hidden_modules_come_back_after_the_request(self):
        before = {name for name in sys.modules if sandbox._blocked(name)}
        run("import sys\nassert 'pyodide' not in sys.modules and 'pyodide_js' not in sys.modules")
        self.assertEqual({name for name in sys.modules if sandbox._blocked(name)}, before)
        import pyodide  # noqa: F401 - importable again outside the sandbox

    def test_ordinary_imports_work(self):
        result = run("import json, decimal, collections\nx = decimal.Decimal('1.5')")
        self.assertEqual(result["status"], "ok", result.get("error"))


class Files(unittest.TestCase):
    def test_scratch_directory_is_usable_and_fresh(self):
        result = run(
            "open('a.txt', 'w').write('hi')\nimport os\nnames = sorted(os.listdir('.'))\ntext = open('/tmp/heal-scratch/a.txt').read()"
        )
        self.assertEqual(result["status"], "ok", result.get("error"))
        added = {name: entry["value"] for name, entry in bindings(result).items()}
        self.assertEqual(added["names"]["items"], ["a.txt"])
        self.assertEqual(added["text"], "hi")
        again = {name: entry["value"] for name, entry in bindings(run("import os\nnames = os.listdir('.')")).items()}
        self.assertEqual(again["names"]["items"], [])

    def test_outside_the_scratch_directory_is_refused(self):
        for code, fragment in (
            ("open('/etc/passwd')", "may not read '/etc/passwd'"),
            ("open('../escape.txt', 'w')", "may not write to '/tmp/escape.txt'"),
            (
                "import os\nos.remove('/executor/_heal_executor/execution.py')",
                "may not write to '/executor/_heal_executor/execution.py'",
            ),
            ("import os\nos.listdir('/')", "may not read '/'"),
            ("import os\nos.open('/executor/x', os.O_WRONLY | os.O_CREAT)", "may not write to"),
        ):
            with self.subTest(code=code):
                result = run(code)
                self.assertEqual(result["error"]["type"], "PermissionError")
                self.assertIn(fragment, result["error"]["message"])
        self.assertTrue(os.path.exists("/executor/_heal_executor/execution.py"))

    def test_the_standard_library_stays_readable(self):
        result = run(
            "import sys\nzipped = [p for p in sys.path if p.endswith('.zip')][0]\nhead = open(zipped, 'rb').read(2)"
        )
        self.assertEqual(result["status"], "ok", result.get("error"))
        self.assertEqual(bindings(result)["head"]["value"], {"t": "bytes", "b64": "UEs="})

    def test_working_directory_is_restored(self):
        cwd = os.getcwd()
        run("x = 1")
        self.assertEqual(os.getcwd(), cwd)


class Refused(unittest.TestCase):
    def test_processes_and_sockets(self):
        for code in ("import os\nos.system('ls')", "import socket\nsocket.socket()"):
            with self.subTest(code=code):
                result = run(code)
                self.assertEqual(result["status"], "error")
                self.assertIn(result["error"]["type"], ("PermissionError", "OSError"))

    def test_memory_error_is_readable(self):
        result = run("block = bytearray(2 ** 31 - 1)")
        self.assertEqual(result["error"]["type"], "MemoryError")
        self.assertTrue(result["error"]["message"].startswith("out of memory: "))
        self.assertIn("MemoryError: out of memory", result["error"]["formatted"])

    def test_inactive_outside_requests(self):
        with open("/tmp/outside-sandbox.txt", "w") as handle:
            handle.write("fine")
        os.remove("/tmp/outside-sandbox.txt")


if __name__ == "__main__":
    unittest.main()
