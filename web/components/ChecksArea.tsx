// The checks tab area of the page: security findings and the DNN check from the
// analysis worker, with their actions (reveal, patch, infill, export, bug report).
// Patching sessions are owned here so Playground only provides the program and engines.
import { Show } from 'solid-js';
import type { StaticChecks } from '../checks/static-checks.ts';
import type { Settings } from '../state/settings.ts';
import type { DnnElement } from '../../workers/protocol/dnn.ts';
import type { SecurityFinding } from '../../workers/protocol/security.ts';
import { ChecksPanel } from './ChecksPanel.tsx';
import { DnnPanel } from './DnnPanel.tsx';
import { FindingsPanel, type FindingExplanation } from './FindingsPanel.tsx';

export interface ChecksActions {
  explain(testId: string): FindingExplanation | undefined;
  reveal(line: number): void;
  patchSecurity(finding: SecurityFinding | null): void;
  bugReport(finding: SecurityFinding): void;
  exportFindings(format: 'bandit-json' | 'sarif'): void;
  infill(element: DnnElement): void;
  /** Why patching/infill is not possible right now (a program is running, a review is open), or null. */
  patchBlocked(): string | null;
}

export function ChecksArea(props: {
  checks: StaticChecks;
  settings: Settings;
  onSettings(patch: Partial<Settings>): void;
  actions: ChecksActions;
}) {
  const c = props.checks;
  return (
    <ChecksPanel
      securityCount={c.security()?.findings.length}
      dnnCount={c.dnn()?.isKeras ? c.dnn()!.findings.length : undefined}
      securityStatus={c.securityStatus()}
      dnnStatus={c.dnnStatus()}
      security={
        <Show when={props.settings.securityCheck} fallback={<p class="notice">The security check is off (command palette: Toggle security check).</p>}>
          <FindingsPanel result={c.security()} status={c.securityStatus()}
            minSeverity={props.settings.securityMinSeverity} minConfidence={props.settings.securityMinConfidence}
            onLevels={(patch) => props.onSettings(patch)} explain={props.actions.explain} onReveal={props.actions.reveal}
            onPatch={props.actions.patchSecurity} onBugReport={props.actions.bugReport} onExport={props.actions.exportFindings}
            patchDisabled={props.actions.patchBlocked()} />
        </Show>
      }
      dnn={
        <Show when={props.settings.dnnCheck} fallback={<p class="notice">The DNN check is off (command palette: Toggle DNN check).</p>}>
          <DnnPanel analysis={c.dnn()} status={c.dnnStatus()} onReveal={props.actions.reveal} onInfill={props.actions.infill}
            infillDisabled={props.actions.patchBlocked()} />
        </Show>
      }
    />
  );
}
