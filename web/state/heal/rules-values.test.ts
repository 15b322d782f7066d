import { describe, expect, it } from 'vitest';
import { VALUE_CASES } from '../../../test/rules-cases.ts';
import { returnKind } from './rules-values.ts';
import { healByRules, ruleCandidates } from './rules.ts';
import { healFixture } from '../../../test/pause-fixtures.ts';

describe('ValueError and RecursionError rules on realistic pauses', () => {
  it.each(VALUE_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(healByRules(c.context)).toMatchObject({ rule: c.rule, code: c.code });
  });
});

describe('ValueError and RecursionError rules: details', () => {
  it("int('') with several int() calls guards each one", () => {
    const context = healFixture({
      source: 'v = int(a) + int(b, 2)',
      line: 1,
      kind: 'Assign',
      type: 'ValueError',
      message: "invalid literal for int() with base 10: ''",
      globals: { a: ['str', "''"], b: ['str', "'1'"] },
    });
    expect(healByRules(context).code).toBe("v = int(a or '0') + int(b or '0', 2)");
  });

  it('hexadecimal keeps hex digits of both cases', () => {
    const context = healFixture({
      source: 'v = int(h, 16)',
      line: 1,
      kind: 'Assign',
      type: 'ValueError',
      message: "invalid literal for int() with base 16: 'zz1'",
      globals: { h: ['str', "'zz1'"] },
    });
    expect(healByRules(context).code).toBe("v = int(''.join(ch for ch in str(h) if ch in '0123456789abcdefABCDEF') or '0', 16)");
  });

  it('max() with several arguments cannot take default=', () => {
    const context = healFixture({
      source: 'v = max(*xs)',
      line: 1,
      kind: 'Assign',
      type: 'ValueError',
      message: 'max() arg is an empty sequence',
    });
    expect(ruleCandidates(context).map((c) => c.rule)).toEqual(['skip']);
  });

  it('the return kind comes from the annotation, else from the returns', () => {
    expect(returnKind('def f(n) -> List[int]:\n    return g(n)', 'f')).toBe('list');
    expect(returnKind('def f(n):\n    if n:\n        return "x"\n    return f(n - 1) + "y"', 'f')).toBe('str');
    expect(returnKind('def f(n):\n    best = 0.5\n    return best\ndef g():\n    return []', 'f')).toBe('float');
    expect(returnKind('def f(n):\n    return f(n)', 'f')).toBeUndefined();
    expect(returnKind('x = 1', 'f')).toBeUndefined();
  });

  it('RecursionError without a known return type returns None', () => {
    const context = healFixture({
      source: 'def f(n):\n    return f(n)',
      line: 2,
      kind: 'Return',
      function: 'f',
      type: 'RecursionError',
      message: 'maximum recursion depth exceeded',
      locals: { n: ['int', '1'] },
    });
    expect(healByRules(context)).toMatchObject({ rule: 'recursion-neutral', code: '__return__ = None' });
  });
});
