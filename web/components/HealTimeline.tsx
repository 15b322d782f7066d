// Every heal decision of the current run: error, handling code, decision, timings;
// prompts and answers expandable. "#n" is the heal the console's gutter marks name. A fix the
// runner reused is one entry with its count; its individual reuses open in a virtualised list
// (the DOM stays small for 10,000 of them).
import { createSignal, For, Show } from 'solid-js';
import { createVirtualizer } from '@tanstack/solid-virtual';
import type { HealTraceEntry } from '../state/heal/trace.ts';
import { decisionLabel, isSkip, summarizeTimeline } from '../state/heal/timeline.ts';
import { plural } from '../state/plural.ts';

const ROW_PX = 20;

/** Each reuse of a fix, in order: only the rows in view are in the DOM. */
function ReuseList(props: { timesMs: number[]; count: number }) {
  let scroller: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() {
      return props.timesMs.length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => ROW_PX,
    overscan: 8,
  });
  return (
    <div>
      <div
        class="reuse-list"
        ref={scroller}
        data-testid="reuse-list"
        tabindex="0"
        role="list"
        aria-label={`Each reuse (${plural(props.timesMs.length, 'row')})`}
      >
        <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
          <For each={virtualizer.getVirtualItems()}>
            {(row) => (
              <div role="listitem" class="reuse-row" style={{ position: 'absolute', top: `${row.start}px`, height: `${ROW_PX}px` }}>
                #{(row.index + 1).toLocaleString('en-US')} · {props.timesMs[row.index]!.toFixed(3)} ms
              </div>
            )}
          </For>
        </div>
      </div>
      <Show when={props.count > props.timesMs.length}>
        <p class="muted">…and {(props.count - props.timesMs.length).toLocaleString('en-US')} more (counted, not listed).</p>
      </Show>
    </div>
  );
}

function TimelineSummary(props: { entries: HealTraceEntry[] }) {
  const summary = () => summarizeTimeline(props.entries);
  return (
    <p class="timeline-summary" data-testid="timeline-summary">
      {plural(summary().healed, 'heal')}
      <Show when={summary().reused}> ({summary().reused.toLocaleString('en-US')} by reusing an accepted fix)</Show>
      <Show when={summary().skipped}> · {plural(summary().skipped, 'skip')}</Show>
      <Show when={summary().rejected}> · {summary().rejected.toLocaleString('en-US')} rejected</Show>
      <Show when={summary().raised}> · ended with a traceback</Show>
      <Show when={summary().onlySkipped.length}>
        <span class="warning-text" data-testid="only-skipped">
          {' '}
          · only skipped, never fixed:{' '}
          {summary()
            .onlySkipped.map((s) => `line ${s.line} (${s.errorType})`)
            .join(', ')}
        </span>
      </Show>
    </p>
  );
}

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
        <div class="panel-head">
          <h2>
            Heal timeline{' '}
            <Show when={props.stale}>
              <span class="stale-label">from the previous run</span>
            </Show>
          </h2>
          <span class="muted">
            {plural(props.entries.length, 'decision')}
            {(props.runs ?? 0) > 1 ? ` (this run; ${props.runs} runs with heals in Export)` : ''}
          </span>
          <Show when={props.onExport}>
            <button type="button" class="small" data-testid="timeline-export" onClick={() => props.onExport?.()}>
              Export…
            </button>
          </Show>
        </div>
        <TimelineSummary entries={props.entries} />
        <ol>
          <For each={props.entries}>
            {(entry) => (
              <li data-testid="timeline-entry">
                <span class="muted" data-testid="timeline-heal-number">
                  #{entry.pauseIndex + 1}
                </span>{' '}
                <span>
                  line {entry.line}: {entry.errorType}
                </span>{' '}
                <span class={`decision decision-${isSkip(entry) ? 'skip' : entry.decision}`}>{decisionLabel(entry)}</span>{' '}
                <Show
                  when={entry.reuse}
                  fallback={
                    <span class="muted">
                      ({entry.engine}; engine {Math.round(entry.timings.engineMs)} ms, executor {Math.round(entry.timings.executorMs)} ms,{' '}
                      {entry.timings.lookAheadMs !== undefined ? `look-ahead ${Math.round(entry.timings.lookAheadMs)} ms, ` : ''}capture + merge{' '}
                      {Math.round(entry.timings.mergeMs)} ms)
                    </span>
                  }
                >
                  {(reuse) => <span class="muted">(in the program itself; {(reuse().totalMs / reuse().count).toFixed(3)} ms each)</span>}
                </Show>
                <Show when={props.canMakePermanent?.(entry)}>
                  <button
                    type="button"
                    class="small"
                    data-testid="make-permanent"
                    onClick={() => props.onMakePermanent?.(entry)}
                    title="Ask the engine for a source patch of the failing function, validated on the test case"
                  >
                    Make it permanent
                  </button>
                </Show>
                <Show when={entry.diff}>
                  <div class="timeline-diff" data-testid="timeline-diff">
                    <code>{entry.diff}</code>
                  </div>
                </Show>
                <Show when={entry.control}>
                  <div class="muted" data-testid="timeline-control">
                    then{' '}
                    {entry.control === 'break'
                      ? 'leaves the loop (break)'
                      : entry.control === 'return'
                        ? 'leaves the function (return)'
                        : 'ends this iteration (continue)'}
                  </div>
                </Show>
                <Show when={entry.choice}>
                  <div class="muted" data-testid="timeline-choice">
                    chosen by {entry.choice}
                  </div>
                </Show>
                <Show when={entry.rejection}>
                  <div class="muted">reason: {entry.rejection}</div>
                </Show>
                <Show when={entry.reuse && entry.reuse.timesMs.length > 0}>
                  <ReuseToggle entry={entry} />
                </Show>
                <details>
                  <summary>handling code</summary>
                  <pre>{entry.handlingCode || '(none)'}</pre>
                  <Show when={entry.userPrompt}>
                    <details>
                      <summary>prompt</summary>
                      <pre>
                        {entry.systemPrompt}
                        {'\n\n'}
                        {entry.userPrompt}
                      </pre>
                    </details>
                  </Show>
                  <Show when={entry.answer}>
                    <details>
                      <summary>engine answer</summary>
                      <pre>{entry.answer}</pre>
                    </details>
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

function ReuseToggle(props: { entry: HealTraceEntry }) {
  const [open, setOpen] = createSignal(false);
  return (
    <div>
      <button type="button" class="small" data-testid="reuse-toggle" aria-expanded={open()} onClick={() => setOpen(!open())}>
        {open() ? 'Hide each reuse' : 'Show each reuse'}
      </button>
      <Show when={open()}>
        <ReuseList timesMs={props.entry.reuse!.timesMs} count={props.entry.reuse!.count} />
      </Show>
    </div>
  );
}
