// What the checks' buttons do: security patching and DNN infill sessions (shown in the
// patch review dialog), bug reports and exports. Kept out of Playground, which only
// supplies the program, the engines and the workers.
import { createSignal, Show, type Accessor, type JSX } from 'solid-js';
import type { AnalysisClient } from '../../workers/analysis/client.ts';
import type { ExecutorClient } from '../../workers/executor/client.ts';
import type { DnnElement } from '../../workers/protocol/dnn.ts';
import type { SecurityFinding } from '../../workers/protocol/security.ts';
import type { ModelEngine } from '../../workers/shared/engine.ts';
import type { BugReportInput } from '../state/export/records.ts';
import type { Settings } from '../state/settings.ts';
import type { EditorTheme } from '../monaco/editor.ts';
import type { ChecksActions } from '../components/ChecksArea.tsx';
import { PatchReview, type PatchCandidateView } from '../components/PatchReview.tsx';
import { createSecurityActions } from './security-actions.tsx';
import { infillElement } from './dnn-actions.ts';

export interface ChecksDeps {
  code: Accessor<string>;
  setCode(code: string): void;
  stdin: Accessor<string>;
  expected: Accessor<string>;
  settings: Accessor<Settings>;
  theme: Accessor<EditorTheme>;
  executor: ExecutorClient;
  analysis: AnalysisClient;
  notify(kind: 'info' | 'warning' | 'error', text: string, action?: { label: string; run(): void }): void;
  /** The model engine chosen in the settings, or null for the built-in rules engines. */
  engine(): ModelEngine | null;
  /** True while a program runs or is paused (the editor must not change under it). */
  busy(): boolean;
  reveal(line: number): void;
  /** Keeps a bug report and the diff that fixes it for the dataset export. */
  recordBugReport?(input: BugReportInput): void;
}

export interface PatchSessionView {
  title: string;
  original: string;
  candidates: PatchCandidateView[];
  busy: string | null;
  log: string[];
  cancel(): void;
}

export function createChecksActions(deps: ChecksDeps): { actions: ChecksActions; dialogs: () => JSX.Element } {
  const [review, setReview] = createSignal<PatchSessionView>();

  function accept(source: string): void {
    const session = review();
    if (!session) return;
    if (deps.code() !== session.original) {
      deps.notify('warning', 'The program changed while the candidates were made; review again before applying.');
      return;
    }
    deps.setCode(source);
    setReview(undefined);
    deps.notify('info', 'Patch applied to the editor (Ctrl+Z in the editor undoes it).');
  }

  const security = createSecurityActions(deps, { open: setReview, update: (change) => setReview((v) => (v ? change(v) : v)), isOpen: () => review() !== undefined });

  const actions: ChecksActions = {
    explain: security.explain,
    reveal: deps.reveal,
    patchSecurity: security.patchSecurity,
    bugReport: security.bugReport,
    exportFindings: security.exportFindings,
    infill: (element: DnnElement) => void infillElement(deps, element, setReview),
    patchBlocked: () => (deps.busy() ? 'Stop the program first: the editor cannot change while it runs.' : review() ? 'A patch review is open.' : null),
  };

  const dialogs = () => (
    <Show when={review()}>
      {(r) => (
        <PatchReview title={r().title} original={r().original} candidates={r().candidates} busy={r().busy} log={r().log}
          theme={deps.theme()} onAccept={accept} onCancel={() => r().cancel()} onClose={() => { r().cancel(); setReview(undefined); }} />
      )}
    </Show>
  );

  return { actions, dialogs };
}
