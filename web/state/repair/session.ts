// One permanent repair: prompt → engine → parse → replace the function (Python, ast) →
// run the patched program on the test case in the executor. Up to maxAttempts answers,
// each rejection fed back; stops at the first plausible one. Host-agnostic (UI, batch).
import { generationOptions } from '../generation.ts';
import type { RepairReplaceResult, RepairTarget, RepairUnitResult } from '../../../workers/protocol/repair.ts';
import type { Engine } from '../../../workers/shared/engine.ts';
import type { ExecutorLike } from '../heal/session.ts';
import type { RepairContext } from './context.ts';
import { buildRepairPrompt } from './prompt.ts';
import { parseRepairAnswer } from './answer.ts';
import { validateRepair, type RepairValidation } from './validate.ts';
import { errorText } from '../../../workers/shared/async.ts';

/** The two analysis calls a repair needs (AnalysisClient fits). */
export interface RepairAnalysis {
  call(name: 'repairEnclosingFunction', source: string, line: number): Promise<RepairUnitResult>;
  call(name: 'repairReplaceFunction', source: string, target: RepairTarget, newText: string): Promise<RepairReplaceResult>;
}

export interface RepairAttempt {
  attempt: number;
  system: string;
  user: string;
  answer: string;
  /** The fixed function (or statement) parsed from the answer. */
  fixed?: string;
  /** The whole patched program. */
  patched?: string;
  validation?: RepairValidation;
  /** Why this attempt is not usable / not plausible. */
  problem?: string;
  engineMs: number;
}

export interface RepairResult {
  context: RepairContext;
  engine: string;
  attempts: RepairAttempt[];
  /** The first plausible attempt, else the last one with a patched program. */
  best?: RepairAttempt;
  plausible: boolean;
}

export interface RepairDeps {
  engine: Engine<RepairContext>;
  analysis: RepairAnalysis;
  executor: ExecutorLike;
  maxAttempts?: number;
  timeLimitMs?: number;
  signal?: AbortSignal;
  /** Progress for the UI ("asking the engine", "validating"). */
  onProgress?(text: string): void;
}

export function targetOf(context: RepairContext): RepairTarget {
  const { unit } = context;
  return unit.kind === 'function' ? { qualname: unit.qualname } : { start_line: unit.start_line, end_line: unit.end_line };
}

/** Looks up the unit to fix for a failing line; a clear error when there is none. */
export async function unitForLine(analysis: RepairAnalysis, source: string, line: number) {
  const found = await analysis.call('repairEnclosingFunction', source, line);
  if (!found.ok) throw new Error(found.error);
  if (!found.unit) throw new Error(`Line ${line} is not inside a function or statement of the program.`);
  return found.unit;
}

async function attemptOnce(deps: RepairDeps, context: RepairContext): Promise<RepairAttempt> {
  const prompt = buildRepairPrompt(context);
  const started = performance.now();
  deps.onProgress?.(`Asking ${deps.engine.label} for a fix (attempt ${context.attempt})…`);
  const base = { attempt: context.attempt, system: prompt.system, user: prompt.user, answer: '', engineMs: 0 };
  try {
    base.answer = await deps.engine.generate(prompt.messages, { ...generationOptions('repair'), signal: deps.signal }, context);
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    return { ...base, engineMs: performance.now() - started, problem: `the engine failed: ${errorText(error)}` };
  }
  base.engineMs = performance.now() - started;
  const parsed = parseRepairAnswer(base.answer, context.unit.kind);
  if (!parsed.ok) return { ...base, problem: `unusable answer: ${parsed.reason}` };
  const replaced = await deps.analysis.call('repairReplaceFunction', context.source, targetOf(context), parsed.code);
  if (!replaced.ok) return { ...base, fixed: parsed.code, problem: replaced.error };
  deps.onProgress?.('Running the patched program on the test case…');
  const validation = await validateRepair(deps.executor, replaced.source, context.test, deps.timeLimitMs);
  const attempt: RepairAttempt = { ...base, fixed: parsed.code, patched: replaced.source, validation };
  if (!validation.plausible) attempt.problem = `not plausible: ${validation.detail ?? validation.status}`;
  return attempt;
}

export async function repairPermanently(deps: RepairDeps, context: RepairContext): Promise<RepairResult> {
  const attempts: RepairAttempt[] = [];
  const max = Math.max(1, deps.maxAttempts ?? 1);
  let current = context;
  for (let n = 1; n <= max; n++) {
    current = { ...context, attempt: n, ...(attempts.at(-1)?.problem ? { rejection: attempts.at(-1)!.problem } : {}) };
    const attempt = await attemptOnce(deps, current);
    attempts.push(attempt);
    if (attempt.validation?.plausible) break;
    // A rules engine has one answer: asking again only repeats the failure.
    if (attempt.problem?.startsWith('the engine failed')) break;
  }
  const best = attempts.find((a) => a.validation?.plausible) ?? [...attempts].reverse().find((a) => a.patched !== undefined);
  const result: RepairResult = { context, engine: deps.engine.id, attempts, plausible: Boolean(best?.validation?.plausible) };
  if (best) result.best = best;
  return result;
}
