import { describe, expect, it } from 'vitest';
import { TYPE_CASES } from '../../../test/rules-cases.ts';
import { healByRules, ruleCandidates } from './rules.ts';
import { healFixture } from '../../../test/pause-fixtures.ts';

describe('ZeroDivisionError and TypeError rules on realistic pauses', () => {
  it.each(TYPE_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(healByRules(c.context)).toMatchObject({ rule: c.rule, code: c.code });
  });
});

describe('ZeroDivisionError and TypeError rules: when they do not apply', () => {
  it('string formatting with % and a non-zero literal divisor are not guarded', () => {
    const context = healFixture({
      source: 'msg = "%d items" % n\nr = a / b + c / 2',
      line: 2,
      kind: 'Assign',
      type: 'ZeroDivisionError',
      message: 'division by zero',
      globals: { a: ['int', '1'], b: ['int', '0'], c: ['int', '4'] },
    });
    expect(healByRules(context).code).toBe('r = (a / b if b else 0.0) + c / 2');
    const formatting = healFixture({ source: 'msg = "%d" % n', line: 1, kind: 'Assign', type: 'ZeroDivisionError', message: 'division by zero' });
    expect(ruleCandidates(formatting).map((c) => c.code)).toEqual(['pass']);
  });

  it('a str/number mismatch with no operand of known type is not guessed', () => {
    const context = healFixture({
      source: 'r = f() + g()',
      line: 1,
      kind: 'Assign',
      type: 'TypeError',
      message: "unsupported operand type(s) for +: 'int' and 'str'",
    });
    expect(ruleCandidates(context).map((c) => c.rule)).toEqual(['skip']);
  });

  it('a multiplication by a str operand that is not numeric is not turned into str()', () => {
    const context = healFixture({
      source: 'r = n * s',
      line: 1,
      kind: 'Assign',
      type: 'TypeError',
      message: "unsupported operand type(s) for *: 'int' and 'str'",
      globals: { n: ['int', '2'], s: ['str', "'ab'"] },
    });
    expect(ruleCandidates(context).map((c) => c.rule)).toEqual(['skip']);
  });

  it('the body of a loop is never rewritten, only its header', () => {
    const context = healFixture({
      source: 'for i in n:\n    print(i, n)',
      line: 1,
      endLine: 2,
      kind: 'For',
      type: 'TypeError',
      message: "'int' object is not iterable",
      globals: { n: ['int', '2'] },
    });
    expect(healByRules(context).code).toBe('for i in range(n):\n    print(i, n)');
  });

  it('a guarded compound statement whose body returns is dropped (not valid handling code)', () => {
    const context = healFixture({
      source: 'def f(a, b):\n    if a / b > 1:\n        return 1\n    return 0',
      line: 2,
      endLine: 3,
      kind: 'If',
      function: 'f',
      type: 'ZeroDivisionError',
      message: 'division by zero',
      locals: { a: ['int', '1'], b: ['int', '0'] },
    });
    expect(ruleCandidates(context).map((c) => c.code)).toEqual(['pass']);
  });
});
