// Regression (found by test/fuzz.test.ts): a Stop that races a crash left SIGINT in the
// shared interrupt buffer, and the restarted worker raised KeyboardInterrupt inside its
// own start-up code. The worker here is a fake behind a real Comlink channel.
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { describe, expect, it } from 'vitest';
import { RunnerClient } from './client.ts';
import type { WorkerHandle } from '../shared/worker-handle.ts';
import type { RunnerInfo, RunnerInitOptions } from '../protocol/runner.ts';

describe('RunnerClient restart after a crash during Stop', () => {
  it('the restarted worker starts with a cleared interrupt buffer', async () => {
    const interruptAtInit: number[] = [];
    const crashes: ((reason: string) => void)[] = [];
    const ports: MessageChannel[] = [];
    const spawn = (): WorkerHandle => {
      const channel = new MessageChannel();
      ports.push(channel);
      Comlink.expose(
        {
          init(options: RunnerInitOptions): RunnerInfo {
            interruptAtInit.push(Atomics.load(options.interruptBuffer!, 0));
            return { pythonVersion: '3.14', pyodideVersion: 'fake', blocking: 'report-only', jspi: false, interruptible: true, fromSnapshot: false, loadMs: 0 };
          },
          run: () => new Promise(() => {}), // busy in C code: never sees the interrupt
          checkSyntax: () => ({ ok: true }),
          ping: () => true,
        },
        nodeEndpoint(channel.port2),
      );
      const listeners: ((reason: string) => void)[] = [];
      crashes.push((reason) => listeners.forEach((l) => l(reason)));
      return { endpoint: nodeEndpoint(channel.port1), terminate: () => channel.port1.close(), onExit: (l) => void listeners.push(l) };
    };
    const client = new RunnerClient({ spawn, indexURL: '', sharedMemory: true, stopGraceMs: 60_000 });
    await client.start();
    const running = client.run({ code: 'while True: pass' }, {}, { timeLimitMs: 0 });
    await new Promise((r) => setTimeout(r, 20));
    client.stop(); // SIGINT written, the worker has not picked it up yet...
    crashes[0]!('Maximum call stack size exceeded'); // ...and dies
    expect((await running).error?.type).toBe('WorkerCrashed');
    await client.start();
    expect(interruptAtInit).toEqual([0, 0]);
    client.dispose();
    for (const c of ports) c.port2.close();
  });
});
