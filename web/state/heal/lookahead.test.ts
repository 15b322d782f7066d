import { describe, expect, it } from 'vitest';
import { chooseByLookAhead, controlApplies, describeControl, describeVerdict, verdictOf, withStandardCandidates, type LookAheadVerdict } from './lookahead.ts';
import type { LookAheadOutcome } from '../../../workers/protocol/lookahead.ts';
import type { PauseContext } from '../../../workers/protocol/runner.ts';

const outcome = (o: Partial<LookAheadOutcome>): LookAheadOutcome => ({
  status: 'finished',
  stdout: '',
  truncated: false,
  laterPauses: 0,
  statementsAfter: 0,
  ms: 1,
  nondeterministic: [],
  ...o,
});
const v = (o: Partial<LookAheadOutcome>, expected: string | null = 'ok\n'): LookAheadVerdict => verdictOf(outcome(o), expected, 'lenient');

describe('auto-accept choice by look-ahead', () => {
  it("expected: a CORRECT continuation first, even behind the engine's first candidate", () => {
    const verdicts = [
      v({ stdout: 'no\n' }),
      v({ status: 'error', error: { type: 'IndexError', message: '', line: 3 } }),
      v({ stdout: 'ok\n', laterPauses: 2 }),
    ];
    expect(chooseByLookAhead(verdicts, 'expected', true)).toEqual({ order: [2, 0, 1], reason: 'its continuation prints the expected output' });
  });

  it("proceed ignores the expected output: fewest later pauses among those that finish, then the engine's order", () => {
    const verdicts = [
      v({ status: 'budget' }),
      v({ stdout: 'ok\n', laterPauses: 2 }),
      v({ stdout: 'no\n', laterPauses: 1 }),
      v({ stdout: 'x', laterPauses: 1 }),
    ];
    const choice = chooseByLookAhead(verdicts, 'proceed', true);
    expect(choice.order).toEqual([2, 3, 1, 0]);
    expect(choice.reason).toBe('its continuation finishes with 1 later pause');
  });

  it('expected without any CORRECT continuation falls back to PROCEED, and says so', () => {
    const choice = chooseByLookAhead([v({ status: 'error' }), v({ stdout: 'no' })], 'expected', true);
    expect(choice).toEqual({ order: [1, 0], reason: 'its continuation finishes with 0 later pauses (none prints the expected output)' });
  });

  it("nothing finishes: the engine's order, unchanged", () => {
    const choice = chooseByLookAhead([v({ status: 'error' }), v({ status: 'budget' }), v({ status: 'candidate-failed' })], 'expected', true);
    expect(choice.order).toEqual([0, 1, 2]);
    expect(choice.reason).toMatch(/engine's first candidate/);
  });

  it('a non-zero exit is not PROCEED', () => {
    expect(v({ exitCode: 1 }).proceed).toBe(false);
    expect(chooseByLookAhead([v({ exitCode: 1, stdout: 'ok\n' }), v({ stdout: 'no' })], 'expected', true).order).toEqual([1, 0]);
  });
});

describe('describing continuations', () => {
  it('says where each one leads', () => {
    expect(describeVerdict(v({ stdout: 'ok\n' }))).toBe('→ finishes, output matches ✓');
    expect(describeVerdict(v({ stdout: 'ok\nmore\n', laterPauses: 3 }))).toBe('→ 3 more skips, finishes, output differs at line 2');
    expect(describeVerdict(v({ status: 'error', error: { type: 'IndexError', message: 'x', line: 31 } }))).toBe('→ IndexError at line 31');
    expect(describeVerdict(v({ stdout: 'a' }, null))).toBe('→ finishes');
    expect(describeVerdict(v({ status: 'budget', statementsAfter: 10_001, nondeterministic: ['random'] }))).toBe(
      '→ still running after 10001 statements (budget) (uses random: may differ)',
    );
  });
});

describe('candidates', () => {
  const pause = (extra: Partial<PauseContext>) => ({ kind: 'Expr', ...extra }) as PauseContext;
  it('adds skip and, in a loop, the loop actions; duplicates go', () => {
    const out = withStandardCandidates(pause({ loop: { kind: 'while', line: 4 } }), [
      { code: 'x = 0', label: 'r' },
      { code: 'pass\n', label: 'rule skip' },
    ]);
    expect(out.map((c) => [c.code, c.control ?? null])).toEqual([
      ['x = 0', null],
      ['pass', null],
      ['pass', 'continue'],
      ['pass', 'break'],
    ]);
    expect(out[3]!.label).toBe('leave the while loop at line 4 (break)');
  });

  it('a failing return is skipped by returning None, and gets no loop action', () => {
    const out = withStandardCandidates(pause({ kind: 'Return', loop: { kind: 'for', line: 2 } }), []);
    expect(out).toEqual([{ code: '__return__ = None', label: 'skip the statement' }]);
  });

  it('in a function: leaving it with each of its own return values, after the loop actions', () => {
    const out = withStandardCandidates(pause({ function: 'best', loop: { kind: 'for', line: 3 }, returns: ['res', 'None'] }), []);
    expect(out.map((c) => [c.code, c.control ?? null])).toEqual([
      ['pass', null],
      ['pass', 'continue'],
      ['pass', 'break'],
      ['__return__ = res', 'return'],
      ['__return__ = None', 'return'],
    ]);
    expect(out[3]!.label).toBe('leave best() now, returning res');
    // An engine's late guesses (rules mutations) come after all of them.
    const late = withStandardCandidates(pause({ returns: ['None'] }), [
      { code: 'v = xs[1]', label: 'mutation', late: true },
      { code: 'v = 0', label: 'rule' },
    ]);
    expect(late.map((c) => c.code)).toEqual(['v = 0', 'pass', '__return__ = None', 'v = xs[1]']);
    // Only one-line expressions from the pause (it comes from the worker that runs the program).
    const odd = withStandardCandidates(pause({ returns: ['x', 'y\nimport os', 'z'.repeat(201), 7 as unknown as string] }), []);
    expect(odd.filter((c) => c.control === 'return').map((c) => c.code)).toEqual(['__return__ = x']);
    // A failing return already chooses the value: no second way to return.
    expect(withStandardCandidates(pause({ kind: 'Return', function: 'f', returns: ['x'] }), []).some((c) => c.control)).toBe(false);
  });

  it('a control action applies only where the pause offers it', () => {
    expect(controlApplies('return', pause({ returns: ['x'] }))).toBe(true);
    expect(controlApplies('return', pause({ loop: { kind: 'for', line: 1 } }))).toBe(false);
    expect(controlApplies('break', pause({ returns: ['x'] }))).toBe(false);
    expect(controlApplies('continue', pause({ loop: { kind: 'for', line: 1 } }))).toBe(true);
    expect(controlApplies(undefined, pause({ loop: { kind: 'for', line: 1 } }))).toBe(false);
    expect(describeControl('return', pause({ function: 'f' }))).toBe('f() returns at once with the value bound to __return__');
    expect(describeControl('break', pause({ loop: { kind: 'while', line: 9 } }))).toBe('the while loop at line 9 ends (break)');
  });
});
