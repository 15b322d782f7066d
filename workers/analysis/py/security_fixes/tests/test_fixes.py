import ast
import json
import unittest

from security_fixes.api import fix, fix_json, strategies_for


def one(source, test_id, line, variant=0):
    result = fix(source, [{"test_id": test_id, "line_number": line}], variant)
    ast.parse(result["source"])  # every fix keeps the program parseable
    return result


class TemplateTests(unittest.TestCase):
    def test_yaml_safe_load_and_safe_loader(self):
        src = "import yaml\ndata = yaml.load(open('c.yml'), Loader=yaml.Loader)\n"
        self.assertIn("yaml.safe_load(open('c.yml'))", one(src, "B506", 2)["source"])
        self.assertIn("yaml.load(open('c.yml'), Loader=yaml.SafeLoader)", one(src, "B506", 2, 1)["source"])

    def test_shell_true_becomes_argument_list(self):
        src = "import subprocess\nsubprocess.run('ls -l \"my dir\"', shell=True, check=True)\n"
        self.assertIn("subprocess.run(['ls', '-l', 'my dir'], check=True)", one(src, "B602", 2)["source"])
        dynamic = "import subprocess\ncmd = input()\nsubprocess.call(cmd, shell=True)\n"
        out = one(dynamic, "B602", 3)["source"]
        self.assertIn("subprocess.call(shlex.split(cmd))", out)
        self.assertTrue(out.startswith("import subprocess\nimport shlex\n"))

    def test_truthy_shell_values_and_wrappers(self):
        src = "import subprocess\nsubprocess.call(command, shell=1)\nfoo(shell=True)\n"
        result = fix(src, [{"test_id": "B602", "line_number": 2}, {"test_id": "B604", "line_number": 3}])
        self.assertIn("subprocess.call(shlex.split(command))", result["source"])
        self.assertIn("\nfoo()\n", result["source"])
        self.assertIn("shell=False", one("import subprocess\nsubprocess.call(c, shell=False)\n", "B602", 2)["source"])

    def test_httpx_client_timeout(self):
        src = "import httpx\nwith httpx.Client(timeout=None) as c:\n    pass\n"
        self.assertIn("httpx.Client(timeout=10)", one(src, "B113", 2)["source"])

    def test_weak_hash_variants(self):
        src = "import hashlib\nprint(hashlib.md5(b'a').hexdigest())\nh = hashlib.new('sha1', b'x')\n"
        self.assertIn("hashlib.sha256(b'a')", one(src, "B324", 2)["source"])
        self.assertIn("hashlib.md5(b'a', usedforsecurity=False)", one(src, "B324", 2, 1)["source"])
        self.assertIn("hashlib.new('sha256', b'x')", one(src, "B324", 3)["source"])

    def test_request_timeout_and_mkstemp(self):
        src = "import requests, tempfile\nr = requests.get(url, timeout=None)\np = tempfile.mktemp()\n"
        result = fix(src, [{"test_id": "B113", "line_number": 2}, {"test_id": "B306", "line_number": 3}])
        self.assertIn("requests.get(url, timeout=10)", result["source"])
        self.assertIn("tempfile.mkstemp()[1]", result["source"])
        self.assertEqual(len(result["applied"]), 2)

    def test_assert_keeps_indentation(self):
        src = "def f(x):\n    assert x > 0 or x < -5, 'bad'\n    return x\n"
        out = one(src, "B101", 2)["source"]
        self.assertIn("    if not (x > 0 or x < -5):\n        raise AssertionError('bad')\n    return x", out)

    def test_bind_eval(self):
        src = "HOST = \"0.0.0.0\"\nv = eval('[1, 2]')\n"
        result = fix(src, [{"test_id": "B104", "line_number": 1}, {"test_id": "B307", "line_number": 2}])
        self.assertIn('HOST = "127.0.0.1"', result["source"])
        self.assertIn("ast.literal_eval('[1, 2]')", result["source"])
        self.assertTrue(result["source"].startswith("import ast\n"))

    def test_sql_placeholders(self):
        src = "import sqlite3\ndef q(cur, name):\n    cur.execute(\"SELECT * FROM t WHERE n = '%s'\" % name)\n"
        self.assertIn("cur.execute('SELECT * FROM t WHERE n = ?', (name,))", one(src, "B608", 3)["source"])
        fstring = "def q(cur, a, b):\n    cur.execute(f'DELETE FROM t WHERE a = {a} AND b = \"{b}\"')\n"
        self.assertIn("cur.execute('DELETE FROM t WHERE a = %s AND b = %s', (a, b))", one(fstring, "B608", 2)["source"])

    def test_sql_assigned_then_executed(self):
        src = "def q(cur, ident):\n    query = 'DELETE FROM t WHERE id = ' + ident\n    print(query)\n    cur.execute(query)\n"
        out = one(src, "B608", 2)["source"]
        self.assertIn("    query = 'DELETE FROM t WHERE id = %s'\n    query_params = (ident,)\n", out)
        self.assertIn("cur.execute(query, query_params)", out)
        unused = one("def q(ident):\n    query = 'DELETE FROM t WHERE id = ' + ident\n    return query\n", "B608", 2)
        self.assertFalse(unused["changed"])

    def test_pickle_gets_guidance_not_an_edit(self):
        src = "import pickle\nobj = pickle.loads(data)\n"
        result = one(src, "B301", 2)
        self.assertFalse(result["changed"])
        self.assertIn("HMAC", result["unfixed"][0]["guidance"])

    def test_unfixable_and_syntax_errors_are_reported(self):
        self.assertIn("error", fix("def (:\n", [{"test_id": "B101", "line_number": 1}]))
        result = one("x = 1\n", "B506", 1)
        self.assertEqual(result["unfixed"][0]["test_id"], "B506")
        self.assertFalse(result["changed"])

    def test_strategies_are_distinct_variants(self):
        self.assertEqual(len(strategies_for(["B324", "B113"])), 2)
        self.assertEqual(len(set(strategies_for(["B324", "B113"]))), 2)
        self.assertEqual(strategies_for(["B301"]), [])

    def test_json_entry(self):
        out = json.loads(
            fix_json("import yaml\nyaml.load(s)\n", json.dumps({"findings": [{"test_id": "B506", "line_number": 2}]}))
        )
        self.assertTrue(out["changed"])
        self.assertEqual(out["applied"][0]["template"], "yaml_safe_load")


if __name__ == "__main__":
    unittest.main()
