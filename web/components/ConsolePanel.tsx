// Streamed program output, the inline input() prompt and the error summary. Text that handling
// code printed carries a gutter mark ("from heal #n"); once the code changes, what the console
// shows is marked as from the previous run.
import { createSignal, For, Show } from 'solid-js';
import type { ErrorInfo } from '../../workers/protocol/runner.ts';
import type { ConsoleBuffer } from '../state/console-buffer.ts';
import { friendlyErrorTitle } from '../state/error-title.ts';

export function ConsolePanel(props: {
  buffer: ConsoleBuffer;
  error?: ErrorInfo;
  prompt: string | null;
  onInput(line: string | null): void;
  onClear(): void;
  /** The code changed since this output's run. */
  stale?: boolean;
}) {
  const [line, setLine] = createSignal('');
  let pre: HTMLPreElement | undefined;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onInput(line());
    setLine('');
  };
  // Keep the newest output in view while it streams.
  const scroll = () => queueMicrotask(() => pre && (pre.scrollTop = pre.scrollHeight));
  return (
    <section class="console-panel" classList={{ stale: props.stale }} aria-label="Console">
      <div class="panel-head">
        <h2>
          Console{' '}
          <Show when={props.stale}>
            <span class="stale-label" data-testid="console-stale">
              from the previous run
            </span>
          </Show>
        </h2>
        <button class="small" data-testid="clear-output" onClick={() => props.onClear()}>
          Clear
        </button>
      </div>
      <Show when={props.error}>{(error) => <ErrorSummary error={error()} />}</Show>
      <pre class="console" data-testid="console" aria-live="polite" ref={pre}>
        <For each={props.buffer.entries}>
          {(entry, index) => {
            scroll();
            if (entry.stream === 'image') {
              const number = props.buffer.entries.slice(0, index() + 1).filter((e) => e.stream === 'image').length;
              return <Figure url={entry.text} number={number} />;
            }
            return entry.heal === undefined ? (
              <span class={`out-${entry.stream}`}>{entry.text}</span>
            ) : (
              <span class={`out-${entry.stream} from-heal`} data-heal={entry.heal + 1} title={`from heal #${entry.heal + 1}: printed by its handling code`}>
                {entry.text}
              </span>
            );
          }}
        </For>
      </pre>
      <Show when={props.buffer.truncated}>
        <p class="notice" data-testid="truncated">
          Output truncated: the console keeps the first 10,000 lines and the last 200 (the marker in the output says how much was left out between).
        </p>
      </Show>
      <Show when={props.prompt !== null}>
        <form class="input-line" onSubmit={submit}>
          <label for="input-line">{props.prompt || 'input()'}</label>
          <input
            id="input-line"
            data-testid="input-line"
            autocomplete="off"
            value={line()}
            onInput={(e) => setLine(e.currentTarget.value)}
            ref={(el) => queueMicrotask(() => el.focus())}
          />
          <button type="submit">Send</button>
          <button type="button" title="End of input: input() raises EOFError" onClick={() => props.onInput(null)}>
            EOF
          </button>
        </form>
      </Show>
    </section>
  );
}

/** A figure the program showed (plt.show()), with its download. */
function Figure(props: { url: string; number: number }) {
  const kind = () => (props.url.startsWith('data:image/svg') ? 'svg' : 'png');
  return (
    <span class="console-figure" data-testid="console-figure">
      <img src={props.url} alt={`Figure ${props.number} of the program`} />
      <a class="small-button" href={props.url} download={`figure-${props.number}.${kind()}`} data-testid="figure-download">
        Download {kind().toUpperCase()}
      </a>
    </span>
  );
}

export function ErrorSummary(props: { error: ErrorInfo }) {
  const title = () => friendlyErrorTitle(props.error);
  return (
    <div class="error-summary" data-testid="error-summary" role="alert">
      <strong data-testid="error-title">{title().title}</strong>
      <Show when={title().where}>
        <span class="where"> — {title().where}</span>
      </Show>
      <details>
        <summary>
          <code>{title().detail}</code>
        </summary>
        <pre class="traceback" data-testid="traceback">
          {props.error.formatted}
        </pre>
      </details>
    </div>
  );
}
