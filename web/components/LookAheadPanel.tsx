// The candidates of a pause side by side with where each one leads (look-ahead), best first.
// Choosing one makes it the proposal above: its state diff is shown and Accept merges it, as
// for any proposal. The look-ahead runs in the background: Accept, Skip and End never wait.
import { For, Show } from 'solid-js';
import type { LookAheadView } from '../app/heal.ts';
import { describeVerdict } from '../state/heal/lookahead.ts';

export function LookAheadPanel(props: { view?: LookAheadView; onLookAhead(): void; onChoose(index: number): void; busy: boolean }) {
  const order = () => {
    const view = props.view;
    if (!view) return [];
    return view.looked ? view.looked.choice.order : view.candidates.map((_, i) => i);
  };
  return (
    <div class="lookahead" data-testid="lookahead">
      <div class="panel-head">
        <h3>
          Look-ahead <span class="muted">where each candidate leads (the program re-run from the start in a separate Python; later pauses skipped)</span>
        </h3>
        <Show when={!props.view}>
          <button type="button" class="small" data-testid="lookahead-start" onClick={() => props.onLookAhead()}>
            Look ahead at every candidate
          </button>
        </Show>
      </div>
      <Show when={props.view?.running}>
        <p class="notice" data-testid="lookahead-running">
          Looking ahead{props.view!.candidates.length ? ` at ${props.view!.candidates.length} candidates` : ''}… (you can decide now)
        </p>
      </Show>
      <Show when={props.view?.error}>{(error) => <p class="heal-problem">Look-ahead failed: {error()}</p>}</Show>
      <Show when={props.view && props.view.candidates.length > 0}>
        <ol class="lookahead-list">
          <For each={order()}>
            {(index, rank) => {
              const candidate = () => props.view!.candidates[index]!;
              const verdict = () => props.view!.looked?.verdicts[index];
              return (
                <li class="lookahead-row" data-testid="lookahead-row" classList={{ best: rank() === 0 && verdict() !== undefined }}>
                  <div class="lookahead-label">{candidate().label}</div>
                  <pre class="lookahead-code">
                    <code>
                      {candidate().code}
                      {candidate().control ? `\n# then: ${candidate().control}` : ''}
                    </code>
                  </pre>
                  <div
                    class="lookahead-outcome"
                    data-testid="lookahead-outcome"
                    classList={{ ok: verdict()?.correct === true || (verdict()?.correct === undefined && verdict()?.proceed === true) }}
                  >
                    {verdict() ? describeVerdict(verdict()!) : '…'}
                  </div>
                  <Show when={verdict() && verdict()!.outcome.status !== 'skipped'}>
                    <div class="muted lookahead-cost">
                      {Math.round(verdict()!.outcome.ms)} ms past the pause · {verdict()!.outcome.statementsAfter.toLocaleString('en-US')}{' '}
                      {verdict()!.outcome.statementsAfter === 1 ? 'line' : 'lines'} run
                    </div>
                  </Show>
                  <Show when={verdict()?.outcome.stdout}>
                    {(out) => (
                      <details>
                        <summary>output</summary>
                        <pre class="heal-output">{out()}</pre>
                      </details>
                    )}
                  </Show>
                  <button
                    type="button"
                    class="small"
                    data-testid="lookahead-choose"
                    disabled={props.busy}
                    onClick={() => props.onChoose(index)}
                    title="Run it against the paused state and show its diff; Accept merges it"
                  >
                    Review this one
                  </button>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
    </div>
  );
}
