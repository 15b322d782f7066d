// `npm run bench:security [-- --set path.jsonl --passes 3]`
// Times our Bandit-compatible security check in Pyodide under Node, through the real
// analysis worker, over a JSONL set with the bandit-dev schema: files per second, total
// time, the slowest file and long_set.py (a ~7,300-string set literal Bandit 1.9.4 needs
// ~6 s for), plus agreement with the set's reference findings. Writes
// bench/results/security.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeAnalysis } from '../workers/analysis/node-analysis.ts';
import { compare, parseBanditJsonl, perTestTable, type CheckedFile } from '../test/security-conformance.ts';
import { median, printTable, round } from './stats.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    set: { type: 'string', default: join(root, '../shared/corpora/bandit-dev.jsonl') },
    passes: { type: 'string', default: '3' },
  },
});

const BANDIT_FILES_PER_S = '≈ 450–560';
const BANDIT_LONG_SET_S = '≈ 6';

const setPath = resolve(values.set!);
const rows = parseBanditJsonl(readFileSync(setPath, 'utf8'));
const passes = Math.max(1, Number(values.passes) || 3);
const analysis = createNodeAnalysis({ callTimeLimitMs: 60_000 });

try {
  const info = await analysis.start();
  console.log(`Python ${info.pythonVersion} in Pyodide (Node), analysis worker loaded in ${info.loadMs} ms; ${rows.length} files, ${passes} passes`);
  // Warm-up pass (first calls compile the checks' bytecode and JIT the interpreter), also the scored one.
  const checked: CheckedFile[] = [];
  for (const row of rows) {
    const result = await analysis.call('securityCheck', row.source, { filename: row.path });
    checked.push({
      id: row.id,
      findings: result.findings.map((f) => ({ test_id: f.test_id, line: f.line_number, severity: f.issue_severity, confidence: f.issue_confidence })),
      errors: result.errors,
    });
  }
  const pythonMs = new Map<string, number[]>(rows.map((r) => [r.id, []]));
  const wallMs = new Map<string, number[]>(rows.map((r) => [r.id, []]));
  const passTotals: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const started = performance.now();
    for (const row of rows) {
      const t = performance.now();
      const result = await analysis.call('securityCheck', row.source, { filename: row.path });
      wallMs.get(row.id)!.push(performance.now() - t);
      pythonMs.get(row.id)!.push(result.ms);
    }
    passTotals.push(performance.now() - started);
  }
  const perFile = rows.map((r) => ({ row: r, python: median(pythonMs.get(r.id)!), wall: median(wallMs.get(r.id)!) }));
  const totalS = median(passTotals) / 1000;
  // Time inside Python only (parse + checks + JSON), comparable to Bandit's own per-file work.
  const pythonTotalS = perFile.reduce((sum, f) => sum + f.python, 0) / 1000;
  const worst = perFile.reduce((a, b) => (b.wall > a.wall ? b : a));
  const longSet = perFile.find((f) => f.row.path.endsWith('long_set.py'));
  const report = compare(rows, checked);

  printTable(
    'Per test id (where ours and the reference differ)',
    perTestTable(report).filter((r, i) => i === 0 || r[2] !== 0 || r[3] !== 0),
  );
  printTable('Security check speed (medians over passes)', [
    ['measure', 'ours (Pyodide, Node)', 'Bandit 1.9.4 (CPython, per process)'],
    ['files / s, round trip through the worker', round(rows.length / totalS, 1), '—'],
    ['files / s, time in Python', round(rows.length / pythonTotalS, 1), BANDIT_FILES_PER_S],
    ['total time for the set, round trip (s)', round(totalS, 3), '—'],
    ['total time for the set, in Python (s)', round(pythonTotalS, 3), '—'],
    ['median file, in Python (ms)', round(median(perFile.map((f) => f.python)), 2), '—'],
    [`slowest file (${worst.row.path}), round trip (s)`, round(worst.wall / 1000, 3), '—'],
    ['long_set.py, in Python (s)', longSet ? round(longSet.python / 1000, 3) : 'not in set', BANDIT_LONG_SET_S],
    ['long_set.py, round trip (s)', longSet ? round(longSet.wall / 1000, 3) : 'not in set', '—'],
  ]);
  const { precision, recall, f1, matched, extra, missed } = report.overall;
  console.log(
    `\nAgreement on (test_id, line): precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}, F1 ${f1.toFixed(4)} ` +
      `(matched ${matched}, extra ${extra}, missed ${missed}; ${report.files} files scored); severity+confidence agree on ${(report.levelAgreement * 100).toFixed(1)}% of matches`,
  );
  console.log(`Parse errors: ${report.parseErrors.length} (${report.parseErrors.map((e) => e.id).join(', ') || 'none'})`);

  const results = {
    set: setPath,
    files: rows.length,
    parse_errors: report.parseErrors.length,
    precision: round(precision, 4),
    recall: round(recall, 4),
    f1: round(f1, 4),
    files_per_s: round(rows.length / totalS, 1),
    files_per_s_python: round(rows.length / pythonTotalS, 1),
    worst_file_s: round(worst.wall / 1000, 4),
    long_set_s: longSet ? round(longSet.python / 1000, 4) : null,
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/security.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results/security.json');
} finally {
  analysis.dispose();
}
