// "Export…": the datasets of this session as JSON Lines downloads (schemas in the README,
// "Dataset export"): heal records, repair records, bug-report records.
import { For } from 'solid-js';
import type { ExportItem } from '../app/exports.ts';

export function ExportDialog(props: { items: ExportItem[]; onDownload(item: ExportItem): void; onClose(): void }) {
  return (
    <div
      class="modal-backdrop"
      onClick={(e) => {
        if (e.target === e.currentTarget) props.onClose();
      }}
    >
      <div
        class="modal export-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Export datasets"
        tabindex="-1"
        data-testid="export-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onClose();
          }
        }}
        ref={(el) => queueMicrotask(() => el.focus())}
      >
        <div class="panel-head">
          <h2>Export datasets (JSON Lines)</h2>
          <button class="small close" aria-label="Close" onClick={() => props.onClose()}>
            ×
          </button>
        </div>
        <ul class="export-list">
          <For each={props.items}>
            {(item) => (
              <li>
                <span>
                  {item.title}: <strong data-testid={`export-count-${item.id}`}>{item.count}</strong> records
                </span>{' '}
                <button class="small" data-testid={`export-${item.id}`} disabled={item.count === 0} onClick={() => props.onDownload(item)}>
                  Download {item.file}
                </button>
                {item.note ? <div class="muted">{item.note}</div> : null}
              </li>
            )}
          </For>
        </ul>
        <div class="actions">
          <button onClick={() => props.onClose()}>Close</button>
        </div>
      </div>
    </div>
  );
}
