// The heal session of one run: on each pause, prompt → engine → parse →
// isolated executor → proposal (handling code + state diff + merge answer).
// The UI shows proposals for review; `autoHeal` accepts the first one that runs
// cleanly (auto-accept, benchmarks), or, with look-ahead, the one whose continuation is best
// (state/heal/lookahead.ts). Host-agnostic: the same code runs in Node.
import type { HealRecord, LoopControl, PauseAnswer, PauseContext, ReuseGroup } from '../../../workers/protocol/runner.ts';
import type { ExecuteRequest, ExecuteResult } from '../../../workers/protocol/executor.ts';
import type { HealContext, HealEngine } from '../../../workers/shared/engine.ts';
import { buildHealPrompt } from './prompt.ts';
import { parseHealAnswer } from './answer.ts';
import { isMerged, type HealTraceEntry } from './trace.ts';
import { generationOptions, restoreClosingStop } from '../generation.ts';
import { errorText } from '../../../workers/shared/async.ts';
import { reviewMerge, summarizeReview } from './merge-review.ts';
import type { LaterPolicy, LookAheadDecision, LookAheadRequest, LookAheadResult } from '../../../workers/protocol/lookahead.ts';
import { DEFAULT_COMPARE_RULE, type CompareRule } from '../../../workers/shared/output-compare.ts';
import {
  chooseByLookAhead,
  controlApplies,
  verdictOf,
  withStandardCandidates,
  skipCode,
  type HealCandidate,
  type LookAheadChoice,
  type LookAheadMode,
  type LookAheadVerdict,
} from './lookahead.ts';

export interface ExecutorLike {
  execute(request: ExecuteRequest, options?: { timeLimitMs?: number }): Promise<ExecuteResult>;
  /** Looks candidates ahead in a disposable worker (executor/client.ts); without it there is no look-ahead. */
  lookAhead?(request: LookAheadRequest, options?: { timeLimitMs?: number; signal?: AbortSignal }): Promise<LookAheadResult>;
}

/** An engine that can list every candidate for a pause at once (the rules engine). */
export interface CandidateEngine {
  candidates(context: HealContext): { code: string; label: string; late?: boolean }[];
}

const hasCandidates = (engine: HealEngine): engine is HealEngine & CandidateEngine => typeof (engine as Partial<CandidateEngine>).candidates === 'function';

/** What the run was started with: a look-ahead runs it again from the start. */
export interface RunInput {
  stdin: string;
  expectedOutput: string | null;
  compare?: CompareRule;
}

/** The candidates of a pause with where each one's continuation leads. */
export interface LookedAhead {
  candidates: HealCandidate[];
  verdicts: LookAheadVerdict[];
  choice: LookAheadChoice;
  result: LookAheadResult;
}

export interface HealSettings {
  /** Accept the first proposal whose handling code runs cleanly ("watch it heal"). */
  autoAccept: boolean;
  /** Proposals tried per pause before giving up. */
  maxAttempts: number;
  /** Reuse accepted handling code for the same statement and error type (loops heal once). */
  reuseAccepted: boolean;
  executorTimeLimitMs: number;
  /** How auto-accept chooses among the candidates (state/heal/lookahead.ts); 'off' by default. */
  lookAhead?: LookAheadMode;
  /** Later pauses inside a look-ahead (default: skip the statement). */
  lookAheadLater?: LaterPolicy;
  /** Candidates asked of an engine that writes one at a time (a model), per pause. */
  lookAheadSamples?: number;
}

export const defaultHealSettings: HealSettings = {
  autoAccept: false,
  maxAttempts: 3,
  reuseAccepted: true,
  executorTimeLimitMs: 10_000,
};

export const DEFAULT_LOOKAHEAD_SAMPLES = 3;

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
  /** The heal also ends the iteration or the loop around the statement. */
  control?: LoopControl;
  /** The look-ahead of the pause that chose it. */
  lookAheadMs?: number;
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
  /** What each pause so far did, by pauseIndex: a look-ahead replays them. */
  private readonly decisions = new Map<number, LookAheadDecision>();
  /** The run's input so far: the test case's, then what was typed. */
  private input: string;

  constructor(
    private readonly source: string,
    private readonly engine: HealEngine,
    private readonly executor: ExecutorLike,
    readonly settings: HealSettings = defaultHealSettings,
    private readonly run: RunInput = { stdin: '', expectedOutput: null },
  ) {
    this.input = run.stdin;
  }

  /** A line the user typed at an input() prompt (with its newline): a look-ahead reads it too. */
  typed(text: string): void {
    this.input += text;
  }

  /** The pause was answered by skipping the statement (no proposal merged). */
  skipped(context: PauseContext): void {
    this.decisions.set(context.pauseIndex, { line: context.line, errorType: context.error.type, code: skipCode(context), reuse: false });
  }

  /** Look-ahead is possible here: the executor can run one. */
  get canLookAhead(): boolean {
    return typeof this.executor.lookAhead === 'function';
  }

  /**
   * Every candidate for this pause: the rules engine lists all of its own; another engine is
   * asked `lookAheadSamples` times (a model samples a different answer each time); then skip
   * and, in a loop, the loop actions (withStandardCandidates).
   */
  async candidates(context: PauseContext, signal?: AbortSignal): Promise<{ candidates: HealCandidate[]; engineMs: number }> {
    const started = performance.now();
    const own: HealCandidate[] = [];
    if (hasCandidates(this.engine)) {
      for (const c of this.engine.candidates({ pause: context, source: this.source, attempt: 1 })) own.push(c);
    } else {
      const samples = this.settings.lookAheadSamples ?? DEFAULT_LOOKAHEAD_SAMPLES;
      for (let attempt = 1; attempt <= samples; attempt++) {
        const prompt = buildHealPrompt({ source: this.source, context, attempt });
        try {
          const options = generationOptions(attempt === 1 ? 'heal' : 'heal-samples');
          const answer = restoreClosingStop(
            await this.engine.generate(prompt.messages, { ...options, signal }, { pause: context, source: this.source, attempt }),
            options.stop,
          );
          const parsed = parseHealAnswer(answer, { allowReturn: context.kind === 'Return' });
          if (parsed.ok) own.push({ code: parsed.code, label: `${this.engine.label}, sample ${attempt}` });
        } catch (error) {
          if (signal?.aborted) throw error;
        }
      }
    }
    return { candidates: withStandardCandidates(context, own), engineMs: performance.now() - started };
  }

  /** Where each candidate leads (a disposable worker runs the program again for each). */
  async lookAhead(
    context: PauseContext,
    candidates: HealCandidate[],
    mode: LookAheadMode = this.settings.lookAhead ?? 'expected',
    signal?: AbortSignal,
  ): Promise<LookedAhead> {
    if (!this.executor.lookAhead) throw new Error('this executor cannot look ahead');
    const decisions: LookAheadDecision[] = [];
    for (let i = 0; i < context.pauseIndex; i++) {
      // A pause with no recorded decision cannot be replayed: the look-ahead says it diverged.
      decisions.push(this.decisions.get(i) ?? { line: 0, errorType: '', code: 'pass' });
    }
    const result = await this.executor.lookAhead(
      {
        code: this.source,
        stdin: this.input,
        pauseIndex: context.pauseIndex,
        decisions,
        candidates: candidates.map((c) => ({ code: c.code, ...(c.control ? { control: c.control } : {}) })),
        later: this.settings.lookAheadLater ?? 'skip',
        reuse: this.settings.reuseAccepted,
      },
      signal ? { signal } : {},
    );
    const expected = this.run.expectedOutput;
    const verdicts = result.outcomes.map((o) => verdictOf(o, expected, this.run.compare ?? DEFAULT_COMPARE_RULE));
    return { candidates, verdicts, result, choice: chooseByLookAhead(verdicts, mode, expected !== null) };
  }

  /** A candidate as a proposal: its code run in the executor against the paused state. */
  async proposeCandidate(context: PauseContext, candidate: HealCandidate, attempt = 1): Promise<Proposal> {
    const prompt = buildHealPrompt({ source: this.source, context, attempt });
    const { execution, executorMs } = await this.execute(context, candidate.code);
    return {
      attempt,
      system: prompt.system,
      user: prompt.user,
      answer: `${candidate.label}\n<code>\n${candidate.code}\n</code>`,
      code: candidate.code,
      execution,
      engineMs: 0,
      executorMs,
      ...(candidate.control ? { control: candidate.control } : {}),
    };
  }

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
  decide(context: PauseContext, proposal: Proposal, decision: HealTraceEntry['decision'], rejection?: string, choice?: string): PauseAnswer {
    const merge = proposal.execution?.merge;
    const accepted = (decision === 'accepted' || decision === 'auto-accepted') && merge;
    this.pauses.set(context.pauseIndex, context);
    const control = controlApplies(proposal.control, context) ? proposal.control : undefined;
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
      timings: {
        engineMs: proposal.engineMs,
        executorMs: proposal.executorMs,
        mergeMs: 0,
        ...(proposal.lookAheadMs !== undefined ? { lookAheadMs: proposal.lookAheadMs } : {}),
      },
      ...(control && accepted ? { control } : {}),
      ...(choice && accepted ? { choice } : {}),
    });
    if (!accepted) return { action: 'raise' };
    this.decisions.set(context.pauseIndex, {
      line: context.line,
      errorType: context.error.type,
      code: proposal.code ?? 'pass',
      ...(control ? { control } : {}),
      reuse: this.settings.reuseAccepted && proposal.code !== undefined,
    });
    const answer = control ? { ...merge, control } : merge;
    // With "reuse accepted fixes" the runner keeps the code: the same statement failing with
    // the same error type again runs it there, without a pause (accepted code = program trust).
    return this.settings.reuseAccepted && proposal.code !== undefined ? { ...answer, reuse: proposal.code } : answer;
  }

  /**
   * Auto-accept with look-ahead: every candidate looked ahead, then tried in the order of
   * chooseByLookAhead (up to maxAttempts run in the executor); the first that runs cleanly is
   * merged and the timeline says why it was chosen. Returns the looked-ahead candidates too.
   */
  async autoHealByLookAhead(context: PauseContext, signal?: AbortSignal): Promise<{ answer: PauseAnswer; looked: LookedAhead }> {
    const { candidates, engineMs } = await this.candidates(context, signal);
    const looked = await this.lookAhead(context, candidates, undefined, signal);
    const { order, reason } = looked.choice;
    for (const [rank, index] of order.slice(0, Math.max(1, this.settings.maxAttempts)).entries()) {
      const candidate = candidates[index]!;
      const proposal = {
        ...(await this.proposeCandidate(context, candidate, rank + 1)),
        engineMs: rank === 0 ? engineMs : 0,
        lookAheadMs: looked.result.totalMs,
      };
      const problem = proposalProblem(proposal);
      if (problem === null) {
        const why = rank === 0 ? reason : `the better-ranked candidates did not run cleanly in the executor; next by look-ahead`;
        return { answer: this.decide(context, proposal, 'auto-accepted', undefined, `look-ahead: ${why} — ${candidate.label}`), looked };
      }
      this.decide(context, proposal, 'rejected', problem);
    }
    return { answer: { action: 'raise' }, looked };
  }

  /** Auto-accept: up to maxAttempts proposals; raise when none runs cleanly. */
  async autoHeal(context: PauseContext, signal?: AbortSignal): Promise<PauseAnswer> {
    if ((this.settings.lookAhead ?? 'off') !== 'off' && this.canLookAhead) {
      return (await this.autoHealByLookAhead(context, signal)).answer;
    }
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
    const mergeMs = Math.max(0, heal.roundTripMs - entry.timings.engineMs - entry.timings.executorMs - (entry.timings.lookAheadMs ?? 0));
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
