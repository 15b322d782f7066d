// The feedback-driven security patch loop: Bandit feedback → the engine explains it →
// K distinct strategies → for each, up to N rounds of "write the whole fixed program,
// re-check it, run the test case", feeding back what is still wrong. Stops at the first
// candidate that is clean and still correct. Pure: the check, the test and the engine
// are passed in.
import { generationOptions } from '../generation.ts';
import type { SecurityCheckResult, SecurityFinding } from '../../../workers/protocol/security.ts';
import { throwIfAborted, type Engine, type GenerateOptions } from '../../../workers/shared/engine.ts';
import { parseProgram, parseStrategies } from './answer.ts';
import { compareFindings } from './compare.ts';
import { banditFeedback } from './feedback.ts';
import { explainMessages, patchMessages, strategiesMessages } from './prompts.ts';
import type { PatchCandidate, PatchLoopEvent, PatchLoopResult, SecurityPatchContext, TestOutcome } from './types.ts';

export interface PatchLoopOptions {
  engine: Engine<SecurityPatchContext>;
  /** The program as checked. */
  source: string;
  /** Every finding the check reported for `source`. */
  findings: readonly SecurityFinding[];
  /** The findings to fix (one, or all of them). */
  targets: readonly SecurityFinding[];
  /** The security check (same options as the panel's). */
  check(source: string): Promise<SecurityCheckResult>;
  /** Runs the program on the test case; null when there is no test case. */
  runTest?: ((program: string) => Promise<TestOutcome>) | null;
  /** K distinct strategies (default 3) and N rounds per strategy (default 3). */
  strategies?: number;
  rounds?: number;
  signal?: AbortSignal;
  onEvent?(event: PatchLoopEvent): void;
  generate?: Pick<GenerateOptions, 'temperature' | 'maxTokens'>;
}

const rank = (c: PatchCandidate) => (c.clean ? 0 : 1) * 1000 + c.remaining.length * 10 + c.introduced.length;

export async function runPatchLoop(options: PatchLoopOptions): Promise<PatchLoopResult> {
  const { engine, source, targets, signal } = options;
  const emit = (event: PatchLoopEvent) => options.onEvent?.(event);
  const k = Math.max(1, options.strategies ?? 3);
  const n = Math.max(1, options.rounds ?? 3);
  const ask = (messages: Parameters<typeof engine.generate>[0], context: SecurityPatchContext) => {
    throwIfAborted(signal);
    return engine.generate(messages, { ...generationOptions('security-patch'), ...options.generate, signal }, context);
  };
  const findings = [...targets];

  emit({ type: 'step', text: `Asking ${engine.label} to explain ${findings.length === 1 ? 'the finding' : `${findings.length} findings`}…` });
  const explanation = (await ask(explainMessages(source, findings), { task: 'explain', source, findings })).trim();
  emit({ type: 'explanation', text: explanation });

  emit({ type: 'step', text: `Asking for ${k} distinct fix strateg${k === 1 ? 'y' : 'ies'}…` });
  const strategyText = await ask(strategiesMessages(source, findings, explanation, k), { task: 'strategies', source, findings, explanation, count: k });
  const strategies = parseStrategies(strategyText, k);
  emit({ type: 'strategies', strategies });
  const result: PatchLoopResult = { explanation, strategies, candidates: [] };
  if (strategies.length === 0) return result;

  // Candidates already checked (an engine often writes the same program twice).
  const seen = new Map<string, Omit<PatchCandidate, 'id' | 'strategyIndex' | 'strategy' | 'round' | 'salvaged'>>();
  const keepNewline = (code: string) => (source.endsWith('\n') ? code : code.replace(/\n$/, ''));

  for (let s = 0; s < strategies.length; s++) {
    const strategy = strategies[s]!;
    let base = source;
    let baseFindings: SecurityFinding[] = findings;
    let feedback: string | undefined;
    const mine = new Set<string>();
    for (let round = 1; round <= n; round++) {
      emit({ type: 'step', text: `Strategy ${s + 1}/${strategies.length}, round ${round}/${n}: writing the program…` });
      const context: SecurityPatchContext = {
        task: 'patch',
        source: base,
        original: source,
        findings: baseFindings,
        strategy,
        strategyIndex: s,
        round,
        feedback,
      };
      const answer = parseProgram(await ask(patchMessages(context), context));
      const head = { id: `s${s + 1}r${round}`, strategyIndex: s, strategy, round };
      if (!answer.ok) {
        const candidate: PatchCandidate = {
          ...head,
          remaining: baseFindings,
          introduced: [],
          clean: false,
          test: 'not-run',
          verdict: 'no-program',
          reason: answer.reason,
          salvaged: [],
        };
        result.candidates.push(candidate);
        emit({ type: 'candidate', candidate });
        feedback = `Your answer was not usable: ${answer.reason}. Answer with the whole program between <code> and </code>.`;
        continue;
      }
      const program = keepNewline(answer.code);
      if (program.trimEnd() === base.trimEnd() || mine.has(program)) {
        const candidate: PatchCandidate = {
          ...head,
          source: program,
          remaining: baseFindings,
          introduced: [],
          clean: false,
          test: 'not-run',
          verdict: 'no-change',
          reason: round === 1 ? 'the engine did not change the program' : 'no progress over the previous round',
          salvaged: answer.salvaged,
        };
        result.candidates.push(candidate);
        emit({ type: 'candidate', candidate });
        break;
      }
      mine.add(program);
      let verdictPart = seen.get(program);
      if (!verdictPart) {
        emit({ type: 'step', text: `Strategy ${s + 1}, round ${round}: checking the candidate…` });
        verdictPart = await judge(program, options);
        seen.set(program, verdictPart);
      }
      const candidate: PatchCandidate = { ...head, ...verdictPart, source: program, salvaged: answer.salvaged };
      result.candidates.push(candidate);
      emit({ type: 'candidate', candidate });
      if (candidate.verdict === 'accepted') {
        result.best = candidate;
        return result;
      }
      feedback =
        candidate.verdict === 'syntax-error' || candidate.verdict === 'breaks-test'
          ? candidate.reason
          : `Bandit still reports:\n${banditFeedback([...candidate.remaining, ...candidate.introduced], program)}`;
      // Refine the candidate when it parses and keeps the test; otherwise start again from the original.
      if (candidate.verdict === 'refine' || candidate.verdict === 'improved') {
        base = program;
        baseFindings = [...candidate.remaining, ...candidate.introduced];
      }
    }
  }
  const improving = result.candidates.filter((c) => c.verdict === 'improved' || c.verdict === 'refine');
  const best = improving.filter((c) => c.remaining.length < findings.length && c.introduced.length === 0).sort((a, b) => rank(a) - rank(b))[0];
  if (best) result.best = best;
  return result;
}

async function judge(program: string, options: PatchLoopOptions): Promise<Omit<PatchCandidate, 'id' | 'strategyIndex' | 'strategy' | 'round' | 'salvaged'>> {
  const checked = await options.check(program);
  if (checked.errors.length) {
    const reason = `The program does not parse: ${checked.errors.map((e) => e.reason + (e.line ? ` (line ${e.line})` : '')).join('; ')}`;
    return { remaining: [...options.targets], introduced: [], clean: false, test: 'not-run', verdict: 'syntax-error', reason };
  }
  const { remaining, introduced } = compareFindings({ source: options.source, findings: options.findings }, options.targets, {
    source: program,
    findings: checked.findings,
  });
  const clean = remaining.length === 0 && introduced.length === 0;
  let test: PatchCandidate['test'] = 'not-run';
  let testDetail: string | undefined;
  // Running costs time: only candidates that improve something are worth a run.
  if (options.runTest && remaining.length < options.targets.length && introduced.length === 0) {
    const outcome = await options.runTest(program);
    test = outcome.passed ? 'passed' : 'failed';
    testDetail = outcome.detail;
    if (!outcome.passed) {
      return { remaining, introduced, clean, test, testDetail, verdict: 'breaks-test', reason: `The test case fails: ${outcome.detail}` };
    }
  }
  if (clean)
    return {
      remaining,
      introduced,
      clean,
      test,
      testDetail,
      verdict: 'accepted',
      reason: test === 'passed' ? 'clean, and the test case still passes' : 'clean (no test case to run)',
    };
  const left = `${remaining.length} of ${options.targets.length} finding${options.targets.length === 1 ? '' : 's'} left`;
  const added = introduced.length ? `, ${introduced.length} new (${[...new Set(introduced.map((f) => f.test_id))].join(', ')})` : '';
  const verdict = remaining.length < options.targets.length && introduced.length === 0 ? 'improved' : 'refine';
  return { remaining, introduced, clean, test, testDetail, verdict, reason: left + added };
}
