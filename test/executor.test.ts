// The executor end to end in Node, with the REAL runner: the program pauses in
// one worker thread, the handling code runs in another (the executor), and the
// executor's merge answer resumes the program.
import { describe, expect, it } from 'vitest';
import { useRunnerAndExecutor } from './node-workers.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import { requestFromPause, type ExecuteResult } from '../workers/protocol/executor.ts';
import type { PauseAnswer, PauseContext, RunResult } from '../workers/protocol/runner.ts';
import { LOOP_IN_FUNCTION } from './fixtures.ts';
import { reviewMerge, type ReviewRow } from '../web/state/heal/merge-review.ts';

/** A pause with no state, for requests made without one. */
const NO_PAUSE = { state: { locals: [], globals: [], pickle: null, pickleError: null } } as unknown as PauseContext;

/** The review the page shows for a result: [name, kind, type, repr] rows. */
function review(result: ExecuteResult, context: PauseContext = NO_PAUSE): [string, ReviewRow['kind'], string, string][] {
  return reviewMerge(context, result.merge).map((r) => [r.name, r.kind, r.after?.type ?? '', r.after?.repr ?? '']);
}

const workers = useRunnerAndExecutor();

/** Runs `code`; at each pause runs the next handling code in the executor and answers with its merge. */
async function heal(code: string, handlers: string[], expectOk = true): Promise<{ run: RunResult; results: ExecuteResult[]; pauses: PauseContext[] }> {
  const results: ExecuteResult[] = [];
  const pauses: PauseContext[] = [];
  const run = await workers.runner.run(
    { code },
    {
      onPause: async (context): Promise<PauseAnswer> => {
        pauses.push(context);
        const handling = handlers.shift();
        if (handling === undefined) return { action: 'raise' };
        const result = await workers.executor.execute(requestFromPause(code, context, handling));
        results.push(result);
        if (expectOk) expect(result.status, JSON.stringify(result.error)).toBe('ok');
        return result.merge ?? { action: 'raise' };
      },
    },
  );
  return { run, results, pauses };
}

describe('executor with the real runner (Node)', () => {
  it('reports its Python and how it is isolated', () => {
    expect(workers.executor.info).toMatchObject({ isolation: 'worker', fromSnapshot: true, pythonVersion: expect.stringMatching(/^3\.14/) });
  });

  it('rebinds a local of the failing frame (loop in a function)', async () => {
    const { run, results, pauses } = await heal(LOOP_IN_FUNCTION, ['total = total + 10']);
    expect(pauses[0]).toMatchObject({ function: 'average', line: 4 });
    expect(reviewMerge(pauses[0]!, results[0]!.merge)).toEqual([
      {
        name: 'total',
        kind: 'changed',
        before: { type: 'float', repr: '100.0' },
        after: { type: 'float', repr: '110.0' },
        inPlace: false,
        typeChanged: false,
      },
    ]);
    expect(results[0]!.merge).toEqual({ action: 'merge', set: [{ name: 'total', value: { t: 'float', v: 110 } }] });
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
    const { run, results, pauses } = await heal(code, ['out.append(0)']);
    const changed = Object.fromEntries(reviewMerge(pauses[0]!, results[0]!.merge).map((c) => [c.name, c]));
    expect(changed.out).toMatchObject({ after: { repr: '[5, 0]' }, inPlace: true, before: { repr: '[5]' } });
    expect(run).toMatchObject({ status: 'finished', stdout: '[5, 0, 2]\n' });
  });

  it('adds a new global name from inside a function and rebinds a local', async () => {
    const code = `def parse():
    value = int("x")
    return value

v = parse()
print(v, label)
`;
    const { run, results, pauses } = await heal(code, ['value = 7\nlabel = "new"']);
    // `value` was not bound yet when the assignment failed: it is new too.
    expect(review(results[0]!, pauses[0])).toEqual([
      ['value', 'added', 'int', '7'],
      ['label', 'added', 'str', "'new'"],
    ]);
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
    const { run, results, pauses } = await heal(code, ['first.deposit(10)\npair = (accounts, first)\nspare = Account("bob")\n']);
    expect(review(results[0]!, pauses[0])).toEqual([
      ['first', 'changed', 'Account', "Account(owner='ada', balance=10)"],
      ['pair', 'added', 'tuple', '(accounts, first)'],
      ['spare', 'added', 'Account', "Account(owner='bob', balance=0)"],
    ]);
    expect(reviewMerge(pauses[0]!, results[0]!.merge)[0]!.inPlace).toBe(true);
    expect(run).toMatchObject({ status: 'finished', stdout: '10 True True Account bob\n' });
  });

  it('__return__ becomes the value of a failing return', async () => {
    const code = `def ratio(a, b):
    return a / b

print(ratio(1, 0), ratio(6, 3))
`;
    const { run, results, pauses } = await heal(code, ["__return__ = float('inf')"]);
    expect(pauses[0]!.kind).toBe('Return');
    expect(review(results[0]!, pauses[0])).toEqual([['__return__', 'return', 'float', 'inf']]);
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
    const run = await workers.runner.run(
      { code },
      {
        onPause: async (context) => {
          const fnBinding = context.state.locals.find((b) => b.name === 'fn');
          expect(fnBinding?.handle).toBeTypeOf('number');
          // Using the handle in the executor is refused with a clear message...
          probe.push(await workers.executor.execute(requestFromPause(code, context, 'fn(2)')));
          // ...but it can be kept and stored in new values.
          const result = await workers.executor.execute(requestFromPause(code, context, 'results.append(0)\nkept = fn\nholder = [square]\n'));
          probe.push(result);
          return result.merge!;
        },
      },
    );
    expect(probe[0]).toMatchObject({ status: 'error', error: { type: 'TypeError' } });
    expect(probe[0]!.error!.message).toMatch(/'fn' is an opaque handle to a value that cannot be copied/);
    expect(probe[0]!.merge).toBeUndefined();
    expect(probe[1]!.merge!.set!.map((b) => b.name)).toEqual(['results', 'kept', 'holder']);
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
    const run = await workers.runner.run(
      { code: LOOP_IN_FUNCTION },
      {
        onPause: async (context) => {
          attempts.push(await workers.executor.execute(requestFromPause(LOOP_IN_FUNCTION, context, 'total = 1 / x')));
          attempts.push(await workers.executor.execute(requestFromPause(LOOP_IN_FUNCTION, context, 'total += 10')));
          return attempts[1]!.merge ?? { action: 'raise' };
        },
      },
    );
    expect(attempts.map((a) => a.status)).toEqual(['error', 'ok']);
    expect(run).toMatchObject({ status: 'finished', stdout: '45.0\n' });
  });

  it('while True: pass times out within the limit + 2 s (the worker is discarded), and the executor works again', async () => {
    await workers.executor.start(); // a warm spare: the time measured is the request's
    const started = performance.now();
    const spinning = await workers.executor.execute(
      { source: '', pickle: null, handles: [], code: 'print("spinning")\nwhile True:\n    pass\n' },
      { timeLimitMs: 1_500 },
    );
    const elapsed = performance.now() - started;
    expect(spinning).toMatchObject({ status: 'timeout', error: { type: 'TimeoutError', message: 'Handling code did not finish within 1.5 s' } });
    expect(spinning.merge).toBeUndefined();
    expect(elapsed).toBeLessThan(1_500 + 2_000);
    const again = await workers.executor.execute({ source: '', pickle: null, handles: [], code: 'x = 6 * 7' });
    expect(review(again)).toEqual([['x', 'added', 'int', '42']]);
  });

  it('a timeout at a pause leaves the paused program waiting; a later good merge resumes it', async () => {
    const attempts: ExecuteResult[] = [];
    const run = await workers.runner.run(
      { code: LOOP_IN_FUNCTION },
      {
        onPause: async (context) => {
          attempts.push(await workers.executor.execute(requestFromPause(LOOP_IN_FUNCTION, context, 'while True:\n    total += 1\n'), { timeLimitMs: 500 }));
          attempts.push(await workers.executor.execute(requestFromPause(LOOP_IN_FUNCTION, context, 'total = 110.0')));
          return attempts[1]!.merge!;
        },
      },
    );
    expect(attempts.map((a) => a.status)).toEqual(['timeout', 'ok']);
    expect(run).toMatchObject({ status: 'finished', stdout: '45.0\n' });
  });

  it('code that ignores KeyboardInterrupt is stopped all the same (the worker is terminated)', async () => {
    const restartsBefore = workers.executor.restarts;
    await workers.executor.start();
    const started = performance.now();
    const stuck = await workers.executor.execute(
      {
        source: '',
        pickle: null,
        handles: [],
        code: 'import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n',
      },
      { timeLimitMs: 500 },
    );
    expect(stuck).toMatchObject({ status: 'timeout', restarted: true, error: { message: 'Handling code did not finish within 0.5 s' } });
    expect(performance.now() - started).toBeLessThan(500 + 2_000);
    expect(workers.executor.restarts).toBe(restartsBefore + 1);
    const again = await workers.executor.execute({ source: 'def f():\n    return 5\n', pickle: null, handles: [], code: 'y = f()' });
    expect(review(again)).toEqual([['y', 'added', 'int', '5']]);
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
    const result = await workers.executor.execute({
      source,
      pickle: null,
      handles: [],
      code: 'a = round(area(1), 2)\nn = Shape.sides\nc = Counter("aab")["a"]\nhas_limit = "LIMIT" in globals()\n',
    });
    expect(result.status).toBe('ok');
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(review(result).map(([name, , , repr]) => [name, repr])).toEqual([
      ['a', '3.14'],
      ['n', '4'],
      ['c', '2'],
      ['has_limit', 'False'],
    ]);
    expect(result.preludeSkipped).toEqual([
      { line: 3, endLine: 3, kind: 'Import', name: 'no_such_module', error: "ModuleNotFoundError: No module named 'no_such_module'" },
    ]);
  });

  it('every request gets a fresh Python: nothing one request does reaches the next', async () => {
    const first = await workers.executor.execute({
      source: '',
      pickle: null,
      handles: [],
      code: 'import builtins, json, copyreg, sys\nbuiltins.len = lambda x: 99\njson.dumps = None\nsys.settrace(lambda *a: None)\ncopyreg.dispatch_table[list] = lambda v: (eval, ("1",))\nmarker = 1',
    });
    // Breaking json.dumps breaks this request's own answer: that is all it can break.
    expect(first.status).toBe('error');
    const second = await workers.executor.execute({
      source: '',
      pickle: null,
      handles: [],
      code: 'import json, sys, copyreg\nn = len([1])\ndumps_ok = json.dumps([1]) == "[1]"\ntraced = sys.gettrace() is not None\nreducers = list in copyreg.dispatch_table\nseen = "marker" in globals()',
    });
    expect(
      review(second)
        .filter(([, , type]) => type !== 'module')
        .map(([name, , , repr]) => [name, repr]),
    ).toEqual([
      ['n', '1'],
      ['dumps_ok', 'True'],
      ['traced', 'False'],
      ['reducers', 'False'],
      ['seen', 'False'],
    ]);
  });

  it('warm execute latency for a small state (a warm spare per request)', async () => {
    let context: PauseContext | undefined;
    await workers.runner.run(
      { code: LOOP_IN_FUNCTION },
      {
        onPause: (c) => {
          context = c;
          return { action: 'raise' };
        },
      },
    );
    const request = requestFromPause(LOOP_IN_FUNCTION, context!, 'total = total + 10');
    const times: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      await workers.executor.start(); // the spare is warm again, as between two pauses a person reads
      const started = performance.now();
      const result = await workers.executor.execute(request);
      times.push(performance.now() - started);
      expect(result.status).toBe('ok');
    }
    times.sort((a, b) => a - b);
    console.log(`executor warm execute: median ${times[3]!.toFixed(2)} ms, min ${times[0]!.toFixed(2)} ms, max ${times[6]!.toFixed(2)} ms (7 calls)`);
  }, 120_000);
});

describe('executor crash recovery', () => {
  it("a crash of the executor's Python gives an error result and a fresh worker", async () => {
    const client = createNodeExecutor();
    try {
      await client.start();
      const code =
        'import functools, sys\nsys.setrecursionlimit(100000)\n@functools.cache\ndef f(n):\n    return 0 if n == 0 else f(n - 1) + 1\nr = f(50000)\n';
      const crashed = await client.execute({ source: '', pickle: null, handles: [], code });
      expect(crashed.status).toBe('error');
      expect(crashed.error?.type).toMatch(/ExecutorCrashed|RecursionError/);
      const again = await client.execute({ source: '', pickle: null, handles: [], code: 'z = 2' });
      expect(review(again)).toEqual([['z', 'added', 'int', '2']]);
    } finally {
      client.dispose();
    }
  }, 120_000);
});
