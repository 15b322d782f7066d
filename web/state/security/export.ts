// Exports of the security check's results: Bandit's JSON report (same field names and
// shape as `bandit -f json`, so tools reading Bandit's output read ours) and SARIF 2.1.0.
import type * as Sarif from 'sarif';
import type { SecurityCheckResult, SecurityFinding, SecurityLevel } from '../../../workers/protocol/security.ts';

const LEVELS: SecurityLevel[] = ['UNDEFINED', 'LOW', 'MEDIUM', 'HIGH'];

/** Bandit's per-file metric keys, completed from the findings where the check left them out. */
export function fileMetrics(result: SecurityCheckResult): Record<string, number> {
  const metrics: Record<string, number> = { loc: 0, nosec: 0, skipped_tests: 0 };
  for (const level of LEVELS) {
    metrics[`SEVERITY.${level}`] = result.findings.filter((f) => f.issue_severity === level).length;
    metrics[`CONFIDENCE.${level}`] = result.findings.filter((f) => f.issue_confidence === level).length;
  }
  return { ...metrics, ...result.metrics };
}

/** A finding as Bandit's `Issue.as_dict()` (without our `function` field). */
export function banditIssue(finding: SecurityFinding): Record<string, unknown> {
  const { function: _function, ...issue } = finding;
  return issue;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Bandit's UTC timestamp format (%Y-%m-%dT%H:%M:%SZ). */
export function banditTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface BanditReport {
  errors: { filename: string; reason: string }[];
  generated_at: string;
  metrics: Record<string, Record<string, number>>;
  results: Record<string, unknown>[];
}

export function toBanditReport(result: SecurityCheckResult, options: { filename?: string; now?: Date } = {}): BanditReport {
  const filename = options.filename ?? result.findings[0]?.filename ?? result.errors[0]?.filename ?? 'main.py';
  const metrics = fileMetrics(result);
  return {
    errors: result.errors.map((e) => ({ filename: e.filename, reason: e.reason })),
    generated_at: banditTimestamp(options.now ?? new Date()),
    // One file: the totals equal its metrics.
    metrics: { _totals: { ...metrics }, [filename]: metrics },
    results: result.findings.map(banditIssue),
  };
}

/** The report as Bandit prints it: sorted keys, two-space indent. */
export function toBanditJson(result: SecurityCheckResult, options: { filename?: string; now?: Date } = {}): string {
  return JSON.stringify(sortKeys(toBanditReport(result, options)), null, 2);
}

const SARIF_LEVEL: Record<SecurityLevel, Sarif.Result.level> = { HIGH: 'error', MEDIUM: 'warning', LOW: 'note', UNDEFINED: 'none' };

export const TOOL_NAME = 'Heal Playground security check (Bandit-compatible)';

export function toSarif(result: SecurityCheckResult, options: { now?: Date; source?: string } = {}): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const f of result.findings) {
    if (ruleIndex.has(f.test_id)) continue;
    ruleIndex.set(f.test_id, rules.length);
    rules.push({
      id: f.test_id,
      name: f.test_name,
      shortDescription: { text: f.test_name.replace(/_/g, ' ') },
      helpUri: f.more_info || undefined,
      properties: { tags: ['security', ...(f.issue_cwe?.id ? [`external/cwe/cwe-${f.issue_cwe.id}`] : [])] },
    });
  }
  const lines = options.source?.split('\n');
  const results: Sarif.Result[] = result.findings.map((f) => ({
    ruleId: f.test_id,
    ruleIndex: ruleIndex.get(f.test_id)!,
    level: SARIF_LEVEL[f.issue_severity],
    message: { text: f.issue_text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: f.filename },
          region: {
            startLine: f.line_number,
            endLine: Math.max(f.line_number, ...f.line_range),
            startColumn: f.col_offset + 1,
            ...(f.end_col_offset > 0 ? { endColumn: f.end_col_offset + 1 } : {}),
            ...(lines ? { snippet: { text: lines[f.line_number - 1] ?? '' } } : {}),
          },
        },
        ...(f.function ? { logicalLocations: [{ fullyQualifiedName: f.function, kind: f.function === '<module>' ? 'module' : 'function' }] } : {}),
      },
    ],
    properties: { issue_severity: f.issue_severity, issue_confidence: f.issue_confidence, issue_cwe: f.issue_cwe },
  }));
  const run: Sarif.Run = {
    tool: { driver: { name: TOOL_NAME, informationUri: 'https://bandit.readthedocs.io/', rules } },
    results,
    invocations: [
      {
        executionSuccessful: result.errors.length === 0,
        endTimeUtc: (options.now ?? new Date()).toISOString(),
        toolExecutionNotifications: result.errors.map((e) => ({
          level: 'error' as const,
          message: { text: e.reason },
          locations: [{ physicalLocation: { artifactLocation: { uri: e.filename }, ...(e.line ? { region: { startLine: e.line } } : {}) } }],
        })),
      },
    ],
  };
  return { version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json', runs: [run] };
}
