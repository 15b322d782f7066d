// The notice bars above the editor (app/notices.ts): a message, its details, its actions.
import { For, Show } from 'solid-js';
import { useRepl } from '../app/context.tsx';

export function NoticeBars() {
  const { notices } = useRepl();
  return (
    <div class="notices" aria-live="polite">
      <For each={notices.list()}>
        {(n) => (
          <div class={`notice-bar ${n.kind}`} data-testid={`notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
            <div class="notice-body">
              <span>{n.text}</span>
              <Show when={n.details?.length}>
                <ul class="notice-details" data-testid="notice-details">
                  <For each={n.details}>{(line) => <li>{line}</li>}</For>
                </ul>
              </Show>
            </div>
            <For each={n.actions}>
              {(a) => (
                <button class="small" onClick={() => notices.runAction(n.id, a)}>
                  {a.label}
                </button>
              )}
            </For>
            <button class="small close" aria-label="Dismiss" onClick={() => notices.dismiss(n.id)}>
              ×
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
