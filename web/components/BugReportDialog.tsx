// A bug report for one security finding, paired with the diff of the fix the patch loop
// found: shown as text, copied or downloaded as JSON (a (bug report, diff) record).
import { Show } from 'solid-js';
import { Modal } from './Modal.tsx';

export function BugReportDialog(props: {
  title: string;
  /** The report and diff as text; absent while the fix is searched. */
  text?: string;
  busy: string | null;
  onCopy(): void;
  onDownload(): void;
  onClose(): void;
}) {
  return (
    <Modal label={props.title} class="patch-review" testid="bug-report-dialog" heading={props.title} onClose={() => props.onClose()}>
      <Show when={props.busy}>
        {(text) => (
          <p class="notice" data-testid="bug-report-busy">
            {text()}
          </p>
        )}
      </Show>
      <Show when={props.text}>
        {(text) => (
          <pre class="unified-diff" data-testid="bug-report-text" tabindex="0" role="region" aria-label="Bug report">
            {text()}
          </pre>
        )}
      </Show>
      <div class="actions">
        <button type="button" data-testid="bug-report-copy" disabled={!props.text} onClick={() => props.onCopy()}>
          Copy
        </button>
        <button type="button" data-testid="bug-report-download" disabled={!props.text} onClick={() => props.onDownload()}>
          Download JSON
        </button>
        <button type="button" onClick={() => props.onClose()}>
          Close
        </button>
      </div>
    </Modal>
  );
}
