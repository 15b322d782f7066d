// A bug report for one security finding, paired with the diff of the fix the patch loop
// found: shown as text, copied or downloaded as JSON (a (bug report, diff) record).
import { Show } from 'solid-js';

export function BugReportDialog(props: {
  title: string;
  /** The report and diff as text; absent while the fix is searched. */
  text?: string;
  busy: string | null;
  onCopy(): void;
  onDownload(): void;
  onClose(): void;
}) {
  let dialog!: HTMLDivElement;
  return (
    <div
      class="modal-backdrop"
      onClick={(e) => {
        if (e.target === e.currentTarget) props.onClose();
      }}
    >
      <div
        class="modal patch-review"
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        tabindex="-1"
        data-testid="bug-report-dialog"
        ref={(el) => {
          dialog = el;
          queueMicrotask(() => dialog.focus());
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onClose();
          }
        }}
      >
        <div class="panel-head">
          <h2>{props.title}</h2>
          <button class="small close" aria-label="Close" onClick={() => props.onClose()}>
            ×
          </button>
        </div>
        <Show when={props.busy}>
          {(text) => (
            <p class="notice" data-testid="bug-report-busy">
              {text()}
            </p>
          )}
        </Show>
        <Show when={props.text}>
          {(text) => (
            <pre class="unified-diff" data-testid="bug-report-text">
              {text()}
            </pre>
          )}
        </Show>
        <div class="actions">
          <button data-testid="bug-report-copy" disabled={!props.text} onClick={() => props.onCopy()}>
            Copy
          </button>
          <button data-testid="bug-report-download" disabled={!props.text} onClick={() => props.onDownload()}>
            Download JSON
          </button>
          <button onClick={() => props.onClose()}>Close</button>
        </div>
      </div>
    </div>
  );
}
