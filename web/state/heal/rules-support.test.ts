import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  contextDefault,
  elementDefault,
  exactStatement,
  finish,
  isLiteralRepr,
  nestedKinds,
  ruleInput,
  splitAssignment,
  subscripts,
} from './rules-support.ts';
import { pauseFixture } from '../../../test/pause-fixtures.ts';

describe('exactStatement', () => {
  it('cuts the statement out of a line it shares, using byte columns', () => {
    const source = 'name = "é"; xs = [1]; y = xs[5]';
    const pause = { ...pauseFixture({ source, line: 1, kind: 'Assign', type: 'IndexError', message: 'list index out of range' }), col: 23, endCol: 32 };
    // "é" is two bytes in UTF-8: byte column 23 is character 22.
    expect(exactStatement(source, pause)).toBe('y = xs[5]');
  });

  it('keeps a compound statement with its body, dedented by the statement column', () => {
    const source = 'def f(n):\n    for i in n:\n        print(i)\n    return 1';
    const pause = pauseFixture({ source, line: 2, endLine: 3, kind: 'For', type: 'TypeError', message: '' });
    expect(exactStatement(source, pause)).toBe('for i in n:\n    print(i)');
  });

  it('falls back to the runner text when the source does not have the lines', () => {
    const pause = pauseFixture({ source: 'a\nb\nc', line: 3, kind: 'Expr', type: 'E', message: '' });
    expect(exactStatement('only one line', pause)).toBe('c');
  });
});

describe('finish', () => {
  const input = (kind: string) => ruleInput(pauseFixture({ source: 'return x', line: 1, kind, type: 'E', message: '' }), 'return x');
  it('turns a return into __return__, with imports first', () => {
    expect(finish(input('Return'), 'return f(x)', ['import math'])).toBe('import math\n__return__ = f(x)');
    expect(finish(input('Return'), 'return')).toBe('__return__ = None');
    expect(finish(input('Expr'), 'print(x)')).toBe('print(x)');
  });
});

describe('reprs', () => {
  it('reads element types along first elements', () => {
    expect(nestedKinds('list', '[[1, 2], [3]]')).toEqual(['list', 'list', 'int']);
    expect(nestedKinds('dict', "{'a': [1.5]}")).toEqual(['dict', 'list', 'float']);
    expect(nestedKinds('deque', "deque(['x'])")).toEqual(['deque', 'str']);
    expect(nestedKinds('defaultdict', "defaultdict(<class 'list'>, {1: [2]})")).toEqual(['defaultdict', 'list', 'int']);
    expect(nestedKinds('list', '[]')).toEqual(['list']);
    expect(nestedKinds('str', "'abc'")).toEqual(['str', 'str']);
  });

  it('defaults for elements: scalars, empty containers, None', () => {
    const b = (type: string, repr: string) => ({ name: 'x', type, repr, scope: 'local' as const, kind: 'value' as const });
    expect(elementDefault(b('list', '[3, 4]'))).toBe('0');
    expect(elementDefault(b('list', "['a']"))).toBe("''");
    expect(elementDefault(b('list', '[[1]]'))).toBe('[]');
    expect(elementDefault(b('list', '[[1]]'), 1)).toBe('0');
    expect(elementDefault(b('list', '[<Node object>]'))).toBe('None');
    expect(elementDefault(undefined)).toBe('None');
  });

  it('only plain scalar reprs count as literals', () => {
    expect(['0', '-2.5', "'ab'", 'None', 'True'].every(isLiteralRepr)).toBe(true);
    expect(['[1, 2]', "'ab…'", '<object at 0x1>', 'float("nan")'].some(isLiteralRepr)).toBe(false);
  });
});

describe('statement shapes', () => {
  it('splits assignments', () => {
    expect(splitAssignment('a, b = f(x=1)')).toEqual({ targets: 'a, b', op: '=', value: 'f(x=1)' });
    expect(splitAssignment('d[k] += 1')).toEqual({ targets: 'd[k]', op: '+=', value: '1' });
    expect(splitAssignment('print(a == b)')).toBeNull();
    expect(splitAssignment('for x in y:\n    z = 1')).toBeNull();
  });

  it('finds subscripts with their chain, targets, slices and calls', () => {
    const subs = subscripts('grid[i][j] = f(x)[k] + s[1:2] + self.arr[n]');
    expect(subs.map((s) => [s.base, s.index, s.root, s.level, s.isTarget, s.isSlice, s.hasCall])).toEqual([
      ['grid', 'i', 'grid', 0, true, false, false],
      ['grid[i]', 'j', 'grid', 1, true, false, false],
      ['f(x)', 'k', null, 0, false, false, true],
      ['s', '1:2', 's', 0, false, true, false],
      ['self.arr', 'n', 'self.arr', 0, false, false, false],
    ]);
  });

  it('applies non-overlapping edits, the first of two overlapping ones wins', () => {
    expect(
      applyEdits('abcdef', [
        { start: 0, end: 3, text: 'X' },
        { start: 1, end: 2, text: 'Y' },
        { start: 4, end: 5, text: 'Z' },
      ]),
    ).toBe('XdZf');
  });

  it('picks defaults from how an expression is used', () => {
    const at = (stmt: string, expr: string) => [stmt.indexOf(expr), stmt.indexOf(expr) + expr.length] as const;
    expect(contextDefault('y = 1 + E', ...at('y = 1 + E', 'E'), 'None')).toBe('0');
    expect(contextDefault('for v in E:', ...at('for v in E:', 'E'), 'None')).toBe('[]');
    expect(contextDefault('m = max(m, E)', ...at('m = max(m, E)', 'E'), 'None')).toBe('0');
    expect(contextDefault('s = sum(E)', ...at('s = sum(E)', 'E'), 'None')).toBe('[]');
    expect(contextDefault('y = E', ...at('y = E', 'E'), 'None')).toBe('None');
    expect(contextDefault('y = 1 + E', ...at('y = 1 + E', 'E'), "''")).toBe("''");
  });
});
