import { describe, expect, it } from 'vitest';
import { compareOutputs, visibleWhitespace, whitespaceHint } from './output-compare.ts';

describe('compareOutputs', () => {
  it('marks equal lines same and pairs replaced lines', () => {
    const rows = compareOutputs('a\nb\nc\n', 'a\nB\nc\n');
    expect(rows.map((r) => r.kind)).toEqual(['same', 'changed', 'same']);
    expect(rows[1]).toMatchObject({ expected: 'b', actual: 'B', expectedLine: 2, actualLine: 2 });
  });

  it('reports missing and extra lines with their own line numbers', () => {
    expect(compareOutputs('a\nb\n', 'a\n').map((r) => [r.kind, r.expectedLine, r.actualLine])).toEqual([
      ['same', 1, 1],
      ['missing', 2, undefined],
    ]);
    expect(compareOutputs('a\n', 'a\nz\n').map((r) => [r.kind, r.actual])).toEqual([
      ['same', 'a'],
      ['extra', 'z'],
    ]);
  });

  it('an empty actual output is all missing', () => {
    expect(compareOutputs('1\n2\n', '').map((r) => r.kind)).toEqual(['missing', 'missing']);
  });

  it('follows the rule: lenient rows match what CORRECT accepts, strict rows show the line ends', () => {
    expect(compareOutputs('1\n2', '1 \n2\n').map((r) => r.kind)).toEqual(['same', 'same']);
    const strict = compareOutputs('1\n2', '1\n2\n', 'strict');
    expect(strict.map((r) => r.kind)).toEqual(['same', 'changed']);
    expect(strict[1]).toMatchObject({ expected: '2', expectedEnd: false, actual: '2', actualEnd: true });
  });
});

describe('visibleWhitespace', () => {
  it('shows spaces, tabs and line ends', () => {
    expect(visibleWhitespace('a b\tc ', true)).toBe('a·b→c·⏎');
    expect(visibleWhitespace('x')).toBe('x');
    expect(visibleWhitespace('a\u00a0b')).toBe('a⍽b');
  });
});

describe('whitespaceHint', () => {
  it('explains whitespace-only differences under the rule in force', () => {
    expect(whitespaceHint('1\n', '1')).toBeNull(); // lenient: they match
    expect(whitespaceHint('1\n', '1', 'strict')).toMatch(/final newline.*lenient/);
    expect(whitespaceHint('1  2\n', '1 2\n')).toMatch(/whitespace inside lines/);
    expect(whitespaceHint('1\n', '2\n')).toBeNull();
    expect(whitespaceHint('x', 'x')).toBeNull();
  });
});
