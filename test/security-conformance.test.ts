import { describe, expect, it } from 'vitest';
import { compare, parseBanditJsonl, perTestTable, score } from './security-conformance.ts';

const row = (id: string, expected: [string, number][], parses = true) => ({
  id,
  path: `${id}.py`,
  source: '',
  parses_on_py312: parses,
  expected: expected.map(([test_id, line]) => ({ test_id, line, severity: 'LOW', confidence: 'HIGH' })),
});
const ours = (id: string, findings: [string, number][], errors: string[] = []) => ({
  id,
  findings: findings.map(([test_id, line]) => ({ test_id, line, severity: 'LOW', confidence: 'HIGH' })),
  errors: errors.map((reason) => ({ reason })),
});

describe('security conformance scoring', () => {
  it('compares multisets of (test_id, line) per file', () => {
    const report = compare(
      [
        row('a', [
          ['B101', 1],
          ['B101', 1],
          ['B602', 3],
        ]),
        row('b', [['B404', 1]]),
        row('c', [], false),
      ],
      [
        ours('a', [
          ['B101', 1],
          ['B602', 4],
        ]),
        ours('b', [['B404', 1]]),
        ours('c', [], ['syntax error']),
      ],
    );
    expect(report.overall).toMatchObject({ matched: 2, extra: 1, missed: 2 });
    expect(report.overall.precision).toBeCloseTo(2 / 3);
    expect(report.overall.recall).toBeCloseTo(0.5);
    expect(report.perTest.B602).toMatchObject({ matched: 0, extra: 1, missed: 1, f1: 0 });
    expect(report.files).toBe(2);
    expect(report.parseErrors).toEqual([{ id: 'c', expectedUnparsable: true }]);
    expect(perTestTable(report)[0]).toContain('F1');
  });

  it('scores empty sets as perfect and rejects malformed JSONL with its line', () => {
    expect(score({ matched: 0, extra: 0, missed: 0 }).f1).toBe(1);
    expect(() => parseBanditJsonl('{"source": "x", "expected": []}\nnot json')).toThrow(/line 2/);
    expect(parseBanditJsonl('{"path": "p.py", "source": "x", "expected": []}')[0]).toMatchObject({ id: 'p.py', parses_on_py312: true });
  });
});
