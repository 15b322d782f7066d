// The checks tab area of the page: security findings and the DNN check from the analysis
// worker, with their actions (reveal, patch, infill, export, bug report) from the app layer.
import { Show } from 'solid-js';
import { useRepl } from '../app/context.tsx';
import { ChecksPanel } from './ChecksPanel.tsx';
import { DnnPanel } from './DnnPanel.tsx';
import { FindingsPanel } from './FindingsPanel.tsx';

export function ChecksArea() {
  const { checks: c, workspace, security, infill, reviews, editor } = useRepl();
  const settings = workspace.settings;
  return (
    <ChecksPanel
      securityCount={c.security()?.findings.length}
      dnnCount={c.dnn()?.isKeras ? c.dnn()!.findings.length : undefined}
      securityStatus={c.securityStatus()}
      dnnStatus={c.dnnStatus()}
      security={
        <Show when={settings().securityCheck} fallback={<p class="notice">The security check is off (command palette: Toggle security check).</p>}>
          <FindingsPanel
            result={c.security()}
            status={c.securityStatus()}
            minSeverity={settings().securityMinSeverity}
            minConfidence={settings().securityMinConfidence}
            onLevels={(patch) => workspace.updateSettings(patch)}
            explain={security.explain}
            onReveal={editor.reveal}
            onPatch={security.patchSecurity}
            onBugReport={security.bugReport}
            onExport={security.exportFindings}
            patchability={security.patchability}
            patchDisabled={reviews.blocked()}
          />
        </Show>
      }
      dnn={
        <Show when={settings().dnnCheck} fallback={<p class="notice">The DNN check is off (command palette: Toggle DNN check).</p>}>
          <DnnPanel analysis={c.dnn()} status={c.dnnStatus()} onReveal={editor.reveal} onInfill={infill} infillDisabled={reviews.blocked()} />
        </Show>
      }
    />
  );
}
