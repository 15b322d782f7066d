// `npm run bench:security-patch [-- --set ../shared/corpora/bandit-dev.jsonl --limit N]`
// Over the bandit-dev files: the real security check (analysis worker) reports findings;
// for each finding the rules templates are asked to fix it alone (securityFix, strategy 1);
// the patched program is checked again. A finding counts as fixed when the program still
// parses and the finding is gone with nothing new (B603/B607 after a shell fix allowed).
// Prints per test id: findings, template applied, fixed, and the median ms per patch
// (the securityFix call; the re-check is timed separately).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeAnalysis } from '../workers/analysis/node-analysis.ts';
import type { SecurityFinding } from '../workers/protocol/security.ts';
import { compareFindings } from '../web/state/security/compare.ts';
import { fixRequest } from '../web/state/security/rules-engine.ts';
import { median, printTable, round } from './stats.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    set: { type: 'string', default: join(root, '../shared/corpora/bandit-dev.jsonl') },
    limit: { type: 'string' },
  },
});

interface Row {
  id: string;
  source: string;
  parses_on_py312: boolean;
}
interface Tally {
  findings: number;
  applied: number;
  fixed: number;
  broken: number;
  fixMs: number[];
  checkMs: number[];
}

const rows = readFileSync(values.set!, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Row)
  .filter((r) => r.parses_on_py312)
  .slice(0, values.limit ? Number(values.limit) : undefined);
const analysis = createNodeAnalysis({ callTimeLimitMs: 30_000 });
await analysis.start();
const tallies = new Map<string, Tally>();
const tally = (id: string) => tallies.get(id) ?? (tallies.set(id, { findings: 0, applied: 0, fixed: 0, broken: 0, fixMs: [], checkMs: [] }), tallies.get(id)!);

for (const row of rows) {
  const before = await analysis.call('securityCheck', row.source, { filename: row.id });
  for (const finding of before.findings as SecurityFinding[]) {
    const t = tally(finding.test_id);
    t.findings++;
    const started = performance.now();
    const fixed = await analysis.call('securityFix', row.source, fixRequest([finding]));
    t.fixMs.push(performance.now() - started);
    if (!fixed.applied.length || !fixed.changed) continue;
    t.applied++;
    const checkStarted = performance.now();
    const after = await analysis.call('securityCheck', fixed.source, { filename: row.id });
    t.checkMs.push(performance.now() - checkStarted);
    if (after.errors.length) {
      t.broken++;
      continue;
    }
    const { remaining, introduced } = compareFindings({ source: row.source, findings: before.findings }, [finding], {
      source: fixed.source,
      findings: after.findings,
    });
    if (remaining.length === 0 && introduced.length === 0) t.fixed++;
  }
}
analysis.dispose();

const ids = [...tallies.keys()].sort();
const templated = ids.filter((id) => tallies.get(id)!.applied > 0);
const sum = (f: (t: Tally) => number, which = ids) => which.reduce((n, id) => n + f(tallies.get(id)!), 0);
const allFix = ids.flatMap((id) => tallies.get(id)!.fixMs);
const allCheck = ids.flatMap((id) => tallies.get(id)!.checkMs);
printTable(`Security patch templates over ${rows.length} bandit-dev files (rules engine, one finding at a time)`, [
  ['test id', 'findings', 'template applied', 'fixed (clean, parses)', 'broke parsing', 'fix rate', 'median fix ms', 'median re-check ms'],
  ...templated.map((id) => {
    const t = tallies.get(id)!;
    return [id, t.findings, t.applied, t.fixed, t.broken, `${round((100 * t.fixed) / t.findings, 1)}%`, round(median(t.fixMs), 2), round(median(t.checkMs), 2)];
  }),
  [
    'templated ids',
    sum((t) => t.findings, templated),
    sum((t) => t.applied, templated),
    sum((t) => t.fixed, templated),
    sum((t) => t.broken, templated),
    `${round(
      (100 * sum((t) => t.fixed, templated)) /
        Math.max(
          1,
          sum((t) => t.findings, templated),
        ),
      1,
    )}%`,
    '',
    '',
  ],
  [
    'all findings',
    sum((t) => t.findings),
    sum((t) => t.applied),
    sum((t) => t.fixed),
    sum((t) => t.broken),
    `${round(
      (100 * sum((t) => t.fixed)) /
        Math.max(
          1,
          sum((t) => t.findings),
        ),
      1,
    )}%`,
    round(median(allFix), 2),
    round(median(allCheck), 2),
  ],
]);
