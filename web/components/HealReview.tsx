// Review of one heal proposal: the handling code (editable, re-runnable), what it prints and
// reads (it joins the program's output and consumes its input at Accept), the state diff it
// produced in the isolated executor, what it leaves unbound or stale, and the decision. All of
// it rendered from the merge answer the runner will apply.
import { createEffect, createSignal, For, Show } from 'solid-js';
import type { PauseContext } from '../../workers/protocol/runner.ts';
import type { DataMerge } from '../../workers/protocol/heal-values.ts';
import { proposalProblem, type Proposal } from '../state/heal/session.ts';
import { reviewMerge } from '../state/heal/merge-review.ts';
import { staleBindingWarnings } from '../state/heal/stale-bindings.ts';
import { controlApplies, describeControl } from '../state/heal/lookahead.ts';

export function HealReview(props: {
  context: PauseContext;
  proposal?: Proposal;
  busy: string | null;
  engineLabel: string;
  onAccept(): void;
  onReject(reason: string): void;
  onRetry(reason: string): void;
  onRunEdited(code: string): void;
  /** The engine reads a reason on Retry (a model); the rules engine and a replay do not. */
  usesReason?: boolean;
}) {
  const [code, setCode] = createSignal('');
  const [reason, setReason] = createSignal('');
  createEffect(() => setCode(props.proposal?.code ?? ''));
  const problem = () => (props.proposal ? proposalProblem(props.proposal) : null);
  const edited = () => props.proposal !== undefined && code() !== (props.proposal.code ?? '');
  return (
    <div class="heal-review" data-testid="heal-review">
      <div class="panel-head">
        <h3>
          Proposed fix{' '}
          <span class="muted">
            handling code from {props.engineLabel}
            {props.proposal ? `, attempt ${props.proposal.attempt}` : ''}
          </span>
        </h3>
        <Show when={props.proposal}>
          {(p) => (
            <span class="muted timing">
              engine {Math.round(p().engineMs)} ms · executor {Math.round(p().executorMs)} ms
            </span>
          )}
        </Show>
      </div>
      <Show when={props.busy}>
        {(text) => (
          <p class="notice" data-testid="heal-busy">
            {text()}
          </p>
        )}
      </Show>
      <Show when={props.proposal}>
        {(p) => (
          <>
            <textarea
              class="handling-code"
              data-testid="handling-code"
              spellcheck={false}
              aria-label="Handling code (editable)"
              value={code()}
              onInput={(e) => setCode(e.currentTarget.value)}
              rows={Math.min(12, Math.max(3, code().split('\n').length + 1))}
            />
            <Show when={problem()}>
              {(text) => (
                <p class="heal-problem" data-testid="heal-problem">
                  Cannot merge: {text()}
                </p>
              )}
            </Show>
            <Show
              when={p().execution?.merge}
              fallback={
                <>
                  <Show when={p().execution?.stdout}>
                    {(out) => (
                      <pre class="heal-output" data-testid="heal-stdout">
                        handling code printed: {out()}
                      </pre>
                    )}
                  </Show>
                  <Show when={p().execution?.stderr}>
                    {(err) => (
                      <pre class="heal-output heal-stderr" data-testid="heal-stderr">
                        handling code wrote to stderr: {err()}
                      </pre>
                    )}
                  </Show>
                </>
              }
            >
              {(merge) => (
                <HealEffects context={props.context} merge={merge()} leavesFunction={p().control === 'return' && controlApplies('return', props.context)} />
              )}
            </Show>
            <Show when={p().execution?.outputTruncated}>
              <p class="muted" data-testid="heal-output-truncated">
                Output truncated: the executor keeps at most 100,000 characters of each stream.
              </p>
            </Show>
            <Show when={p().execution && p().execution!.status === 'ok'}>
              <StateDiff context={props.context} merge={p().execution!.merge} />
            </Show>
            <Show when={controlApplies(p().control, props.context) && p().control}>
              {(control) => (
                <p class="notice" data-testid="heal-control">
                  Then {describeControl(control(), props.context)}.
                </p>
              )}
            </Show>
            <div class="actions">
              <button
                type="button"
                class="primary"
                data-testid="accept"
                disabled={problem() !== null || edited() || props.busy !== null}
                onClick={() => props.onAccept()}
                title="Merge this state change into the paused program and continue with the next statement"
              >
                Accept and continue
              </button>
              <button type="button" data-testid="run-edited" disabled={!edited() || props.busy !== null} onClick={() => props.onRunEdited(code())}>
                Run edited code
              </button>
              <button
                type="button"
                data-testid="retry"
                disabled={props.busy !== null}
                onClick={() => props.onRetry(reason() || problem() || 'the user asked for another proposal')}
                title="Reject this proposal and ask the engine for another one"
              >
                Retry
              </button>
              <button
                type="button"
                data-testid="reject"
                disabled={props.busy !== null}
                onClick={() => props.onReject(reason() || 'rejected by the user')}
                title="Reject this proposal; the program stays paused (Skip or End below)"
              >
                Reject
              </button>
            </div>
            <Show when={props.usesReason}>
              <input
                class="reason"
                data-testid="reject-reason"
                aria-label="Why reject? (sent to the engine on Retry)"
                placeholder="Why reject? (sent to the engine on Retry)"
                value={reason()}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}

/** The state change as the runner will apply it: rendered from the merge answer itself. */
export function StateDiff(props: { context: PauseContext; merge: DataMerge | undefined }) {
  const rows = () =>
    reviewMerge(props.context, props.merge).map((r) => ({
      kind: r.kind === 'return' ? 'added' : r.kind,
      label: r.kind === 'return' ? 'return value' : r.inPlace ? 'changed in place' : r.kind,
      name: r.name,
      before: r.before?.repr ?? '',
      after: r.after?.repr ?? '',
      typeChange: r.typeChanged ? `${r.before!.type} → ${r.after!.type}` : r.kind === 'added' ? r.after!.type : '',
    }));
  return (
    <table class="state-diff" data-testid="state-diff">
      <caption class="visually-hidden">What Accept changes in the program's variables</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        <For
          each={rows()}
          fallback={
            <tr>
              <td colspan="3" class="muted">
                No variable changes value (the failing statement is in effect skipped).
              </td>
            </tr>
          }
        >
          {(row) => (
            <tr class={`diff-${row.kind}`}>
              <th scope="row">
                {row.name} <span class="muted">{row.label}</span>
              </th>
              <td>
                <code>{row.before}</code>
              </td>
              <td>
                <code>{row.after}</code>{' '}
                <Show when={row.typeChange}>
                  <span class={row.kind === 'changed' ? 'type-change' : 'muted'}>{row.typeChange}</span>
                </Show>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

/** What Accept adds to the run besides the state change: the output, the input read, and the
 *  names the failing statement would have bound that the heal leaves alone. */
export function HealEffects(props: { context: PauseContext; merge: DataMerge; leavesFunction?: boolean }) {
  const output = () => props.merge.output ?? [];
  const consumed = () => props.merge.stdinConsumed ?? 0;
  const read = () => (props.context.stdin ?? '').slice(0, consumed());
  // A heal that leaves the function ends its locals: what the statement would have bound no longer matters.
  const warnings = () => (props.leavesFunction ? [] : staleBindingWarnings(props.context, props.merge));
  return (
    <>
      <Show when={output().length}>
        <pre class="heal-output" data-testid="heal-stdout" title="At Accept this joins the program's output, in order, marked as this heal's">
          prints (part of the program's output at Accept): <For each={output()}>{([stream, text]) => <span class={`out-${stream}`}>{text}</span>}</For>
        </pre>
      </Show>
      <Show when={consumed()}>
        <p class="heal-effects" data-testid="heal-stdin">
          reads {consumed()} characters of the remaining input ({JSON.stringify(read().length > 60 ? `${read().slice(0, 59)}…` : read())}); the program will not
          read them again.
        </p>
      </Show>
      <For each={warnings()}>
        {(text) => (
          <p class="stale-binding" data-testid="stale-binding">
            {text}
          </p>
        )}
      </For>
    </>
  );
}
