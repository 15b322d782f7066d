import { describe, expect, it } from 'vitest';
import type { SecurityFinding } from '../../../workers/protocol/security.ts';
import { dnnMarkers, securityMarkers, severityCounts, sortFindings } from './markers.ts';

function finding(
  test_id: string,
  line: number,
  severity: SecurityFinding['issue_severity'],
  confidence: SecurityFinding['issue_confidence'],
  extra: Partial<SecurityFinding> = {},
): SecurityFinding {
  return {
    test_id,
    test_name: `name_${test_id}`,
    issue_severity: severity,
    issue_confidence: confidence,
    issue_cwe: { id: 78, link: '' },
    issue_text: `text ${test_id}`,
    filename: 'main.py',
    line_number: line,
    line_range: [line],
    col_offset: 4,
    end_col_offset: 20,
    code: '',
    more_info: '',
    function: '<module>',
    ...extra,
  };
}

describe('security findings in the panel and the editor', () => {
  const list = [finding('B101', 9, 'LOW', 'HIGH'), finding('B602', 3, 'HIGH', 'HIGH'), finding('B506', 5, 'MEDIUM', 'HIGH'), finding('B603', 2, 'LOW', 'HIGH')];

  it('sorts by severity (high first, then by line) and by line', () => {
    expect(sortFindings(list, 'severity').map((f) => f.test_id)).toEqual(['B602', 'B506', 'B603', 'B101']);
    expect(sortFindings(list, 'line').map((f) => f.line_number)).toEqual([2, 3, 5, 9]);
    expect(sortFindings(list, 'test').map((f) => f.test_id)).toEqual(['B101', 'B506', 'B602', 'B603']);
    expect(list[0]!.test_id).toBe('B101'); // the input is not reordered
  });

  it('counts severities for the tab badge', () => {
    expect(severityCounts(list)).toEqual({ HIGH: 1, MEDIUM: 1, LOW: 2 });
  });

  it('maps Bandit columns (0-based) to markers (1-based) and keeps red for errors only', () => {
    const [low, high] = securityMarkers([list[0]!, list[1]!]);
    expect(low).toMatchObject({ line: 9, col: 5, endCol: 21, severity: 'info', code: 'B101', source: 'Security' });
    expect(high!.severity).toBe('warning');
    expect(high!.message).toContain('B602 name_B602: text B602');
    expect(high!.message).toContain('CWE-78');
  });

  it('does not invent an end column for a statement over several lines', () => {
    const [marker] = securityMarkers([finding('B608', 4, 'MEDIUM', 'LOW', { line_range: [4, 5, 6], end_col_offset: 3 })]);
    expect(marker!.endCol).toBeUndefined();
  });
});

describe('DNN findings in the editor', () => {
  it('uses the element span', () => {
    const [marker] = dnnMarkers([
      {
        checkId: 'softmax-single-unit',
        elementId: 2,
        kind: 'activation',
        message: 'softmax on 1 unit',
        severity: 'warning',
        span: { line: 7, col: 30, endLine: 7, endCol: 39 },
      },
    ]);
    expect(marker).toMatchObject({ line: 7, col: 31, endLine: 7, endCol: 40, severity: 'warning', code: 'softmax-single-unit' });
  });
});
