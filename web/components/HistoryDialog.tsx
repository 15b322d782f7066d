// "Restore earlier code…": the work that links, Reset to example, examples, restores and
// the other tab replaced (state/work-history.ts), newest first. Restoring one is undoable:
// the editor's current work goes into the history first (the caller does that).
import { For, Show } from 'solid-js';
import { entryPreview, reasonText, type HistoryEntry } from '../state/work-history.ts';
import { Modal } from './Modal.tsx';

function when(savedAt: number): string {
  const date = new Date(savedAt);
  const today = new Date().toDateString() === date.toDateString();
  return today ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

export function HistoryDialog(props: { entries: HistoryEntry[]; onRestore(entry: HistoryEntry): void; onClose(): void }) {
  return (
    <Modal label="Restore earlier code" class="history-dialog" testid="history-dialog" heading="Restore earlier code" onClose={() => props.onClose()}>
      <p class="muted">
        Code and test cases that something replaced in this browser (the last 20). Restoring one keeps what is in the editor now in this list.
      </p>
      <Show when={props.entries.length > 0} fallback={<p data-testid="history-empty">Nothing was replaced yet.</p>}>
        <ul class="history-list">
          <For each={props.entries}>
            {(entry) => (
              <li data-testid="history-entry">
                <div class="history-text">
                  <code class="mono">{entryPreview(entry)}</code>
                  <span class="muted">
                    {when(entry.savedAt)} · {reasonText(entry.reason)}
                    {entry.stdin !== '' || entry.expectedOutput ? ' · with test case' : ''}
                  </span>
                </div>
                <button type="button" class="small" data-testid="history-restore" onClick={() => props.onRestore(entry)}>
                  Restore
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="actions">
        <button type="button" onClick={() => props.onClose()}>
          Close
        </button>
      </div>
    </Modal>
  );
}
