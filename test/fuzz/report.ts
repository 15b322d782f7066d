// Fuzz outcomes → counts and a printable table. Pure: the driver (test/fuzz/driver.ts)
// produces the outcomes, tests and the benchmark judge and print them.

import { MUTATION_KINDS, type Mutation, type MutationKind } from './mutate.ts';

export type RunEnd = 'finished' | 'error' | 'stopped';

/** One run of a mutant, reduced to what the report needs. */
export interface RunSummary {
  status: RunEnd;
  /** Set for status 'error' (WorkerCrashed when the runner itself died). */
  errorType?: string;
  stdout: string;
  /** The Python worker died (or the client failed to produce a result). */
  crashed: boolean;
  /** After a crash: the runner ran a probe program correctly afterwards. */
  recovered?: boolean;
  /** For crashes: what happened (the client's message, "hung"). */
  detail?: string;
  /** Heals merged into the run (instrumented runs). */
  heals?: number;
}

export interface FuzzOutcome {
  id: string;
  mutations: Mutation[];
  instrumented: RunSummary;
  /** The same mutant run as written (no instrumentation); null when not run. */
  plain: RunSummary | null;
}

export interface FuzzExample {
  id: string;
  mutations: string;
  why: string;
}

export interface FuzzReport {
  programs: number;
  /** Ends of the instrumented runs. */
  finished: number;
  error: number;
  stopped: number;
  heals: number;
  /** Crashes of either run that the runner recovered from / did not. */
  recoveredCrashes: number;
  unrecovered: number;
  /** Plain runs that finished without error: the instrumented run must print the same. */
  comparable: number;
  mismatches: number;
  errorTypes: Record<string, number>;
  mutationKinds: Record<MutationKind, number>;
  /** First few mismatches and unrecovered crashes, to reproduce them. */
  examples: FuzzExample[];
}

/** Why the instrumented run disagrees with a clean plain run, or null when it agrees (or the plain run is not comparable). */
export function mismatchReason(outcome: FuzzOutcome): string | null {
  const { plain, instrumented } = outcome;
  if (plain?.status !== 'finished' || plain.crashed) return null;
  if (instrumented.status !== 'finished')
    return `plain run finished, instrumented ${instrumented.status}${instrumented.errorType ? ` (${instrumented.errorType})` : ''}`;
  if (instrumented.stdout !== plain.stdout)
    return `stdout differs: plain ${JSON.stringify(plain.stdout.slice(0, 80))}, instrumented ${JSON.stringify(instrumented.stdout.slice(0, 80))}`;
  return null;
}

const describeMutations = (mutations: readonly Mutation[]) => mutations.map((m) => `${m.kind}@${m.line} ${m.detail}`).join('; ');

export function summarizeFuzz(outcomes: readonly FuzzOutcome[], maxExamples = 10): FuzzReport {
  const report: FuzzReport = {
    programs: outcomes.length,
    finished: 0,
    error: 0,
    stopped: 0,
    heals: 0,
    recoveredCrashes: 0,
    unrecovered: 0,
    comparable: 0,
    mismatches: 0,
    errorTypes: {},
    mutationKinds: Object.fromEntries(MUTATION_KINDS.map((k) => [k, 0])) as Record<MutationKind, number>,
    examples: [],
  };
  const example = (outcome: FuzzOutcome, why: string) => {
    if (report.examples.length < maxExamples) report.examples.push({ id: outcome.id, mutations: describeMutations(outcome.mutations), why });
  };
  for (const outcome of outcomes) {
    const run = outcome.instrumented;
    report[run.status]++;
    report.heals += run.heals ?? 0;
    if (run.errorType) report.errorTypes[run.errorType] = (report.errorTypes[run.errorType] ?? 0) + 1;
    for (const m of outcome.mutations) report.mutationKinds[m.kind]++;
    for (const [label, summary] of [
      ['instrumented', run],
      ['plain', outcome.plain],
    ] as const) {
      if (!summary?.crashed) continue;
      if (summary.recovered) report.recoveredCrashes++;
      else {
        report.unrecovered++;
        example(outcome, `unrecovered crash in the ${label} run: ${summary.errorType ?? 'error'}${summary.detail ? ` (${summary.detail.slice(0, 160)})` : ''}`);
      }
    }
    if (outcome.plain?.status === 'finished' && !outcome.plain.crashed) report.comparable++;
    const why = mismatchReason(outcome);
    if (why) {
      report.mismatches++;
      example(outcome, why);
    }
  }
  return report;
}

/** A plain-text table for the test log and the benchmark. */
export function formatFuzzReport(report: FuzzReport): string {
  const rows: [string, string | number][] = [
    ['mutated programs', report.programs],
    ['finished', report.finished],
    ['error', report.error],
    ['stopped (time limit)', report.stopped],
    ['heals merged', report.heals],
    ['recovered crashes', report.recoveredCrashes],
    ['unrecovered crashes', report.unrecovered],
    ['comparable (plain run clean)', report.comparable],
    ['output mismatches', report.mismatches],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  const kinds = Object.entries(report.mutationKinds)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  lines.push(`${'mutations'.padEnd(width)}  ${kinds}`);
  const errors = Object.entries(report.errorTypes)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  if (errors) lines.push(`${'error types'.padEnd(width)}  ${errors}`);
  for (const e of report.examples) lines.push(`! ${e.id}: ${e.why} [${e.mutations}]`);
  return lines.join('\n');
}
