// The program editor: a plain <textarea> paints at once; Monaco (web/monaco/editor.ts, its own
// lazily loaded chunk) replaces it when it arrives, keeping whatever was typed meanwhile.
// Small touch screens keep the textarea (Monaco is poor with on-screen keyboards, and its
// chunk is most of the page's JavaScript): it has line numbers and the paused or failed
// statement's highlight too (a gutter and a band behind the text, scrolled with it).
import { createEffect, For, on, onCleanup, onMount, Show, createSignal, untrack } from 'solid-js';
import type { EditorMarker, EditorTheme, HighlightKind, PythonEditor } from '../monaco/editor.ts';
import './CodeEditor.css';

export type { EditorMarker, EditorTheme, HighlightKind, PythonEditor };

export interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  theme: EditorTheme;
  markers?: EditorMarker[];
  highlight?: { line: number; endLine?: number; kind: HighlightKind } | null;
  onRun?(): void;
  /** Esc in Monaco (no widget open). Default: focus moves to the next focusable element. */
  onEscape?(): void;
  ref?(editor: PythonEditor): void;
  /** id of the fallback textarea (for a <label for>). */
  id?: string;
  ariaLabel?: string;
  class?: string;
}

const MARKER_OWNER = 'props';
/** The plain editor's line height and padding (CodeEditor.css uses the same). */
const PLAIN_LINE_PX = 20;
const PLAIN_PAD_PX = 8;
const KEEP_TEXTAREA_QUERY = '(pointer: coarse) and (max-width: 700px)';

/** Whether this device keeps the plain textarea instead of loading Monaco. */
export function prefersPlainEditor(): boolean {
  return typeof matchMedia === 'function' && matchMedia(KEEP_TEXTAREA_QUERY).matches;
}

export function CodeEditor(props: CodeEditorProps) {
  const [editor, setEditor] = createSignal<PythonEditor>();
  let host!: HTMLDivElement;
  let monacoHost!: HTMLDivElement;
  let textarea: HTMLTextAreaElement | undefined;
  let disposed = false;
  // The latest text, whoever changed it (textarea, Monaco or the value prop).
  let current = untrack(() => props.value);
  // The plain editor's line count and scroll position (its gutter and highlight follow them).
  const [lineCount, setLineCount] = createSignal(current.split('\n').length);
  const [scrollTop, setScrollTop] = createSignal(0);

  const change = (value: string) => {
    current = value;
    setLineCount(value.split('\n').length);
    props.onChange(value);
  };

  onMount(() => {
    if (prefersPlainEditor()) return;
    import('../monaco/editor.ts').then(
      ({ createPythonEditor }) => {
        if (disposed) return;
        const hadFocus = textarea !== undefined && document.activeElement === textarea;
        const caret = textarea?.selectionStart ?? 0;
        const instance = createPythonEditor(monacoHost, {
          value: current,
          theme: untrack(() => props.theme),
          ariaLabel: untrack(() => props.ariaLabel),
          onChange: change,
          onRun: () => props.onRun?.(),
          onEscape: props.onEscape ? () => props.onEscape?.() : undefined,
        });
        setEditor(instance);
        if (hadFocus) {
          const position = instance.monaco.getModel()?.getPositionAt(caret);
          if (position) instance.setPosition(position.lineNumber, position.column);
          instance.focus();
        }
        props.ref?.(instance);
      },
      (error: unknown) => {
        // Keep the textarea; the page works without Monaco.
        console.warn('Monaco editor failed to load; keeping the plain editor.', error);
      },
    );
  });

  // Lets end-to-end tests read the text without scraping Monaco's virtualised DOM.
  onMount(() => {
    (host as HTMLDivElement & { healEditorValue?: () => string }).healEditorValue = () => current;
  });

  onCleanup(() => {
    disposed = true;
    editor()?.dispose();
  });

  // Outside changes (an example loaded, a heal applied): skipped when the text is the same,
  // so typing never moves the cursor.
  createEffect(
    on(
      () => props.value,
      (value) => {
        if (value === current) return;
        current = value;
        setLineCount(value.split('\n').length);
        editor()?.setValue(value);
      },
    ),
  );
  createEffect(() => editor()?.setTheme(props.theme));
  createEffect(() => editor()?.setMarkers(MARKER_OWNER, props.markers ?? []));
  createEffect(() => {
    const h = props.highlight;
    editor()?.highlightStatement(h ? { line: h.line, endLine: h.endLine } : null, h?.kind);
  });

  // The plain editor scrolls a highlighted statement into view, as Monaco does.
  createEffect(() => {
    const h = props.highlight;
    if (!h || editor() || !textarea) return;
    const top = (h.line - 1) * PLAIN_LINE_PX;
    const view = textarea.clientHeight - 2 * PLAIN_PAD_PX;
    if (top < textarea.scrollTop || top + PLAIN_LINE_PX > textarea.scrollTop + view) textarea.scrollTop = Math.max(0, top - view / 3);
  });
  const highlighted = (line: number) => {
    const h = props.highlight;
    return h && line >= h.line && line <= (h.endLine ?? h.line) ? h.kind : undefined;
  };

  const onTextareaKey = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter' && props.onRun) {
      event.preventDefault();
      event.stopPropagation();
      props.onRun();
    }
  };

  return (
    <div
      ref={host}
      class={`code-editor${props.class ? ` ${props.class}` : ''}`}
      data-testid={editor() ? 'editor' : undefined}
      data-editor-ready={editor() ? 'true' : undefined}
    >
      <Show when={!editor()}>
        <div class="plain-editor">
          <div class="plain-gutter" aria-hidden="true" data-testid="plain-gutter">
            <div style={{ transform: `translateY(${-scrollTop()}px)` }}>
              <For each={Array.from({ length: lineCount() }, (_, i) => i + 1)}>
                {(line) => <div class={`plain-line-number${highlighted(line) ? ` plain-line-${highlighted(line)}` : ''}`}>{line}</div>}
              </For>
            </div>
          </div>
          <div class="plain-body">
            <Show when={props.highlight}>
              {(h) => (
                <div
                  class={`plain-highlight plain-highlight-${h().kind}`}
                  aria-hidden="true"
                  data-testid="plain-highlight"
                  data-line={h().line}
                  data-kind={h().kind}
                  style={{
                    top: `${PLAIN_PAD_PX + (h().line - 1) * PLAIN_LINE_PX - scrollTop()}px`,
                    height: `${((h().endLine ?? h().line) - h().line + 1) * PLAIN_LINE_PX}px`,
                  }}
                />
              )}
            </Show>
            <textarea
              ref={textarea}
              id={props.id}
              class="code-editor-fallback"
              data-testid="code"
              spellcheck={false}
              autocapitalize="off"
              autocomplete="off"
              wrap="off"
              aria-label={props.ariaLabel}
              value={props.value}
              onInput={(e) => change(e.currentTarget.value)}
              onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
              onKeyDown={onTextareaKey}
            />
          </div>
        </div>
      </Show>
      <div ref={monacoHost} class="code-editor-monaco" />
    </div>
  );
}
