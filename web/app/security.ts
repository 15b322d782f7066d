// The security findings' actions: patch (the feedback-driven loop, candidates shown in the
// patch review), bug report (+ the diff of a fix, shown in its dialog), exports (Bandit
// JSON, SARIF) and the explanation of a test. The rules engine answers when no model
// engine is chosen.
import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import type { SecurityCheckResult, SecurityFinding } from '../../workers/protocol/security.ts';
import type { SecurityFixRequest } from '../../workers/protocol/security-fix.ts';
import { errorText } from '../../workers/shared/async.ts';
import { isAbortError, type Engine } from '../../workers/shared/engine.ts';
import { bugReportWithDiff, createBugReport, formatBugReport, formatBugReportWithDiff } from '../state/security/bug-report.ts';
import { sameFinding } from '../state/security/compare.ts';
import { runPatchLoop } from '../state/security/patch-loop.ts';
import { createSecurityRulesEngine, fixRequest, type TestExplainer } from '../state/security/rules-engine.ts';
import { explainTest as explainKnownTest } from '../state/security/explanations.ts';
import { createTestRunner } from '../state/security/test-case.ts';
import type { PatchCandidate, PatchLoopEvent, SecurityPatchContext } from '../state/security/types.ts';
import { securityOptions, type ChecksDeps } from './checks.ts';
import { downloadFindings, downloadText } from './exports.ts';
import type { PatchBadge, PatchCandidateView, PatchReview } from './patch-review.ts';

/** A test id's explanation for the findings panel. */
export interface FindingExplanation {
  text: string;
  link?: string;
}

/** The bug report dialog: the report and the diff of its fix, while it is searched and after. */
export interface BugReportView {
  title: string;
  /** The report and diff as text; absent while the fix is searched. */
  text?: string;
  busy: string | null;
  /** The (bug report, diff) record, for Download. */
  json?: string;
  /** File name of the download. */
  file: string;
}

/** Whether Patch… can offer anything for a finding, and what to do by hand when it cannot. */
export interface Patchability {
  patchable: boolean;
  guidance?: string;
}

export interface SecurityActions {
  patchSecurity(finding: SecurityFinding | null): void;
  /** The rules engine has a template for the finding (a model engine may try any); else the guidance. */
  patchability(finding: SecurityFinding): Patchability;
  bugReport(finding: SecurityFinding): void;
  exportFindings(format: 'bandit-json' | 'sarif'): void;
  explain(testId: string): FindingExplanation | undefined;
  /** The open bug report dialog. */
  bugReportView: Accessor<BugReportView | undefined>;
  copyBugReport(): void;
  downloadBugReport(): void;
  closeBugReport(): void;
}

const VERDICT_TEXT: Record<PatchCandidate['verdict'], string> = {
  accepted: 'clean',
  improved: 'partly fixed',
  refine: 'not fixed',
  'breaks-test': 'breaks the test',
  'no-program': 'no program',
  'syntax-error': 'does not parse',
  'no-change': 'no change',
};

/** How a candidate appears in the review: status badges (clean? test? rounds) and whether Accept is offered. */
export function candidateView(c: PatchCandidate, rounds: number): PatchCandidateView {
  const badges: PatchBadge[] = [
    {
      label: c.clean ? 'clean' : VERDICT_TEXT[c.verdict],
      tone: c.clean ? 'ok' : c.verdict === 'improved' ? 'neutral' : 'bad',
      title:
        c.remaining.length || c.introduced.length ? [...c.remaining, ...c.introduced].map((f) => `${f.test_id} line ${f.line_number}`).join(', ') : undefined,
    },
    {
      label: c.test === 'passed' ? 'test passes' : c.test === 'failed' ? 'test fails' : 'test not run',
      tone: c.test === 'passed' ? 'ok' : c.test === 'failed' ? 'bad' : 'neutral',
      title: c.testDetail,
    },
    { label: `round ${c.round}/${rounds}`, tone: 'neutral' },
  ];
  const acceptable = c.source !== undefined && c.test !== 'failed' && (c.verdict === 'accepted' || c.verdict === 'improved');
  return { id: c.id, title: `Strategy ${c.strategyIndex + 1}: ${c.strategy}`, badges, source: c.source, detail: c.reason, acceptable };
}

export function createSecurityActions(
  deps: ChecksDeps,
  review: PatchReview,
  explainTest: TestExplainer = explainKnownTest,
  findings?: Accessor<SecurityCheckResult | undefined>,
): SecurityActions {
  const check = (source: string): Promise<SecurityCheckResult> => deps.analysis.call('securityCheck', source, securityOptions(deps.settings()));
  const fix = (source: string, request: SecurityFixRequest) => deps.analysis.call('securityFix', source, request);
  const engine = (): Engine<SecurityPatchContext> => deps.engine() ?? createSecurityRulesEngine(fix, explainTest);

  // Which findings the rules engine has no template for (Patch… would open an empty review):
  // asked once per check result; those show their guidance instead.
  const [unfixable, setUnfixable] = createSignal<{ result: SecurityCheckResult; guidance: Map<string, string> }>();
  const findingKey = (f: { test_id: string; line_number?: number; line?: number }) => `${f.test_id}:${f.line_number ?? f.line}`;
  if (findings) {
    createEffect(
      on(findings, (result) => {
        if (!result?.findings.length || result.errors.length) return;
        void fix(deps.code(), fixRequest(result.findings)).then(
          (plan) => {
            if (findings() !== result) return;
            setUnfixable({ result, guidance: new Map(plan.unfixed.map((u) => [findingKey(u), u.guidance || u.reason])) });
          },
          () => {},
        );
      }),
    );
  }
  function patchability(finding: SecurityFinding): Patchability {
    if (deps.engine()) return { patchable: true }; // a model may propose anything
    const known = unfixable();
    if (!known || known.result !== findings?.()) return { patchable: true };
    const guidance = known.guidance.get(findingKey(finding));
    return guidance === undefined ? { patchable: true } : { patchable: false, guidance };
  }

  /** The findings of the program as it is now; the panel's finding matched again (it may be stale). */
  async function current(finding: SecurityFinding | null): Promise<{ source: string; result: SecurityCheckResult; targets: SecurityFinding[] }> {
    const source = deps.code();
    const result = await check(source);
    if (result.errors.length) throw new Error(`the program does not parse: ${result.errors[0]!.reason}`);
    const targets = finding === null ? result.findings : result.findings.filter((f) => sameFinding(f, finding)).slice(0, 1);
    if (finding && targets.length === 0) {
      const moved = result.findings.find((f) => f.test_id === finding.test_id);
      if (!moved) throw new Error(`${finding.test_id} is no longer reported for this program`);
      targets.push(moved);
    }
    if (targets.length === 0) throw new Error('there are no findings to patch');
    return { source, result, targets };
  }

  async function patchSecurity(finding: SecurityFinding | null): Promise<void> {
    const blocked = review.blocked();
    if (blocked) {
      deps.notify('warning', blocked);
      return;
    }
    const controller = new AbortController();
    const settings = deps.settings();
    const rounds = settings.patchRounds;
    const title = finding ? `Patch ${finding.test_id} (${finding.test_name}) on line ${finding.line_number}` : 'Patch all security findings';
    const session = review.start();
    session.show({ title, original: deps.code(), candidates: [], busy: 'Checking the program…', log: [], cancel: () => controller.abort() });
    const update = session.update;
    const log = (line: string) => update((v) => ({ ...v, log: [...v.log, line] }));
    try {
      const { source, result, targets } = await current(finding);
      update((v) => ({ ...v, original: source }));
      const chosen = engine();
      const outcome = await runPatchLoop({
        engine: chosen,
        source,
        findings: result.findings,
        targets,
        check,
        runTest: createTestRunner((request) => deps.executor.execute(request), { stdin: deps.stdin(), expected: deps.expected() }),
        strategies: settings.patchStrategies,
        rounds,
        signal: controller.signal,
        onEvent: (event: PatchLoopEvent) => {
          if (event.type === 'step') update((v) => ({ ...v, busy: event.text }));
          else if (event.type === 'explanation') log(`Explanation: ${event.text}`);
          else if (event.type === 'strategies')
            log(
              event.strategies.length
                ? `Strategies: ${event.strategies.map((s, i) => `${i + 1}. ${s}`).join(' ')}`
                : 'No fix strategy is known for these findings.',
            );
          else {
            const c = event.candidate;
            log(`Strategy ${c.strategyIndex + 1}, round ${c.round}: ${c.reason}`);
            update((v) => ({ ...v, candidates: [...v.candidates, candidateView(c, rounds)] }));
          }
        },
      });
      update((v) => ({ ...v, busy: null }));
      if (!outcome.best) log('No candidate removed the findings; see the steps above.');
    } catch (error) {
      if (isAbortError(error)) {
        update((v) => ({ ...v, busy: null }));
        log('Cancelled.');
        return;
      }
      update((v) => ({ ...v, busy: null }));
      log(`Failed: ${errorText(error)}`);
      deps.notify('error', `Security patching failed: ${errorText(error)}`);
    }
  }

  // One bug report dialog at a time; a report still being made for a closed dialog is dropped.
  const [bugReportView, setBugReportView] = createSignal<BugReportView>();
  let bugReportAbort: AbortController | undefined;

  function closeBugReport(): void {
    bugReportAbort?.abort();
    bugReportAbort = undefined;
    setBugReportView(undefined);
  }

  async function bugReport(finding: SecurityFinding): Promise<void> {
    closeBugReport();
    const controller = new AbortController();
    bugReportAbort = controller;
    const setState = (change: (view: BugReportView) => BugReportView) => {
      if (bugReportAbort === controller) setBugReportView((v) => (v ? change(v) : v));
    };
    setBugReportView({
      title: `Bug report: ${finding.test_id} (${finding.test_name}) on line ${finding.line_number}`,
      busy: 'Looking for a fix…',
      file: `bug-report-${finding.test_id}-line-${finding.line_number}.json`,
    });
    try {
      const { source, result, targets } = await current(finding);
      const target = targets[0]!;
      const plan = await fix(source, fixRequest([target]));
      const report = createBugReport(target, explainTest(target.test_id), plan);
      setState((v) => ({ ...v, busy: 'Running the patch loop for the diff…', text: formatBugReportWithDiff(bugReportWithDiff(report, source)) }));
      const settings = deps.settings();
      const outcome = await runPatchLoop({
        engine: engine(),
        source,
        findings: result.findings,
        targets: [target],
        check,
        runTest: createTestRunner((request) => deps.executor.execute(request), { stdin: deps.stdin(), expected: deps.expected() }),
        strategies: settings.patchStrategies,
        rounds: settings.patchRounds,
        signal: controller.signal,
      });
      const pair = bugReportWithDiff(report, source, outcome.best?.source);
      setState((v) => ({ ...v, busy: null, text: formatBugReportWithDiff(pair), json: JSON.stringify(pair, null, 2) }));
      if (pair.diff) {
        const [first, last] = [target.line_range[0] ?? target.line_number, target.line_range.at(-1) ?? target.line_number];
        deps.recordBugReport?.({
          id: report.id,
          reportText: formatBugReport(report),
          diffText: pair.diff,
          line: report.line,
          code: source
            .split('\n')
            .slice(first - 1, last)
            .join('\n'),
          sourcePath: report.file,
        });
      }
    } catch (error) {
      if (isAbortError(error)) return;
      setState((s) => ({ ...s, busy: null, text: `${s.text ? `${s.text}\n` : ''}Could not make the bug report: ${errorText(error)}` }));
    }
  }

  async function exportFindings(format: 'bandit-json' | 'sarif'): Promise<void> {
    try {
      const source = deps.code();
      const result = await check(source);
      downloadFindings(result, source, format);
      deps.notify(
        'info',
        `Exported ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} as ${format === 'sarif' ? 'SARIF 2.1.0' : 'Bandit JSON'}.`,
      );
    } catch (error) {
      deps.notify('error', `Export failed: ${errorText(error)}`);
    }
  }

  function explain(testId: string): FindingExplanation | undefined {
    const known = explainTest(testId);
    return known ? { text: [known.why, known.direction].filter(Boolean).join(' '), link: known.docs } : undefined;
  }

  return {
    patchSecurity: (finding) => void patchSecurity(finding),
    patchability,
    bugReport: (finding) => void bugReport(finding),
    exportFindings: (format) => void exportFindings(format),
    explain,
    bugReportView,
    copyBugReport: () => {
      void navigator.clipboard?.writeText(bugReportView()?.text ?? '').then(
        () => deps.notify('info', 'Bug report copied.'),
        () => deps.notify('warning', 'Copying was refused by the browser.'),
      );
    },
    downloadBugReport: () => {
      const view = bugReportView();
      if (view) downloadText(view.file, view.json ?? '{}');
    },
    closeBugReport,
  };
}
