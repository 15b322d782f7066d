import { describe, expect, it } from 'vitest';
import { diffBindings, formatDiff, isEmptyDiff } from './diff.ts';

const b = (name: string, type: string, repr: string) => ({ name, type, repr });

describe('diffBindings', () => {
  const before = [b('total', 'int', '3'), b('xs', 'list', '[1, 2]'), b('gone', 'str', "'x'"), b('same', 'int', '1'), b('n', 'int', '5')];
  const after = [
    b('xs', 'list', '[1, 2, 0]'),
    b('n', 'str', "'5'"),
    b('total', 'int', '3'),
    b('same', 'int', '1'),
    b('b_new', 'int', '0'),
    b('a_new', 'float', '0.0'),
  ];
  const diff = diffBindings(before, after);

  it('finds added, removed, changed and counts unchanged, sorted by name', () => {
    expect(diff.added.map((x) => x.name)).toEqual(['a_new', 'b_new']);
    expect(diff.removed).toEqual([b('gone', 'str', "'x'")]);
    expect(diff.changed).toEqual([
      { name: 'n', before: b('n', 'int', '5'), after: b('n', 'str', "'5'"), typeChanged: true },
      { name: 'xs', before: b('xs', 'list', '[1, 2]'), after: b('xs', 'list', '[1, 2, 0]'), typeChanged: false },
    ]);
    expect(diff.unchanged).toBe(2);
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it('keeps extra fields and lets the first occurrence of a name win', () => {
    const local = { ...b('x', 'int', '1'), scope: 'local' };
    const d = diffBindings([local, { ...b('x', 'int', '9'), scope: 'global' }], [{ ...b('x', 'int', '2'), scope: 'local' }]);
    expect(d.changed[0].before).toBe(local);
    expect(d.changed[0].after.scope).toBe('local');
  });

  it('an identical state is an empty diff', () => {
    const d = diffBindings(before, [...before].reverse());
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.unchanged).toBe(5);
  });

  it('formats one line per difference', () => {
    expect(formatDiff(diff)).toEqual(['+ a_new = 0.0', '+ b_new = 0', "~ n: 5 → '5' (int → str)", '~ xs: [1, 2] → [1, 2, 0]', '- gone']);
  });
});
