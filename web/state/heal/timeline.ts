// What the Heal timeline shows about a run's decisions: a label per decision that never calls
// a skip a heal, and a summary (merged, reused, skipped, rejected, and the statements that were
// only ever skipped). Pure: the view renders it, a heal storm of 100,000 reuses is one entry.
import { isMerged, type HealTraceEntry } from './trace.ts';

/** Handling code that does nothing but skip the statement (`pass`, comments, blank lines). */
export function isSkipCode(code: string): boolean {
  return code.split('\n').every((line) => {
    const text = line.replace(/#.*$/, '').trim();
    return text === '' || text === 'pass';
  });
}

/** A merged decision whose code only skipped the failing statement (e.g. no rule applied). */
export function isSkip(entry: HealTraceEntry): boolean {
  return (isMerged(entry.decision) || entry.decision === 'reused' || entry.decision === 'skipped') && isSkipCode(entry.handlingCode);
}

export function decisionLabel(entry: HealTraceEntry): string {
  if (entry.decision === 'skipped') return 'skipped by you';
  if (isSkip(entry)) {
    if (entry.decision === 'reused') return `skipped again${reuseCount(entry)}`;
    // A loop action or a skip that look-ahead chose is a decision, not a fallback.
    if (entry.control) return entry.control === 'break' ? 'left the loop' : 'skipped the rest of the iteration';
    if (entry.choice) return 'skipped — chosen by look-ahead';
    return entry.decision === 'auto-accepted' ? 'skipped — no fix found' : 'skipped (handling code only passes)';
  }
  switch (entry.decision) {
    case 'accepted':
      return 'accepted';
    case 'auto-accepted':
      return 'auto-accepted';
    case 'reused':
      return `reused an accepted fix${reuseCount(entry)}`;
    case 'rejected':
      return 'rejected';
    case 'raised':
      return 'ended with traceback';
  }
}

function reuseCount(entry: HealTraceEntry): string {
  const count = entry.reuse?.count;
  return count === undefined ? '' : ` × ${count.toLocaleString('en-US')}`;
}

export interface TimelineSummary {
  /** Failing statement executions the program got past with a real fix (first heals and reuses). */
  healed: number;
  /** Of those, by reusing an accepted fix in the runner. */
  reused: number;
  /** Executions where the statement was only skipped. */
  skipped: number;
  rejected: number;
  raised: number;
  /** Statements (line and error type) that were only ever skipped, never healed. */
  onlySkipped: { line: number; errorType: string }[];
}

export function summarizeTimeline(entries: readonly HealTraceEntry[]): TimelineSummary {
  const summary: TimelineSummary = { healed: 0, reused: 0, skipped: 0, rejected: 0, raised: 0, onlySkipped: [] };
  const statements = new Map<string, { line: number; errorType: string; healed: boolean; skipped: boolean }>();
  for (const entry of entries) {
    const times = entry.decision === 'reused' ? (entry.reuse?.count ?? 1) : 1;
    const key = `${entry.sid}:${entry.errorType}`;
    const statement = statements.get(key) ?? { line: entry.line, errorType: entry.errorType, healed: false, skipped: false };
    statements.set(key, statement);
    if (entry.decision === 'rejected') summary.rejected += 1;
    else if (entry.decision === 'raised') summary.raised += 1;
    else if (isSkip(entry)) {
      summary.skipped += times;
      statement.skipped = true;
    } else if (isMerged(entry.decision) || entry.decision === 'reused') {
      summary.healed += times;
      if (entry.decision === 'reused') summary.reused += times;
      statement.healed = true;
    }
  }
  summary.onlySkipped = [...statements.values()].filter((s) => s.skipped && !s.healed).map(({ line, errorType }) => ({ line, errorType }));
  return summary;
}
