// What `npm run bench:executor` measures, for any host (Node, or the page's sandboxed frames):
// a cold start, the round trip of a small request with a warm spare, and back to back (the
// next request waits for the spare that replaces the one just used).
import type { ExecutorClient } from '../workers/executor/client.ts';
import type { ExecuteRequest } from '../workers/protocol/executor.ts';
import { median } from './stats.ts';

export interface ExecutorFigures {
  isolation: string;
  fromSnapshot: boolean;
  cold_start_ms: number;
  /** Of the cold start, the time inside the worker (Pyodide from the snapshot, our modules, warm-up). */
  load_inside_ms: number;
  warm_round_trip_ms: number;
  back_to_back_ms: number;
}

const REQUEST: ExecuteRequest = { source: 'def f(x):\n    return x * 2\n', pickle: null, handles: [], code: 'total = f(21)\nrows = [total] * 3\n' };

export async function measureExecutor(create: () => ExecutorClient, repeats: number): Promise<ExecutorFigures> {
  const cold: number[] = [];
  const inside: number[] = [];
  let info;
  for (let i = 0; i < repeats; i++) {
    const client = create();
    const started = performance.now();
    info = await client.start();
    cold.push(performance.now() - started);
    inside.push(info.loadMs);
    client.dispose();
  }
  const client = create();
  try {
    const warm: number[] = [];
    for (let i = 0; i < repeats * 2; i++) {
      await client.start(); // a spare is ready, as between two pauses a person reads
      const started = performance.now();
      const result = await client.execute(REQUEST);
      warm.push(performance.now() - started);
      if (result.status !== 'ok') throw new Error(`executor: ${result.error?.message}`);
    }
    const backToBack: number[] = [];
    for (let i = 0; i < repeats * 2; i++) {
      const started = performance.now();
      await client.execute(REQUEST);
      backToBack.push(performance.now() - started);
    }
    return {
      isolation: info?.isolation ?? 'unknown',
      fromSnapshot: info?.fromSnapshot ?? false,
      cold_start_ms: median(cold),
      load_inside_ms: median(inside),
      warm_round_trip_ms: median(warm),
      back_to_back_ms: median(backToBack),
    };
  } finally {
    client.dispose();
  }
}
