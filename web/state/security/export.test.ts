import { describe, expect, it } from 'vitest';
import type { SecurityCheckResult, SecurityFinding } from '../../../workers/protocol/security.ts';
import type { SecurityFixResult } from '../../../workers/protocol/security-fix.ts';
import { bugReportWithDiff, createBugReport, formatBugReport, formatBugReportWithDiff } from './bug-report.ts';
import { toBanditJson, toBanditReport, toSarif } from './export.ts';

const SOURCE = 'import yaml\n\ndef load(text):\n    return yaml.load(text)\n';
const FINDING: SecurityFinding = {
  test_id: 'B506',
  test_name: 'yaml_load',
  issue_severity: 'MEDIUM',
  issue_confidence: 'HIGH',
  issue_cwe: { id: 20, link: 'https://cwe.mitre.org/data/definitions/20.html' },
  issue_text: 'Use of unsafe yaml load. Allows instantiation of arbitrary objects. Consider yaml.safe_load().',
  filename: 'main.py',
  line_number: 4,
  line_range: [4],
  col_offset: 11,
  end_col_offset: 26,
  code: '3 def load(text):\n4     return yaml.load(text)\n',
  more_info: 'https://bandit.readthedocs.io/en/1.9.4/plugins/b506_yaml_load.html',
  function: 'load',
};
const RESULT: SecurityCheckResult = { findings: [FINDING], errors: [], metrics: { loc: 3, nosec: 0, skipped_tests: 0 }, ms: 2 };
const NOW = new Date('2026-12-03T18:00:00.123Z');

describe('Bandit JSON export', () => {
  it('has the shape and field names of bandit -f json', () => {
    const report = JSON.parse(toBanditJson(RESULT, { now: NOW }));
    expect(Object.keys(report)).toEqual(['errors', 'generated_at', 'metrics', 'results']);
    expect(report.generated_at).toBe('2026-12-03T18:00:00Z');
    expect(Object.keys(report.metrics)).toEqual(['_totals', 'main.py']);
    expect(report.metrics['main.py']).toMatchObject({
      loc: 3,
      nosec: 0,
      skipped_tests: 0,
      'SEVERITY.MEDIUM': 1,
      'CONFIDENCE.HIGH': 1,
      'SEVERITY.HIGH': 0,
      'CONFIDENCE.UNDEFINED': 0,
    });
    expect(report.metrics._totals).toEqual(report.metrics['main.py']);
    expect(Object.keys(report.results[0])).toEqual([
      'code',
      'col_offset',
      'end_col_offset',
      'filename',
      'issue_confidence',
      'issue_cwe',
      'issue_severity',
      'issue_text',
      'line_number',
      'line_range',
      'more_info',
      'test_id',
      'test_name',
    ]);
    expect(report.results[0].issue_cwe).toEqual({ id: 20, link: FINDING.issue_cwe.link });
  });

  it('reports files that could not be checked as errors', () => {
    const report = toBanditReport({
      findings: [],
      errors: [{ filename: 'main.py', reason: 'syntax error while parsing AST from file', line: 2 }],
      metrics: {},
      ms: 1,
    });
    expect(report.errors).toEqual([{ filename: 'main.py', reason: 'syntax error while parsing AST from file' }]);
    expect(report.results).toEqual([]);
  });
});

describe('SARIF export', () => {
  it('fills every field SARIF 2.1.0 requires', () => {
    const log = toSarif(RESULT, { now: NOW, source: SOURCE });
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBeTruthy();
    expect(run.tool.driver.rules?.[0]).toMatchObject({ id: 'B506', name: 'yaml_load', helpUri: FINDING.more_info });
    expect(run.tool.driver.rules?.[0]?.properties?.tags).toContain('external/cwe/cwe-20');
    const result = run.results![0]!;
    expect(result).toMatchObject({ ruleId: 'B506', ruleIndex: 0, level: 'warning', message: { text: FINDING.issue_text } });
    const location = result.locations![0]!.physicalLocation!;
    expect(location.artifactLocation?.uri).toBe('main.py');
    expect(location.region).toMatchObject({ startLine: 4, startColumn: 12, endColumn: 27, snippet: { text: '    return yaml.load(text)' } });
    expect(result.locations![0]!.logicalLocations?.[0]).toEqual({ fullyQualifiedName: 'load', kind: 'function' });
    expect(run.invocations?.[0]).toMatchObject({ executionSuccessful: true, endTimeUtc: NOW.toISOString() });
  });

  it('maps severities to levels and errors to notifications', () => {
    const high = { ...FINDING, test_id: 'B602', issue_severity: 'HIGH' as const };
    const log = toSarif({
      findings: [FINDING, high, { ...FINDING, line_number: 1 }],
      errors: [{ filename: 'main.py', reason: 'bad', line: 1 }],
      metrics: {},
      ms: 1,
    });
    expect(log.runs[0]!.results!.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['B506', 0, 'warning'],
      ['B602', 1, 'error'],
      ['B506', 0, 'warning'],
    ]);
    expect(log.runs[0]!.tool.driver.rules).toHaveLength(2);
    expect(log.runs[0]!.invocations![0]!.executionSuccessful).toBe(false);
    expect(log.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text).toBe('bad');
  });
});

describe('bug reports', () => {
  const fix: SecurityFixResult = {
    source: SOURCE.replace('yaml.load(text)', 'yaml.safe_load(text)'),
    changed: true,
    strategies: ['use yaml.safe_load'],
    unfixed: [],
    applied: [
      {
        test_id: 'B506',
        line: 4,
        template: 'yaml_safe_load',
        description: 'use yaml.safe_load',
        before: 'yaml.load(text)',
        after: 'yaml.safe_load(text)',
        start_line: 4,
      },
    ],
  };

  it('has every field, with a text and a structured direction', () => {
    const report = createBugReport(FINDING, { why: 'yaml tags build objects', direction: 'Load YAML with the safe loader.' }, fix);
    expect(report).toMatchObject({
      id: 'main.py:4:11:B506',
      type: 'B506',
      category: 'yaml_load',
      severity: 'MEDIUM',
      confidence: 'HIGH',
      function: 'load',
      file: 'main.py',
      line: 4,
      issueText: FINDING.issue_text,
    });
    expect(report.direction.text).toBe('Load YAML with the safe loader. Use yaml.safe_load.');
    expect(report.direction.structured).toEqual({
      testId: 'B506',
      cwe: 20,
      template: 'yaml_safe_load',
      edits: [{ line: 4, before: 'yaml.load(text)', after: 'yaml.safe_load(text)' }],
      docs: FINDING.more_info,
    });
    expect(formatBugReport(report)).toContain('Function: load\nFile: main.py\nLine: 4');
  });

  it('pairs the report with the unified diff of the fix', () => {
    const pair = bugReportWithDiff(createBugReport(FINDING, undefined, fix), SOURCE, fix.source);
    expect(pair.diff).toContain('-    return yaml.load(text)\n+    return yaml.safe_load(text)');
    expect(pair.diff).toContain('--- main.py\tbuggy');
    expect(formatBugReportWithDiff(bugReportWithDiff(createBugReport({ ...FINDING, test_id: 'B301' }), SOURCE))).toContain('(no fix found: no diff)');
    expect(createBugReport({ ...FINDING, test_id: 'B301' }).direction.text).toContain('by hand');
  });
});
