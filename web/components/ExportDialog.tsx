// "Export…": the datasets of this session as JSON Lines downloads (schemas in the README,
// "Dataset export"): heal records, repair records, bug-report records.
import { For } from 'solid-js';
import type { ExportItem } from '../app/exports.ts';
import { Modal } from './Modal.tsx';

export function ExportDialog(props: { items: ExportItem[]; onDownload(item: ExportItem): void; onClose(): void }) {
  return (
    <Modal label="Export datasets" class="export-dialog" testid="export-dialog" heading="Export datasets (JSON Lines)" onClose={() => props.onClose()}>
      <ul class="export-list">
        <For each={props.items}>
          {(item) => (
            <li>
              <span>
                {item.title}: <strong data-testid={`export-count-${item.id}`}>{item.count}</strong> {item.count === 1 ? 'record' : 'records'}
              </span>{' '}
              <button type="button" class="small" data-testid={`export-${item.id}`} disabled={item.count === 0} onClick={() => props.onDownload(item)}>
                Download {item.file}
              </button>
              {item.note ? <div class="muted">{item.note}</div> : null}
            </li>
          )}
        </For>
      </ul>
      <div class="actions">
        <button type="button" onClick={() => props.onClose()}>
          Close
        </button>
      </div>
    </Modal>
  );
}
