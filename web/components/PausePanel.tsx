// Paused on an unhandled error: the error (with CPython's "Did you mean" hint), the statement,
// the program state as repr() shows it (the failing frame; a generator expression's variables
// and the callers' frames beside it) and the decision; the heal review (children) proposes
// handling code.
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { Binding, PauseAnswer, PauseContext, StackFrameInfo } from '../../workers/protocol/runner.ts';
import { friendlyErrorTitle } from '../state/error-title.ts';
import { errorHint } from '../state/heal/pytext.ts';
import { staleBindingWarnings } from '../state/heal/stale-bindings.ts';

export function PausePanel(props: {
  context: PauseContext;
  reportOnly: boolean;
  answer(a: PauseAnswer): void;
  children?: JSX.Element;
  /** Why the failing import cannot succeed here (a module the browser cannot provide). */
  unavailable?: string;
  /** What skipping costs, when that is worth saying (skipping an import of an unavailable module). */
  skipWarning?: string;
}) {
  const [showAll, setShowAll] = createSignal(false);
  const title = () => friendlyErrorTitle(props.context.error);
  const hint = () => errorHint(props.context.error.formatted)?.text;
  // Modules, functions and classes are noise for most users: values first.
  const visible = (bindings: Binding[]) => (showAll() ? bindings : bindings.filter((b) => b.kind === 'value'));
  const inner = () => (props.context.frames ?? []).filter((f) => f.role === 'inner' && f.bindings.length);
  const callers = () => (props.context.frames ?? []).filter((f) => f.role === 'caller');
  const skipWarnings = () => staleBindingWarnings(props.context, undefined);
  return (
    <section class="pause-panel" data-testid="pause-panel" role="alert" aria-label="Paused on error">
      <h2>
        Paused: <span data-testid="pause-error">{props.context.error.type}</span>
        <span class="where">
          {' '}
          at line {props.context.line}
          {props.context.function !== '<module>' ? ` in ${props.context.function}` : ''}
        </span>
      </h2>
      <p class="error-message" data-testid="pause-message">
        {title().title}: <code>{props.context.error.message}</code>
        <Show when={hint()}>
          {(text) => (
            <>
              {' '}
              <span class="error-hint" data-testid="pause-hint">
                {text()}
              </span>
            </>
          )}
        </Show>
      </p>
      <pre class="statement" data-testid="pause-statement">
        {props.context.statement}
      </pre>
      <Show when={props.unavailable}>
        <p class="module-unavailable" data-testid="module-unavailable">
          {props.unavailable}
        </p>
      </Show>
      <table class="state-table" data-testid="state-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Value</th>
          </tr>
        </thead>
        <tbody>
          <For each={visible(props.context.state.locals)}>{(b) => <BindingRow binding={b} />}</For>
          <For each={inner()}>
            {(frame) => (
              <>
                <tr class="divider">
                  <td colspan="3">
                    {frameLabel(frame)} (line {frame.line})
                  </td>
                </tr>
                <For each={frame.bindings}>{(b) => <BindingRow binding={b} testid="inner-binding" />}</For>
              </>
            )}
          </For>
          <Show when={(props.context.state.locals.length || inner().length) && visible(props.context.state.globals).length}>
            <tr class="divider">
              <td colspan="3">globals</td>
            </tr>
          </Show>
          <For each={visible(props.context.state.globals)}>{(b) => <BindingRow binding={b} />}</For>
        </tbody>
      </table>
      <Show when={callers().length}>
        <details class="frames" data-testid="caller-frames">
          <summary>
            Call stack:{' '}
            {callers()
              .map((f) => `${f.function} (line ${f.line})`)
              .join(' ← ')}
          </summary>
          <For each={callers()}>
            {(frame) => (
              <table class="state-table">
                <tbody>
                  <tr class="divider">
                    <td colspan="3">
                      {frame.function} at line {frame.line}
                    </td>
                  </tr>
                  <For
                    each={frame.bindings}
                    fallback={
                      <tr>
                        <td colspan="3" class="muted">
                          (no local variables)
                        </td>
                      </tr>
                    }
                  >
                    {(b) => <BindingRow binding={b} />}
                  </For>
                </tbody>
              </table>
            )}
          </For>
        </details>
      </Show>
      <label class="small-toggle">
        <input type="checkbox" checked={showAll()} onChange={(e) => setShowAll(e.currentTarget.checked)} /> show modules, functions and classes
      </label>
      <Show when={props.reportOnly}>
        <p class="notice">Report-only mode: this browser can neither suspend Python (JSPI) nor share memory with it, so the program cannot continue.</p>
      </Show>
      {props.children}
      <Show when={!props.reportOnly && skipWarnings().length}>
        <p class="stale-binding" data-testid="skip-warning">
          If you skip: {skipWarnings().join(' ')}
        </p>
      </Show>
      <Show when={props.skipWarning}>
        <p class="notice" data-testid="skip-import-warning">
          Skip statement: {props.skipWarning}.
        </p>
      </Show>
      <div class="actions">
        <button
          data-testid="continue"
          disabled={props.reportOnly}
          onClick={() => props.answer({ action: 'merge' })}
          title="Skip the failing statement; the program goes on with the next one"
        >
          Skip statement and continue
        </button>
        <button data-testid="raise" onClick={() => props.answer({ action: 'raise' })}>
          End with traceback
        </button>
      </div>
    </section>
  );
}

function frameLabel(frame: StackFrameInfo): string {
  if (frame.function === '<genexpr>') return 'generator expression';
  if (frame.function === '<lambda>') return 'lambda';
  return `in ${frame.function}, called here`;
}

function BindingRow(props: { binding: Binding; testid?: string }) {
  return (
    <tr data-testid={props.testid}>
      <td>{props.binding.name}</td>
      <td>
        {props.binding.type}
        {props.binding.handle !== undefined ? ' (opaque)' : ''}
      </td>
      <td>
        <code>{props.binding.repr}</code>
      </td>
    </tr>
  );
}
