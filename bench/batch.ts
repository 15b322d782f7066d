// `npm run batch -- --set <jsonl> --engine rules|scripted-file:<path> --limit N --out <dir>`
// Runs a JSONL set of programs (heal-dev schema) through heal and permanent repair with one
// engine and writes the dataset records: <out>/heal.jsonl, <out>/repair.jsonl (schemas in
// README "Dataset export") and <out>/summary.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import { createNodeAnalysis } from '../workers/analysis/node-analysis.ts';
import { toJsonl } from '../web/state/export/jsonl.ts';
import type { HealRecord, RepairRecord } from '../web/state/export/records.ts';
import { enginesFor, parseScriptFile, processRow, type BatchRow } from '../test/batch-core.ts';
import { printTable, round } from './stats.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    set: { type: 'string', default: join(root, '../shared/corpora/heal-dev.jsonl') },
    engine: { type: 'string', default: 'rules' },
    limit: { type: 'string' },
    out: { type: 'string', default: join(root, 'bench/results/batch') },
    'max-attempts': { type: 'string', default: '3' },
    'time-limit': { type: 'string', default: '10000' },
  },
});

function readRows(path: string): BatchRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const row = JSON.parse(l) as BatchRow;
      if (typeof row.program !== 'string') throw new Error(`${basename(path)} line ${i + 1}: no "program"`);
      return { ...row, id: String(row.id ?? `row-${i + 1}`), stdin: row.stdin ?? '', expected_stdout: row.expected_stdout ?? '' };
    });
}

async function main() {
  const setPath = resolve(values.set!);
  const engineName = values.engine!;
  const script = engineName.startsWith('scripted-file:')
    ? parseScriptFile(readFileSync(resolve(engineName.slice('scripted-file:'.length)), 'utf8'))
    : undefined;
  const engines = enginesFor(engineName, script);
  let rows = readRows(setPath);
  if (values.limit) rows = rows.slice(0, Number(values.limit));
  const outDir = resolve(values.out!);
  mkdirSync(outDir, { recursive: true });

  const runner = createNodeRunner();
  const executor = createNodeExecutor();
  const analysis = createNodeAnalysis();
  await Promise.all([runner.start(), executor.start(), analysis.start()]);
  const heal: HealRecord[] = [];
  const repair: RepairRecord[] = [];
  let proceed = 0;
  let correct = 0;
  const skipped: Record<string, number> = {};
  const started = performance.now();
  try {
    for (const row of rows) {
      const outcome = await processRow(
        { runner, executor, analysis, engines, maxAttempts: Number(values['max-attempts']), timeLimitMs: Number(values['time-limit']) },
        row,
      );
      heal.push(...outcome.heal);
      if (outcome.repair) repair.push(outcome.repair);
      if (outcome.repairSkipped) skipped[outcome.repairSkipped] = (skipped[outcome.repairSkipped] ?? 0) + 1;
      proceed += Number(Boolean(outcome.result.proceed));
      correct += Number(Boolean(outcome.result.correct));
    }
  } finally {
    runner.dispose();
    executor.dispose();
    analysis.dispose();
  }
  writeFileSync(join(outDir, 'heal.jsonl'), toJsonl(heal));
  writeFileSync(join(outDir, 'repair.jsonl'), toJsonl(repair));
  const plausible = repair.filter((r) => r.validation.plausible).length;
  const byStatus: Record<string, number> = {};
  for (const r of repair) byStatus[r.validation.status] = (byStatus[r.validation.status] ?? 0) + 1;
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');
  const seconds = round((performance.now() - started) / 1000, 1);
  printTable(`Batch: engine ${engineName}, set ${basename(setPath)} (${rows.length} programs; ${seconds} s)`, [
    ['measure', 'count', 'rate'],
    ['heal records written', heal.length, ''],
    ['healed runs PROCEED', proceed, pct(proceed, rows.length)],
    ['healed runs CORRECT', correct, pct(correct, rows.length)],
    ['repair records written', repair.length, pct(repair.length, rows.length)],
    ['plausible repairs', plausible, pct(plausible, rows.length)],
    ...Object.entries(byStatus).map(([s, n]) => [`  validation ${s}`, n, pct(n, repair.length)]),
  ]);
  const summary = {
    set: values.set,
    engine: engineName,
    programs: rows.length,
    heal_records: heal.length,
    repair_records: repair.length,
    plausible,
    proceed,
    correct,
    validation: byStatus,
    repair_skipped: skipped,
    seconds,
  };
  writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`wrote ${join(outDir, 'heal.jsonl')}, repair.jsonl and summary.json`);
}

await main();
