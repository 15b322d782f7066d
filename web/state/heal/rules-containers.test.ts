import { describe, expect, it } from 'vitest';
import { CONTAINER_CASES } from '../../../test/rules-cases.ts';
import { healByRules, ruleCandidates } from './rules.ts';
import { healFixture } from '../../../test/pause-fixtures.ts';

describe('container rules on realistic pauses', () => {
  it.each(CONTAINER_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(healByRules(c.context)).toMatchObject({ rule: c.rule, code: c.code });
  });
});

describe('container rules: when they do not apply', () => {
  const index = (source: string, globals: Record<string, [string, string]>) =>
    healFixture({
      source,
      line: 1,
      kind: 'Assign',
      type: 'IndexError',
      message: 'list index out of range',
      globals,
    });

  it('dict subscripts are not guarded against IndexError; the list one is', () => {
    expect(healByRules(index('v = d[k] + xs[i]', { d: ['dict', "{'a': 1}"], xs: ['list', '[1]'], k: ['str', "'a'"], i: ['int', '4'] })).code).toBe(
      'v = d[k] + (xs[i] if -len(xs) <= i < len(xs) else 0)',
    );
  });

  it('slices never raise and an index that calls something is not evaluated twice', () => {
    expect(ruleCandidates(index('v = xs[1:3] + xs[f()]', { xs: ['list', '[1]'] })).map((c) => c.rule)).toEqual(['skip']);
  });

  it('several unknown bases: no guessing', () => {
    expect(ruleCandidates(index('v = a.b[i] + c.d[j]', {})).map((c) => c.rule)).toEqual(['skip']);
  });

  it('assignment out of range that is not one past the end is not an append', () => {
    const context = healFixture({
      source: 'xs[i], ys[j] = 1, 2',
      line: 1,
      kind: 'Assign',
      type: 'IndexError',
      message: 'list assignment index out of range',
      globals: { xs: ['list', '[]'], ys: ['list', '[]'] },
    });
    expect(ruleCandidates(context).map((c) => c.rule)).toEqual(['skip']);
  });

  it('a return whose guard is rejected falls back to __return__ = None', () => {
    const context = healFixture({
      source: 'def f(xs):\n    return xs[9]',
      line: 2,
      kind: 'Return',
      function: 'f',
      type: 'IndexError',
      message: 'list index out of range',
      locals: { xs: ['list', '[1]'] },
    });
    expect(ruleCandidates(context).map((c) => c.code)).toEqual(['__return__ = (xs[9] if -len(xs) <= 9 < len(xs) else 0)', '__return__ = None']);
  });

  it('KeyError on a list of dicts: only the dict level becomes .get', () => {
    const context = healFixture({
      source: 'v = rows[0][key]',
      line: 1,
      kind: 'Assign',
      type: 'KeyError',
      message: "'x'",
      globals: { rows: ['list', "[{'a': 1}]"], key: ['str', "'x'"] },
    });
    expect(healByRules(context).code).toBe('v = rows[0].get(key, 0)');
  });
});
