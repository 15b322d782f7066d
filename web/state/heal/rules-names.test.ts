import { describe, expect, it } from 'vitest';
import { NAME_CASES } from '../../../test/rules-cases.ts';
import { IMPORT_FOR, NAME_RULES, STDLIB_MODULES } from './rules-names.ts';
import { healByRules, ruleCandidates } from './rules.ts';
import { healFixture } from '../../../test/pause-fixtures.ts';

describe('name rules on realistic pauses', () => {
  it.each(NAME_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(healByRules(c.context)).toMatchObject({ rule: c.rule, code: c.code });
  });
});

describe('name rules: when they do not apply', () => {
  it('a suggestion is not applied inside strings or to attributes', () => {
    const context = healFixture({
      source: 'lenght = 3\nprint("lengt", obj.lengt, lengt)',
      line: 2,
      kind: 'Expr',
      type: 'NameError',
      message: "name 'lengt' is not defined",
      hint: "Did you mean: 'lenght'?",
      globals: { lenght: ['int', '3'] },
    });
    expect(healByRules(context).code).toBe('print("lengt", obj.lengt, lenght)');
  });

  it('an AttributeError without a suggestion or a known alias falls back to skipping', () => {
    const context = healFixture({
      source: 'x.frobnicate()',
      line: 1,
      kind: 'Expr',
      type: 'AttributeError',
      message: "'Widget' object has no attribute 'frobnicate'",
    });
    expect(ruleCandidates(context)).toEqual([{ rule: 'skip', note: expect.any(String), code: 'pass' }]);
  });

  it('an import of a module the browser cannot provide: skipping it is the only candidate, and it says what that costs', () => {
    const context = healFixture({
      source: 'import tensorflow as tf\nprint(tf.__version__)',
      line: 1,
      kind: 'Import',
      type: 'ModuleNotFoundError',
      message: "No module named 'tensorflow'",
    });
    expect(ruleCandidates(context)).toEqual([
      {
        rule: 'skip-import',
        code: 'pass',
        note: "'tensorflow' cannot be imported here; skipping the import leaves 'tensorflow' undefined: everything that uses it will fail",
      },
    ]);
    // Not an import statement (a module imported inside a call): the general fallback.
    const inner = healFixture({ source: 'load()', line: 1, kind: 'Expr', type: 'ModuleNotFoundError', message: "No module named 'x'" });
    expect(ruleCandidates(inner).map((c) => c.rule)).toEqual(['skip']);
  });

  it('an import goes before the rewritten statement and numpy/pandas are never imported', () => {
    expect(IMPORT_FOR.np).toBeUndefined();
    expect(IMPORT_FOR.pd).toBeUndefined();
    expect(IMPORT_FOR.Counter).toBe('from collections import Counter');
    expect(IMPORT_FOR.lru_cache).toBe('from functools import lru_cache');
    expect(IMPORT_FOR.Optional).toBe('from typing import Optional');
    expect(STDLIB_MODULES.has('json')).toBe(true);
  });

  it('offers the next candidate on a retry (import first, then the suggestion)', () => {
    const fixture = {
      source: 'counter = {}\nc = Counter("abc")',
      line: 2,
      kind: 'Assign',
      type: 'NameError',
      message: "name 'Counter' is not defined",
      hint: "Did you mean: 'counter'?",
      globals: { counter: ['dict', '{}'] as [string, string] },
    };
    expect(healByRules(healFixture(fixture, 1)).code).toBe('from collections import Counter\nc = Counter("abc")');
    expect(healByRules(healFixture(fixture, 2, 'the handling code raised …')).code).toBe('c = counter("abc")');
    expect(healByRules(healFixture(fixture, 3)).code).toBe('pass');
  });

  it('every rule says what it does', () => {
    for (const rule of NAME_RULES) expect(rule.summary.length).toBeGreaterThan(40);
  });
});
