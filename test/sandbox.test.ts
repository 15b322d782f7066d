// Executor sandbox limits, end to end in Node: the real runner pauses the
// program, the heal pipeline asks a scripted engine for handling code that
// reaches too far, the real executor refuses or stops it with a clear message,
// and the retry's clean answer shows the paused program was left unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSnapshot } from '../workers/shared/node-snapshot.ts';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import type { RunnerClient } from '../workers/runner/client.ts';
import type { ExecutorClient } from '../workers/executor/client.ts';
import { HealSession, defaultHealSettings, type HealSettings } from '../web/state/heal/session.ts';
import { createScriptedEngine } from './scripted-engine.ts';
import { lockDownNetwork } from '../workers/executor/lockdown.ts';

let runner: RunnerClient;
let snapshot: Uint8Array;
let executor: ExecutorClient;

beforeAll(async () => {
  snapshot = await nodeSnapshot();
  runner = createNodeRunner({ snapshot });
  executor = createNodeExecutor({ snapshot, maxHeapBytes: 96 * 1024 * 1024 });
  await Promise.all([runner.start(), executor.start()]);
}, 120_000);
afterAll(() => {
  runner.dispose();
  executor.dispose();
});

const PROGRAM = `data = {"a": 1}
count = 5
value = data["b"]
print("after", count, data, value)
`;
// What the program prints when only the clean second answer was merged.
const UNCHANGED = "after 5 {'a': 1} 0\n";

const settings: HealSettings = { ...defaultHealSettings, autoAccept: true, maxAttempts: 2, executorTimeLimitMs: 1_000 };

/** Heals PROGRAM with `attack` first (each also tries to change `count` and `data`), then a clean answer. */
async function attempt(attack: string, client: ExecutorClient = executor, timeLimitMs = 1_000) {
  const handling = `count = 99\ndata["a"] = 42\n${attack}\nvalue = 1`;
  const engine = createScriptedEngine([`<code>\n${handling}\n</code>`, '<code>\nvalue = 0\n</code>']);
  const session = new HealSession(PROGRAM, engine, client, { ...settings, executorTimeLimitMs: timeLimitMs });
  const result = await runner.run({ code: PROGRAM }, { onPause: (context) => session.autoHeal(context) });
  const rejection = session.trace[0]?.decision === 'rejected' ? (session.trace[0].rejection ?? '') : '';
  return { result, session, rejection };
}

describe('executor sandbox (Node, real runner + executor + pipeline)', () => {
  it.each([
    ['import js', /ImportError: import of 'js' is not allowed in handling code/],
    ['from pyodide.http import pyfetch', /ImportError: import of 'pyodide\.http' is not allowed in handling code/],
    ['import importlib\nffi = importlib.import_module("pyodide.ffi")', /import of 'pyodide(\.ffi)?' is not allowed/],
    ['import sys\nbridge = sys.modules["pyodide_js"]', /KeyError: 'pyodide_js'/],
    ['import micropip', /import of 'micropip' is not allowed/],
    ['secret = open("/etc/passwd").read()', /PermissionError: handling code may not read '\/etc\/passwd'/],
    ['open("/executor/_heal_executor/execution.py", "w").write("")', /may not write to '\/executor\/_heal_executor\/execution\.py'/],
    ['import os\nos.remove("/executor/_heal_executor/sandbox.py")', /may not write to '\/executor\/_heal_executor\/sandbox\.py'/],
  ])('%s is refused; the program continues unchanged', async (attack, message) => {
    const { result, rejection } = await attempt(attack);
    expect(rejection).toMatch(message);
    expect(result).toMatchObject({ status: 'finished', stdout: UNCHANGED });
  });

  it('files work inside the scratch directory (and nowhere else)', async () => {
    const engine = createScriptedEngine([
      '<code>\nwith open("note.txt", "w") as f:\n    f.write("kept")\nvalue = open("/tmp/heal-scratch/note.txt").read()\n</code>',
    ]);
    const session = new HealSession(PROGRAM, engine, executor, settings);
    const result = await runner.run({ code: PROGRAM }, { onPause: (context) => session.autoHeal(context) });
    expect(result.stdout).toBe("after 5 {'a': 1} kept\n");
  });

  it('an infinite loop is stopped at the time limit', async () => {
    const { result, rejection } = await attempt('while True:\n    pass');
    expect(rejection).toMatch(/did not finish within 1 s/);
    expect(result.stdout).toBe(UNCHANGED);
  });

  it('a 2 GB allocation is refused with a readable error', async () => {
    const { result, rejection } = await attempt('block = bytearray(2 ** 31 - 1)');
    expect(rejection).toMatch(/MemoryError: out of memory: the handling code asked for more memory/);
    expect(result.stdout).toBe(UNCHANGED);
    const { rejection: overflow } = await attempt('block = bytearray(2 * 1024 ** 3)');
    expect(overflow).toMatch(/OverflowError: .*32-bit/);
  });

  it('handling code that grows memory past the ceiling is refused and the executor recycled', async () => {
    const before = executor.restarts;
    // Freed at once, but WebAssembly memory never shrinks: the ceiling still applies.
    const { result, rejection } = await attempt('block = bytearray(128 * 1024 * 1024)\ndel block', executor, 15_000);
    expect(rejection).toMatch(/MemoryError: the handling code grew the executor's memory to \d+ MB, over its 96 MB ceiling/);
    expect(result.stdout).toBe(UNCHANGED); // the clean retry ran in the fresh executor
    expect(executor.restarts).toBe(before + 1);
  }, 90_000);

  it('recursion through functools.cache that kills the executor is a RecursionError at the right line; the executor comes back', async () => {
    const recursion = 'import functools\n@functools.cache\ndef down(n):\n    return 0 if n == 0 else down(n - 1) + 1\nvalue = down(100000)';
    const before = executor.restarts;
    // The overflow itself takes a second or two in a worker thread (deep stack): a roomier limit.
    const { result, rejection } = await attempt(recursion, executor, 15_000);
    expect(rejection).toMatch(/RecursionError: maximum recursion depth exceeded: recursion through C code/);
    expect(rejection, JSON.stringify(result)).toMatch(/Python was replaced/);
    expect(result.stdout).toBe(UNCHANGED);
    expect(executor.restarts).toBe(before + 1);
  }, 90_000);

  it('the worker has no network globals once loaded', async () => {
    const info = await executor.start();
    expect(info.networkRemoved).toEqual(expect.arrayContaining(['fetch']));
    const scope: Record<string, unknown> = { fetch: () => 'sent', XMLHttpRequest: class {}, navigator: { sendBeacon: () => true } };
    expect(lockDownNetwork(scope)).toEqual(['fetch', 'XMLHttpRequest', 'navigator.sendBeacon']);
    expect(() => (scope.fetch as () => unknown)()).toThrow(/isolated from the network/);
    expect(() => {
      scope.fetch = () => 'back';
    }).toThrow(TypeError);
  });
});
