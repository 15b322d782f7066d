// Paused on an unhandled error: the error, the statement, the program state and
// the decision; the heal review (children) proposes handling code.
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { Binding, PauseAnswer, PauseContext } from '../../workers/protocol/runner.ts';
import { friendlyErrorTitle } from '../state/error-title.ts';

export function PausePanel(props: {
  context: PauseContext; reportOnly: boolean; answer(a: PauseAnswer): void; children?: JSX.Element;
  /** Why the failing import cannot succeed here (a module the browser cannot provide). */
  unavailable?: string;
  /** What skipping costs, when that is worth saying (skipping an import of an unavailable module). */
  skipWarning?: string;
}) {
  const [showAll, setShowAll] = createSignal(false);
  const title = () => friendlyErrorTitle(props.context.error);
  // Modules, functions and classes are noise for most users: values first.
  const visible = (bindings: Binding[]) => (showAll() ? bindings : bindings.filter((b) => b.kind === 'value'));
  return (
    <section class="pause-panel" data-testid="pause-panel" role="alert" aria-label="Paused on error">
      <h2>
        Paused: <span data-testid="pause-error">{props.context.error.type}</span>
        <span class="where"> at line {props.context.line}{props.context.function !== '<module>' ? ` in ${props.context.function}` : ''}</span>
      </h2>
      <p class="error-message">{title().title}: <code>{props.context.error.message}</code></p>
      <pre class="statement" data-testid="pause-statement">{props.context.statement}</pre>
      <Show when={props.unavailable}>
        <p class="module-unavailable" data-testid="module-unavailable">{props.unavailable}</p>
      </Show>
      <table class="state-table" data-testid="state-table">
        <thead><tr><th>Name</th><th>Type</th><th>Value</th></tr></thead>
        <tbody>
          <For each={visible(props.context.state.locals)}>{(b) => <BindingRow binding={b} />}</For>
          <Show when={props.context.state.locals.length && visible(props.context.state.globals).length}>
            <tr class="divider"><td colspan="3">globals</td></tr>
          </Show>
          <For each={visible(props.context.state.globals)}>{(b) => <BindingRow binding={b} />}</For>
        </tbody>
      </table>
      <label class="small-toggle">
        <input type="checkbox" checked={showAll()} onChange={(e) => setShowAll(e.currentTarget.checked)} /> show modules, functions and classes
      </label>
      <Show when={props.reportOnly}>
        <p class="notice">Report-only mode: this browser can neither suspend Python (JSPI) nor share memory with it, so the program cannot continue.</p>
      </Show>
      {props.children}
      <Show when={props.skipWarning}><p class="notice" data-testid="skip-warning">Skip statement: {props.skipWarning}.</p></Show>
      <div class="actions">
        <button data-testid="continue" disabled={props.reportOnly} onClick={() => props.answer({ action: 'merge' })}
          title="Skip the failing statement; the program goes on with the next one">
          Skip statement and continue
        </button>
        <button data-testid="raise" onClick={() => props.answer({ action: 'raise' })}>End with traceback</button>
      </div>
    </section>
  );
}

function BindingRow(props: { binding: Binding }) {
  return (
    <tr>
      <td>{props.binding.name}</td>
      <td>{props.binding.type}{props.binding.handle !== undefined ? ' (opaque)' : ''}</td>
      <td><code>{props.binding.repr}</code></td>
    </tr>
  );
}
