// Which target findings a candidate left, and which findings it introduced. Findings are
// matched by (test id, text of their line) first, then by test id alone, because a patch
// shifts line numbers and may rewrite a line that also carries another finding.
import type { SecurityFinding } from '../../../workers/protocol/security.ts';

/**
 * Findings Bandit's own advice leads to: dropping shell=True is reported as B603 (a
 * subprocess call without a shell: check the input), partial paths as B607. They are LOW
 * severity reminders, so a fix that trades B602 for them still counts as clean.
 */
export const SUCCESSORS: Record<string, readonly string[]> = {
  B602: ['B603', 'B607'],
  B604: ['B603', 'B607'],
  B605: ['B603', 'B607', 'B404'],
};

export interface FindingsComparison {
  /** Target findings still reported (as found in the candidate). */
  remaining: SecurityFinding[];
  /** Findings the candidate added (not counting allowed successors). */
  introduced: SecurityFinding[];
  /** Successor findings accepted as the price of a fix (B603 after B602, …). */
  successors: SecurityFinding[];
}

export function findingKey(finding: SecurityFinding, source: string): string {
  return `${finding.test_id}\u0000${(source.split('\n')[finding.line_number - 1] ?? '').trim()}`;
}

function take<K>(counts: Map<K, number>, key: K): boolean {
  const n = counts.get(key) ?? 0;
  if (n <= 0) return false;
  counts.set(key, n - 1);
  return true;
}

function add<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export function sameFinding(a: SecurityFinding, b: SecurityFinding): boolean {
  return a.test_id === b.test_id && a.line_number === b.line_number && a.col_offset === b.col_offset;
}

export function compareFindings(
  before: { source: string; findings: readonly SecurityFinding[] },
  targets: readonly SecurityFinding[],
  after: { source: string; findings: readonly SecurityFinding[] },
): FindingsComparison {
  const others = before.findings.filter((f) => !targets.some((t) => sameFinding(f, t)));
  const stayByText = new Map<string, number>();
  const stayById = new Map<string, number>();
  const targetById = new Map<string, number>();
  for (const f of others) {
    add(stayByText, findingKey(f, before.source));
    add(stayById, f.test_id);
  }
  for (const t of targets) add(targetById, t.test_id);
  const allowed = new Set(targets.flatMap((t) => SUCCESSORS[t.test_id] ?? []));
  const result: FindingsComparison = { remaining: [], introduced: [], successors: [] };
  const unmatched: SecurityFinding[] = [];
  for (const f of after.findings) {
    if (take(stayByText, findingKey(f, after.source))) take(stayById, f.test_id);
    else unmatched.push(f);
  }
  for (const f of unmatched) {
    if (take(targetById, f.test_id)) result.remaining.push(f);
    else if (take(stayById, f.test_id))
      continue; // another finding whose line the fix rewrote
    else if (allowed.has(f.test_id)) result.successors.push(f);
    else result.introduced.push(f);
  }
  return result;
}
