import { describe, expect, it } from 'vitest';
import { healFixture } from '../../../test/pause-fixtures.ts';
import { indexMinusOne } from './rules-mutations.ts';
import { createRulesEngine, lookAheadMutations, ruleCandidates } from './rules.ts';

const pause = (source: string, type: string, message: string, kind = 'Assign') =>
  healFixture({ source, line: 1, kind, type, message, globals: { xs: ['list', '[1, 2]'], i: ['int', '1'] } });

describe('look-ahead mutations of the failing statement', () => {
  it('index one lower: literals, `e + c`, `e - c` and anything else', () => {
    expect(['3', '-3', '-1', '0', 'i + 1', 'i+2', 'n - 1', 'k', 'a * b'].map(indexMinusOne)).toEqual([
      '2',
      '-2',
      null,
      null,
      'i',
      'i + 1',
      'n - 2',
      'k - 1',
      '(a * b) - 1',
    ]);
  });

  it('IndexError: each subscript of the statement shifted, as handling code (a failing return binds __return__)', () => {
    expect(lookAheadMutations(pause('v = xs[2] + ys[i + 1]', 'IndexError', 'list index out of range')).map((c) => c.code)).toEqual([
      'v = xs[1] + ys[i + 1]',
      'v = xs[2] + ys[i]',
    ]);
    expect(lookAheadMutations(pause('return stack[-2]', 'IndexError', 'list index out of range', 'Return')).map((c) => c.code)).toEqual([
      '__return__ = stack[-1]',
    ]);
  });

  it('TypeError on a non-container: the subscript dropped', () => {
    expect(lookAheadMutations(pause('return sum(stack[0])', 'TypeError', "'int' object is not iterable", 'Return')).map((c) => c.code)).toEqual([
      '__return__ = sum(stack)',
    ]);
    expect(lookAheadMutations(pause('v = max(a, b)[-1]', 'TypeError', "'int' object is not subscriptable")).map((c) => c.code)).toEqual(['v = max(a, b)']);
  });

  it('other errors and statements without a subscript get none', () => {
    expect(lookAheadMutations(pause('v = d[k]', 'KeyError', "'k'"))).toEqual([]);
    expect(lookAheadMutations(pause('v = len(n)', 'TypeError', "object of type 'int' has no len()"))).toEqual([]);
  });

  it('never offered without look-ahead: after every rule and the skip fallback, marked late', () => {
    const context = pause('v = xs[2]', 'IndexError', 'list index out of range');
    expect(ruleCandidates(context).some((c) => c.rule.startsWith('mutation'))).toBe(false);
    const listed = createRulesEngine().candidates(context);
    expect(listed.at(-1)).toEqual({ code: 'v = xs[1]', label: 'mutation index-shift: off by one? xs[2] → xs[1]', late: true });
    expect(listed.filter((c) => c.late)).toHaveLength(1);
  });
});
