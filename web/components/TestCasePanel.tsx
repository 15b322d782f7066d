// The test case: stdin and expected output; after a run, PROCEED/CORRECT badges
// and a side-by-side of expected vs actual output when they differ, under the same rule
// (lenient or strict) that decided CORRECT, with invisible characters shown where lines differ.
import { For, Show } from 'solid-js';
import type { RunResult } from '../../workers/protocol/runner.ts';
import { describeRule, type CompareRule } from '../../workers/shared/output-compare.ts';
import { compareOutputs, visibleWhitespace, whitespaceHint, type CompareRow } from '../state/output-compare.ts';

export function TestCasePanel(props: {
  stdin: string;
  expectedOutput: string;
  onStdin(value: string): void;
  onExpectedOutput(value: string): void;
  timeLimitMs: number;
  onTimeLimitMs(value: number): void;
  rule: CompareRule;
  onRule(rule: CompareRule): void;
  result?: RunResult;
  /** The code changed since this result's run. */
  stale?: boolean;
}) {
  const checked = () => (props.result && props.result.proceed !== undefined ? props.result : undefined);
  return (
    <section class="testcase-panel" classList={{ stale: props.stale }} aria-label="Test case">
      <div class="panel-head">
        <h2>
          Test case{' '}
          <Show when={props.stale && checked()}>
            <span class="stale-label" data-testid="result-stale">
              from the previous run
            </span>
          </Show>
        </h2>
        <Show when={checked()}>
          {(r) => (
            <span class="badges">
              <Badge name="PROCEED" ok={r().proceed!} title="The program finished without an unhandled error" />
              <Badge name="CORRECT" ok={r().correct!} title={`It also printed the expected output (${describeRule(props.rule)})`} />
            </span>
          )}
        </Show>
      </div>
      <div class="testcase-fields">
        <label>
          Standard input
          <textarea
            data-testid="stdin"
            spellcheck={false}
            value={props.stdin}
            onInput={(e) => props.onStdin(e.currentTarget.value)}
            placeholder="Lines input() reads first"
          />
        </label>
        <label>
          Expected output
          <textarea
            data-testid="expected-output"
            spellcheck={false}
            value={props.expectedOutput}
            onInput={(e) => props.onExpectedOutput(e.currentTarget.value)}
            placeholder="Leave empty for no check"
          />
        </label>
      </div>
      <label class="inline-setting">
        Time limit
        <input
          type="number"
          data-testid="time-limit"
          min="0"
          max="600"
          step="1"
          value={props.timeLimitMs / 1000}
          onChange={(e) => props.onTimeLimitMs(Math.max(0, Number(e.currentTarget.value) || 0) * 1000)}
        />
        s of running time (0 = none; pauses and input waits do not count)
      </label>
      <label class="inline-setting" title={`${describeRule('lenient')}; ${describeRule('strict')}`}>
        <input
          type="checkbox"
          data-testid="strict-compare"
          checked={props.rule === 'strict'}
          onChange={(e) => props.onRule(e.currentTarget.checked ? 'strict' : 'lenient')}
        />
        strict comparison (by default trailing spaces and trailing empty lines do not count)
      </label>
      <Show when={checked() && !checked()!.correct && checked()!.status !== 'stopped'}>
        <OutputComparison expected={props.expectedOutput} actual={checked()!.stdout} rule={props.rule} />
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

/** A line as printed; where lines differ, with its spaces, tabs and line end made visible. */
function LineText(props: { text?: string; end?: boolean; visible: boolean }) {
  return <>{props.text === undefined ? '' : props.visible ? visibleWhitespace(props.text, props.end) : props.text}</>;
}

function OutputComparison(props: { expected: string; actual: string; rule: CompareRule }) {
  const rows = () => compareOutputs(props.expected, props.actual, props.rule);
  const visible = (row: CompareRow) => row.kind !== 'same';
  return (
    <div class="comparison" data-testid="comparison">
      <Show when={whitespaceHint(props.expected, props.actual, props.rule)}>
        {(hint) => (
          <p class="notice" data-testid="comparison-hint">
            {hint()}
          </p>
        )}
      </Show>
      <table>
        <thead>
          <tr>
            <th colspan="2">Expected</th>
            <th colspan="2">Actual</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(row) => (
              <tr class={`row-${row.kind}`}>
                <td class="ln">{row.expectedLine ?? ''}</td>
                <td class="text">
                  <LineText text={row.expected} end={row.expectedEnd} visible={visible(row)} />
                </td>
                <td class="ln">{row.actualLine ?? ''}</td>
                <td class="text">
                  <LineText text={row.actual} end={row.actualEnd} visible={visible(row)} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
