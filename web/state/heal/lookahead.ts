// Look-ahead heals, the pure part: which candidates a pause offers, what each one's
// continuation did (verdicts and one-line descriptions), and which one auto-accept takes.
// The look-ahead itself runs in a disposable executor worker (workers/protocol/lookahead.ts).
import type { LoopControl, PauseContext } from '../../../workers/protocol/runner.ts';
import { RETURN_BINDING } from '../../../workers/protocol/runner.ts';
import type { LookAheadOutcome } from '../../../workers/protocol/lookahead.ts';
import { comparedLines, outputsMatch, type CompareRule } from '../../../workers/shared/output-compare.ts';

/** off: auto-accept takes the first candidate that runs cleanly; proceed: the one whose
 *  continuation finishes (no oracle); expected: first the one whose continuation prints the
 *  expected output, when there is one. */
export type LookAheadMode = 'off' | 'proceed' | 'expected';
export const LOOKAHEAD_MODES: readonly LookAheadMode[] = ['off', 'proceed', 'expected'];

export interface HealCandidate {
  code: string;
  control?: LoopControl;
  /** Where it came from, shown beside it ("rule safe-index: …", "skip the statement"). */
  label: string;
  /** A guess tried after the standard candidates (a rules mutation): ties go to the others. */
  late?: boolean;
}

/** The statement is skipped: what handling code `pass` (or a None return value) does. */
export function skipCode(context: PauseContext): string {
  return context.kind === 'Return' ? `${RETURN_BINDING} = None` : 'pass';
}

/**
 * The engine's candidates in its order, then skipping the statement, then (in a loop) ending
 * this iteration and leaving the loop: the actions that do not invent a value.
 */
export function withStandardCandidates(context: PauseContext, engine: readonly HealCandidate[]): HealCandidate[] {
  const out: HealCandidate[] = [];
  const add = (c: HealCandidate) => {
    const code = c.code.replace(/\s+$/, '');
    if (!out.some((o) => o.code === code && o.control === c.control)) out.push({ ...c, code });
  };
  engine.filter((c) => !c.late).forEach(add);
  const skip = skipCode(context);
  add({ code: skip, label: 'skip the statement' });
  if (context.loop && context.kind !== 'Return') {
    add({ code: 'pass', control: 'continue', label: `skip the rest of this iteration (continue the ${context.loop.kind} loop at line ${context.loop.line})` });
    add({ code: 'pass', control: 'break', label: `leave the ${context.loop.kind} loop at line ${context.loop.line} (break)` });
  }
  // Leaving the function with one of its own return values (error virtualization): e.g. a
  // loop that runs once too often and fails at the start of its extra round.
  // One-line expressions only: the pause comes from the worker that runs the program.
  const returns = Array.isArray(context.returns) ? context.returns.filter((v) => typeof v === 'string' && /^[^\n\r]{1,200}$/.test(v)) : [];
  for (const value of context.kind === 'Return' ? [] : returns.slice(0, 4)) {
    add({ code: `${RETURN_BINDING} = ${value}`, control: 'return', label: `leave ${context.function}() now, returning ${value}` });
  }
  engine.filter((c) => c.late).forEach(add);
  return out;
}

/** The control action applies at this pause: a loop action in a loop, leaving the function in one. */
export function controlApplies(control: LoopControl | undefined, context: PauseContext): control is LoopControl {
  if (control === 'return') return context.returns !== undefined && context.kind !== 'Return';
  return control !== undefined && context.loop !== undefined;
}

/** What the control action does after the merge, as a sentence's end ("the for loop at line 3 ends (break)"). */
export function describeControl(control: LoopControl, context: Pick<PauseContext, 'loop' | 'function'>): string {
  if (control === 'return') return `${context.function}() returns at once with the value bound to __return__`;
  const loop = context.loop ? `the ${context.loop.kind} loop at line ${context.loop.line}` : 'the loop';
  return control === 'break' ? `${loop} ends (break)` : `the rest of this iteration is skipped: ${loop} goes on with its next one (continue)`;
}

export interface LookAheadVerdict {
  outcome: LookAheadOutcome;
  /** Finished without an unhandled error. */
  proceed: boolean;
  /** With an expected output: its continuation printed it (the page's comparison rule). */
  correct?: boolean;
  /** With an expected output that differs: the first line (1-based) where it does. */
  differsAt?: number;
}

/** PROCEED and CORRECT of one continuation, as the page judges a run. */
export function verdictOf(outcome: LookAheadOutcome, expected: string | null, rule: CompareRule): LookAheadVerdict {
  const proceed = outcome.status === 'finished' && (outcome.exitCode ?? 0) === 0;
  if (expected === null) return { outcome, proceed };
  const correct = proceed && !outcome.truncated && outputsMatch(expected, outcome.stdout, rule);
  const verdict: LookAheadVerdict = { outcome, proceed, correct };
  if (!correct) {
    const want = comparedLines(expected, rule);
    const got = comparedLines(outcome.stdout, rule);
    let line = 0;
    while (line < want.length && line < got.length && want[line] === got[line]) line++;
    verdict.differsAt = line + 1;
  }
  return verdict;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "→ finishes, output matches ✓", "→ IndexError at line 31", "→ 3 more skips, output differs at line 2". */
export function describeVerdict(v: LookAheadVerdict): string {
  const o = v.outcome;
  const skips = o.laterPauses ? `${plural(o.laterPauses, 'more skip')}, ` : '';
  let text: string;
  switch (o.status) {
    case 'finished':
      text =
        v.correct === undefined
          ? `→ ${skips}finishes`
          : v.correct
            ? `→ ${skips}finishes, output matches ✓`
            : `→ ${skips}finishes, output differs at line ${v.differsAt}`;
      if (!v.proceed) text = `→ ${skips}exits with code ${o.exitCode}`;
      break;
    case 'error':
      text = `→ ${skips}${o.error?.type ?? 'an error'}${o.error?.line ? ` at line ${o.error.line}` : ''}`;
      break;
    case 'budget':
      text = `→ ${skips}still running after ${plural(o.statementsAfter, 'statement')} (budget)`;
      break;
    case 'candidate-failed':
      text = `→ the handling code raised ${o.detail?.type ?? 'an error'}`;
      break;
    case 'diverged':
      text = `→ not looked ahead: replaying the earlier heals went elsewhere${o.detail?.line ? ` (line ${o.detail.line})` : ''}`;
      break;
    case 'not-reached':
      text = '→ not looked ahead: re-running the program did not reach this pause';
      break;
    case 'cut':
      text = '→ cut: did not finish in time';
      break;
    default:
      text = `→ not looked ahead (${o.detail?.message ?? o.status})`;
  }
  if (o.nondeterministic.length) text += ` (uses ${o.nondeterministic.join(' and ')}: may differ)`;
  return text;
}

export interface LookAheadChoice {
  /** Indices into the candidates, best first (auto-accept tries them in this order). */
  order: number[];
  /** Why the first one is first, for the timeline. */
  reason: string;
}

/**
 * Auto-accept's order: with an expected output (mode "expected"), the candidates whose
 * continuation prints it first; then those whose continuation finishes (PROCEED), fewest later
 * pauses first; then the rest. Ties keep the engine's order.
 */
export function chooseByLookAhead(verdicts: readonly LookAheadVerdict[], mode: LookAheadMode, expected: boolean): LookAheadChoice {
  const useExpected = mode === 'expected' && expected;
  const rank = (v: LookAheadVerdict) => (useExpected && v.correct ? 0 : v.proceed ? 1 : 2);
  const order = verdicts
    .map((_, i) => i)
    .sort((a, b) => {
      const va = verdicts[a]!;
      const vb = verdicts[b]!;
      return rank(va) - rank(vb) || (rank(va) === 1 ? va.outcome.laterPauses - vb.outcome.laterPauses : 0) || a - b;
    });
  const first = verdicts[order[0]!];
  let reason = "no candidate's continuation finishes: the engine's first candidate";
  if (first && rank(first) === 0) reason = 'its continuation prints the expected output';
  else if (first && rank(first) === 1) {
    reason = `its continuation finishes with ${plural(first.outcome.laterPauses, 'later pause')}${useExpected ? ' (none prints the expected output)' : ''}`;
  }
  return { order, reason };
}
