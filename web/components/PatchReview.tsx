// Review of proposed whole-program patches (security fixes, DNN element infill): the
// candidates with their status on the left, a diff against the current program on the
// right, and Accept, which replaces the editor text as one undoable edit.
import { plural } from '../state/plural.ts';
import { createEffect, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { createTwoFilesPatch } from 'diff';
import type { DiffView } from '../monaco/diff-view.ts';
import type { EditorTheme } from '../monaco/editor.ts';
import type { PatchCandidateView } from '../app/patch-review.ts';
import { Modal } from './Modal.tsx';

export function PatchReview(props: {
  title: string;
  original: string;
  candidates: PatchCandidateView[];
  /** Progress line while the engine works; null when done. */
  busy: string | null;
  /** What happened, step by step (verbalisation, strategies, rounds). */
  log?: string[];
  theme: EditorTheme;
  onAccept(source: string): void;
  onCancel(): void;
  onClose(): void;
}) {
  const [selected, setSelected] = createSignal<string>();
  const [diffFailed, setDiffFailed] = createSignal(false);
  let diffHost!: HTMLDivElement;
  let view: DiffView | undefined;

  // Follow the first acceptable candidate until the user picks one.
  const [picked, setPicked] = createSignal(false);
  createEffect(() => {
    if (picked()) return;
    const first = props.candidates.find((c) => c.acceptable) ?? props.candidates.find((c) => c.source !== undefined);
    setSelected(first?.id);
  });
  const current = () => props.candidates.find((c) => c.id === selected());

  onMount(() => {
    import('../monaco/diff-view.ts').then(
      ({ createDiffView }) => {
        view = createDiffView(diffHost, props.theme);
        const c = current();
        if (c?.source !== undefined) view.show(props.original, c.source);
      },
      () => setDiffFailed(true),
    );
  });
  onCleanup(() => view?.dispose());
  createEffect(() => {
    const c = current();
    if (view && c?.source !== undefined) view.show(props.original, c.source);
  });
  createEffect(() => view?.setTheme(props.theme));

  const unified = () => {
    const c = current();
    return c?.source === undefined ? '' : createTwoFilesPatch('main.py', 'main.py', props.original, c.source, 'current', 'patched', { context: 3 });
  };

  return (
    <Modal label={props.title} class="patch-review" testid="patch-review" heading={props.title} onClose={() => props.onClose()}>
      <Show when={props.busy}>
        {(text) => (
          <p class="notice" data-testid="patch-busy">
            {text()}{' '}
            <button type="button" class="small" onClick={() => props.onCancel()}>
              Cancel
            </button>
          </p>
        )}
      </Show>
      <div class="patch-body">
        <div class="patch-candidates">
          <Show when={props.candidates.length === 0 && !props.busy}>
            <p class="muted">No candidates.</p>
          </Show>
          <div role="listbox" aria-label="Candidates" class="patch-candidate-list" hidden={props.candidates.length === 0}>
            <For each={props.candidates}>
              {(c) => (
                <button
                  type="button"
                  role="option"
                  class="patch-candidate"
                  classList={{ selected: c.id === selected() }}
                  aria-selected={c.id === selected()}
                  data-testid="patch-candidate"
                  data-acceptable={c.acceptable ? 'true' : 'false'}
                  onClick={() => {
                    setPicked(true);
                    setSelected(c.id);
                  }}
                >
                  <span class="patch-candidate-title">{c.title}</span>
                  <span class="badges">
                    <For each={c.badges}>
                      {(b) => (
                        <span class={`badge tone-${b.tone}`} title={b.title}>
                          {b.label}
                        </span>
                      )}
                    </For>
                  </span>
                  <Show when={c.detail}>{(d) => <span class="muted patch-detail">{d()}</span>}</Show>
                </button>
              )}
            </For>
          </div>
          <Show when={props.log && props.log.length > 0}>
            <details class="patch-log">
              <summary>What the engine did ({plural(props.log!.length, 'step')})</summary>
              <ol>
                <For each={props.log}>{(line) => <li>{line}</li>}</For>
              </ol>
            </details>
          </Show>
        </div>
        <div class="patch-diff">
          <div class="diff-host" ref={diffHost} data-testid="patch-diff" hidden={diffFailed() || current()?.source === undefined} />
          <Show when={diffFailed() && current()?.source !== undefined}>
            <pre class="unified-diff" tabindex="0" role="region" aria-label="Proposed change (unified diff)">
              {unified()}
            </pre>
          </Show>
          <Show when={current() && current()!.source === undefined}>
            <p class="muted">This candidate produced no usable program{current()!.detail ? `: ${current()!.detail}` : '.'}</p>
          </Show>
        </div>
      </div>
      <div class="actions">
        <button
          type="button"
          class="primary"
          data-testid="patch-accept"
          disabled={!current()?.acceptable || current()?.source === undefined}
          onClick={() => {
            const s = current()?.source;
            if (s !== undefined) props.onAccept(s);
          }}
          title="Replace the program with this candidate (Ctrl+Z in the editor undoes it)"
        >
          Accept
        </button>
        <button type="button" onClick={() => props.onClose()}>
          Close
        </button>
      </div>
    </Modal>
  );
}
