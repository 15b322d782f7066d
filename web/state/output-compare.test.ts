import { describe, expect, it } from 'vitest';
import { compareOutputs, whitespaceHint } from './output-compare.ts';

describe('compareOutputs', () => {
  it('marks equal lines same and pairs replaced lines', () => {
    const rows = compareOutputs('a\nb\nc\n', 'a\nB\nc\n');
    expect(rows.map((r) => r.kind)).toEqual(['same', 'changed', 'same']);
    expect(rows[1]).toMatchObject({ expected: 'b', actual: 'B', expectedLine: 2, actualLine: 2 });
  });

  it('reports missing and extra lines with their own line numbers', () => {
    expect(compareOutputs('a\nb\n', 'a\n').map((r) => [r.kind, r.expectedLine, r.actualLine])).toEqual([
      ['same', 1, 1], ['missing', 2, undefined],
    ]);
    expect(compareOutputs('a\n', 'a\nz\n').map((r) => [r.kind, r.actual])).toEqual([['same', 'a'], ['extra', 'z']]);
  });

  it('an empty actual output is all missing', () => {
    expect(compareOutputs('1\n2\n', '').map((r) => r.kind)).toEqual(['missing', 'missing']);
  });
});

describe('whitespaceHint', () => {
  it('explains whitespace-only differences', () => {
    expect(whitespaceHint('1\n', '1')).toMatch(/final newline/);
    expect(whitespaceHint('1  2\n', '1 2\n')).toMatch(/whitespace/);
    expect(whitespaceHint('1\n', '2\n')).toBeNull();
    expect(whitespaceHint('x', 'x')).toBeNull();
  });
});
