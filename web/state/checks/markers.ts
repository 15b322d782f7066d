// Static-check results as editor markers and panel rows: pure, so the ordering and the
// wording are unit-tested without Monaco.
import type { EditorMarker } from '../editor-marker.ts';
import type { DnnFinding } from '../../../workers/protocol/dnn.ts';
import type { SecurityFinding, SecurityLevel } from '../../../workers/protocol/security.ts';

const LEVEL_RANK: Record<SecurityLevel, number> = { UNDEFINED: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

export function levelRank(level: SecurityLevel): number {
  return LEVEL_RANK[level] ?? 0;
}

export type FindingSortKey = 'severity' | 'confidence' | 'line' | 'test';

/** Sorted copy: severity and confidence descending (ties by line), line and test id ascending. */
export function sortFindings(findings: readonly SecurityFinding[], key: FindingSortKey): SecurityFinding[] {
  const byLine = (a: SecurityFinding, b: SecurityFinding) => a.line_number - b.line_number || a.col_offset - b.col_offset;
  const compare: Record<FindingSortKey, (a: SecurityFinding, b: SecurityFinding) => number> = {
    severity: (a, b) =>
      levelRank(b.issue_severity) - levelRank(a.issue_severity) || levelRank(b.issue_confidence) - levelRank(a.issue_confidence) || byLine(a, b),
    confidence: (a, b) =>
      levelRank(b.issue_confidence) - levelRank(a.issue_confidence) || levelRank(b.issue_severity) - levelRank(a.issue_severity) || byLine(a, b),
    line: (a, b) => byLine(a, b) || a.test_id.localeCompare(b.test_id),
    test: (a, b) => a.test_id.localeCompare(b.test_id) || byLine(a, b),
  };
  return [...findings].sort(compare[key]);
}

/** Counts per severity, for the tab badge ("3 high, 1 medium"). */
export function severityCounts(findings: readonly SecurityFinding[]): Record<'HIGH' | 'MEDIUM' | 'LOW', number> {
  const counts = { HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (const f of findings) if (f.issue_severity !== 'UNDEFINED') counts[f.issue_severity] += 1;
  return counts;
}

/**
 * One marker per finding. High and medium severity are warnings, low ones information:
 * red squiggles stay reserved for errors that stop the program (syntax errors).
 * Bandit's columns are 0-based; markers are 1-based. A finding on a multi-line
 * statement underlines its first line from the reported column.
 */
export function securityMarkers(findings: readonly SecurityFinding[]): EditorMarker[] {
  return findings.map((f) => {
    const sameLine = f.end_col_offset > f.col_offset && (f.line_range.length <= 1 || f.line_range[f.line_range.length - 1] === f.line_number);
    return {
      line: f.line_number,
      col: f.col_offset + 1,
      endLine: f.line_number,
      endCol: sameLine ? f.end_col_offset + 1 : undefined,
      message: `${f.test_id} ${f.test_name}: ${f.issue_text}\nSeverity ${f.issue_severity.toLowerCase()}, confidence ${f.issue_confidence.toLowerCase()}, CWE-${f.issue_cwe.id}.`,
      severity: f.issue_severity === 'LOW' || f.issue_severity === 'UNDEFINED' ? 'info' : 'warning',
      source: 'Security',
      code: f.test_id,
    };
  });
}

export function dnnMarkers(findings: readonly DnnFinding[]): EditorMarker[] {
  return findings.map((f) => ({
    line: f.span.line,
    col: f.span.col + 1,
    endLine: f.span.endLine,
    endCol: f.span.endCol + 1,
    message: f.message,
    severity: f.severity,
    source: 'DNN check',
    code: f.checkId,
  }));
}
