// Bandit's own words as the feedback of the patch loop: each finding in the layout of
// Bandit's text report, so a model sees what a developer running Bandit would see.
import type { SecurityFinding } from '../../../workers/protocol/security.ts';

const title = (level: string) => level.charAt(0) + level.slice(1).toLowerCase();

/** The numbered source lines a finding covers (±1 line of context, like Bandit). */
export function findingCode(source: string, finding: SecurityFinding, context = 1): string {
  const lines = source.split('\n');
  const first = Math.max(1, Math.min(...finding.line_range, finding.line_number) - context);
  const last = Math.min(lines.length, Math.max(...finding.line_range, finding.line_number) + context);
  const out: string[] = [];
  for (let n = first; n <= last; n++) out.push(`${n}\t${lines[n - 1]}`);
  return out.join('\n');
}

/** One finding as Bandit's text formatter prints it. */
export function findingFeedback(finding: SecurityFinding, source?: string): string {
  const cwe = finding.issue_cwe?.id ? `   CWE: CWE-${finding.issue_cwe.id} (${finding.issue_cwe.link})\n` : '';
  const code = source === undefined ? finding.code.trimEnd() : findingCode(source, finding);
  return (
    `>> Issue: [${finding.test_id}:${finding.test_name}] ${finding.issue_text}\n` +
    `   Severity: ${title(finding.issue_severity)}   Confidence: ${title(finding.issue_confidence)}\n` +
    cwe +
    (finding.more_info ? `   More Info: ${finding.more_info}\n` : '') +
    `   Location: ${finding.filename}:${finding.line_number}:${finding.col_offset}\n` +
    code
      .split('\n')
      .map((l) => `${l}`)
      .join('\n')
  );
}

/** All findings, separated like Bandit's report; "No issues identified." when there are none. */
export function banditFeedback(findings: readonly SecurityFinding[], source?: string): string {
  if (findings.length === 0) return 'No issues identified.';
  return findings.map((f) => findingFeedback(f, source)).join(`\n${'-'.repeat(50)}\n`);
}
