// Every heal decision of the current run: error, handling code, decision, timings;
// prompts and answers expandable. "#n" is the heal the console's gutter marks name.
import { For, Show } from 'solid-js';
import type { HealTraceEntry } from '../state/heal/trace.ts';

const DECISION_LABEL: Record<HealTraceEntry['decision'], string> = {
  accepted: 'accepted',
  'auto-accepted': 'auto-accepted',
  reused: 'reused an accepted fix',
  rejected: 'rejected',
  skipped: 'skipped',
  raised: 'ended with traceback',
};

export function HealTimeline(props: {
  entries: HealTraceEntry[];
  /** Offered on heals whose pause is known ("Make it permanent": a source patch from the execution data). */
  canMakePermanent?(entry: HealTraceEntry): boolean;
  onMakePermanent?(entry: HealTraceEntry): void;
  onExport?(): void;
  /** The code changed since this run. */
  stale?: boolean;
  /** Runs of this session with heals (all of them go to Export). */
  runs?: number;
}) {
  return (
    <Show when={props.entries.length}>
      <section class="timeline" classList={{ stale: props.stale }} data-testid="timeline" aria-label="Heal timeline">
        <div class="panel-head"><h2>Heal timeline <Show when={props.stale}><span class="stale-label">from the previous run</span></Show></h2>
          <span class="muted">{props.entries.length} decisions{(props.runs ?? 0) > 1 ? ` (this run; ${props.runs} runs with heals in Export)` : ''}</span>
          <Show when={props.onExport}><button class="small" data-testid="timeline-export" onClick={() => props.onExport?.()}>Export…</button></Show></div>
        <ol>
          <For each={props.entries}>
            {(entry) => (
              <li data-testid="timeline-entry">
                <span class="muted" data-testid="timeline-heal-number">#{entry.pauseIndex + 1}</span>{' '}
                <span>line {entry.line}: {entry.errorType}</span>{' '}
                <span class={`decision decision-${entry.decision}`}>{DECISION_LABEL[entry.decision]}</span>{' '}
                <span class="muted">({entry.engine}; engine {Math.round(entry.timings.engineMs)} ms, executor {Math.round(entry.timings.executorMs)} ms, capture + merge {Math.round(entry.timings.mergeMs)} ms)</span>
                <Show when={props.canMakePermanent?.(entry)}>
                  <button class="small" data-testid="make-permanent" onClick={() => props.onMakePermanent?.(entry)}
                    title="Ask the engine for a source patch of the failing function, validated on the test case">Make it permanent</button>
                </Show>
                <Show when={entry.diff}><div class="timeline-diff" data-testid="timeline-diff"><code>{entry.diff}</code></div></Show>
                <Show when={entry.rejection}><div class="muted">reason: {entry.rejection}</div></Show>
                <details>
                  <summary>handling code</summary>
                  <pre>{entry.handlingCode || '(none)'}</pre>
                  <Show when={entry.userPrompt}>
                    <details><summary>prompt</summary><pre>{entry.systemPrompt}{'\n\n'}{entry.userPrompt}</pre></details>
                  </Show>
                  <Show when={entry.answer}>
                    <details><summary>engine answer</summary><pre>{entry.answer}</pre></details>
                  </Show>
                </details>
              </li>
            )}
          </For>
        </ol>
      </section>
    </Show>
  );
}
