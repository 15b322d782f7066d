// What "Make it permanent", "Generate a failing test" and "Export…" do in the page:
// repair sessions shown in the patch review dialog, generated tests, and the export
// dialog. Kept out of Playground, which only supplies the program, the run's heals
// (with their pauses), the engines and the workers.
import { createSignal, Show, type Accessor, type JSX } from 'solid-js';
import type { AnalysisClient } from '../../workers/analysis/client.ts';
import type { ExecutorLike } from './pipeline.ts';
import type { PauseContext } from '../../workers/protocol/runner.ts';
import type { ModelEngine } from '../../workers/shared/engine.ts';
import type { HealTraceEntry } from '../state/heal/trace.ts';
import type { EditorTheme } from '../monaco/editor.ts';
import { repairContextFromHeal, repairContextFromTest, stdinTest, type RepairContext } from '../state/repair/context.ts';
import type { RepairUnit } from '../../workers/protocol/repair.ts';
import { createRulesRepairEngine } from '../state/repair/rules.ts';
import { repairPermanently, unitForLine, type RepairResult } from '../state/repair/session.ts';
import { createRulesTestEngine, generateFailingTest, type GeneratedTest } from '../state/repair/testgen.ts';
import { bugReportRecord, healRecords, repairRecord, type BugReportInput, type BugReportRecord } from '../state/export/records.ts';
import { toJsonl } from '../state/export/jsonl.ts';
import { PatchReview, type PatchCandidateView } from '../components/PatchReview.tsx';
import { ExportDialog, type ExportItem } from '../components/ExportDialog.tsx';
import { errorText } from '../../workers/shared/async.ts';

/** What the last run left for repairs: its source and test case, and the pause behind each heal. */
export interface HealRunRecord {
  source: string;
  stdin: string;
  expectedOutput: string | null;
  pauses: ReadonlyMap<number, PauseContext>;
}

export interface RepairDepsUi {
  code: Accessor<string>;
  setCode(code: string): void;
  stdin: Accessor<string>;
  setStdin(text: string): void;
  expected: Accessor<string>;
  setExpected(text: string): void;
  theme: Accessor<EditorTheme>;
  executor: ExecutorLike;
  analysis: AnalysisClient;
  trace: Accessor<HealTraceEntry[]>;
  lastRun: Accessor<HealRunRecord | undefined>;
  notify(kind: 'info' | 'warning' | 'error', text: string, action?: { label: string; run(): void }): void;
  /** The model engine chosen in the settings, or null for the built-in rules engines. */
  engine(): ModelEngine | null;
  /** True while a program runs or is paused (the editor must not change under it). */
  busy(): boolean;
}

interface ReviewState {
  original: string;
  candidates: PatchCandidateView[];
  busy: string | null;
  log: string[];
  cancel(): void;
}

const MERGED = new Set<HealTraceEntry['decision']>(['accepted', 'auto-accepted']);

function candidatesOf(result: RepairResult): PatchCandidateView[] {
  return result.attempts.map((a) => {
    const v = a.validation;
    const badges: PatchCandidateView['badges'] = v
      ? [{ label: v.plausible ? 'plausible' : 'not plausible', tone: v.plausible ? 'ok' : 'bad', title: v.plausible ? 'The patched program passes the test case' : v.detail }]
      : [{ label: 'unusable', tone: 'bad' }];
    const view: PatchCandidateView = { id: `attempt-${a.attempt}`, title: `Fix ${a.attempt} (${result.engine})`, badges, acceptable: Boolean(v?.plausible) };
    if (a.patched !== undefined) view.source = a.patched;
    if (a.problem) view.detail = a.problem;
    return view;
  });
}

export function createRepairActions(deps: RepairDepsUi) {
  const [review, setReview] = createSignal<ReviewState>();
  const [exporting, setExporting] = createSignal(false);
  const [repairs, setRepairs] = createSignal<RepairResult[]>([]);
  const [bugReports, setBugReports] = createSignal<BugReportRecord[]>([]);
  const [generated, setGenerated] = createSignal<GeneratedTest>();
  const rulesRepair = createRulesRepairEngine();
  const rulesTests = createRulesTestEngine();

  function canMakePermanent(entry: HealTraceEntry): boolean {
    return MERGED.has(entry.decision) && entry.handlingCode !== '' && Boolean(deps.lastRun()?.pauses.has(entry.pauseIndex));
  }

  async function makePermanent(entry: HealTraceEntry): Promise<void> {
    const run = deps.lastRun();
    const pause = run?.pauses.get(entry.pauseIndex);
    if (!run || !pause) { deps.notify('warning', 'This heal is from an earlier run or a shared link; run the program again to make it permanent.'); return; }
    await openRepair(run.source, pause.line, (unit) => {
      const otherHeals = deps.trace().filter((t) => t !== entry && MERGED.has(t.decision) && run.pauses.has(t.pauseIndex))
        .map((t) => ({ pause: run.pauses.get(t.pauseIndex)!, handlingCode: t.handlingCode }));
      return repairContextFromHeal({ source: run.source, pause, unit, test: stdinTest(run.stdin, run.expectedOutput), handlingCode: entry.handlingCode, otherHeals });
    }, `${pause.error.type} at line ${pause.line}; hint: the accepted handling code`);
  }

  /** A repair from a generated failing test (a model engine only: the rules engine needs a heal's handling code). */
  async function repairFromTest(source: string, found: GeneratedTest): Promise<void> {
    if (found.error.line === undefined) { deps.notify('warning', 'The failing test\'s error has no line in the program.'); return; }
    await openRepair(source, found.error.line, (unit) => repairContextFromTest({ source, test: found.test, error: found.error, unit }),
      `${found.error.type} at line ${found.error.line} from the generated test`);
  }

  async function openRepair(source: string, line: number, build: (unit: RepairUnit) => RepairContext, what: string): Promise<void> {
    if (deps.busy()) { deps.notify('warning', 'Stop the program first: the editor cannot change while it runs.'); return; }
    if (review()) return;
    const controller = new AbortController();
    const log: string[] = [];
    const update = (patch: Partial<ReviewState>) => setReview((r) => (r ? { ...r, ...patch } : r));
    setReview({ original: source, candidates: [], busy: 'Finding the failing function…', log, cancel: () => controller.abort() });
    try {
      const unit = await unitForLine(deps.analysis, source, line);
      const context = build(unit);
      log.push(`Function ${unit.qualname} (lines ${unit.start_line}-${unit.end_line}); ${what}.`);
      const model = deps.engine();
      const result = await repairPermanently({
        engine: model ?? rulesRepair, analysis: deps.analysis, executor: deps.executor, maxAttempts: model ? 3 : 1, signal: controller.signal,
        onProgress: (text) => update({ busy: text }),
      }, context);
      if (controller.signal.aborted) return;
      setRepairs((list) => [...list, result]);
      for (const a of result.attempts) log.push(`Fix ${a.attempt}: ${a.validation?.plausible ? 'plausible (passes the test case)' : a.problem ?? 'not plausible'}`);
      update({ candidates: candidatesOf(result), busy: null, log: [...log] });
    } catch (error) {
      if (controller.signal.aborted) { setReview(undefined); return; }
      update({ busy: null, log: [...log, `Failed: ${errorText(error)}`] });
      deps.notify('error', `Make it permanent failed: ${errorText(error)}`);
    }
  }

  function accept(source: string): void {
    const r = review();
    if (!r) return;
    if (deps.code() !== r.original) {
      deps.notify('warning', 'The program changed since the run that was healed; run it again and make the heal permanent from the new run.');
      return;
    }
    deps.setCode(source);
    setReview(undefined);
    deps.notify('info', 'Fix applied to the editor (Ctrl+Z in the editor undoes it). Run it again: no heal should be needed.');
  }

  async function generateTest(): Promise<void> {
    const source = deps.code();
    deps.notify('info', 'Generating a failing test…');
    const result = await generateFailingTest({ engine: deps.engine() ?? rulesTests, executor: deps.executor }, source);
    const found = result.found;
    if (!found) { deps.notify('warning', `No failing test found: ${result.problem ?? 'the proposed tests all passed'} (${result.tried.length} tried).`); return; }
    setGenerated(found);
    const what = found.test.kind === 'call' ? found.test.call : `stdin ${JSON.stringify(found.test.stdin)}`;
    const error = `${found.error.type}: ${found.error.message}`;
    const noTestCase = deps.stdin() === '' && deps.expected() === '';
    if (found.test.kind === 'stdin' && noTestCase) {
      deps.setStdin(found.test.stdin);
      if (found.test.expectedStdout !== null) deps.setExpected(found.test.expectedStdout);
      deps.notify('info', `Failing test found and put in the test case: ${what} raises ${error}.`);
    } else {
      deps.notify('info', `Failing test found: ${what} raises ${error}${found.error.line ? ` (line ${found.error.line})` : ''}.`);
    }
    // A fix from the test alone needs a model (the rules engine repairs from a heal's handling code).
    if (deps.engine() && found.error.line !== undefined) {
      deps.notify('info', `Make the program pass the generated test (${what})?`, { label: 'Make it permanent', run: () => void repairFromTest(source, found) });
    }
  }

  function exportItems(): ExportItem[] {
    const heal = healRecords(deps.trace());
    const repair = repairs().map((r) => repairRecord(r));
    return [
      { id: 'heal', title: 'Heal records (prompt, handling code, decision, PROCEED/CORRECT)', file: 'heal.jsonl', count: heal.length, text: () => toJsonl(heal) },
      { id: 'repair', title: 'Repair records (buggy function, test, error, fix, validation)', file: 'repair.jsonl', count: repair.length, text: () => toJsonl(repair) },
      { id: 'bug-report', title: 'Bug-report records (report, diff)', file: 'bug-reports.jsonl', count: bugReports().length, text: () => toJsonl(bugReports()),
        note: bugReports().length ? undefined : 'Made from security findings (bug report → diff).' },
    ];
  }

  function download(item: ExportItem): void {
    const url = URL.createObjectURL(new Blob([item.text()], { type: 'application/jsonl' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = item.file;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const dialogs = (): JSX.Element => (
    <>
      <Show when={review()}>
        {(r) => (
          <PatchReview title="Make it permanent" original={r().original} candidates={r().candidates} busy={r().busy} log={r().log}
            theme={deps.theme()} onAccept={accept} onCancel={() => r().cancel()} onClose={() => { r().cancel(); setReview(undefined); }} />
        )}
      </Show>
      <Show when={exporting()}>
        <ExportDialog items={exportItems()} onDownload={download} onClose={() => setExporting(false)} />
      </Show>
    </>
  );

  return {
    canMakePermanent,
    makePermanent: (entry: HealTraceEntry) => void makePermanent(entry),
    generateTest: () => void generateTest().catch((e: unknown) => deps.notify('error', `Generating a test failed: ${errorText(e)}`)),
    openExport: () => setExporting(true),
    /** For the bug report → diff loop (security findings): adds one record to the export. */
    recordBugReport: (input: BugReportInput) => setBugReports((list) => [...list, bugReportRecord(input)]),
    generated,
    repairs,
    dialogs,
  };
}
