// Runner robustness in Node with the real runner worker (Pyodide in a worker
// thread): C-recursion stack overflow, MemoryError, the memory ceiling, and the
// watchdog for a worker that stops answering. Each restart is a real one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSnapshot } from '../workers/shared/node-snapshot.ts';
import { createNodeRunner, spawnNodeRunnerWorker } from '../workers/runner/node-runner.ts';
import type { RunnerClient, RunnerRestartReason } from '../workers/runner/client.ts';
import type { WorkerHandle } from '../workers/shared/worker-handle.ts';

const CACHED_RECURSION = `import functools

@functools.cache
def depth(n):
    return 0 if n == 0 else depth(n - 1) + 1

print("before")
total = depth(100000)
print(total)
`;

// Messages from a "muted" worker are dropped: to the client it stops answering.
const workers: { muted: boolean }[] = [];
function spawnMutable(): WorkerHandle {
  const handle = spawnNodeRunnerWorker();
  const state = { muted: false };
  workers.push(state);
  const endpoint = handle.endpoint;
  const wrapped = new Map<unknown, EventListenerOrEventListenerObject>();
  return {
    ...handle,
    endpoint: {
      postMessage: (message: unknown, transfer?: Transferable[]) => endpoint.postMessage(message, transfer),
      addEventListener: (type: string, listener: EventListenerOrEventListenerObject) => {
        const filtered = (event: Event) => {
          if (state.muted) return;
          if (typeof listener === 'function') listener(event);
          else listener.handleEvent(event);
        };
        wrapped.set(listener, filtered);
        endpoint.addEventListener(type, filtered);
      },
      removeEventListener: (type: string, listener: EventListenerOrEventListenerObject) => {
        endpoint.removeEventListener(type, wrapped.get(listener) ?? listener);
      },
    },
  };
}

let runner: RunnerClient;
let snapshot: Uint8Array;
const restarts: (RunnerRestartReason | undefined)[] = [];

beforeAll(async () => {
  snapshot = await nodeSnapshot();
  runner = createNodeRunner({ snapshot, spawn: spawnMutable, watchdogMs: 1_500, maxHeapBytes: 96 * 1024 * 1024, onRestart: (reason) => restarts.push(reason) });
  await runner.start();
}, 120_000);

afterAll(() => runner.dispose());

describe('runner robustness (Node)', () => {
  it('recursion through functools.cache that kills Pyodide is a readable RecursionError at the right lines, then Python is back', async () => {
    const result = await runner.run({ code: CACHED_RECURSION });
    expect(result).toMatchObject({ status: 'error', crashed: true, stdout: 'before\n' });
    expect(result.error).toMatchObject({ type: 'RecursionError', line: 5 });
    expect(result.error!.message).toContain('functools.cache');
    const lines = result.error!.traceback.map((f) => f.line);
    expect(lines[0]).toBe(8); // the top-level statement that started it
    expect(lines.at(-1)).toBe(5); // the recursive call
    expect(result.error!.formatted).toMatch(/line 8, in <module>\n {4}total = depth\(100000\)\n/);
    expect(result.error!.formatted).toMatch(/\[Previous line repeated \d+ more times\]/);
    expect(result.stderr).toContain('RecursionError: maximum recursion depth exceeded');
    expect(result.notice).toMatch(/restarted.*code, test case and timeline are kept/);
    expect(restarts).toContain('crash');
    const next = await runner.run({ code: 'print(sum(range(10)))' });
    expect(next).toMatchObject({ status: 'finished', stdout: '45\n' });
    expect(next.notice).toBeUndefined();
  }, 90_000);

  it('plain deep recursion stays an ordinary RecursionError (no restart)', async () => {
    const before = runner.restarts;
    const result = await runner.run({ code: 'def f(n):\n    return f(n + 1)\n\nf(0)\n' });
    expect(result).toMatchObject({ status: 'error', error: { type: 'RecursionError' } });
    expect(result.crashed).toBeUndefined();
    expect(result.error!.formatted).toContain('Previous line repeated');
    expect(runner.restarts).toBe(before);
  });

  it('a syntax check during a long run waits for it instead of tripping the watchdog', async () => {
    const before = runner.restarts;
    const running = runner.run({ code: 'import time\nend = time.time() + 2.5\nwhile time.time() < end:\n    pass\nprint("done")\n' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const check = await runner.checkSyntax('x = (');
    expect(check.ok).toBe(false);
    expect(await running).toMatchObject({ status: 'finished', stdout: 'done\n' });
    expect(runner.restarts).toBe(before);
  });

  it('MemoryError is readable', async () => {
    const result = await runner.run({ code: 'data = bytearray(2 ** 31 - 1)\n' });
    expect(result).toMatchObject({ status: 'error', error: { type: 'MemoryError', line: 1 } });
    expect(result.error!.message).toMatch(/^out of memory: /);
    expect(result.stderr).toContain('MemoryError: out of memory');
    const tooBig = await runner.run({ code: 'data = bytearray(2 * 1024 ** 3)\n' });
    expect(tooBig.error).toMatchObject({ type: 'OverflowError', message: expect.stringContaining('32-bit') });
  });

  it('a run whose memory passes the ceiling recycles the worker with a notice', async () => {
    const before = runner.restarts;
    const result = await runner.run({ code: 'big = bytearray(128 * 1024 * 1024)\nprint(len(big))\n' });
    expect(result).toMatchObject({ status: 'finished', stdout: `${128 * 1024 * 1024}\n` });
    expect(result.heapBytes).toBeGreaterThan(96 * 1024 * 1024);
    expect(result.notice).toMatch(/memory grew to \d+ MB \(over the 96 MB ceiling\)/);
    expect(runner.restarts).toBe(before + 1);
    expect(restarts.at(-1)).toBe('memory');
    const next = await runner.run({ code: 'print("fresh")' });
    expect(next).toMatchObject({ status: 'finished', stdout: 'fresh\n' });
    expect(next.heapBytes).toBeLessThan(96 * 1024 * 1024);
    expect(next.notice).toBeUndefined();
  }, 90_000);

  it('the watchdog replaces a worker that stops answering; the next run works', async () => {
    await runner.start();
    workers.at(-1)!.muted = true;
    await expect(runner.checkSyntax('x = 1')).rejects.toThrow(/did not answer a syntax check within 1\.5 s; it has been restarted/);
    expect(restarts.at(-1)).toBe('unresponsive');
    const result = await runner.run({ code: 'print("alive")' });
    expect(result).toMatchObject({ status: 'finished', stdout: 'alive\n' });

    // Unresponsive between runs: the health check before the run catches it.
    workers.at(-1)!.muted = true;
    const after = await runner.run({ code: 'print("again")' });
    expect(after).toMatchObject({ status: 'finished', stdout: 'again\n' });
    expect(after.notice).toMatch(/had stopped answering .*restarted before this run/);
  }, 90_000);

  it('a worker that never answers its start is given up with a clear error', async () => {
    const silent = createNodeRunner({
      loadTimeoutMs: 200,
      watchdogMs: 400,
      spawn: () => {
        const handle = spawnMutable();
        workers.at(-1)!.muted = true;
        return handle;
      },
    });
    try {
      await expect(silent.start()).rejects.toThrow(/Starting the Python worker did not finish within 1 s/);
    } finally {
      silent.dispose();
    }
  });
});
