// A bug report per finding (id, type, category, severity, confidence, function, file,
// line, issue text, suggested direction) and the "bug report → diff" pair: the report
// plus the unified diff of the fix the patch loop found.
import { createTwoFilesPatch } from 'diff';
import type { SecurityFinding } from '../../../workers/protocol/security.ts';
import type { SecurityFixResult } from '../../../workers/protocol/security-fix.ts';

export interface SuggestedDirection {
  text: string;
  structured: {
    testId: string;
    cwe?: number;
    /** The template the rules engine would use, if any. */
    template?: string;
    /** What to replace with what (from the template fix), if a template applies. */
    edits: { line: number; before: string; after: string }[];
    /** Guidance when no template applies. */
    guidance?: string;
    docs?: string;
  };
}

export interface BugReport {
  id: string;
  /** Bandit's issue type: the test id (e.g. B506). */
  type: string;
  /** The test name (e.g. yaml_load). */
  category: string;
  severity: string;
  confidence: string;
  function: string;
  file: string;
  line: number;
  issueText: string;
  direction: SuggestedDirection;
}

export interface BugReportWithDiff {
  report: BugReport;
  /** Unified diff of the fix; empty when no fix was found. */
  diff: string;
}

export function bugReportId(finding: SecurityFinding): string {
  return `${finding.filename}:${finding.line_number}:${finding.col_offset}:${finding.test_id}`;
}

/**
 * `known` is the check's explanation of the test (why / direction); `fix` the template
 * fix of this one finding, from the analysis call securityFix.
 */
export function createBugReport(finding: SecurityFinding, known?: { why?: string; direction?: string; docs?: string }, fix?: SecurityFixResult): BugReport {
  const applied = fix?.applied.filter((a) => a.test_id === finding.test_id && a.line === finding.line_number) ?? [];
  const unfixed = fix?.unfixed.find((u) => u.test_id === finding.test_id && u.line === finding.line_number);
  const parts = [known?.direction, ...applied.map((a) => `${a.description[0]!.toUpperCase()}${a.description.slice(1)}.`), unfixed?.guidance].filter(Boolean);
  return {
    id: bugReportId(finding),
    type: finding.test_id,
    category: finding.test_name,
    severity: finding.issue_severity,
    confidence: finding.issue_confidence,
    function: finding.function,
    file: finding.filename,
    line: finding.line_number,
    issueText: finding.issue_text,
    direction: {
      text: parts.length ? parts.join(' ') : 'Review this code by hand: no automatic direction is known for this test.',
      structured: {
        testId: finding.test_id,
        ...(finding.issue_cwe?.id ? { cwe: finding.issue_cwe.id } : {}),
        ...(applied[0] ? { template: applied[0].template } : {}),
        edits: applied.map((a) => ({ line: a.start_line, before: a.before, after: a.after })),
        ...(unfixed?.guidance ? { guidance: unfixed.guidance } : {}),
        ...((known?.docs ?? finding.more_info) ? { docs: known?.docs ?? finding.more_info } : {}),
      },
    },
  };
}

export function formatBugReport(report: BugReport): string {
  return [
    `Bug report ${report.id}`,
    `Type: ${report.type}`,
    `Category: ${report.category}`,
    `Severity: ${report.severity}`,
    `Confidence: ${report.confidence}`,
    `Function: ${report.function}`,
    `File: ${report.file}`,
    `Line: ${report.line}`,
    `Issue: ${report.issueText}`,
    `Suggested direction: ${report.direction.text}`,
  ].join('\n');
}

export function unifiedDiff(filename: string, original: string, patched: string): string {
  return original === patched ? '' : createTwoFilesPatch(filename, filename, original, patched, 'buggy', 'fixed', { context: 3 });
}

export function bugReportWithDiff(report: BugReport, original: string, patched?: string): BugReportWithDiff {
  return { report, diff: patched === undefined ? '' : unifiedDiff(report.file, original, patched) };
}

/** The pair as text: the report, then the diff (or a note that no fix was found). */
export function formatBugReportWithDiff(pair: BugReportWithDiff): string {
  return `${formatBugReport(pair.report)}\n\n${pair.diff || '(no fix found: no diff)\n'}`;
}
