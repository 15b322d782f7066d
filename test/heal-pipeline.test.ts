// The heal pipeline end to end in Node: real runner, real executor, scripted,
// rules and replay engines.
import { describe, expect, it } from 'vitest';
import { useRunnerAndExecutor } from './node-workers.ts';
import { HealSession, defaultHealSettings, withMergeTimings, withReuses, type HealSettings } from '../web/state/heal/session.ts';
import type { HealEngine } from '../workers/shared/engine.ts';
import { createReplayEngine } from '../web/state/heal/replay.ts';
import { createScriptedEngine } from './scripted-engine.ts';
import { createRulesEngine } from '../web/state/heal/rules.ts';
import { parseTrace, serializeTrace } from '../web/state/heal/trace.ts';
import type { OutputChunk } from '../workers/protocol/runner.ts';

const workers = useRunnerAndExecutor();

const auto: HealSettings = { ...defaultHealSettings, autoAccept: true };

async function heal(code: string, engine: HealEngine, settings: HealSettings = auto, expectedOutput?: string, stdin?: string) {
  const session = new HealSession(code, engine, workers.executor, settings);
  const chunks: OutputChunk[] = [];
  const result = await workers.runner.run(
    { code, expectedOutput, stdin },
    {
      onPause: (context) => session.autoHeal(context),
      onOutput: (batch) => {
        chunks.push(...batch);
      },
    },
  );
  return { result, session, chunks };
}

const NESTED = `def outer(rows):
    def inner(row):
        return row["value"] * 2
    out = []
    for row in rows:
        out.append(inner(row))
    return out

print(outer([{"value": 1}, {"val": 5}, {"value": 3}]))
`;

describe('heal pipeline (Node)', () => {
  it('heals inside a nested function inside a loop with a scripted answer', async () => {
    const engine = createScriptedEngine(['Here you go:\n```python\n__return__ = 10\n```']);
    const { result, session } = await heal(NESTED, engine, auto, '[2, 10, 6]\n');
    expect(result).toMatchObject({ status: 'finished', stdout: '[2, 10, 6]\n', correct: true });
    expect(session.trace).toHaveLength(1);
    expect(session.trace[0]).toMatchObject({ errorType: 'KeyError', decision: 'auto-accepted', handlingCode: '__return__ = 10', line: 3, diff: 'returns 10' });
    expect(session.trace[0]!.userPrompt).toContain('<error>');
  });

  it('handling code that raises is not merged; the retry with the reason succeeds', async () => {
    const engine = createScriptedEngine([
      '<code>\n__return__ = undefined_name\n</code>',
      (ctx) => {
        expect(ctx?.rejection).toMatch(/NameError/);
        return '<code>\n__return__ = 0\n</code>';
      },
    ]);
    const { result, session } = await heal(NESTED, engine);
    expect(result.stdout).toBe('[2, 0, 6]\n');
    expect(session.trace.map((t) => t.decision)).toEqual(['rejected', 'auto-accepted']);
  });

  it('handling code that never finishes hits the executor time limit; the paused program is unaffected', async () => {
    const engine = createScriptedEngine(['<code>\nwhile True:\n    pass\n</code>', '<code>\n__return__ = -1\n</code>']);
    const session = new HealSession(NESTED, engine, workers.executor, { ...auto, executorTimeLimitMs: 1000 });
    const result = await workers.runner.run({ code: NESTED }, { onPause: (c) => session.autoHeal(c) }, { timeLimitMs: 5000 });
    expect(session.trace[0]).toMatchObject({ decision: 'rejected', rejection: expect.stringContaining('did not finish within') });
    expect(result).toMatchObject({ status: 'finished', stdout: '[2, -1, 6]\n' });
  }, 60_000);

  it('reuses accepted handling code across loop iterations in the runner (healed once, not per iteration)', async () => {
    const code = 'total = 0\nfor d in [2, 0, 5, 0, 0]:\n    total += 10 // d\nprint(total)\n';
    const engine = createScriptedEngine(['<code>\ntotal += 0\n</code>']); // one answer only
    const { result, session } = await heal(code, engine);
    expect(result.stdout).toBe('7\n');
    // One pause, one decision on the page; the runner ran the accepted code itself twice more.
    expect(session.trace.map((t) => t.decision)).toEqual(['auto-accepted']);
    expect(result.heals.map((h) => h.action)).toEqual(['merge']);
    expect(result.reuses).toEqual([expect.objectContaining({ count: 2, line: 3, errorType: 'ZeroDivisionError' })]);
    const timed = withReuses(withMergeTimings(session.trace, result.heals), result.reuses);
    expect(timed.map((t) => t.decision)).toEqual(['auto-accepted', 'reused']);
    expect(timed[1]).toMatchObject({ engine: 'reuse', handlingCode: 'total += 0', diff: 'reused 2 times' });
    expect(timed.every((t) => t.timings.mergeMs > 0 && t.timings.mergeMs < 1000)).toBe(true);
    const noReuse = await heal(code, createScriptedEngine(['<code>\ntotal += 0\n</code>']), { ...auto, reuseAccepted: false });
    expect(noReuse.result.status).toBe('error'); // the scripted engine has no second answer
  });

  it('10,000 failing iterations with auto-accept finish, PROCEED, with the right output; the timeline groups them', async () => {
    const code = 'seen = 0\nfor i in range(10000):\n    seen += 1 // (i % 1)\nprint("done", seen)\n';
    const engine = createScriptedEngine(['<code>\nseen += 1\n</code>']); // one answer: the rest are reuses
    const session = new HealSession(code, engine, workers.executor, auto);
    const result = await workers.runner.run({ code, expectedOutput: 'done 10000\n' }, { onPause: (c) => session.autoHeal(c) }, { timeLimitMs: 0 });
    expect(result).toMatchObject({ status: 'finished', stdout: 'done 10000\n', proceed: true, correct: true });
    expect(result.heals).toHaveLength(1);
    expect(result.reuses).toEqual([expect.objectContaining({ count: 9999, changed: ['seen'] })]);
    expect(result.reuses![0]!.timesMs).toHaveLength(9999);
    const timeline = withReuses(withMergeTimings(session.trace, result.heals), result.reuses);
    expect(timeline.map((t) => [t.decision, t.reuse?.count])).toEqual([
      ['auto-accepted', undefined],
      ['reused', 9999],
    ]);
  }, 60_000);

  it('replaying a recorded trace reproduces the same output without the engine', async () => {
    const engine = createScriptedEngine(['<code>\n__return__ = 42\n</code>']);
    const recorded = await heal(NESTED, engine);
    const trace = parseTrace(JSON.parse(JSON.stringify(serializeTrace(recorded.session.trace, { dropPrompts: true }))));
    expect(trace).not.toBeNull();
    const replayed = await heal(NESTED, createReplayEngine(trace!));
    expect(replayed.result.stdout).toBe(recorded.result.stdout);
    expect(replayed.session.trace[0]).toMatchObject({ engine: 'replay', handlingCode: '__return__ = 42' });
  });

  it('the rules engine heals the classic binary complement failure', async () => {
    const code =
      'def complement(n):\n    width = n.bit_length()\n    flipped = "".join("1" if (n >> i) & 1 == 0 else "0" for i in reversed(range(width)))\n    return int(flipped, 2)\n\nprint(complement(5), complement(0))\n';
    const { result, session } = await heal(code, createRulesEngine());
    expect(result).toMatchObject({ status: 'finished', stdout: '2 0\n' });
    expect(session.trace[0]).toMatchObject({ errorType: 'ValueError', decision: 'auto-accepted', engine: 'rules' });
  });

  it('the rules engine uses CPython suggestions for a misspelled name', async () => {
    const code = 'values = [3, 1, 2]\ntotal = sum(valeus)\nprint(total)\n';
    const { result } = await heal(code, createRulesEngine(), auto, '6\n');
    expect(result).toMatchObject({ stdout: '6\n', correct: true });
  });

  describe('a heal behaves like a statement of the program', () => {
    const TOTAL = 'prices = [2.25, 4.5]\nprint(1)\ntotal_price = sum(prices)\nprint(f"Total: {totl_price:.2f}")\nprint("end")\n';

    it("what the handling code prints is part of the output, in order, marked as the heal's, and counts for CORRECT", async () => {
      const { result, session, chunks } = await heal(TOTAL, createRulesEngine(), auto, '1\nTotal: 6.75\nend');
      expect(session.trace[0]).toMatchObject({ errorType: 'NameError', decision: 'auto-accepted' });
      expect(result).toMatchObject({ status: 'finished', stdout: '1\nTotal: 6.75\nend\n', proceed: true, correct: true });
      const marked = chunks
        .filter((c) => c.length === 3)
        .map((c) => c[1])
        .join('');
      expect(marked).toBe('Total: 6.75\n');
      expect(chunks.filter((c) => c.length === 3).every((c) => c[2] === 0)).toBe(true);
    });

    it('handling code reads what is left of the input, and the program does not read it again', async () => {
      const code = 'first = input()\ncount = int(input())\nlast = input()\nprint(first, count, last)\n';
      const engine = createScriptedEngine(['<code>\ncount = int(input())\n</code>']);
      const { result, session } = await heal(code, engine, auto, 'a 7 z', 'a\nseven\n7\nz\n');
      expect(session.trace[0]).toMatchObject({ errorType: 'ValueError', decision: 'auto-accepted' });
      expect(result).toMatchObject({ stdout: 'a 7 z\n', correct: true });
    });

    it("handling code cannot ask for input once the test case's input is used up", async () => {
      const code = 'n = int("x")\nprint(n)\n';
      const engine = createScriptedEngine(['<code>\nn = int(input())\n</code>']);
      const { result, session } = await heal(code, engine, { ...auto, maxAttempts: 1 }, '1');
      expect(session.trace[0]!.rejection).toMatch(/EOFError: EOF when reading a line: the standard input given is used up/);
      expect(result.status).toBe('error');
    });
  });
});
