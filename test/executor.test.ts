// The executor end to end in Node, with the REAL runner: the program pauses in
// one worker thread, the handling code runs in another (the executor), and the
// executor's merge answer resumes the program.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner } from '../workers/python/node-runner.ts';
import type { RunnerClient } from '../workers/python/client.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import type { ExecutorClient } from '../workers/executor/client.ts';
import { requestFromPause, type ExecuteResult } from '../workers/protocol/executor.ts';
import type { PauseAnswer, PauseContext, RunResult } from '../workers/protocol/runner.ts';
import { LOOP_IN_FUNCTION } from './fixtures.ts';

let runner: RunnerClient;
let executor: ExecutorClient;

beforeAll(async () => {
  runner = createNodeRunner();
  executor = createNodeExecutor();
  await Promise.all([runner.start(), executor.start()]);
}, 120_000);

afterAll(() => {
  runner.dispose();
  executor.dispose();
});

/** Runs `code`; at each pause runs the next handling code in the executor and answers with its merge. */
async function heal(code: string, handlers: string[], expectOk = true): Promise<{ run: RunResult; results: ExecuteResult[]; pauses: PauseContext[] }> {
  const results: ExecuteResult[] = [];
  const pauses: PauseContext[] = [];
  const run = await runner.run({ code }, {
    onPause: async (context): Promise<PauseAnswer> => {
      pauses.push(context);
      const handling = handlers.shift();
      if (handling === undefined) return { action: 'raise' };
      const result = await executor.execute(requestFromPause(code, context, handling));
      results.push(result);
      if (expectOk) expect(result.status, JSON.stringify(result.error)).toBe('ok');
      return result.merge ?? { action: 'raise' };
    },
  });
  return { run, results, pauses };
}


describe('executor with the real runner (Node)', () => {
  it('reports that it can be interrupted', () => {
    expect(executor.info).toMatchObject({ interruptible: true, pythonVersion: expect.stringMatching(/^3\.14/) });
  });

  it('rebinds a local of the failing frame (loop in a function)', async () => {
    const { run, results, pauses } = await heal(LOOP_IN_FUNCTION, ['total = total + 10']);
    expect(pauses[0]).toMatchObject({ function: 'average', line: 4 });
    expect(results[0]!.changed).toEqual([
      { name: 'total', type: 'float', repr: '110.0', before: { type: 'float', repr: '100.0' }, inPlace: false },
    ]);
    expect(results[0]!.merge).toMatchObject({ action: 'merge', patch: [], delete: [] });
    expect(run).toMatchObject({ status: 'finished', stdout: '45.0\n' });
    expect(run.heals).toEqual([expect.objectContaining({ action: 'merge', changed: ['total'] })]);
  });

  it('mutates a list in place so that its alias sees the change', async () => {
    const code = `def scale(values):
    out = []
    alias = out
    for v in values:
        out.append(10 // v)
    return alias

print(scale([2, 0, 5]))
`;
    const { run, results } = await heal(code, ['out.append(0)']);
    const changed = Object.fromEntries(results[0]!.changed.map((c) => [c.name, c]));
    expect(changed.out).toMatchObject({ repr: '[5, 0]', inPlace: true, before: { repr: '[5]' } });
    expect(results[0]!.merge!.patch).toContain('out');
    expect(run).toMatchObject({ status: 'finished', stdout: '[5, 0, 2]\n' });
  });

  it('adds a new global name from inside a function and rebinds a local', async () => {
    const code = `def parse():
    value = int("x")
    return value

v = parse()
print(v, label)
`;
    const { run, results } = await heal(code, ['value = 7\nlabel = "new"']);
    // `value` was not bound yet when the assignment failed: it is new too.
    expect(results[0]!.added).toEqual([{ name: 'value', type: 'int', repr: '7' }, { name: 'label', type: 'str', repr: "'new'" }]);
    expect(run).toMatchObject({ status: 'finished', stdout: '7 new\n' });
  });

  it('patches an instance of a program class in place and links new values to live objects', async () => {
    const code = `class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0

    def deposit(self, amount):
        self.balance += amount

accounts = {"ada": Account("ada")}
first = accounts["ada"]
first.deposit(int("ten"))
print(first.balance, accounts["ada"] is first, pair[0] is accounts, type(spare).__name__, spare.owner)
`;
    const { run, results } = await heal(code, ['first.deposit(10)\npair = (accounts, first)\nspare = Account("bob")\n']);
    expect(results[0]!.changed).toEqual([expect.objectContaining({ name: 'first', type: 'Account', inPlace: true })]);
    expect(results[0]!.added.map((b) => b.name)).toEqual(['pair', 'spare']);
    expect(run).toMatchObject({ status: 'finished', stdout: '10 True True Account bob\n' });
  });

  it('__return__ becomes the value of a failing return', async () => {
    const code = `def ratio(a, b):
    return a / b

print(ratio(1, 0), ratio(6, 3))
`;
    const { run, results, pauses } = await heal(code, ["__return__ = float('inf')"]);
    expect(pauses[0]!.kind).toBe('Return');
    expect(results[0]!.added).toEqual([{ name: '__return__', type: 'float', repr: 'inf' }]);
    expect(run).toMatchObject({ status: 'finished', stdout: 'inf 2.0\n' });
  });

  it('passes an opaque handle (a lambda) through untouched; the program can still call it', async () => {
    const code = `square = lambda v: v * v

def apply(items):
    fn = square
    results = []
    for it in items:
        results.append(fn(it) // it)
    return results

print(apply([1, 0, 2]), kept(3), holder[0](4))
`;
    const probe: ExecuteResult[] = [];
    const run = await runner.run({ code }, {
      onPause: async (context) => {
        const fnBinding = context.state.locals.find((b) => b.name === 'fn');
        expect(fnBinding?.handle).toBeTypeOf('number');
        // Using the handle in the executor is refused with a clear message...
        probe.push(await executor.execute(requestFromPause(code, context, 'fn(2)')));
        // ...but it can be kept and stored in new values.
        const result = await executor.execute(requestFromPause(code, context, 'results.append(0)\nkept = fn\nholder = [square]\n'));
        probe.push(result);
        return result.merge!;
      },
    });
    expect(probe[0]).toMatchObject({ status: 'error', error: { type: 'TypeError' } });
    expect(probe[0]!.error!.message).toMatch(/'fn' is an opaque handle to a value that cannot be copied/);
    expect(probe[0]!.merge).toBeUndefined();
    expect(probe[1]!.added.map((b) => [b.name, b.type])).toEqual([['kept', 'function'], ['holder', 'list']]);
    expect(run).toMatchObject({ status: 'finished', stdout: '[1, 0, 2] 9 16\n' });
  });

  it('handling code that raises gives status error and no merge; the program is unaffected', async () => {
    const { run, results } = await heal(LOOP_IN_FUNCTION, ['total = total + missing_name'], false);
    expect(results[0]).toMatchObject({ status: 'error', error: { type: 'NameError', line: 1, phase: 'code' } });
    expect(results[0]!.error!.message).toContain("'missing_name' is not defined");
    expect(results[0]!.error!.formatted).toContain('File "<handling code>", line 1');
    expect(results[0]!.merge).toBeUndefined();
    // heal() answered raise: the program ends with its own error, as if nothing happened.
    expect(run.status).toBe('error');
    expect(run.error).toMatchObject({ type: 'ZeroDivisionError', line: 4 });
  });

  it('a failed attempt followed by a good one heals the same pause', async () => {
    const attempts: ExecuteResult[] = [];
    const run = await runner.run({ code: LOOP_IN_FUNCTION }, {
      onPause: async (context) => {
        attempts.push(await executor.execute(requestFromPause(LOOP_IN_FUNCTION, context, 'total = 1 / x')));
        attempts.push(await executor.execute(requestFromPause(LOOP_IN_FUNCTION, context, 'total += 10')));
        return attempts[1]!.merge ?? { action: 'raise' };
      },
    });
    expect(attempts.map((a) => a.status)).toEqual(['error', 'ok']);
    expect(run).toMatchObject({ status: 'finished', stdout: '45.0\n' });
  });

  it('while True: pass times out by interrupt within the limit + 2 s, and the executor works again', async () => {
    const started = performance.now();
    const spinning = await executor.execute({ source: '', pickle: null, handles: [], code: 'print("spinning")\nwhile True:\n    pass\n' },
      { timeLimitMs: 1_500 });
    const elapsed = performance.now() - started;
    expect(spinning).toMatchObject({ status: 'timeout', stdout: 'spinning\n', error: { type: 'TimeoutError', message: 'Handling code did not finish within 1.5 s' } });
    expect(spinning.restarted).toBeUndefined();
    expect(spinning.merge).toBeUndefined();
    expect(elapsed).toBeLessThan(1_500 + 2_000);
    const again = await executor.execute({ source: '', pickle: null, handles: [], code: 'x = 6 * 7' });
    expect(again).toMatchObject({ status: 'ok', added: [{ name: 'x', repr: '42' }] });
  });

  it('a timeout at a pause leaves the paused program waiting; a later good merge resumes it', async () => {
    const attempts: ExecuteResult[] = [];
    const run = await runner.run({ code: LOOP_IN_FUNCTION }, {
      onPause: async (context) => {
        attempts.push(await executor.execute(requestFromPause(LOOP_IN_FUNCTION, context, 'while True:\n    total += 1\n'), { timeLimitMs: 500 }));
        attempts.push(await executor.execute(requestFromPause(LOOP_IN_FUNCTION, context, 'total = 110.0')));
        return attempts[1]!.merge!;
      },
    });
    expect(attempts.map((a) => a.status)).toEqual(['timeout', 'ok']);
    expect(run).toMatchObject({ status: 'finished', stdout: '45.0\n' });
  });

  it('code that ignores the interrupt is stopped by restarting the worker; the next request waits for it', async () => {
    const restartsBefore = executor.restarts;
    const started = performance.now();
    const stuck = await executor.execute({
      source: '', pickle: null, handles: [],
      code: 'import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n',
    }, { timeLimitMs: 500 });
    expect(stuck).toMatchObject({ status: 'timeout', restarted: true, error: { message: 'Handling code did not finish within 0.5 s' } });
    expect(performance.now() - started).toBeLessThan(500 + 2_000);
    expect(executor.restarts).toBe(restartsBefore + 1);
    const again = await executor.execute({ source: 'def f():\n    return 5\n', pickle: null, handles: [], code: 'y = f()' });
    expect(again).toMatchObject({ status: 'ok', added: [{ name: 'y', repr: '5' }] });
  }, 60_000);

  it('the prelude keeps imports, functions and classes and runs no other top-level statement', async () => {
    const source = `import math
from collections import Counter
import no_such_module
print("top-level print")
LIMIT = 3
class Shape:
    sides = 4
def area(r):
    return math.pi * r * r
for i in range(3):
    print("loop", i)
if __name__ == "__main__":
    print("main")
`;
    const result = await executor.execute({
      source, pickle: null, handles: [],
      code: 'a = round(area(1), 2)\nn = Shape.sides\nc = Counter("aab")["a"]\nhas_limit = "LIMIT" in globals()\n',
    });
    expect(result.status).toBe('ok');
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(result.added.map((b) => [b.name, b.repr])).toEqual([['a', '3.14'], ['n', '4'], ['c', '2'], ['has_limit', 'False']]);
    expect(result.preludeSkipped).toEqual([
      { line: 3, endLine: 3, kind: 'Import', name: 'no_such_module', error: "ModuleNotFoundError: No module named 'no_such_module'" },
    ]);
  });

  it('warm execute latency for a small state', async () => {
    let context: PauseContext | undefined;
    await runner.run({ code: LOOP_IN_FUNCTION }, { onPause: (c) => { context = c; return { action: 'raise' }; } });
    const request = requestFromPause(LOOP_IN_FUNCTION, context!, 'total = total + 10');
    const times: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const started = performance.now();
      const result = await executor.execute(request);
      times.push(performance.now() - started);
      expect(result.status).toBe('ok');
    }
    times.sort((a, b) => a - b);
    const median = times[10]!;
    console.log(`executor warm execute: median ${median.toFixed(2)} ms, min ${times[0]!.toFixed(2)} ms, max ${times[20]!.toFixed(2)} ms (21 calls)`);
    expect(median).toBeLessThan(250);
  });
});

describe('executor without shared memory', () => {
  it('terminates and restarts the worker at the (default 10 s) time limit', async () => {
    const client = createNodeExecutor({ sharedMemory: false });
    try {
      const info = await client.start();
      expect(info.interruptible).toBe(false);
      const started = performance.now();
      const result = await client.execute({ source: '', pickle: null, handles: [], code: 'while True:\n    pass\n' });
      const elapsed = performance.now() - started;
      expect(result).toMatchObject({ status: 'timeout', restarted: true, error: { type: 'TimeoutError', message: 'Handling code did not finish within 10 s' } });
      expect(elapsed).toBeGreaterThanOrEqual(9_900);
      expect(elapsed).toBeLessThan(12_000);
      const again = await client.execute({ source: '', pickle: null, handles: [], code: 'z = 1' });
      expect(again).toMatchObject({ status: 'ok', added: [{ name: 'z', repr: '1' }] });
    } finally {
      client.dispose();
    }
  }, 120_000);
});

describe('executor crash recovery', () => {
  it('a crash of the executor\'s Python gives an error result and a fresh worker', async () => {
    const client = createNodeExecutor();
    try {
      await client.start();
      const code = 'import functools, sys\nsys.setrecursionlimit(100000)\n@functools.cache\ndef f(n):\n    return 0 if n == 0 else f(n - 1) + 1\nr = f(50000)\n';
      const crashed = await client.execute({ source: '', pickle: null, handles: [], code });
      expect(crashed.status).toBe('error');
      expect(crashed.error?.type).toMatch(/ExecutorCrashed|RecursionError/);
      const again = await client.execute({ source: '', pickle: null, handles: [], code: 'z = 2' });
      expect(again).toMatchObject({ status: 'ok', added: [{ name: 'z', repr: '2' }] });
    } finally {
      client.dispose();
    }
  }, 120_000);
});
