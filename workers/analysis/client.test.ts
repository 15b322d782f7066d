// The analysis client's time limit and crash handling, with fake workers behind a real
// Comlink channel: a call past its limit replaces the worker, a worker that dies fails its
// call, and the next call starts a fresh worker.
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { describe, expect, it } from 'vitest';
import { AnalysisClient, AnalysisTimeoutError } from './client.ts';
import type { AnalysisInfo } from '../protocol/analysis.ts';
import type { WorkerHandle } from '../shared/worker-handle.ts';

interface Fake {
  crash(reason: string): void;
  terminated: boolean;
}

/** Workers whose `call` answers `answer(n)` for the n-th worker (a never-settling promise to hang). */
function fakeWorkers(answer: (worker: number) => Promise<unknown>) {
  const workers: Fake[] = [];
  const spawn = (): WorkerHandle => {
    const index = workers.length;
    const channel = new MessageChannel();
    Comlink.expose(
      {
        init: (): AnalysisInfo => ({ pythonVersion: '3.14', fromSnapshot: false, loadMs: 0, packages: ['security'] }),
        call: () => answer(index),
      },
      nodeEndpoint(channel.port2),
    );
    const listeners: ((reason: string) => void)[] = [];
    const fake: Fake = { crash: (reason) => listeners.forEach((l) => l(reason)), terminated: false };
    workers.push(fake);
    return {
      endpoint: nodeEndpoint(channel.port1),
      terminate: () => {
        fake.terminated = true;
        channel.port1.close();
      },
      onExit: (listener) => void listeners.push(listener),
    };
  };
  return { workers, spawn };
}

const RESULT = { findings: [] };

describe('AnalysisClient', () => {
  it('a call past its limit replaces the worker; the next call runs on a fresh one', async () => {
    const { workers, spawn } = fakeWorkers((worker) => (worker === 0 ? new Promise(() => {}) : Promise.resolve(RESULT)));
    const client = new AnalysisClient({ spawn, indexURL: '', callTimeLimitMs: 50 });
    await expect(client.call('securityCheck', 'x = 1\n', {} as never)).rejects.toBeInstanceOf(AnalysisTimeoutError);
    expect(workers[0]!.terminated).toBe(true);
    expect(client.restarts).toBe(1);
    expect(await client.call('securityCheck', 'x = 1\n', {} as never)).toEqual(RESULT);
    expect(workers).toHaveLength(2);
    client.dispose();
  });

  it('a worker that dies fails its call with a clear message; the next call starts afresh', async () => {
    const { workers, spawn } = fakeWorkers((worker) => (worker === 0 ? new Promise(() => {}) : Promise.resolve(RESULT)));
    const client = new AnalysisClient({ spawn, indexURL: '', callTimeLimitMs: 60_000 });
    await client.start();
    const pending = client.call('securityCheck', 'x = 1\n', {} as never);
    await new Promise((resolve) => setTimeout(resolve, 20));
    workers[0]!.crash('exit code 1');
    await expect(pending).rejects.toThrow("The checks' worker stopped (exit code 1); it restarts on the next check.");
    expect(await client.call('securityCheck', 'x = 1\n', {} as never)).toEqual(RESULT);
    expect(workers).toHaveLength(2);
    client.dispose();
  });

  it('calls run one at a time, in order', async () => {
    const order: number[] = [];
    let n = 0;
    const { spawn } = fakeWorkers(async () => {
      const mine = ++n;
      await new Promise((r) => setTimeout(r, 30 - mine * 10));
      order.push(mine);
      return mine;
    });
    const client = new AnalysisClient({ spawn, indexURL: '' });
    const results = await Promise.all([1, 2, 3].map(() => client.call('dnnAnalyze', 'x = 1\n')));
    expect(results).toEqual([1, 2, 3]);
    expect(order).toEqual([1, 2, 3]);
    client.dispose();
  });
});
