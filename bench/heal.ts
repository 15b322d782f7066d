// `npm run bench:heal -- --engine rules --set ../shared/corpora/heal-dev.jsonl`
// Runs every program of a JSONL set (heal-dev schema) through the real runner with
// auto-accepted heals from an engine, and reports PROCEED/CORRECT overall and per
// error type plus the heal round trip excluding engine time. Engines:
//   rules — the built-in rules engine;  skip — handling code `pass` (failure-oblivious
//   baseline);  none — no healing (an unhandled error ends the run).
// --lookahead off|proceed|expected: how auto-accept chooses (web/state/heal/lookahead.ts).
//   off — the first candidate that runs cleanly; proceed — every candidate (the engine's, skip,
//   and in a loop continue/break) looked ahead, the one whose continuation finishes with the
//   fewest later pauses (no oracle: comparable to HEALER); expected — first the one whose
//   continuation prints the row's expected output, as a user's test case would.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import { createRulesEngine } from '../web/state/heal/rules.ts';
import type { HealEngine } from '../workers/shared/engine.ts';
import { HealSession, defaultHealSettings } from '../web/state/heal/session.ts';
import { LOOKAHEAD_MODES, describeVerdict, type LookAheadMode } from '../web/state/heal/lookahead.ts';
import { median, printTable, round } from './stats.ts';
import { COMPARE_RULES, DEFAULT_COMPARE_RULE, describeRule, type CompareRule } from '../workers/shared/output-compare.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Row {
  id: string;
  origin?: string;
  program: string;
  stdin: string;
  expected_stdout: string;
  error_type?: string;
}

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'rules' },
    set: { type: 'string', default: join(root, '../shared/corpora/heal-dev.jsonl') },
    limit: { type: 'string' },
    'max-attempts': { type: 'string', default: '3' },
    'time-limit': { type: 'string', default: '10000' },
    // CORRECT under the page's rule (workers/shared/output-compare.ts, the runner client applies it).
    compare: { type: 'string', default: DEFAULT_COMPARE_RULE },
    lookahead: { type: 'string', default: 'off' },
    // One JSON line per row as it finishes (a long run's partial results survive an interruption).
    progress: { type: 'boolean', default: false },
    // Per pause with look-ahead: every candidate and where its continuation led (why a choice was made).
    explain: { type: 'boolean', default: false },
  },
});

const skipEngine: HealEngine = {
  id: 'skip',
  label: 'Skip the failing statement',
  generate: async () => '<code>\npass\n</code>',
};

function engineFor(name: string): HealEngine | null {
  if (name === 'rules') return createRulesEngine();
  if (name === 'skip') return skipEngine;
  if (name === 'none') return null;
  throw new Error(`unknown engine ${name} (rules, skip, none)`);
}

function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const setPath = resolve(values.set!);
  const engineName = values.engine!;
  const engine = engineFor(engineName);
  const rule = values.compare as CompareRule;
  if (!COMPARE_RULES.includes(rule)) throw new Error(`unknown comparison rule ${rule} (${COMPARE_RULES.join(', ')})`);
  const lookAhead = values.lookahead as LookAheadMode;
  if (!LOOKAHEAD_MODES.includes(lookAhead)) throw new Error(`unknown look-ahead mode ${lookAhead} (${LOOKAHEAD_MODES.join(', ')})`);
  let rows = readFileSync(setPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);
  if (values.limit) rows = rows.slice(0, Number(values.limit));
  const runner = createNodeRunner();
  // A fresh executor per proposal: two warm spares cover pauses that follow each other closely.
  const executor = engine ? createNodeExecutor({ spares: 2 }) : undefined;
  await runner.start();
  // The skip engine writes one answer: one sample is all it has.
  const settings = { ...defaultHealSettings, autoAccept: true, maxAttempts: Number(values['max-attempts']), lookAhead, lookAheadSamples: 1 };
  const lookAheadMs: number[] = [];
  // Per row, for case-by-case comparisons between engines and modes.
  const perRow: { id: string; error_type: string; proceed: boolean; correct: boolean }[] = [];
  const candidatesPerPause: number[] = [];
  const byType = new Map<string, { cases: number; proceed: number; correct: number }>();
  const byOrigin = new Map<string, { cases: number; proceed: number; correct: number }>();
  const roundTrips: number[] = [];
  const reuseTrips: number[] = [];
  let proceed = 0;
  let correct = 0;
  const started = performance.now();
  try {
    for (const row of rows) {
      const session =
        engine && executor
          ? new HealSession(row.program, engine, executor, settings, { stdin: row.stdin, expectedOutput: row.expected_stdout, compare: rule })
          : undefined;
      const engineTimes: number[] = [];
      const result = await runner.run(
        { code: row.program, stdin: row.stdin, expectedOutput: row.expected_stdout, compare: rule },
        {
          onPause: async (context) => {
            if (!session) return { action: 'raise' };
            const before = session.trace.length;
            const pausesBefore = lookAheadMs.length;
            let answer;
            if (lookAhead === 'off') answer = await session.autoHeal(context);
            else {
              const healed = await session.autoHealByLookAhead(context);
              answer = healed.answer;
              lookAheadMs.push(healed.looked.result.totalMs);
              candidatesPerPause.push(healed.looked.candidates.length);
              if (values.explain) {
                const { candidates, verdicts, choice } = healed.looked;
                console.log(
                  `  ${row.id} pause ${context.pauseIndex}: ${context.error.type} at line ${context.line}; chosen #${choice.order[0]! + 1} (${choice.reason})`,
                );
                for (const [i, c] of candidates.entries()) console.log(`    #${i + 1} ${c.label}: ${describeVerdict(verdicts[i]!)}`);
                // The same as data, for comparing choice policies afterwards.
                const outcomes = verdicts.map((v, i) => ({
                  label: candidates[i]!.label,
                  status: v.outcome.status,
                  proceed: v.proceed,
                  correct: v.correct ?? null,
                  laterPauses: v.outcome.laterPauses,
                  stdout: createHash('sha256').update(v.outcome.stdout).digest('hex').slice(0, 12),
                }));
                console.log(`  explain ${JSON.stringify({ id: row.id, pause: context.pauseIndex, chosen: choice.order[0], outcomes })}`);
              }
            }
            // Engine and look-ahead time are not the heal's round trip (the look-ahead is reported on its own).
            engineTimes.push(
              session.trace.slice(before).reduce((sum, t) => sum + t.timings.engineMs, 0) + (lookAheadMs.length > pausesBefore ? lookAheadMs.at(-1)! : 0),
            );
            return answer;
          },
        },
        { timeLimitMs: Number(values['time-limit']) },
      );
      // Hook entry → merged, measured in Python, less the engine's share of the wait: one heal
      // record per pause; reused fixes come as groups with each reuse's time.
      result.heals.forEach((heal, i) => {
        if (heal.action === 'merge') roundTrips.push(heal.roundTripMs - (engineTimes[i] ?? 0));
      });
      for (const group of result.reuses ?? []) {
        reuseTrips.push(...group.timesMs);
        // Past the first 10,000 reuses of a run only the total is kept: their mean stands in.
        for (let k = group.timesMs.length; k < group.count; k++) reuseTrips.push(group.totalMs / group.count);
      }
      const type = row.error_type ?? 'none';
      perRow.push({ id: row.id, error_type: type, proceed: Boolean(result.proceed), correct: Boolean(result.correct) });
      if (values.progress) console.log(JSON.stringify({ row: perRow.length, ...perRow.at(-1) }));
      const bucket = byType.get(type) ?? { cases: 0, proceed: 0, correct: 0 };
      bucket.cases += 1;
      if (result.proceed) {
        bucket.proceed += 1;
        proceed += 1;
      }
      if (result.correct) {
        bucket.correct += 1;
        correct += 1;
      }
      byType.set(type, bucket);
      const origin = byOrigin.get(row.origin ?? 'all') ?? { cases: 0, proceed: 0, correct: 0 };
      origin.cases += 1;
      origin.proceed += Number(Boolean(result.proceed));
      origin.correct += Number(Boolean(result.correct));
      byOrigin.set(row.origin ?? 'all', origin);
    }
  } finally {
    runner.dispose();
    executor?.dispose();
  }
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
  printTable(
    `Heal benchmark: engine ${engineName}, look-ahead ${lookAhead}, set ${basename(setPath)} (${rows.length} cases, auto-accept, max attempts ${settings.maxAttempts}; CORRECT ${describeRule(rule)}; ${round((performance.now() - started) / 1000, 1)} s)`,
    [
      ['error type', 'cases', 'PROCEED', 'CORRECT'],
      ...[...byType.entries()]
        .sort((a, b) => b[1].cases - a[1].cases)
        .map(([type, b]) => [type, b.cases, `${b.proceed} (${pct(b.proceed, b.cases)})`, `${b.correct} (${pct(b.correct, b.cases)})`]),
      ['all', rows.length, `${proceed} (${pct(proceed, rows.length)})`, `${correct} (${pct(correct, rows.length)})`],
    ],
  );
  printTable('By origin', [
    ['origin', 'cases', 'PROCEED', 'CORRECT'],
    ...[...byOrigin.entries()].map(([o, b]) => [o, b.cases, `${b.proceed} (${pct(b.proceed, b.cases)})`, `${b.correct} (${pct(b.correct, b.cases)})`]),
  ]);
  const results = {
    set: values.set,
    engine: engineName,
    cases: rows.length,
    proceed,
    correct,
    by_error_type: Object.fromEntries(byType),
    by_origin: Object.fromEntries(byOrigin),
    // Every heal that let the program go on: reviewed (executor) and reused (in the runner).
    roundtrip_ms_median: round(median([...roundTrips, ...reuseTrips]), 2),
    roundtrip_ms_p90: round(percentile([...roundTrips, ...reuseTrips], 90), 2),
    heals_merged: roundTrips.length + reuseTrips.length,
    // Only the heals that went through a fresh executor (the first of each statement and error type).
    executor_roundtrip_ms_median: round(median(roundTrips), 2),
    executor_roundtrip_ms_p90: round(percentile(roundTrips, 90), 2),
    heals_through_executor: roundTrips.length,
    heals_reused: reuseTrips.length,
    max_attempts: settings.maxAttempts,
    compare_rule: rule,
    lookahead: lookAhead,
    // One look-ahead per pause that went through the engine: all its candidates, in one disposable worker.
    lookahead_ms_median: round(median(lookAheadMs), 1),
    lookahead_ms_p90: round(percentile(lookAheadMs, 90), 1),
    lookahead_pauses: lookAheadMs.length,
    candidates_per_pause_median: round(median(candidatesPerPause), 1),
    candidates_per_pause_mean: round(candidatesPerPause.reduce((a, b) => a + b, 0) / Math.max(1, candidatesPerPause.length), 2),
    limit: values.limit ? Number(values.limit) : null,
    rows: perRow,
  };
  if (roundTrips.length + reuseTrips.length) {
    console.log(
      `\nHeal round trip excluding engine time: median ${results.roundtrip_ms_median} ms, p90 ${results.roundtrip_ms_p90} ms over ${results.heals_merged} heals`,
    );
    console.log(
      `  through a fresh executor (capture → executor → diff → merge): median ${results.executor_roundtrip_ms_median} ms, p90 ${results.executor_roundtrip_ms_p90} ms over ${roundTrips.length}`,
    );
    console.log(`  accepted fixes reused in the runner: ${reuseTrips.length} (median ${round(median(reuseTrips), 3)} ms)`);
  }
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  if (lookAheadMs.length) {
    console.log(
      `Look-ahead per pause: median ${results.lookahead_ms_median} ms, p90 ${results.lookahead_ms_p90} ms over ${lookAheadMs.length} pauses; ` +
        `candidates per pause: median ${results.candidates_per_pause_median}, mean ${results.candidates_per_pause_mean}`,
    );
  }
  // heal-<engine>.json is the latest run (its `lookahead` field names the mode); each mode is also kept on its own.
  const text = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(join(root, `bench/results/heal-${engineName}.json`), text);
  writeFileSync(join(root, `bench/results/heal-${engineName}-lookahead-${lookAhead}.json`), text);
  console.log(`wrote bench/results/heal-${engineName}.json and heal-${engineName}-lookahead-${lookAhead}.json`);
}

await main();
