// The test case: stdin and expected output; after a run, PROCEED/CORRECT badges
// and a side-by-side of expected vs actual output when they differ.
import { For, Show } from 'solid-js';
import type { RunResult } from '../../workers/protocol/runner.ts';
import { compareOutputs, whitespaceHint } from '../state/output-compare.ts';

export function TestCasePanel(props: {
  stdin: string;
  expectedOutput: string;
  onStdin(value: string): void;
  onExpectedOutput(value: string): void;
  timeLimitMs: number;
  onTimeLimitMs(value: number): void;
  result?: RunResult;
}) {
  const checked = () => (props.result && props.result.proceed !== undefined ? props.result : undefined);
  return (
    <section class="testcase-panel" aria-label="Test case">
      <div class="panel-head">
        <h2>Test case</h2>
        <Show when={checked()}>
          {(r) => (
            <span class="badges">
              <Badge name="PROCEED" ok={r().proceed!} title="The program finished without an unhandled error" />
              <Badge name="CORRECT" ok={r().correct!} title="It also printed exactly the expected output" />
            </span>
          )}
        </Show>
      </div>
      <div class="testcase-fields">
        <label>
          Standard input
          <textarea data-testid="stdin" spellcheck={false} value={props.stdin} onInput={(e) => props.onStdin(e.currentTarget.value)} placeholder="Lines input() reads first" />
        </label>
        <label>
          Expected output
          <textarea data-testid="expected-output" spellcheck={false} value={props.expectedOutput} onInput={(e) => props.onExpectedOutput(e.currentTarget.value)} placeholder="Leave empty for no check" />
        </label>
      </div>
      <label class="inline-setting">
        Time limit
        <input type="number" data-testid="time-limit" min="0" max="600" step="1" value={props.timeLimitMs / 1000}
          onChange={(e) => props.onTimeLimitMs(Math.max(0, Number(e.currentTarget.value) || 0) * 1000)} />
        s of running time (0 = none; pauses and input waits do not count)
      </label>
      <Show when={checked() && !checked()!.correct && checked()!.status !== 'stopped'}>
        <OutputComparison expected={props.expectedOutput} actual={checked()!.stdout} />
      </Show>
    </section>
  );
}

function Badge(props: { name: string; ok: boolean; title: string }) {
  return (
    <span class={`badge ${props.ok ? 'pass' : 'fail'}`} data-testid={`badge-${props.name.toLowerCase()}`} data-ok={String(props.ok)} title={props.title}>
      {props.ok ? '✓' : '✗'} {props.name}
    </span>
  );
}

function OutputComparison(props: { expected: string; actual: string }) {
  const rows = () => compareOutputs(props.expected, props.actual);
  return (
    <div class="comparison" data-testid="comparison">
      <Show when={whitespaceHint(props.expected, props.actual)}>{(hint) => <p class="notice">{hint()}</p>}</Show>
      <table>
        <thead><tr><th colspan="2">Expected</th><th colspan="2">Actual</th></tr></thead>
        <tbody>
          <For each={rows()}>
            {(row) => (
              <tr class={`row-${row.kind}`}>
                <td class="ln">{row.expectedLine ?? ''}</td><td class="text">{row.expected ?? ''}</td>
                <td class="ln">{row.actualLine ?? ''}</td><td class="text">{row.actual ?? ''}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
