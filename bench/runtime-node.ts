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

export type ProgramGroup = 'CPU-bound' | 'handled exceptions';

export interface OverheadRow {
  group: ProgramGroup;
  program: string;
  plainMs: number;
  instrumentedMs: number;
  /** Medians of the per-round ratios to the plain run of the same round. */
  ratio: number;
  settraceRatio: number;
  monitoringRatio: number;
}

/** bench/programs/*.py are CPU-bound; bench/programs/handled/*.py handle their own exceptions. */
export function benchPrograms(): { group: ProgramGroup; name: string; code: string }[] {
  const read = (group: ProgramGroup, dir: string, prefix: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.py'))
      .sort()
      .map((name) => ({ group, name: prefix + name, code: readFileSync(join(dir, name), 'utf8') }));
  return [...read('CPU-bound', join(here, 'programs'), ''), ...read('handled exceptions', join(here, 'programs/handled'), 'handled/')];
}

const PROGRAM_MARKER = '# --- the program ---\n';

/** The program between a reference tracer's start and stop (bench/reference-tracers/<name>.py). */
export function withReferenceTracer(tracer: 'settrace' | 'monitoring', code: string): string {
  const template = readFileSync(join(here, 'reference-tracers', `${tracer}.py`), 'utf8');
  const [start, stop] = template.split(PROGRAM_MARKER);
  if (stop === undefined) throw new Error(`${tracer}.py has no program marker`);
  return `${start}${code.endsWith('\n') ? code : `${code}\n`}${stop}`;
}

/**
 * Exec time per program, plain, instrumented, under a no-op sys.settrace line tracer
 * and under a no-op sys.monitoring LINE callback, all four in each round; ratios are
 * medians of the per-round ratios to the plain run.
 */
export async function measureOverhead(repeats: number): Promise<OverheadRow[]> {
  const runner = createNodeRunner();
  await runner.start();
  const rows: OverheadRow[] = [];
  try {
    for (const { group, name, code } of benchPrograms()) {
      const variants = {
        plain: { code, instrument: false },
        instrumented: { code, instrument: true },
        settrace: { code: withReferenceTracer('settrace', code), instrument: false },
        monitoring: { code: withReferenceTracer('monitoring', code), instrument: false },
      };
      const times: Record<keyof typeof variants, number[]> = { plain: [], instrumented: [], settrace: [], monitoring: [] };
      let expected: string | undefined;
      for (let i = 0; i < repeats; i++) {
        for (const [variant, request] of Object.entries(variants) as [keyof typeof variants, { code: string; instrument: boolean }][]) {
          const result = await runner.run(request, {}, { timeLimitMs: 0 });
          expected ??= result.stdout;
          if (result.status !== 'finished' || result.stdout !== expected) throw new Error(`${name} (${variant}): runs disagree`);
          times[variant].push(result.execMs!);
        }
      }
      const ratio = (variant: keyof typeof variants) => round(median(times[variant].map((ms, i) => ms / times.plain[i]!)), 3);
      rows.push({
        group,
        program: name,
        plainMs: round(median(times.plain), 1),
        instrumentedMs: round(median(times.instrumented), 1),
        ratio: ratio('instrumented'),
        settraceRatio: ratio('settrace'),
        monitoringRatio: ratio('monitoring'),
      });
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
    const result = await runner.run(
      { code: PAUSE_PROGRAM(pauses) },
      {
        onPause: () => ({ action: 'merge' }),
      },
    );
    if (result.heals.length !== pauses) throw new Error(`expected ${pauses} pauses, got ${result.heals.length}`);
    return round(median(result.heals.map((h) => h.roundTripMs)), 3);
  } finally {
    runner.dispose();
  }
}
