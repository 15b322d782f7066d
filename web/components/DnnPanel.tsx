// The Keras-lite check of the program being edited: what the data says about the task,
// the model's output, the suspicious elements (with their reason) and every element
// found, each of which can be re-predicted by element infill.
import { For, Show } from 'solid-js';
import type { DnnAnalysis, DnnElement } from '../../workers/protocol/dnn.ts';
import type { CheckStatus } from '../state/checks/status.ts';

function describeTask(analysis: DnnAnalysis): string {
  const d = analysis.data;
  const parts: string[] = [
    d.task === 'unknown' ? 'unknown task' : d.task === 'multiclass' ? `multi-class${d.numClasses ? ` (${d.numClasses} classes)` : ''}` : d.task,
  ];
  if (d.labelEncoding && d.labelEncoding !== 'unknown') parts.push(`${d.labelEncoding} labels`);
  if (d.inputShape) parts.push(`input shape (${d.inputShape.map((n) => n ?? 'None').join(', ')})`);
  if (d.samples) parts.push(`${d.samples} samples`);
  return parts.join(', ');
}

export function DnnPanel(props: {
  analysis?: DnnAnalysis;
  status: CheckStatus;
  onReveal(line: number): void;
  onInfill(element: DnnElement): void;
  infillDisabled?: string | null;
}) {
  const elementOf = (id: number | null) => (id === null ? undefined : props.analysis?.elements[id]);
  return (
    <div class="dnn-panel" data-testid="dnn-panel">
      <Show when={props.status.state === 'error'}>
        <p class="heal-problem" role="alert">
          {props.status.message}
        </p>
      </Show>
      <For each={props.analysis?.errors ?? []}>{(e) => <p class="notice">Not checked: {e}</p>}</For>
      <Show when={props.analysis && !props.analysis.isKeras && !props.analysis.errors.length}>
        <p class="notice" data-testid="dnn-not-keras">
          No Keras model in this program (the check looks for <code>keras</code> or <code>tensorflow.keras</code> models).
        </p>
      </Show>
      <Show when={props.analysis?.isKeras}>
        <dl class="dnn-summary" data-testid="dnn-summary">
          <dt>Data</dt>
          <dd>{describeTask(props.analysis!)}</dd>
          <dt>Output</dt>
          <dd>
            {props.analysis!.output.units ?? '?'} unit(s), {props.analysis!.output.activation ?? 'no activation'}
            {props.analysis!.output.line ? ` (line ${props.analysis!.output.line})` : ''}
          </dd>
        </dl>
        <Show when={props.analysis!.data.evidence.length}>
          <details class="muted">
            <summary>Why</summary>
            <ul>
              <For each={props.analysis!.data.evidence}>{(e) => <li>{e}</li>}</For>
            </ul>
          </details>
        </Show>
        <Show when={props.analysis!.findings.length === 0}>
          <p class="notice" data-testid="dnn-clean">
            No suspicious elements.
          </p>
        </Show>
        <ul class="dnn-findings">
          <For each={props.analysis!.findings}>
            {(f) => (
              <li data-testid="dnn-finding" data-check={f.checkId}>
                <span class={`level level-${f.severity === 'warning' ? 'medium' : 'low'}`}>{f.kind ?? f.checkId}</span>
                <span class="message">{f.message}</span>
                <button class="link" onClick={() => props.onReveal(f.span.line)}>
                  line {f.span.line}
                </button>
                <Show when={elementOf(f.elementId)}>
                  {(el) => (
                    <button
                      class="small"
                      data-testid="infill"
                      disabled={Boolean(props.infillDisabled)}
                      title={props.infillDisabled ?? 'Mask this element and ask the engine for candidates'}
                      onClick={() => props.onInfill(el())}
                    >
                      Infill…
                    </button>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
        <details>
          <summary>All elements ({props.analysis!.elements.length})</summary>
          <table class="findings-table">
            <thead>
              <tr>
                <th>Element</th>
                <th>Where</th>
                <th>Text</th>
                <th>Line</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For each={props.analysis!.elements}>
                {(el) => (
                  <tr data-testid="dnn-element" data-kind={el.kind}>
                    <td>{el.kind.replace('_', ' ')}</td>
                    <td>{el.where}</td>
                    <td class="mono">{el.implicit ? `(default: ${el.standard})` : el.text}</td>
                    <td>
                      <button class="link" onClick={() => props.onReveal(el.span.line)}>
                        {el.span.line}
                      </button>
                    </td>
                    <td>
                      <button class="small" disabled={Boolean(props.infillDisabled)} onClick={() => props.onInfill(el)}>
                        Infill…
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </details>
      </Show>
    </div>
  );
}
