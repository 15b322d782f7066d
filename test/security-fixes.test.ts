// The security_fixes templates (their Python unit tests: test/python.test.ts): each
// template end to end through the analysis worker — the real check reports the finding,
// securityFix rewrites the program, the real check no longer reports it — and the whole
// patch loop with the rules engine, the real check and the real executor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeAnalysis } from '../workers/analysis/node-analysis.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import type { SecurityFinding } from '../workers/protocol/security.ts';
import { compareFindings } from '../web/state/security/compare.ts';
import { explainTest } from '../web/state/security/explanations.ts';
import { runPatchLoop } from '../web/state/security/patch-loop.ts';
import { createSecurityRulesEngine, fixRequest } from '../web/state/security/rules-engine.ts';
import { createTestRunner } from '../web/state/security/test-case.ts';

/** One program per template: the finding it must remove (test id) and text the fix must contain. */
const CASES: { name: string; testId: string; source: string; expect: string; variant?: number }[] = [
  {
    name: 'yaml.load → yaml.safe_load',
    testId: 'B506',
    source: 'import yaml\n\ndef read(text):\n    return yaml.load(text, Loader=yaml.Loader)\n',
    expect: 'yaml.safe_load(text)',
  },
  { name: 'yaml Loader=SafeLoader', testId: 'B506', source: 'import yaml\nconfig = yaml.load(open("c.yml"))\n', expect: 'Loader=yaml.SafeLoader', variant: 1 },
  {
    name: 'shell=True → argument list',
    testId: 'B602',
    source: 'import subprocess\nsubprocess.run("ls -l docs", shell=True, check=True)\n',
    expect: "['ls', '-l', 'docs']",
  },
  { name: 'md5 → sha256', testId: 'B324', source: 'import hashlib\nprint(hashlib.md5(b"data").hexdigest())\n', expect: 'hashlib.sha256(b"data")' },
  {
    name: 'md5 usedforsecurity=False',
    testId: 'B324',
    source: 'import hashlib\nprint(hashlib.sha1(b"data").hexdigest())\n',
    expect: 'usedforsecurity=False',
    variant: 1,
  },
  { name: 'requests timeout', testId: 'B113', source: 'import requests\nr = requests.get("https://example.org")\n', expect: 'timeout=10' },
  {
    name: 'requests verify',
    testId: 'B501',
    source: 'import requests\nr = requests.get("https://example.org", verify=False, timeout=5)\n',
    expect: 'verify=True',
  },
  { name: 'tempfile.mktemp', testId: 'B306', source: 'import tempfile\npath = tempfile.mktemp(suffix=".txt")\n', expect: 'tempfile.mkstemp(suffix=".txt")[1]' },
  {
    name: 'assert → raise',
    testId: 'B101',
    source: 'def area(w, h):\n    assert w > 0 and h > 0, "positive sizes"\n    return w * h\n',
    expect: 'raise AssertionError("positive sizes")',
  },
  { name: 'bind 0.0.0.0', testId: 'B104', source: 'import socket\ns = socket.socket()\ns.bind(("0.0.0.0", 8080))\n', expect: '"127.0.0.1"' },
  { name: 'eval → ast.literal_eval', testId: 'B307', source: 'values = eval("[1, 2, 3]")\nprint(sum(values))\n', expect: 'ast.literal_eval("[1, 2, 3]")' },
  {
    name: 'SQL % formatting → parameters',
    testId: 'B608',
    source: 'import sqlite3\n\ndef find(cur, name):\n    cur.execute("SELECT * FROM users WHERE name = \'%s\'" % name)\n',
    expect: "'SELECT * FROM users WHERE name = ?', (name,)",
  },
  {
    name: 'SQL f-string → parameters',
    testId: 'B608',
    source: 'def find(cur, uid):\n    cur.execute(f"DELETE FROM users WHERE id = {uid}")\n',
    expect: "'DELETE FROM users WHERE id = %s', (uid,)",
  },
  { name: 'Flask debug', testId: 'B201', source: 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n', expect: 'debug=False' },
];

const analysis = createNodeAnalysis();
const executor = createNodeExecutor();
beforeAll(async () => {
  await Promise.all([analysis.start(), executor.start()]);
}, 120_000);
afterAll(() => {
  analysis.dispose();
  executor.dispose();
});

describe('rules templates remove their finding (real check through the analysis worker)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const before = await analysis.call('securityCheck', c.source, {});
      const targets = before.findings.filter((f: SecurityFinding) => f.test_id === c.testId);
      expect(targets.length, `the check reports ${c.testId}`).toBeGreaterThan(0);
      const fixed = await analysis.call('securityFix', c.source, fixRequest(targets, c.variant ?? 0));
      expect(fixed.changed).toBe(true);
      expect(fixed.source).toContain(c.expect);
      const after = await analysis.call('securityCheck', fixed.source, {});
      expect(after.errors).toEqual([]);
      const { remaining, introduced } = compareFindings({ source: c.source, findings: before.findings }, targets, {
        source: fixed.source,
        findings: after.findings,
      });
      expect(remaining).toEqual([]);
      expect(introduced).toEqual([]);
    });
  }

  it('gives guidance, not an edit, for pickle', async () => {
    const source = 'import pickle\nobj = pickle.loads(data)\n';
    const before = await analysis.call('securityCheck', source, {});
    const target = before.findings.filter((f: SecurityFinding) => f.test_id === 'B301');
    expect(target).toHaveLength(1);
    const fixed = await analysis.call('securityFix', source, fixRequest(target));
    expect(fixed.changed).toBe(false);
    expect(fixed.unfixed[0]?.guidance).toMatch(/HMAC|json/);
  });
});

const PROGRAM = 'import hashlib\n\ndef checksum(data):\n    return hashlib.md5(data).hexdigest()\n\nprint(checksum(b"heal"))\n';

// SHA-256 (strategy 1) removes the finding but changes the printed digest, so the test case
// rejects it; usedforsecurity=False (strategy 2) is clean and keeps the output.
describe('runPatchLoop with the rules engine, the real check and the executor', () => {
  it('rejects the candidate that breaks the test case and offers the clean, correct one', async () => {
    const expected = (await executor.execute({ source: '', pickle: null, handles: [], code: PROGRAM })).stdout;
    expect(expected).toMatch(/^[0-9a-f]{32}\n$/);
    const check = (source: string) => analysis.call('securityCheck', source, {});
    const start = await check(PROGRAM);
    const targets = start.findings.filter((f) => f.test_id === 'B324');
    expect(targets).toHaveLength(1);
    const engine = createSecurityRulesEngine((source, request) => analysis.call('securityFix', source, request), explainTest);
    const result = await runPatchLoop({
      engine,
      source: PROGRAM,
      findings: start.findings,
      targets,
      check,
      runTest: createTestRunner((request) => executor.execute(request), { stdin: '', expected }),
    });
    expect(result.explanation).toContain('B324');
    expect(result.strategies).toEqual(['use SHA-256', 'declare the hash not used for security (usedforsecurity=False)']);
    expect(result.candidates.map((c) => [c.strategyIndex, c.verdict, c.test])).toEqual([
      [0, 'breaks-test', 'failed'],
      [0, 'no-change', 'not-run'],
      [1, 'accepted', 'passed'],
    ]);
    expect(result.candidates[0]!.source).toContain('hashlib.sha256(data)');
    expect(result.candidates[0]!.testDetail).toContain('differs');
    expect(result.best?.source).toBe(PROGRAM.replace('hashlib.md5(data)', 'hashlib.md5(data, usedforsecurity=False)'));
  });
});
