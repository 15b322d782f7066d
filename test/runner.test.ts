// The runner end to end in Node: real Pyodide in a worker thread, driven by the
// same RunnerClient the browser uses (Atomics blocking, interrupt buffer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import type { RunnerClient } from '../workers/runner/client.ts';
import type { OutputChunk, PauseContext } from '../workers/protocol/runner.ts';
import { LOOP_IN_FUNCTION } from './fixtures.ts';

let runner: RunnerClient;

beforeAll(async () => {
  runner = createNodeRunner();
  await runner.start();
}, 120_000);

afterAll(() => runner.dispose());

describe('runner worker (Node)', () => {
  it('reports how it blocks and that it can be interrupted', () => {
    expect(runner.info).toMatchObject({ blocking: 'atomics', interruptible: true, pythonVersion: expect.stringMatching(/^3\.14/) });
  });

  it('pauses inside a loop inside a function and continues with the merged value', async () => {
    const pauses: PauseContext[] = [];
    const result = await runner.run(
      { code: LOOP_IN_FUNCTION, expectedOutput: '45.0\n' },
      {
        onPause: (context) => {
          pauses.push(context);
          return { action: 'merge', set: [{ name: 'total', value: 110 }] };
        },
      },
    );
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toMatchObject({ line: 4, endLine: 4, function: 'average', kind: 'AugAssign' });
    expect(pauses[0]!.error).toMatchObject({ type: 'ZeroDivisionError', message: 'division by zero' });
    expect(pauses[0]!.state.locals.map((b) => [b.name, b.repr])).toEqual([
      ['xs', '[1, 0, 4]'],
      ['total', '100.0'],
      ['x', '0'],
    ]);
    expect(result).toMatchObject({ status: 'finished', stdout: '45.0\n', proceed: true, correct: true });
    expect(result.heals).toEqual([expect.objectContaining({ action: 'merge', changed: ['total'], line: 4 })]);
  });

  it('answering raise ends the program with the normal traceback and user line numbers', async () => {
    const result = await runner.run(
      { code: LOOP_IN_FUNCTION, expectedOutput: '45.0\n' },
      {
        onPause: () => ({ action: 'raise' }),
      },
    );
    expect(result.status).toBe('error');
    expect(result.error?.type).toBe('ZeroDivisionError');
    expect(result.error?.traceback.map((f) => f.line)).toEqual([7, 4]);
    expect(result.error?.formatted).toContain('File "main.py", line 4, in average');
    expect(result.stderr).toContain('ZeroDivisionError: division by zero');
    expect(result).toMatchObject({ proceed: false, correct: false });
  });

  it("our own modules are not the program's: `import state` raises ModuleNotFoundError as in CPython", async () => {
    // Names our workers' modules once had at the front of sys.path; now they live in the
    // private packages _heal_runner and _heal_common, and the analysis packages are not here.
    const names = [
      'state',
      'streams',
      'instrument',
      'runner',
      'interpreter_baseline',
      'heal_values',
      'parse_guard',
      'security',
      'security_fixes',
      'keras_lite',
      'repair',
      'executor',
      'sandbox',
    ];
    for (const name of names) {
      const result = await runner.run({ code: `import ${name}\n` });
      expect(result.error, name).toMatchObject({ type: 'ModuleNotFoundError', message: `No module named '${name}'`, line: 1 });
    }
  });

  it('without a pause handler the error is raised (no hang)', async () => {
    const result = await runner.run({ code: 'print(1)\nx = [][0]\n' });
    expect(result).toMatchObject({ status: 'error', stdout: '1\n' });
  });

  it('Stop ends while True: pass by interrupt', async () => {
    const started = performance.now();
    const pending = runner.run({ code: 'print("spinning")\nwhile True:\n    pass\n' });
    setTimeout(() => runner.stop(), 300);
    const result = await pending;
    expect(result).toMatchObject({ status: 'stopped', stopReason: 'user', stdout: 'spinning\n' });
    expect(performance.now() - started).toBeLessThan(5_000);
    // the worker is still usable afterwards
    expect((await runner.run({ code: 'print(2 + 2)' })).stdout).toBe('4\n');
  });

  it('a program that swallows KeyboardInterrupt is stopped by restarting the worker', async () => {
    const code = 'while True:\n    try:\n        pass\n    except BaseException:\n        pass\n';
    const pending = runner.run({ code });
    setTimeout(() => runner.stop(), 200);
    expect(await pending).toMatchObject({ status: 'stopped', stopReason: 'user' });
    expect((await runner.run({ code: 'print("back")' })).stdout).toBe('back\n');
  });

  it('the time limit stops a runaway loop, not counting time spent paused', async () => {
    const result = await runner.run({ code: 'while True: pass' }, {}, { timeLimitMs: 400 });
    expect(result).toMatchObject({ status: 'stopped', stopReason: 'time-limit' });
    const slowAnswer = await runner.run(
      { code: 'x = 1/0\nprint("ok")' },
      {
        onPause: () => new Promise((resolve) => setTimeout(() => resolve({ action: 'merge' }), 700)),
      },
      { timeLimitMs: 400 },
    );
    expect(slowAnswer).toMatchObject({ status: 'finished', stdout: 'ok\n' });
  });

  it('Stop while paused ends the run', async () => {
    const pending = runner.run(
      { code: 'x = 1/0\nprint("no")' },
      {
        onPause: () => new Promise(() => {}), // the user never answers
      },
    );
    setTimeout(() => runner.stop(), 100);
    expect(await pending).toMatchObject({ status: 'stopped', stdout: '' });
  });

  it('caps an output flood: the first lines, a marker, the last 200 lines', async () => {
    const chunks: OutputChunk[] = [];
    let notices = 0;
    const code = 'i = 0\nwhile True:\n    i += 1\n    print("flood", i)\n';
    const result = await runner.run(
      { code, outputLimits: { maxLines: 2000 } },
      {
        onOutput: (batch, truncated) => {
          chunks.push(...batch);
          notices += Number(truncated);
        },
      },
      { timeLimitMs: 1500 },
    );
    expect(result.truncated).toBe(true);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['flood 1', 'flood 2', 'flood 3']);
    // print() writes "flood 2001" before its newline reaches the cap: that line stays, the tail starts on its own line.
    expect(lines).toHaveLength(2000 + 1 + 200 + 1);
    expect(lines.slice(1999, 2001)).toEqual(['flood 2000', 'flood 2001']);
    const last = Number(lines.at(-2)!.split(' ')[1]);
    expect(lines.slice(2001, -1)).toEqual(Array.from({ length: 200 }, (_, k) => `flood ${last - 199 + k}`));
    expect(result.omitted!.lines).toBe(last - 2000 - 200);
    expect(notices).toBe(1);
    const marker = chunks.findIndex(([stream]) => stream === 'system');
    expect(chunks[marker]![1]).toMatch(/lines \([\d,]+ characters\) of output left out; the last 200 lines follow/);
    expect(
      chunks
        .filter(([stream]) => stream === 'stdout')
        .map(([, text]) => text)
        .join(''),
    ).toBe(result.stdout);
    expect(result.status).toBe('stopped');
  });

  describe("Stop answers at once and names the user's line, never an interpreter frame", () => {
    const LOOPS = {
      busy: ['print("started", flush=True)\nwhile True:\n    pass\n', [2, 3]],
      sleep: ['import time\nprint("started", flush=True)\nwhile True:\n    time.sleep(0.5)\n', [3, 4]],
      flood: ['print("started", flush=True)\ni = 0\nwhile True:\n    i += 1\n    print("line", i)\n', [3, 4, 5]],
    } as const;
    for (const [kind, [code, lines]] of Object.entries(LOOPS)) {
      it(kind, async () => {
        let started!: () => void;
        const running = new Promise<void>((resolve) => {
          started = resolve;
        });
        const pending = runner.run(
          { code },
          {
            onOutput: (batch) => {
              if (batch.some(([, t]) => t.includes('started'))) started();
            },
          },
        );
        await running;
        await new Promise((resolve) => setTimeout(resolve, 200));
        runner.stop();
        const result = await pending;
        expect(result).toMatchObject({ status: 'stopped', stopReason: 'user' });
        expect(lines).toContain(result.stoppedAt?.line);
        expect(result.stderr).not.toMatch(/Traceback|webloop|PythonError|KeyboardInterrupt|_heal_runner/);
        expect(result.restoreMs).toBeUndefined(); // answered first; the restore follows
        expect((await runner.run({ code: 'import time\nprint(time.sleep.__module__, 2 + 2)' })).stdout).toBe('time 4\n');
      });
    }

    it('swallow: a program that catches KeyboardInterrupt is ended by replacing the worker', async () => {
      const code = 'print("started", flush=True)\nwhile True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass\n';
      const pending = runner.run({ code });
      setTimeout(() => runner.stop(), 300);
      const result = await pending;
      expect(result).toMatchObject({ status: 'stopped', stopReason: 'user', stdout: 'started\n' });
      expect(result.stderr).toBe('');
      expect((await runner.run({ code: 'print("back")' })).stdout).toBe('back\n');
    });
  });

  it("an unattended run (expected output given) reads end of file after the test case's input; CORRECT is lenient", async () => {
    let asked = 0;
    const code = 'import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))\nfor line in sys.stdin:\n    print("never")\n';
    const result = await runner.run(
      { code, stdin: '1 2\n3\n', expectedOutput: '6' },
      {
        onInput: () => {
          asked++;
          return 'x';
        },
      },
    );
    expect(asked).toBe(0);
    expect(result).toMatchObject({ status: 'finished', stdout: '6\n', proceed: true, correct: true });
    const strict = await runner.run({ code, stdin: '1 2\n3\n', expectedOutput: '6', compare: 'strict' });
    expect(strict).toMatchObject({ proceed: true, correct: false });
  });

  it('input() reads stdin first, then asks, and EOF raises EOFError', async () => {
    const prompts: string[] = [];
    const code = 'a = input("a? ")\nb = input("b? ")\nprint(a + b)\ninput()\n';
    const result = await runner.run(
      { code, stdin: 'x\n' },
      {
        onInput: (prompt) => {
          prompts.push(prompt);
          return prompts.length === 1 ? 'y' : null;
        },
      },
    );
    expect(prompts).toEqual(['b? ', '']);
    expect(result.stdout).toBe('a? b? xy\n');
    expect(result.error?.type).toBe('EOFError');
    const noStdin = await runner.run({ code: 'print(input("n? ") * 2)' }, { onInput: () => 'ab' });
    expect(noStdin.stdout).toBe('n? abab\n');
  });

  it('Stop while waiting for input ends the run', async () => {
    const pending = runner.run({ code: 'input("wait: ")' }, { onInput: () => new Promise(() => {}) });
    setTimeout(() => runner.stop(), 100);
    expect(await pending).toMatchObject({ status: 'stopped', stdout: 'wait: ' });
  });

  it('a syntax error gives a clear message with line and column', async () => {
    const result = await runner.run({ code: 'def f(:\n    pass\n' });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ type: 'SyntaxError', line: 1, col: 7 });
    expect(result.error?.formatted).toContain('SyntaxError');
    expect(await runner.checkSyntax('x = (1,\n')).toMatchObject({ ok: false, error: { type: 'SyntaxError', line: 1 } });
    expect(await runner.checkSyntax('x = 1\n')).toEqual({ ok: true });
  });

  it('recovers from a crash of the Python runtime', async () => {
    // Deep recursion through C (functools.cache) overflows the JavaScript stack.
    const code =
      'import functools, sys\nsys.setrecursionlimit(100000)\n@functools.cache\ndef f(n):\n    return 0 if n == 0 else f(n - 1) + 1\nprint(f(50000))\n';
    const crashed = await runner.run({ code });
    expect(crashed.status).toBe('error');
    expect(crashed.error?.type).toMatch(/WorkerCrashed|RecursionError/);
    expect((await runner.run({ code: 'print("alive")' })).stdout).toBe('alive\n');
  });
});

describe('runner without shared memory (report-only)', () => {
  it('reports the pause but cannot resume, and stops by restarting the worker', async () => {
    const client = createNodeRunner({ sharedMemory: false });
    try {
      const info = await client.start();
      expect(info).toMatchObject({ blocking: 'report-only', interruptible: false });
      const pauses: PauseContext[] = [];
      const result = await client.run(
        { code: 'x = 1/0' },
        {
          onPause: (c) => {
            pauses.push(c);
            return { action: 'merge' };
          },
        },
      );
      expect(pauses).toHaveLength(1);
      expect(result.status).toBe('error');
      const pending = client.run({ code: 'while True: pass' });
      setTimeout(() => client.stop(), 200);
      expect(await pending).toMatchObject({ status: 'stopped' });
      expect((await client.run({ code: 'print(1)' })).stdout).toBe('1\n');
    } finally {
      client.dispose();
    }
  }, 120_000);
});

describe('runner start-up', () => {
  it('falls back to a plain load when the snapshot is unusable, and says why', async () => {
    const client = createNodeRunner({ snapshot: new Uint8Array([1, 2, 3, 4]) });
    try {
      const info = await client.start();
      expect(info.fromSnapshot).toBe(false);
      expect(info.snapshotError).toBeTruthy();
      expect((await client.run({ code: 'print("plain")' })).stdout).toBe('plain\n');
    } finally {
      client.dispose();
    }
  }, 120_000);

  it('a load that does not finish in time fails with a clear error', async () => {
    const client = createNodeRunner({ loadTimeoutMs: 5 });
    try {
      await expect(client.start()).rejects.toThrow(/did not finish within/);
    } finally {
      client.dispose();
    }
  }, 60_000);
});
