// Security findings of the program being edited (Bandit-compatible check): sortable by
// severity, confidence, line or test id; each row explains its test, jumps to its line,
// and can be patched or turned into a bug report.
import { createSignal, For, Show } from 'solid-js';
import type { SecurityCheckResult, SecurityFinding } from '../../workers/protocol/security.ts';
import type { CheckStatus } from '../state/checks/status.ts';
import { sortFindings, type FindingSortKey } from '../state/checks/markers.ts';
import type { CheckLevel } from '../state/settings.ts';
import type { FindingExplanation, Patchability } from '../app/security.ts';

const LEVELS: CheckLevel[] = ['LOW', 'MEDIUM', 'HIGH'];
const COLUMNS: { key: FindingSortKey; label: string }[] = [
  { key: 'severity', label: 'Severity' },
  { key: 'confidence', label: 'Confidence' },
  { key: 'test', label: 'Test' },
  { key: 'line', label: 'Line' },
];

export function FindingsPanel(props: {
  result?: SecurityCheckResult;
  status: CheckStatus;
  minSeverity: CheckLevel;
  minConfidence: CheckLevel;
  onLevels(patch: { securityMinSeverity?: CheckLevel; securityMinConfidence?: CheckLevel }): void;
  explain(testId: string): FindingExplanation | undefined;
  onReveal(line: number): void;
  onPatch(finding: SecurityFinding | null): void;
  onBugReport(finding: SecurityFinding): void;
  onExport(format: 'bandit-json' | 'sarif'): void;
  patchDisabled?: string | null;
  /** Patch… is offered only where a candidate can come out; otherwise the guidance shows inline. */
  patchability?(finding: SecurityFinding): Patchability;
}) {
  const [sortKey, setSortKey] = createSignal<FindingSortKey>('severity');
  const [open, setOpen] = createSignal<string | null>(null);
  const findings = () => sortFindings(props.result?.findings ?? [], sortKey());
  const rowKey = (f: SecurityFinding) => `${f.test_id}:${f.line_number}:${f.col_offset}`;
  const patchable = (f: SecurityFinding) => props.patchability?.(f) ?? { patchable: true };
  const anyPatchable = () => findings().some((f) => patchable(f).patchable);

  return (
    <div class="findings-panel" data-testid="findings-panel">
      <div class="findings-controls">
        <label>
          Severity ≥{' '}
          <select value={props.minSeverity} onChange={(e) => props.onLevels({ securityMinSeverity: e.currentTarget.value as CheckLevel })}>
            <For each={LEVELS}>{(l) => <option value={l}>{l.toLowerCase()}</option>}</For>
          </select>
        </label>
        <label>
          Confidence ≥{' '}
          <select value={props.minConfidence} onChange={(e) => props.onLevels({ securityMinConfidence: e.currentTarget.value as CheckLevel })}>
            <For each={LEVELS}>{(l) => <option value={l}>{l.toLowerCase()}</option>}</For>
          </select>
        </label>
        <span class="spacer" />
        <button
          class="small"
          data-testid="patch-all"
          disabled={!anyPatchable() || Boolean(props.patchDisabled)}
          title={
            props.patchDisabled ??
            (findings().length && !anyPatchable()
              ? 'No automatic fix for these findings: see the guidance on each'
              : 'Ask the engine for a program with none of these findings')
          }
          onClick={() => props.onPatch(null)}
        >
          Patch all
        </button>
        <button
          class="small"
          data-testid="export-bandit"
          disabled={!props.result}
          onClick={() => props.onExport('bandit-json')}
          title="Bandit-compatible JSON report"
        >
          Export JSON
        </button>
        <button
          class="small"
          data-testid="export-sarif"
          disabled={!props.result}
          onClick={() => props.onExport('sarif')}
          title="SARIF 2.1.0 (code scanning tools)"
        >
          Export SARIF
        </button>
      </div>
      <Show when={props.status.state === 'error'}>
        <p class="heal-problem" role="alert">
          {props.status.message}
        </p>
      </Show>
      <For each={props.result?.errors ?? []}>
        {(e) => (
          <p class="notice" data-testid="findings-error">
            Not checked: {e.reason}
            {e.line ? ` (line ${e.line})` : ''}
          </p>
        )}
      </For>
      <Show when={props.result && !props.result.errors.length && findings().length === 0}>
        <p class="notice" data-testid="findings-empty">
          No security findings{props.minSeverity !== 'LOW' || props.minConfidence !== 'LOW' ? ' at the chosen levels' : ''}.
        </p>
      </Show>
      <Show when={findings().length > 0}>
        <table class="findings-table">
          <thead>
            <tr>
              <For each={COLUMNS}>
                {(c) => (
                  <th aria-sort={sortKey() === c.key ? (c.key === 'line' || c.key === 'test' ? 'ascending' : 'descending') : 'none'}>
                    <button class="link" onClick={() => setSortKey(c.key)}>
                      {c.label}
                      {sortKey() === c.key ? ' ▾' : ''}
                    </button>
                  </th>
                )}
              </For>
              <th>Issue</th>
              <th>
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={findings()}>
              {(f) => (
                <>
                  <tr data-testid="finding" data-test-id={f.test_id} data-line={f.line_number}>
                    <td>
                      <span class={`level level-${f.issue_severity.toLowerCase()}`}>{f.issue_severity.toLowerCase()}</span>
                    </td>
                    <td>{f.issue_confidence.toLowerCase()}</td>
                    <td>
                      <button
                        class="link mono"
                        aria-expanded={open() === rowKey(f)}
                        title="What this test looks for"
                        onClick={() => setOpen(open() === rowKey(f) ? null : rowKey(f))}
                      >
                        {f.test_id}
                      </button>
                    </td>
                    <td>
                      <button class="link" title="Show in the editor" onClick={() => props.onReveal(f.line_number)}>
                        {f.line_number}
                      </button>
                    </td>
                    <td class="issue-text">
                      {f.issue_text}
                      <Show when={patchable(f).guidance}>
                        {(text) => (
                          <div class="muted finding-guidance" data-testid="finding-guidance">
                            No automatic fix: {text()}
                          </div>
                        )}
                      </Show>
                    </td>
                    <td class="row-actions">
                      <Show when={patchable(f).patchable}>
                        <button
                          class="small"
                          data-testid="patch-finding"
                          disabled={Boolean(props.patchDisabled)}
                          title={props.patchDisabled ?? 'Ask the engine for a fix'}
                          onClick={() => props.onPatch(f)}
                        >
                          Patch…
                        </button>
                      </Show>
                      <button class="small" data-testid="bug-report" onClick={() => props.onBugReport(f)} title="Bug report for this finding">
                        Report
                      </button>
                    </td>
                  </tr>
                  <Show when={open() === rowKey(f)}>
                    <tr class="explanation-row">
                      <td colspan={6}>
                        <strong>
                          {f.test_id} {f.test_name}
                        </strong>{' '}
                        · CWE-{f.issue_cwe.id} · in {f.function}
                        <p>{props.explain(f.test_id)?.text ?? 'No explanation for this test yet.'}</p>
                        <Show when={props.explain(f.test_id)?.link ?? f.more_info}>
                          {(link) => (
                            <a href={link()} target="_blank" rel="noopener noreferrer">
                              Bandit documentation
                            </a>
                          )}
                        </Show>
                      </td>
                    </tr>
                  </Show>
                </>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </div>
  );
}
