// Look-ahead heals end to end in Node: the real runner pauses, the real executor's disposable
// workers look each candidate ahead, auto-accept chooses by the continuations.
import { describe, expect, it } from 'vitest';
import { useRunnerAndExecutor } from './node-workers.ts';
import { HealSession, defaultHealSettings, type HealSettings, type LookedAhead } from '../web/state/heal/session.ts';
import { createRulesEngine } from '../web/state/heal/rules.ts';
import { createScriptedEngine } from './scripted-engine.ts';
import { describeVerdict } from '../web/state/heal/lookahead.ts';
import type { PauseContext } from '../workers/protocol/runner.ts';

const workers = useRunnerAndExecutor();

// The first rules candidate (a "safe subscript") invents '' for the missing word: the output
// gets a trailing comma. Skipping the statement prints what is expected.
const JOIN = `words = ["a", "b"]
out = []
for i in range(3):
    out.append(words[i])
print(",".join(out))
`;

async function autoRun(code: string, settings: Partial<HealSettings>, expectedOutput: string | null, stdin = '') {
  const session = new HealSession(
    code,
    createRulesEngine(),
    workers.executor,
    { ...defaultHealSettings, autoAccept: true, ...settings },
    { stdin, expectedOutput },
  );
  const looked: LookedAhead[] = [];
  const result = await workers.runner.run(
    { code, stdin, ...(expectedOutput !== null ? { expectedOutput } : {}) },
    {
      onPause: async (context) => {
        if ((settings.lookAhead ?? 'off') === 'off') return session.autoHeal(context);
        const { answer, looked: one } = await session.autoHealByLookAhead(context);
        looked.push(one);
        return answer;
      },
    },
  );
  return { result, session, looked };
}

describe('look-ahead (Node, real runner and executor)', () => {
  it('without look-ahead the first rules candidate is taken and the output is wrong', async () => {
    const { result } = await autoRun(JOIN, { lookAhead: 'off' }, 'a,b\n');
    expect(result).toMatchObject({ status: 'finished', stdout: 'a,b,\n', correct: false });
  });

  it('expected: every candidate is looked ahead and the one whose continuation is CORRECT is accepted', async () => {
    const { result, session, looked } = await autoRun(JOIN, { lookAhead: 'expected' }, 'a,b\n');
    expect(result).toMatchObject({ stdout: 'a,b\n', correct: true });
    const [pause] = looked;
    expect(pause!.candidates.map((c) => c.control ?? c.code)).toEqual([
      "out.append((words[i] if -len(words) <= i < len(words) else ''))",
      'pass',
      'continue',
      'break',
      // The rules' mutation comes last (look-ahead only): words[i - 1] repeats "b".
      'out.append(words[i - 1])',
    ]);
    expect(pause!.verdicts.map(describeVerdict)).toEqual([
      '→ finishes, output differs at line 1',
      '→ finishes, output matches ✓',
      '→ finishes, output matches ✓',
      '→ finishes, output matches ✓',
      '→ finishes, output differs at line 1',
    ]);
    expect(pause!.verdicts[4]!.outcome.stdout).toBe('a,b,b\n');
    expect(session.trace).toHaveLength(1);
    expect(session.trace[0]).toMatchObject({ decision: 'auto-accepted', handlingCode: 'pass' });
    expect(session.trace[0]!.choice).toMatch(/^look-ahead: its continuation prints the expected output/);
    expect(session.trace[0]!.timings.lookAheadMs).toBeGreaterThan(0);
  });

  it('leaving the function is a candidate; accepted, the real run returns its value there (and at each reuse)', async () => {
    const code = `def best(grid, n):
    res = []
    for j in range(n + 1):
        top = 0
        for row in grid:
            top = max(top, row[j])
        res.append(top)
    return res
print(best([[1, 5], [4, 2]], 2))
print(best([[7]], 1))
`;
    const { result, session, looked } = await autoRun(code, { lookAhead: 'expected' }, '[4, 5]\n[7]\n');
    const [pause] = looked;
    const leave = pause!.candidates.findIndex((c) => c.control === 'return');
    expect(pause!.candidates[leave]).toMatchObject({ code: '__return__ = res', label: 'leave best() now, returning res' });
    // Skipping, the loop actions and the invented 0 all append a round too many.
    expect(pause!.verdicts.filter((v) => v.correct).map((v) => pause!.verdicts.indexOf(v))).toEqual([leave]);
    expect(result).toMatchObject({ stdout: '[4, 5]\n[7]\n', correct: true });
    expect(session.trace[0]).toMatchObject({ decision: 'auto-accepted', control: 'return', handlingCode: '__return__ = res' });
  });

  it("proceed uses no oracle: all finish with no later pause, so the engine's order decides", async () => {
    const { result, session } = await autoRun(JOIN, { lookAhead: 'proceed' }, 'a,b\n');
    expect(result.stdout).toBe('a,b,\n');
    expect(session.trace[0]!.choice).toMatch(/finishes with 0 later pauses/);
  });

  it('replays the earlier decisions (skips and reused fixes) and the input read before the pause', async () => {
    const code = `n = int(input())
def first(xs):
    def get(k):
        return xs[k]
    return get(0)
total = 0
for row in [[1], [], [2], []]:
    total += first(row)
    print("row", total)
print("total", total // (n - 3))
`;
    const session = new HealSession(
      code,
      createRulesEngine(),
      workers.executor,
      { ...defaultHealSettings, lookAhead: 'proceed' },
      { stdin: '3\n', expectedOutput: null },
    );
    const seen: { context: PauseContext; looked: LookedAhead }[] = [];
    const result = await workers.runner.run(
      { code, stdin: '3\n' },
      {
        onPause: async (context) => {
          const candidates = (await session.candidates(context)).candidates;
          const looked = await session.lookAhead(context, candidates);
          seen.push({ context, looked });
          if (context.error.type === 'IndexError') {
            // In get, inside first, inside the loop: the user skips the return (each time: a skip is not reused).
            session.skipped(context);
            return { action: 'merge' };
          }
          const skip = candidates.findIndex((c) => c.code === 'pass' && !c.control);
          const proposal = await session.proposeCandidate(context, candidates[skip]!);
          return session.decide(context, proposal, 'accepted');
        },
      },
    );
    // Pause 0: `return xs[k]`; skipping it makes first() return None: pause 1 is `total += None`.
    // The accepted skip of `total += None` is reused for the fourth row; the division pauses last.
    expect(seen.map((s) => [s.context.pauseIndex, s.context.line, s.context.error.type])).toEqual([
      [0, 4, 'IndexError'],
      [1, 8, 'TypeError'],
      [2, 4, 'IndexError'],
      [3, 10, 'ZeroDivisionError'],
    ]);
    // Replaying two kinds of decision (a skip, an accepted fix then reused) reaches each later pause.
    expect(seen.flatMap((s) => s.looked.verdicts.map((v) => v.outcome.status)).filter((s) => s === 'diverged' || s === 'not-reached')).toEqual([]);
    const last = seen[3]!.looked;
    const lastSkip = last.candidates.findIndex((c) => c.code === 'pass' && !c.control);
    expect(last.verdicts[lastSkip]!.outcome).toMatchObject({ status: 'finished', stdout: 'row 1\nrow 1\nrow 3\nrow 3\n', laterPauses: 0 });
    const pause1 = seen[1]!.looked;
    expect(pause1.verdicts.every((v) => v.outcome.status !== 'diverged')).toBe(true);
    // Skipping `total += None` (and the later pauses: the same statement again, the division) finishes.
    const skip = pause1.candidates.findIndex((c) => c.code === 'pass' && !c.control);
    expect(pause1.verdicts[skip]!.outcome).toMatchObject({ status: 'finished', stdout: 'row 1\nrow 1\nrow 3\nrow 3\n' });
    expect(pause1.verdicts[skip]!.outcome.laterPauses).toBeGreaterThan(0);
    // "continue" skips the print of the failing rows; "break" ends the loop at the first one.
    const byControl = (control: string) => pause1.verdicts[pause1.candidates.findIndex((c) => c.control === control)]!.outcome.stdout;
    expect(byControl('continue')).toBe('row 1\nrow 3\n');
    expect(byControl('break')).toBe('row 1\n');
    expect(result.status).toBe('finished');
  });

  it('an accepted loop action ends the iteration in the real program, and is reused with its fix', async () => {
    const code = 'out = []\nfor x in [4, 0, 2, 0, 1]:\n    out.append(8 // x)\n    out.append("+")\nprint(out)\n';
    const session = new HealSession(code, createRulesEngine(), workers.executor, defaultHealSettings, { stdin: '', expectedOutput: null });
    let pauses = 0;
    const result = await workers.runner.run(
      { code },
      {
        onPause: async (context) => {
          pauses += 1;
          expect(context.loop).toEqual({ kind: 'for', line: 2 });
          const { candidates } = await session.candidates(context);
          const next = candidates.find((c) => c.control === 'continue')!;
          return session.decide(context, await session.proposeCandidate(context, next), 'accepted');
        },
      },
    );
    expect(pauses).toBe(1);
    expect(result.stdout).toBe("[2, '+', 4, '+', 8, '+']\n");
    expect(session.trace[0]).toMatchObject({ decision: 'accepted', control: 'continue', handlingCode: 'pass' });
  });

  it('a model engine is asked for K samples; each one (and skip, and the loop actions) is looked ahead', async () => {
    const code = 'vals = [3, 0]\nout = []\nfor v in vals:\n    out.append(6 // v)\nprint(out)\n';
    const engine = createScriptedEngine(['<code>\nout.append(0)\n</code>', 'nonsense without code tags or python', '<code>\nout.append(-1)\n</code>']);
    const session = new HealSession(
      code,
      engine,
      workers.executor,
      { ...defaultHealSettings, lookAheadSamples: 3 },
      { stdin: '', expectedOutput: '[2, -1]\n' },
    );
    const looked: LookedAhead[] = [];
    await workers.runner.run(
      { code },
      {
        onPause: async (context) => {
          looked.push(await session.lookAhead(context, (await session.candidates(context)).candidates));
          return { action: 'merge' };
        },
      },
    );
    const [pause] = looked;
    // The answer without code is parsed forgivingly into something runnable or dropped; the two real samples are there.
    expect(pause!.candidates.map((c) => c.code)).toEqual(expect.arrayContaining(['out.append(0)', 'out.append(-1)', 'pass']));
    expect(pause!.candidates.filter((c) => c.control).map((c) => c.control)).toEqual(['continue', 'break']);
    const best = pause!.candidates[pause!.choice.order[0]!]!;
    expect(best.code).toBe('out.append(-1)');
    expect(engine.calls).toHaveLength(3);
  });

  it('a stale decision (the program changed its path) is reported as diverged, not guessed', async () => {
    const code = 'a = [][0]\nb = {}["k"]\nprint("end")\n';
    const session = new HealSession(code, createRulesEngine(), workers.executor, defaultHealSettings, { stdin: '', expectedOutput: 'end\n' });
    const outcomes: string[] = [];
    await workers.runner.run(
      { code },
      {
        onPause: async (context) => {
          if (context.pauseIndex === 1) {
            // Pause 0 was answered without the session knowing (no decision recorded).
            const looked = await session.lookAhead(context, [{ code: 'pass', label: 'skip' }]);
            outcomes.push(looked.verdicts[0]!.outcome.status);
          }
          return { action: 'merge' };
        },
      },
    );
    expect(outcomes).toEqual(['diverged']);
  });

  it('a continuation stuck in C code is cut by the host limit; the next look-ahead works', async () => {
    const code = 'x = [][0]\nprint("ok")\n';
    const engine = createScriptedEngine([]);
    const session = new HealSession(code, engine, workers.executor, defaultHealSettings, { stdin: '', expectedOutput: null });
    const results: string[][] = [];
    await workers.runner.run(
      { code },
      {
        onPause: async (context) => {
          const stuck = await workers.executor.lookAhead(
            { code, stdin: '', pauseIndex: 0, decisions: [], candidates: [{ code: 'x = sum(range(10**13))' }] },
            { timeLimitMs: 3000 },
          );
          results.push(stuck.outcomes.map((o) => o.status));
          const fine = await session.lookAhead(context, [{ code: 'x = 1', label: 'one' }]);
          results.push(fine.verdicts.map((v) => v.outcome.status));
          return { action: 'merge' };
        },
      },
    );
    expect(results).toEqual([['cut'], ['finished']]);
  });
});
