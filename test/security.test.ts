// The security check in real Pyodide (its Python unit tests: test/python.test.ts): conformance with Bandit
// 1.9.4's reference findings on bandit-dev (precision / recall / F1 of (test_id, line)
// pairs, per test id on failure), and one call through the analysis worker's contract.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeAnalysis } from '../workers/analysis/node-analysis.ts';
import { compare, perTestTable, type BanditRow, type CheckedFile } from './security-conformance.ts';
import { corporaDir, loadWorkerPython, readJsonl } from './pyodide-node.ts';

const py = await loadWorkerPython('analysis');

describe('security check conformance with Bandit 1.9.4 (bandit-dev)', () => {
  const rows = readJsonl<BanditRow>('bandit-dev.jsonl');
  const checkMany = py.runPython('from security.api import check_many_json\ncheck_many_json') as (files: string) => string;
  // All files in one Python call: one crossing, one JSON answer.
  const checked = JSON.parse(checkMany(JSON.stringify(rows.map((r) => ({ id: r.id, source: r.source }))))) as CheckedFile[];
  const report = compare(rows, checked);

  it('agrees on (test_id, line) pairs: F1 at least 0.95', () => {
    const { precision, recall, f1, matched, extra, missed } = report.overall;
    const summary = `P ${precision.toFixed(4)} R ${recall.toFixed(4)} F1 ${f1.toFixed(4)} (matched ${matched}, extra ${extra}, missed ${missed}, files ${report.files})`;
    if (f1 < 0.98) {
      console.log(summary);
      console.log(
        perTestTable(report)
          .map((row) => row.join('\t'))
          .join('\n'),
      );
      console.log(report.mismatches.map((m) => `${m.kind} ${m.id} ${m.testId}:${m.line}`).join('\n'));
    }
    expect(f1, summary).toBeGreaterThanOrEqual(0.95);
  });

  it('covers every test id of the reference', () => {
    const referenceIds = new Set(rows.flatMap((r) => r.expected.map((e) => e.test_id)));
    for (const id of referenceIds) expect(report.perTest[id]?.matched ?? 0, id).toBeGreaterThan(0);
  });

  it('agrees on severity and confidence of matched findings', () => {
    expect(report.levelAgreement).toBeGreaterThanOrEqual(0.98);
  });

  it('reports unparsable files as parse errors instead of failing', () => {
    const broken = rows.filter((r) => /^nonsense/.test(r.path) || r.path === 'new_candidates-none.py').map((r) => r.id);
    expect(broken.length).toBe(3);
    const errored = new Set(report.parseErrors.map((e) => e.id));
    for (const id of broken) expect(errored.has(id), id).toBe(true);
    // Only files Python 3.12 could not parse either may fail (3.14 also reads t-strings).
    for (const e of report.parseErrors) expect(e.expectedUnparsable, e.id).toBe(true);
  });
});

describe('security test catalog', () => {
  it('matches bandit_tests.tsv: ids, names, CWE, levels, versions', () => {
    const catalog = JSON.parse(py.runPython('from security.api import catalog_json\ncatalog_json()') as string) as {
      test_id: string;
      name: string;
      severity: string;
      confidence: string;
      cwe: number;
      removed: boolean;
    }[];
    const byId = new Map(catalog.map((t) => [t.test_id, t]));
    const lines = readFileSync(join(corporaDir, 'bandit_tests.tsv'), 'utf8').trim().split('\n').slice(1);
    expect(catalog.length).toBe(lines.length);
    for (const line of lines) {
      const [id, name, severity, confidence, cwe, , , upstream] = line.split('\t') as string[];
      const entry = byId.get(id!);
      expect(entry, id).toBeDefined();
      expect(entry!.name, id).toBe(name);
      expect(severity!.split('/'), id).toContain(entry!.severity);
      expect(confidence!.split('/'), id).toContain(entry!.confidence);
      if (/^\d+/.test(cwe!)) expect(entry!.cwe, id).toBe(Number(cwe!.split(' ')[0]));
      expect(entry!.removed, id).toBe(upstream === 'no');
    }
  });
});

describe('security check through the analysis worker', () => {
  const analysis = createNodeAnalysis();
  afterAll(() => analysis.dispose());

  it('answers securityCheck with Bandit-shaped findings', async () => {
    const source = 'import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)  # nosec B607\n';
    const result = await analysis.call('securityCheck', source, { filename: 'job.py', minSeverity: 'MEDIUM' });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.test_id, f.line_number])).toEqual([['B602', 4]]);
    const [finding] = result.findings;
    expect(finding).toMatchObject({
      test_name: 'subprocess_popen_with_shell_equals_true',
      issue_severity: 'HIGH',
      issue_confidence: 'HIGH',
      issue_cwe: { id: 78 },
      filename: 'job.py',
      line_range: [4],
      function: 'run',
    });
    expect(result.metrics['SEVERITY.HIGH']).toBe(1);
  }, 120_000);
});
