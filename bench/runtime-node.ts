// Runtime measurements in Node: instrumentation overhead, cold start (plain vs
// snapshot) and the pause→resume round trip, all through the real runner worker.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import { median, round } from './stats.ts';
import { PAUSE_PROGRAM } from './pause-program.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const SNAPSHOT_PATH = join(here, '../public/pyodide/snapshot.bin');

export interface OverheadRow { program: string; plainMs: number; instrumentedMs: number; ratio: number }

export function benchPrograms(): { name: string; code: string }[] {
  const dir = join(here, 'programs');
  return readdirSync(dir).filter((f) => f.endsWith('.py')).sort()
    .map((name) => ({ name, code: readFileSync(join(dir, name), 'utf8') }));
}

/** Median exec time per program, plain and instrumented runs alternating. */
export async function measureOverhead(repeats: number): Promise<OverheadRow[]> {
  const runner = createNodeRunner();
  await runner.start();
  const rows: OverheadRow[] = [];
  try {
    for (const { name, code } of benchPrograms()) {
      const plain: number[] = [];
      const instrumented: number[] = [];
      const ratios: number[] = [];
      let expected: string | undefined;
      for (let i = 0; i < repeats; i++) {
        const a = await runner.run({ code, instrument: false }, {}, { timeLimitMs: 0 });
        const b = await runner.run({ code, instrument: true }, {}, { timeLimitMs: 0 });
        expected ??= a.stdout;
        if (a.status !== 'finished' || b.stdout !== expected) throw new Error(`${name}: runs disagree`);
        plain.push(a.execMs!);
        instrumented.push(b.execMs!);
        ratios.push(b.execMs! / a.execMs!);
      }
      rows.push({ program: name, plainMs: round(median(plain), 1), instrumentedMs: round(median(instrumented), 1), ratio: round(median(ratios), 3) });
    }
  } finally {
    runner.dispose();
  }
  return rows;
}

/** Wall time from spawning a worker to Python ready, median of `repeats` fresh workers. */
export async function measureColdStart(repeats: number, snapshot: Uint8Array | string | null): Promise<{ ms: number; fromSnapshot: boolean }> {
  const times: number[] = [];
  let fromSnapshot = false;
  for (let i = 0; i < repeats; i++) {
    const runner = createNodeRunner({ snapshot });
    const started = performance.now();
    const info = await runner.start();
    times.push(performance.now() - started);
    fromSnapshot = info.fromSnapshot;
    runner.dispose();
  }
  return { ms: round(median(times), 1), fromSnapshot };
}


/** Median hook→continue time of a no-op merge (state capture, message round trip, merge). */
export async function measurePauseRoundTrip(pauses: number): Promise<number> {
  const runner = createNodeRunner();
  await runner.start();
  try {
    const result = await runner.run({ code: PAUSE_PROGRAM(pauses) }, {
      onPause: () => ({ action: 'merge' }),
    });
    if (result.heals.length !== pauses) throw new Error(`expected ${pauses} pauses, got ${result.heals.length}`);
    return round(median(result.heals.map((h) => h.roundTripMs)), 3);
  } finally {
    runner.dispose();
  }
}
