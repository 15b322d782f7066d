import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';
import { MUTATION_KINDS, applyMutation, mutateProgram, scan } from './mutate.ts';
import { formatFuzzReport, mismatchReason, summarizeFuzz, type FuzzOutcome } from './report.ts';

const PROGRAM = `import math

def area(r):
    """Area of a circle: # not a comment"""
    s = math.pi * r ** 2
    return round(s, 2)

values = [1, 2,
          3]
for v in values:
    print(area(v), "cm2")
`;

describe('prng', () => {
  it('is deterministic per seed and fork', () => {
    const a = createRng(7);
    const b = createRng(7);
    expect([a.next(), a.int(10), a.fork(3).next()]).toEqual([b.next(), b.int(10), b.fork(3).next()]);
    expect(createRng(8).next()).not.toBe(createRng(7).next());
    const r = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const x = r.int(5);
      expect(x >= 0 && x < 5).toBe(true);
    }
  });
});

describe('scan', () => {
  it('finds logical statements, headers and string/comment characters', () => {
    const { classes, statements } = scan(PROGRAM);
    expect(statements.map((s) => [s.start, s.end, s.header])).toEqual([
      [0, 0, false],
      [2, 2, true],
      [3, 3, false],
      [4, 4, false],
      [5, 5, false],
      [7, 8, false],
      [9, 9, true],
      [10, 10, false],
    ]);
    expect(statements[3]!.indent).toBe('    ');
    expect(classes[PROGRAM.indexOf('# not')]).toBe('string');
    expect(classes[PROGRAM.indexOf('math.pi')]).toBe('code');
  });
});

describe('applyMutation', () => {
  const seeds = Array.from({ length: 40 }, (_, i) => i);

  it('every kind changes the program and reports its line', () => {
    for (const kind of MUTATION_KINDS) {
      for (const seed of seeds.slice(0, 10)) {
        const mutant = applyMutation(PROGRAM, kind, createRng(seed));
        expect(mutant, kind).not.toBeNull();
        expect(mutant!.mutations[0]!.kind).toBe(kind);
        expect(mutant!.mutations[0]!.line).toBeGreaterThan(0);
        if (kind !== 'swap' && kind !== 'duplicate') expect(mutant!.source, kind).not.toBe(PROGRAM);
      }
    }
  });

  it('delete removes one simple statement (multi-line ones whole), never a block header', () => {
    for (const seed of seeds) {
      const out = applyMutation(PROGRAM, 'delete', createRng(seed))!.source;
      expect(out).toContain('def area(r):');
      expect(out).toContain('for v in values:');
      expect(out.includes('values = [1, 2,')).toBe(out.includes('          3]'));
    }
  });

  it('rename and literal leave strings and comments alone', () => {
    for (const seed of seeds) {
      for (const kind of ['rename', 'literal'] as const) {
        const out = applyMutation(PROGRAM, kind, createRng(seed))!.source;
        expect(out).toContain('# not a comment');
      }
    }
  });

  it('loop inserts `while True: pass` at the indentation of a statement', () => {
    const out = applyMutation('if x:\n    y = 1\nelse:\n    y = 2\n', 'loop', createRng(3))!.source;
    expect(out).toMatch(/^( {4})?while True: pass$/m);
    expect(out).not.toMatch(/while True: pass\nelse:/);
  });

  it('mutateProgram is reproducible from the seed', () => {
    const one = mutateProgram(PROGRAM, createRng(42), { maxMutations: 3 });
    const two = mutateProgram(PROGRAM, createRng(42), { maxMutations: 3 });
    expect(one).toEqual(two);
    expect(one!.mutations.length).toBeGreaterThanOrEqual(1);
    expect(mutateProgram('', createRng(1))).toBeNull();
  });
});

describe('summarizeFuzz', () => {
  const run = (status: 'finished' | 'error' | 'stopped', stdout = '', extra = {}) => ({ status, stdout, crashed: false, ...extra });
  const outcome = (instrumented: FuzzOutcome['instrumented'], plain: FuzzOutcome['plain']): FuzzOutcome => ({
    id: 'p',
    mutations: [{ kind: 'delete', line: 1, detail: 'x' }],
    instrumented,
    plain,
  });

  it('counts ends, crashes and mismatches', () => {
    const report = summarizeFuzz([
      outcome(run('finished', 'a\n', { heals: 2 }), run('error', '')),
      outcome(run('finished', 'a\n'), run('finished', 'a\n')),
      outcome(run('finished', 'b\n'), run('finished', 'a\n')),
      outcome(run('stopped'), run('stopped')),
      outcome(
        run('error', '', { errorType: 'WorkerCrashed', crashed: true, recovered: true }),
        run('error', '', { errorType: 'WorkerCrashed', crashed: true, recovered: false }),
      ),
    ]);
    expect(report).toMatchObject({
      programs: 5,
      finished: 3,
      error: 1,
      stopped: 1,
      heals: 2,
      recoveredCrashes: 1,
      unrecovered: 1,
      comparable: 2,
      mismatches: 1,
    });
    expect(report.errorTypes).toEqual({ WorkerCrashed: 1 });
    expect(report.mutationKinds.delete).toBe(5);
    expect(report.examples.map((e) => e.why)).toEqual([expect.stringContaining('stdout differs'), 'unrecovered crash in the plain run: WorkerCrashed']);
    expect(formatFuzzReport(report)).toMatch(/output mismatches\s+1/);
  });

  it('an instrumented run that does not finish where the plain one did is a mismatch', () => {
    expect(mismatchReason(outcome(run('stopped'), run('finished', 'x')))).toMatch(/instrumented stopped/);
    expect(mismatchReason(outcome(run('error'), run('error')))).toBeNull();
  });
});
