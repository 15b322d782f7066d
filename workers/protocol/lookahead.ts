// Look-ahead of the candidate heals of one pause (workers/runner/py/_heal_runner/lookahead.py):
// each candidate runs the program again from the start in a disposable interpreter (an
// executor worker, fresh per request), replaying the decisions already taken in this run,
// applying the candidate at the pause and answering later pauses by a policy. The answer
// comes from a worker that ran untrusted code: validateLookAheadResult checks every field.
import type { LoopControl } from './runner.ts';

export const DEFAULT_LOOKAHEAD_BUDGET = { seconds: 2, statements: 10_000 } as const;

/** A decision taken at an earlier pause of the run, as the look-ahead replays it. */
export interface LookAheadDecision {
  /** Where that pause was: a replay that pauses elsewhere stops as "diverged". */
  line: number;
  errorType: string;
  /** The handling code that ran there ("pass" for a skipped statement). */
  code: string;
  control?: LoopControl;
  /** The run reuses this code when the statement fails the same way again (default true; a skip is not). */
  reuse?: boolean;
}

export interface LookAheadCandidate {
  code: string;
  control?: LoopControl;
}

/** Later pauses in a look-ahead: skip the statement (default), or let the error end the run. */
export type LaterPolicy = 'skip' | 'raise';

export interface LookAheadRequest {
  code: string;
  /** The run's input from the start (test case and what was typed), then end of file. */
  stdin: string;
  /** The pause the candidates are for: decisions[0..pauseIndex-1] are replayed first. */
  pauseIndex: number;
  decisions: LookAheadDecision[];
  candidates: LookAheadCandidate[];
  later?: LaterPolicy;
  /** Reuse accepted fixes as the run does (default true). */
  reuse?: boolean;
  /** Past the pause, per candidate. */
  budget?: { seconds: number; statements: number };
}

export type LookAheadStatus =
  | 'finished' // the program ended without an unhandled error (exitCode 0) or by sys.exit
  | 'error' // a later unhandled error ended it (later policy "raise", or one that cannot pause)
  | 'budget' // the budget past the pause ran out
  | 'candidate-failed' // the candidate itself raised (or did not compile)
  | 'diverged' // replaying the earlier decisions went elsewhere (time, randomness, other input)
  | 'not-reached' // the program ended before this pause
  | 'replay-budget' // replaying took too long
  | 'stopped' // the look-ahead itself failed
  | 'skipped' // not looked ahead (the batch was cut short)
  | 'cut'; // the worker did not finish in time (e.g. a loop in C code) and was terminated

export interface LookAheadOutcome {
  status: LookAheadStatus;
  stdout: string;
  truncated: boolean;
  exitCode?: number;
  error?: { type: string; message: string; line?: number };
  /** Why a candidate failed, the replay diverged, …. */
  detail?: { type?: string; message?: string; line?: number };
  /** Later pauses the policy answered. */
  laterPauses: number;
  statementsAfter: number;
  /** Running time past the pause. */
  ms: number;
  /** What the program used whose results differ from run to run ("random" is seeded here). */
  nondeterministic: string[];
}

export interface LookAheadResult {
  outcomes: LookAheadOutcome[];
  /** Modules the program imports whose results differ from run to run. */
  imports: string[];
  /** The whole request, on the host. */
  totalMs: number;
}

const STATUSES: readonly LookAheadStatus[] = [
  'finished',
  'error',
  'budget',
  'candidate-failed',
  'diverged',
  'not-reached',
  'replay-budget',
  'stopped',
  'skipped',
  'cut',
];
const MAX_STDOUT = 200_000;

const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' ? v.slice(0, max) : undefined);
const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** An outcome for a candidate the worker did not answer for. */
export function missingOutcome(status: LookAheadStatus, message: string): LookAheadOutcome {
  return { status, stdout: '', truncated: false, detail: { message }, laterPauses: 0, statementsAfter: 0, ms: 0, nondeterministic: [] };
}

/**
 * The worker's answer, field by field; unknown fields are dropped, and a candidate without a
 * usable outcome gets one that says so. Never throws.
 */
export function validateLookAheadResult(raw: unknown, candidates: number, totalMs: number): LookAheadResult {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const list = Array.isArray(r.outcomes) ? r.outcomes : [];
  const outcomes: LookAheadOutcome[] = [];
  for (let i = 0; i < candidates; i++) {
    const o = list[i] as Record<string, unknown> | undefined;
    if (!o || typeof o !== 'object' || !STATUSES.includes(o.status as LookAheadStatus) || typeof o.stdout !== 'string') {
      outcomes.push(missingOutcome('stopped', 'the look-ahead gave no usable answer for this candidate'));
      continue;
    }
    const outcome: LookAheadOutcome = {
      status: o.status as LookAheadStatus,
      stdout: o.stdout.slice(0, MAX_STDOUT),
      truncated: o.truncated === true || o.stdout.length > MAX_STDOUT,
      laterPauses: count(o.laterPauses) ?? 0,
      statementsAfter: count(o.statementsAfter) ?? 0,
      ms: count(o.ms) ?? 0,
      nondeterministic: Array.isArray(o.nondeterministic) ? o.nondeterministic.filter((n): n is string => n === 'random' || n === 'time') : [],
    };
    if (typeof o.exitCode === 'number' && Number.isInteger(o.exitCode)) outcome.exitCode = o.exitCode;
    for (const key of ['error', 'detail'] as const) {
      const e = o[key] as Record<string, unknown> | undefined;
      if (!e || typeof e !== 'object') continue;
      const line = count(e.line);
      const value = { type: text(e.type, 200), message: text(e.message, 2000), ...(line !== undefined ? { line } : {}) };
      if (key === 'error') outcome.error = { type: value.type ?? 'Error', message: value.message ?? '', ...(line !== undefined ? { line } : {}) };
      else outcome.detail = value;
    }
    outcomes.push(outcome);
  }
  const imports = Array.isArray(r.imports) ? r.imports.filter((n): n is string => n === 'random' || n === 'time') : [];
  return { outcomes, imports, totalMs };
}
