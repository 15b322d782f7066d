import { describe, expect, it } from 'vitest';
import { parseHealAnswer } from './answer.ts';
import { isAbortError } from '../../../workers/shared/engine.ts';
import { ALL_CASES } from '../../../test/rules-cases.ts';
import { RULES, createRulesEngine, healByRules, ruleCandidates } from './rules.ts';
import { healFixture } from '../../../test/pause-fixtures.ts';

describe('createRulesEngine', () => {
  const engine = createRulesEngine();

  it('answers with a note and the code in <code>, streamed', async () => {
    const pieces: string[] = [];
    const context = ALL_CASES[0].context;
    const answer = await engine.generate([], { onToken: (t) => pieces.push(t) }, context);
    expect(answer).toBe(
      `Rule name-suggestion: replaced raduis with radius (CPython: Did you mean: 'radius'?).\n<code>\n__return__ = 3.14159 * radius ** 2\n</code>`,
    );
    expect(pieces.join('')).toBe(answer);
  });

  it.each(ALL_CASES.map((c) => [c.name, c] as const))('its answer parses to the expected code: %s', async (_name, c) => {
    const parsed = parseHealAnswer(await engine.generate([], {}, c.context), { allowReturn: false });
    expect(parsed).toEqual({ ok: true, code: c.code, salvaged: [] });
  });

  it('needs the pause context and honours an abort', async () => {
    await expect(engine.generate([], {})).rejects.toThrow(/needs the pause context/);
    const controller = new AbortController();
    controller.abort();
    await expect(engine.generate([], { signal: controller.signal }, ALL_CASES[0].context)).rejects.toSatisfy(isAbortError);
  });
});

describe('candidates and attempts', () => {
  it('every candidate of every case is valid handling code, the skip fallback last', () => {
    for (const c of ALL_CASES) {
      const candidates = ruleCandidates(c.context);
      expect(candidates.at(-1)!.code).toBe(c.context.pause.kind === 'Return' ? '__return__ = None' : 'pass');
      for (const candidate of candidates) {
        expect(parseHealAnswer(`<code>${candidate.code}</code>`, { allowReturn: false })).toMatchObject({ ok: true, code: candidate.code });
      }
      expect(new Set(candidates.map((x) => x.code)).size).toBe(candidates.length);
    }
  });

  it('attempt n takes the n-th candidate and stays on the fallback afterwards', () => {
    const fixture = {
      source: "a, b = 3, '4'\nresult = a + b",
      line: 2,
      kind: 'Assign',
      type: 'TypeError',
      message: "unsupported operand type(s) for +: 'int' and 'str'",
      globals: { a: ['int', '3'] as [string, string], b: ['str', "'4'"] as [string, string] },
    };
    expect(healByRules(healFixture(fixture, 1)).code).toBe('result = a + int(b)');
    expect(healByRules(healFixture(fixture, 2)).code).toBe('pass');
    expect(healByRules(healFixture(fixture, 9)).code).toBe('pass');
  });

  it('an error type no rule knows is skipped', () => {
    const context = healFixture({
      source: 'open("x.txt")',
      line: 1,
      kind: 'Expr',
      type: 'FileNotFoundError',
      message: "[Errno 44] No such file or directory: 'x.txt'",
    });
    expect(healByRules(context)).toMatchObject({ rule: 'skip', code: 'pass' });
  });

  it('a rewrite identical to the failing statement is never proposed', () => {
    // The suggestion names the same identifier: rewriting would re-raise.
    const context = healFixture({
      source: 'y = x',
      line: 1,
      kind: 'Assign',
      type: 'NameError',
      message: "name 'x' is not defined",
      hint: "Did you mean: 'x'?",
    });
    expect(ruleCandidates(context).map((c) => c.code)).toEqual(['pass']);
  });

  it('lists its rules with the error types they read', () => {
    expect(RULES.map((r) => r.id)).toEqual([
      'name',
      'attribute',
      'unbound-local',
      'missing-module',
      'index',
      'key',
      'zero-division',
      'type',
      'value',
      'recursion',
    ]);
    expect(new Set(RULES.flatMap((r) => r.errors))).toEqual(
      new Set([
        'NameError',
        'AttributeError',
        'UnboundLocalError',
        'ModuleNotFoundError',
        'ImportError',
        'IndexError',
        'KeyError',
        'ZeroDivisionError',
        'TypeError',
        'ValueError',
        'RecursionError',
      ]),
    );
  });
});
