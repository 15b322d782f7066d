// The security findings' actions: patch (the feedback-driven loop, candidates shown in the
// patch review dialog), bug report (+ the diff of a fix), exports (Bandit JSON, SARIF) and
// the explanation of a test. The rules engine answers when no model engine is chosen.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import type { SecurityCheckResult, SecurityFinding } from '../../workers/protocol/security.ts';
import type { SecurityFixRequest } from '../../workers/protocol/security-fix.ts';
import { errorText } from '../../workers/shared/async.ts';
import { BugReportDialog } from '../components/BugReportDialog.tsx';
import type { FindingExplanation } from '../components/FindingsPanel.tsx';
import type { PatchBadge, PatchCandidateView } from '../components/PatchReview.tsx';
import { isAbortError, type Engine } from '../../workers/shared/engine.ts';
import { bugReportWithDiff, createBugReport, formatBugReport, formatBugReportWithDiff } from '../state/security/bug-report.ts';
import { sameFinding } from '../state/security/compare.ts';
import { toBanditJson, toSarif } from '../state/security/export.ts';
import { runPatchLoop } from '../state/security/patch-loop.ts';
import { createSecurityRulesEngine, fixRequest, type TestExplainer } from '../state/security/rules-engine.ts';
import { explainTest as explainKnownTest } from '../state/security/explanations.ts';
import { createTestRunner } from '../state/security/test-case.ts';
import type { PatchCandidate, PatchLoopEvent, SecurityPatchContext } from '../state/security/types.ts';
import type { ChecksDeps, PatchSessionView } from './checks-actions.tsx';
import { downloadText } from './download.ts';
import { securityOptions } from './static-checks.ts';

export interface SecurityActions {
  patchSecurity(finding: SecurityFinding | null): void;
  bugReport(finding: SecurityFinding): void;
  exportFindings(format: 'bandit-json' | 'sarif'): void;
  explain(testId: string): FindingExplanation | undefined;
}

const VERDICT_TEXT: Record<PatchCandidate['verdict'], string> = {
  accepted: 'clean', improved: 'partly fixed', refine: 'not fixed', 'breaks-test': 'breaks the test', 'no-program': 'no program',
  'syntax-error': 'does not parse', 'no-change': 'no change',
};

/** How a candidate appears in the review: status badges (clean? test? rounds) and whether Accept is offered. */
export function candidateView(c: PatchCandidate, rounds: number): PatchCandidateView {
  const badges: PatchBadge[] = [
    { label: c.clean ? 'clean' : VERDICT_TEXT[c.verdict], tone: c.clean ? 'ok' : c.verdict === 'improved' ? 'neutral' : 'bad',
      title: c.remaining.length || c.introduced.length ? [...c.remaining, ...c.introduced].map((f) => `${f.test_id} line ${f.line_number}`).join(', ') : undefined },
    { label: c.test === 'passed' ? 'test passes' : c.test === 'failed' ? 'test fails' : 'test not run', tone: c.test === 'passed' ? 'ok' : c.test === 'failed' ? 'bad' : 'neutral', title: c.testDetail },
    { label: `round ${c.round}/${rounds}`, tone: 'neutral' },
  ];
  const acceptable = c.source !== undefined && c.test !== 'failed' && (c.verdict === 'accepted' || c.verdict === 'improved');
  return { id: c.id, title: `Strategy ${c.strategyIndex + 1}: ${c.strategy}`, badges, source: c.source, detail: c.reason, acceptable };
}

export function createSecurityActions(
  deps: ChecksDeps,
  review: { open(view: PatchSessionView): void; update(change: (view: PatchSessionView) => PatchSessionView): void; isOpen(): boolean },
  explainTest: TestExplainer = explainKnownTest,
): SecurityActions {
  const check = (source: string): Promise<SecurityCheckResult> => deps.analysis.call('securityCheck', source, securityOptions(deps.settings()));
  const fix = (source: string, request: SecurityFixRequest) => deps.analysis.call('securityFix', source, request);
  const engine = (): Engine<SecurityPatchContext> => deps.engine() ?? createSecurityRulesEngine(fix, explainTest);

  /** The findings of the program as it is now; the panel's finding matched again (it may be stale). */
  async function current(finding: SecurityFinding | null): Promise<{ source: string; result: SecurityCheckResult; targets: SecurityFinding[] }> {
    const source = deps.code();
    const result = await check(source);
    if (result.errors.length) throw new Error(`the program does not parse: ${result.errors[0]!.reason}`);
    const targets = finding === null ? result.findings
      : result.findings.filter((f) => sameFinding(f, finding)).slice(0, 1);
    if (finding && targets.length === 0) {
      const moved = result.findings.find((f) => f.test_id === finding.test_id);
      if (!moved) throw new Error(`${finding.test_id} is no longer reported for this program`);
      targets.push(moved);
    }
    if (targets.length === 0) throw new Error('there are no findings to patch');
    return { source, result, targets };
  }

  async function patchSecurity(finding: SecurityFinding | null): Promise<void> {
    if (deps.busy() || review.isOpen()) { deps.notify('warning', deps.busy() ? 'Stop the program first: the editor cannot change while it runs.' : 'A patch review is open.'); return; }
    const controller = new AbortController();
    const settings = deps.settings();
    const rounds = settings.patchRounds;
    const title = finding ? `Patch ${finding.test_id} (${finding.test_name}) on line ${finding.line_number}` : 'Patch all security findings';
    review.open({ title, original: deps.code(), candidates: [], busy: 'Checking the program…', log: [], cancel: () => controller.abort() });
    const log = (line: string) => review.update((v) => ({ ...v, log: [...v.log, line] }));
    try {
      const { source, result, targets } = await current(finding);
      review.update((v) => ({ ...v, original: source }));
      const chosen = engine();
      const outcome = await runPatchLoop({
        engine: chosen, source, findings: result.findings, targets, check,
        runTest: createTestRunner((request) => deps.executor.execute(request), { stdin: deps.stdin(), expected: deps.expected() }),
        strategies: settings.patchStrategies, rounds, signal: controller.signal,
        onEvent: (event: PatchLoopEvent) => {
          if (event.type === 'step') review.update((v) => ({ ...v, busy: event.text }));
          else if (event.type === 'explanation') log(`Explanation: ${event.text}`);
          else if (event.type === 'strategies') log(event.strategies.length ? `Strategies: ${event.strategies.map((s, i) => `${i + 1}. ${s}`).join(' ')}` : 'No fix strategy is known for these findings.');
          else {
            const c = event.candidate;
            log(`Strategy ${c.strategyIndex + 1}, round ${c.round}: ${c.reason}`);
            review.update((v) => ({ ...v, candidates: [...v.candidates, candidateView(c, rounds)] }));
          }
        },
      });
      review.update((v) => ({ ...v, busy: null }));
      if (!outcome.best) log('No candidate removed the findings; see the steps above.');
    } catch (error) {
      if (isAbortError(error)) { review.update((v) => ({ ...v, busy: null })); log('Cancelled.'); return; }
      review.update((v) => ({ ...v, busy: null }));
      log(`Failed: ${errorText(error)}`);
      deps.notify('error', `Security patching failed: ${errorText(error)}`);
    }
  }

  async function bugReport(finding: SecurityFinding): Promise<void> {
    const [state, setState] = createSignal<{ text?: string; busy: string | null; json?: string }>({ busy: 'Looking for a fix…' });
    const controller = new AbortController();
    const host = document.createElement('div');
    document.body.append(host);
    let dispose = () => {};
    const close = () => { controller.abort(); dispose(); host.remove(); };
    dispose = render(() => (
      <BugReportDialog title={`Bug report: ${finding.test_id} (${finding.test_name}) on line ${finding.line_number}`} text={state().text} busy={state().busy}
        onClose={close}
        onCopy={() => { void navigator.clipboard?.writeText(state().text ?? '').then(() => deps.notify('info', 'Bug report copied.'), () => deps.notify('warning', 'Copying was refused by the browser.')); }}
        onDownload={() => downloadText(`bug-report-${finding.test_id}-line-${finding.line_number}.json`, state().json ?? '{}')} />
    ), host);
    try {
      const { source, result, targets } = await current(finding);
      const target = targets[0]!;
      const plan = await fix(source, fixRequest([target]));
      const report = createBugReport(target, explainTest(target.test_id), plan);
      setState({ busy: 'Running the patch loop for the diff…', text: formatBugReportWithDiff(bugReportWithDiff(report, source)) });
      const settings = deps.settings();
      const outcome = await runPatchLoop({
        engine: engine(), source, findings: result.findings, targets: [target], check,
        runTest: createTestRunner((request) => deps.executor.execute(request), { stdin: deps.stdin(), expected: deps.expected() }),
        strategies: settings.patchStrategies, rounds: settings.patchRounds, signal: controller.signal,
      });
      const pair = bugReportWithDiff(report, source, outcome.best?.source);
      setState({ busy: null, text: formatBugReportWithDiff(pair), json: JSON.stringify(pair, null, 2) });
      if (pair.diff) {
        const [first, last] = [target.line_range[0] ?? target.line_number, target.line_range.at(-1) ?? target.line_number];
        deps.recordBugReport?.({
          id: report.id, reportText: formatBugReport(report), diffText: pair.diff, line: report.line,
          code: source.split('\n').slice(first - 1, last).join('\n'), sourcePath: report.file,
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
      if (format === 'sarif') downloadText('main.sarif', JSON.stringify(toSarif(result, { source }), null, 2), 'application/sarif+json');
      else downloadText('bandit-report.json', toBanditJson(result));
      deps.notify('info', `Exported ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} as ${format === 'sarif' ? 'SARIF 2.1.0' : 'Bandit JSON'}.`);
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
    bugReport: (finding) => void bugReport(finding),
    exportFindings: (format) => void exportFindings(format),
    explain,
  };
}
