// The heal session of one run: on each pause, prompt → engine → parse →
// isolated executor → proposal (handling code + state diff + merge answer).
// The UI shows proposals for review; `autoHeal` accepts the first one that runs
// cleanly (auto-accept, benchmarks). Host-agnostic: the same code runs in Node.
import type { HealRecord, PauseAnswer, PauseContext, ReuseGroup } from '../../../workers/protocol/runner.ts';
import type { ExecuteRequest, ExecuteResult } from '../../../workers/protocol/executor.ts';
import type { HealEngine } from '../../../workers/shared/engine.ts';
import { buildHealPrompt } from './prompt.ts';
import { parseHealAnswer } from './answer.ts';
import { isMerged, type HealTraceEntry } from './trace.ts';
import { generationOptions, restoreClosingStop } from '../generation.ts';
import { errorText } from '../../../workers/shared/async.ts';
import { reviewMerge, summarizeReview } from './merge-review.ts';

export interface ExecutorLike {
  execute(request: ExecuteRequest, options?: { timeLimitMs?: number }): Promise<ExecuteResult>;
}

export interface HealSettings {
  /** Accept the first proposal whose handling code runs cleanly ("watch it heal"). */
  autoAccept: boolean;
  /** Proposals tried per pause before giving up. */
  maxAttempts: number;
  /** Reuse accepted handling code for the same statement and error type (loops heal once). */
  reuseAccepted: boolean;
  executorTimeLimitMs: number;
}

export const defaultHealSettings: HealSettings = {
  autoAccept: false,
  maxAttempts: 3,
  reuseAccepted: true,
  executorTimeLimitMs: 10_000,
};

export interface Proposal {
  attempt: number;
  system: string;
  user: string;
  answer: string;
  /** Parsed handling code, or why the answer could not be used. */
  code?: string;
  problem?: string;
  execution?: ExecuteResult;
  engineMs: number;
  executorMs: number;
}

/** Why a proposal cannot be merged, or null when it can. */
export function proposalProblem(proposal: Proposal): string | null {
  if (proposal.problem) return proposal.problem;
  const execution = proposal.execution;
  if (!execution) return 'the handling code was not run';
  if (execution.status === 'ok' && execution.merge) return null;
  if (execution.status === 'timeout') return execution.error?.message ?? 'the handling code did not finish in time';
  const error = execution.error;
  return error ? `the handling code raised ${error.type}: ${error.message}` : 'the handling code failed';
}

/** "total: 0 → 10; + y = 2; − tmp" for the timeline, from the merge answer itself. */
export function summarizeDiff(context: PauseContext, execution: ExecuteResult | undefined): string {
  if (execution?.status !== 'ok') return '';
  return summarizeReview(reviewMerge(context, execution.merge));
}

function handlesOf(context: PauseContext) {
  return [...context.state.locals, ...context.state.globals]
    .filter((b) => b.handle !== undefined)
    .map((b) => ({ handle: b.handle!, name: b.name, type: b.type, repr: b.repr }));
}

export class HealSession {
  readonly trace: HealTraceEntry[] = [];
  /** The pause behind each decision, by pauseIndex (a permanent repair needs the real error and statement). */
  readonly pauses = new Map<number, PauseContext>();

  constructor(
    private readonly source: string,
    private readonly engine: HealEngine,
    private readonly executor: ExecutorLike,
    readonly settings: HealSettings = defaultHealSettings,
  ) {}

  /** Runs handling code in the executor against the paused state; it reads what is left of the test case's input. */
  async execute(context: PauseContext, code: string): Promise<{ execution: ExecuteResult; executorMs: number }> {
    const started = performance.now();
    const execution = await this.executor.execute(
      {
        source: this.source,
        pickle: context.state.pickle,
        handles: handlesOf(context),
        code,
        stdin: context.stdin ?? '',
      },
      { timeLimitMs: this.settings.executorTimeLimitMs },
    );
    return { execution, executorMs: performance.now() - started };
  }

  /** Asks the engine for handling code and runs it in the executor. */
  async propose(context: PauseContext, attempt: number, rejection?: string, signal?: AbortSignal): Promise<Proposal> {
    const prompt = buildHealPrompt({ source: this.source, context, attempt, rejection });
    const started = performance.now();
    let answer = '';
    let engineError: string | undefined;
    try {
      const options = generationOptions('heal');
      answer = await this.engine.generate(prompt.messages, { ...options, signal }, { pause: context, source: this.source, attempt, rejection });
      answer = restoreClosingStop(answer, options.stop);
    } catch (error) {
      if (signal?.aborted) throw error;
      engineError = errorText(error);
    }
    const engineMs = performance.now() - started;
    const base = { attempt, system: prompt.system, user: prompt.user, answer, engineMs, executorMs: 0 };
    if (engineError !== undefined) return { ...base, problem: `the engine failed: ${engineError}` };
    // A top-level `return` only makes sense when the failing statement was one.
    const parsed = parseHealAnswer(answer, { allowReturn: context.kind === 'Return' });
    if (!parsed.ok) return { ...base, problem: `unusable answer: ${parsed.reason}` };
    const { execution, executorMs } = await this.execute(context, parsed.code);
    return { ...base, code: parsed.code, execution, executorMs };
  }

  /** Records the decision on a proposal; returns the answer for the paused program. */
  decide(context: PauseContext, proposal: Proposal, decision: HealTraceEntry['decision'], rejection?: string): PauseAnswer {
    const merge = proposal.execution?.merge;
    const accepted = (decision === 'accepted' || decision === 'auto-accepted') && merge;
    this.pauses.set(context.pauseIndex, context);
    this.trace.push({
      pauseIndex: context.pauseIndex,
      sid: context.sid,
      line: context.line,
      endLine: context.endLine,
      errorType: context.error.type,
      message: context.error.message,
      engine: this.engine.id,
      systemPrompt: proposal.system,
      userPrompt: proposal.user,
      answer: proposal.answer,
      handlingCode: proposal.code ?? '',
      decision,
      rejection,
      diff: summarizeDiff(context, proposal.execution) || undefined,
      timings: { engineMs: proposal.engineMs, executorMs: proposal.executorMs, mergeMs: 0 },
    });
    if (!accepted) return { action: 'raise' };
    // With "reuse accepted fixes" the runner keeps the code: the same statement failing with
    // the same error type again runs it there, without a pause (accepted code = program trust).
    return this.settings.reuseAccepted && proposal.code !== undefined ? { ...merge, reuse: proposal.code } : merge;
  }

  /** Auto-accept: up to maxAttempts proposals; raise when none runs cleanly. */
  async autoHeal(context: PauseContext, signal?: AbortSignal): Promise<PauseAnswer> {
    let rejection: string | undefined;
    let last: Proposal | undefined;
    for (let attempt = 1; attempt <= this.settings.maxAttempts; attempt++) {
      last = await this.propose(context, attempt, rejection, signal);
      rejection = proposalProblem(last) ?? undefined;
      if (rejection === undefined) return this.decide(context, last, 'auto-accepted');
      this.decide(context, last, 'rejected', rejection);
    }
    return { action: 'raise' };
  }
}

/**
 * Fills timings.mergeMs from the run's heal records: the runner measures hook → merged
 * (capture, waiting, merge); what is left after engine and executor time is the
 * capture + message + merge overhead. Accepted entries and merged heals pair up in order.
 */
export function withMergeTimings(trace: readonly HealTraceEntry[], heals: readonly HealRecord[]): HealTraceEntry[] {
  const merged = heals.filter((h) => h.action === 'merge');
  let next = 0;
  return trace.map((entry) => {
    if (!isMerged(entry.decision)) return entry;
    const heal = merged[next++];
    if (!heal) return entry;
    const mergeMs = Math.max(0, heal.roundTripMs - entry.timings.engineMs - entry.timings.executorMs);
    return { ...entry, timings: { ...entry.timings, mergeMs } };
  });
}

/**
 * The runner's reuses of accepted fixes (no pause, so no decision on the page) as timeline
 * entries: one per statement and error type, after the decision that accepted the fix, with
 * how many times it ran and (for the first reuses of the run) each one's time.
 */
export function withReuses(trace: readonly HealTraceEntry[], reuses: readonly ReuseGroup[] = []): HealTraceEntry[] {
  if (!reuses.length) return [...trace];
  const groups = new Map(reuses.map((group) => [`${group.sid}:${group.errorType}`, group]));
  const out: HealTraceEntry[] = [];
  const placed = new Set<string>();
  for (const entry of trace) {
    out.push(entry);
    const key = `${entry.sid}:${entry.errorType}`;
    const group = groups.get(key);
    if (group && isMerged(entry.decision) && !placed.has(key)) {
      placed.add(key);
      out.push({
        ...entry,
        engine: 'reuse',
        decision: 'reused',
        systemPrompt: '',
        userPrompt: '',
        answer: '',
        rejection: undefined,
        message: group.message,
        diff: `reused ${group.count === 1 ? 'once' : `${group.count.toLocaleString('en-US')} times`}${group.changed.length ? ` (changed ${group.changed.join(', ')})` : ''}`,
        timings: { engineMs: 0, executorMs: 0, mergeMs: group.totalMs / group.count },
        reuse: { count: group.count, totalMs: group.totalMs, timesMs: group.timesMs },
      });
    }
  }
  return out;
}
