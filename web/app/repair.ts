// What "Make it permanent" and "Generate a failing test" do in the page: repair sessions
// shown in the patch review (app/patch-review.ts) and generated tests put in the test case.
// The repairs made go to the dataset export (app/exports.ts).
import { createSignal, type Accessor } from 'solid-js';
import type { AnalysisClient } from '../../workers/analysis/client.ts';
import type { RepairUnit } from '../../workers/protocol/repair.ts';
import { errorText } from '../../workers/shared/async.ts';
import type { ModelEngine } from '../../workers/shared/engine.ts';
import type { ExecutorLike } from '../state/heal/session.ts';
import { isMerged, type HealTraceEntry } from '../state/heal/trace.ts';
import { repairContextFromHeal, repairContextFromTest, stdinTest, type RepairContext } from '../state/repair/context.ts';
import { createRulesRepairEngine } from '../state/repair/rules.ts';
import { repairPermanently, unitForLine, type RepairResult } from '../state/repair/session.ts';
import { createRulesTestEngine, generateFailingTest, type GeneratedTest } from '../state/repair/testgen.ts';
import { STOP_FIRST } from '../state/run-state.ts';
import type { HealRunRecord } from './heal.ts';
import type { Notify } from './notices.ts';
import type { PatchCandidateView, PatchReview, PatchReviewSession, PatchSessionView } from './patch-review.ts';

export interface RepairDeps {
  code: Accessor<string>;
  stdin: Accessor<string>;
  setStdin(text: string): void;
  expected: Accessor<string>;
  setExpected(text: string): void;
  executor: ExecutorLike;
  analysis: AnalysisClient;
  trace: Accessor<HealTraceEntry[]>;
  lastRun: Accessor<HealRunRecord | undefined>;
  notify: Notify;
  /** The model engine chosen in the settings, or null for the built-in rules engines. */
  engine(): ModelEngine | null;
  /** True while a program runs or is paused (the editor must not change under it). */
  busy(): boolean;
  review: PatchReview;
  /** Keeps each repair for the dataset export. */
  recordRepair(result: RepairResult): void;
}

const REPAIR_TEXTS = {
  changed: 'The program changed since the run that was healed; run it again and make the heal permanent from the new run.',
  applied: 'Fix applied to the editor (Ctrl+Z in the editor undoes it). Run it again: no heal should be needed.',
};

function candidatesOf(result: RepairResult): PatchCandidateView[] {
  return result.attempts.map((a) => {
    const v = a.validation;
    const badges: PatchCandidateView['badges'] = v
      ? [
          {
            label: v.plausible ? 'plausible' : 'not plausible',
            tone: v.plausible ? 'ok' : 'bad',
            title: v.plausible ? 'The patched program passes the test case' : v.detail,
          },
        ]
      : [{ label: 'unusable', tone: 'bad' }];
    const view: PatchCandidateView = { id: `attempt-${a.attempt}`, title: `Fix ${a.attempt} (${result.engine})`, badges, acceptable: Boolean(v?.plausible) };
    if (a.patched !== undefined) view.source = a.patched;
    if (a.problem) view.detail = a.problem;
    return view;
  });
}

export type RepairActions = ReturnType<typeof createRepairActions>;

export function createRepairActions(deps: RepairDeps) {
  const [generated, setGenerated] = createSignal<GeneratedTest>();
  const rulesRepair = createRulesRepairEngine();
  const rulesTests = createRulesTestEngine((source) => deps.analysis.call('repairTestInputs', source));

  function canMakePermanent(entry: HealTraceEntry): boolean {
    return isMerged(entry.decision) && entry.handlingCode !== '' && Boolean(deps.lastRun()?.pauses.has(entry.pauseIndex));
  }

  async function makePermanent(entry: HealTraceEntry): Promise<void> {
    const run = deps.lastRun();
    const pause = run?.pauses.get(entry.pauseIndex);
    if (!run || !pause) {
      deps.notify('warning', 'This heal is from an earlier run or a shared link; run the program again to make it permanent.');
      return;
    }
    await openRepair(
      run.source,
      pause.line,
      (unit) => {
        const otherHeals = deps
          .trace()
          .filter((t) => t !== entry && isMerged(t.decision) && run.pauses.has(t.pauseIndex))
          .map((t) => ({ pause: run.pauses.get(t.pauseIndex)!, handlingCode: t.handlingCode }));
        return repairContextFromHeal({
          source: run.source,
          pause,
          unit,
          test: stdinTest(run.stdin, run.expectedOutput),
          handlingCode: entry.handlingCode,
          otherHeals,
        });
      },
      `${pause.error.type} at line ${pause.line}; hint: the accepted handling code`,
    );
  }

  /** A repair from a generated failing test (a model engine only: the rules engine needs a heal's handling code). */
  async function repairFromTest(source: string, found: GeneratedTest): Promise<void> {
    if (found.error.line === undefined) {
      deps.notify('warning', "The failing test's error has no line in the program.");
      return;
    }
    await openRepair(
      source,
      found.error.line,
      (unit) => repairContextFromTest({ source, test: found.test, error: found.error, unit }),
      `${found.error.type} at line ${found.error.line} from the generated test`,
    );
  }

  async function openRepair(source: string, line: number, build: (unit: RepairUnit) => RepairContext, what: string): Promise<void> {
    if (deps.busy()) {
      deps.notify('warning', STOP_FIRST);
      return;
    }
    if (deps.review.view()) return;
    const controller = new AbortController();
    const log: string[] = [];
    const session: PatchReviewSession = deps.review.start();
    const update = (patch: Partial<PatchSessionView>) => session.update((v) => ({ ...v, ...patch }));
    session.show({
      title: 'Make it permanent',
      original: source,
      candidates: [],
      busy: 'Finding the failing function…',
      log,
      cancel: () => controller.abort(),
      texts: REPAIR_TEXTS,
    });
    try {
      const unit = await unitForLine(deps.analysis, source, line);
      const context = build(unit);
      log.push(`Function ${unit.qualname} (lines ${unit.start_line}-${unit.end_line}); ${what}.`);
      const model = deps.engine();
      const result = await repairPermanently(
        {
          engine: model ?? rulesRepair,
          analysis: deps.analysis,
          executor: deps.executor,
          maxAttempts: model ? 3 : 1,
          signal: controller.signal,
          onProgress: (text) => update({ busy: text }),
        },
        context,
      );
      if (controller.signal.aborted) return;
      deps.recordRepair(result);
      for (const a of result.attempts)
        log.push(`Fix ${a.attempt}: ${a.validation?.plausible ? 'plausible (passes the test case)' : (a.problem ?? 'not plausible')}`);
      update({ candidates: candidatesOf(result), busy: null, log: [...log] });
    } catch (error) {
      if (controller.signal.aborted) {
        session.close();
        return;
      }
      update({ busy: null, log: [...log, `Failed: ${errorText(error)}`] });
      deps.notify('error', `Make it permanent failed: ${errorText(error)}`);
    }
  }

  async function generateTest(): Promise<void> {
    const source = deps.code();
    deps.notify('info', 'Generating a failing test…');
    const result = await generateFailingTest({ engine: deps.engine() ?? rulesTests, executor: deps.executor }, source);
    const found = result.found;
    if (!found) {
      deps.notify('warning', `No failing test found: ${result.problem ?? 'the proposed tests all passed'} (${result.tried.length} tried).`);
      return;
    }
    setGenerated(found);
    const what = found.test.kind === 'call' ? found.test.call : `stdin ${JSON.stringify(found.test.stdin)}`;
    const error = `${found.error.type}: ${found.error.message}`;
    const where = found.error.line ? ` (line ${found.error.line})` : '';
    if (found.test.kind === 'stdin') {
      // Into the test case, whatever was there: Undo puts the previous one back.
      const previous = { stdin: deps.stdin(), expected: deps.expected() };
      deps.setStdin(found.test.stdin);
      deps.setExpected(found.test.expectedStdout ?? '');
      deps.notify(
        'info',
        `Failing test put in the test case: ${what} raises ${error}${where}.`,
        {
          label: 'Undo',
          run: () => {
            deps.setStdin(previous.stdin);
            deps.setExpected(previous.expected);
          },
        },
        { persist: true },
      );
    } else {
      // A call of one function does not fit the test case (stdin and expected output of the
      // whole program): it stays on screen until closed.
      deps.notify('warning', `Failing test found: ${what} raises ${error}${where}. It calls one function, so it is not a test case of the whole program.`, [], {
        persist: true,
        key: 'generated-test',
      });
    }
    // A fix from the test alone needs a model (the rules engine repairs from a heal's handling code).
    if (deps.engine() && found.error.line !== undefined) {
      deps.notify('info', `Make the program pass the generated test (${what})?`, { label: 'Make it permanent', run: () => void repairFromTest(source, found) });
    }
  }

  return {
    canMakePermanent,
    makePermanent: (entry: HealTraceEntry) => void makePermanent(entry),
    generateTest: () => void generateTest().catch((e: unknown) => deps.notify('error', `Generating a test failed: ${errorText(e)}`)),
    generated,
  };
}
