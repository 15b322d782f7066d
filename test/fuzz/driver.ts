// Fuzz driver: mutates corpus programs and runs every mutant twice — as written
// (instrument: false) and instrumented with an engine whose handling code is always
// accepted — then records how each run ended. Host-agnostic like the pipeline; the
// Node test and `npm run bench:reliability` pass real runner and executor clients.

import type { RunRequest, RunResult } from '../../workers/protocol/runner.ts';
import type { RunHandlers, RunOptions } from '../../workers/runner/client.ts';
import type { HealEngine } from '../../workers/shared/engine.ts';
import { createRng } from './prng.ts';
import { mutateProgram, type MutateOptions } from './mutate.ts';
import type { FuzzOutcome, RunSummary } from './report.ts';
import { HealSession, defaultHealSettings, type ExecutorLike } from '../../web/state/heal/session.ts';
import { errorText } from '../../workers/shared/async.ts';

export interface RunnerLike {
  /** Resolves when Python is ready (also after a restart). */
  start(): Promise<unknown>;
  run(request: RunRequest, handlers?: RunHandlers, options?: RunOptions): Promise<RunResult>;
  dispose(): void;
}

export interface FuzzProgram {
  id: string;
  program: string;
  stdin?: string;
}

export interface FuzzOptions extends MutateOptions {
  seed: number;
  /** Mutants to run; the corpus is cycled (each cycle with fresh mutations). */
  programs: number;
  /** Skip the first `from` mutants (reproduce a failure at index N with from = N, programs = N + 1). */
  from?: number;
  /** Running-time limit of each run (short: inserted endless loops must end quickly). */
  timeLimitMs: number;
  /** A run with no result after timeLimitMs + this is counted as hung (an unrecovered crash). */
  watchdogMs?: number;
  onOutcome?(outcome: FuzzOutcome, index: number): void;
}

/** Accepts every pause: skip the failing statement (or return None from a failing `return`). */
export function createAcceptAllEngine(): HealEngine {
  return {
    id: 'accept-all',
    label: 'Fuzz: skip every failing statement',
    async generate(_messages, _options, context) {
      return context?.pause.kind === 'Return' ? '<code>\n__return__ = None\n</code>' : '<code>\npass\n</code>';
    },
  };
}

const PROBE = { code: 'print(6 * 7)\n' };

/** The mutants of a run, in order: pure and seeded, so the test and the benchmark agree. */
export function* mutants(corpus: readonly FuzzProgram[], options: Pick<FuzzOptions, 'seed' | 'programs' | 'maxMutations' | 'weights'>) {
  const rng = createRng(options.seed);
  let produced = 0;
  for (let i = 0; produced < options.programs && i < options.programs * 3; i++) {
    const entry = corpus[i % corpus.length]!;
    const mutant = mutateProgram(entry.program, rng.fork(i), options);
    if (!mutant) continue;
    produced++;
    yield { id: `${entry.id}#${i}`, stdin: entry.stdin ?? '', ...mutant };
  }
}

/**
 * Runs the mutants. createRunner is called again only when a run hangs past the
 * watchdog (the old client is disposed): the runner is meant to recover by itself.
 */
export async function runFuzz(
  createRunner: () => RunnerLike,
  executor: ExecutorLike,
  corpus: readonly FuzzProgram[],
  options: FuzzOptions,
): Promise<FuzzOutcome[]> {
  let runner = createRunner();
  const watchdogMs = options.watchdogMs ?? 30_000;
  // Python's start-up (seconds, more on a busy machine) is not part of any run's watchdog.
  const BOOT_LIMIT_MS = 180_000;
  const ready = async (): Promise<boolean> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), BOOT_LIMIT_MS);
    });
    try {
      return await Promise.race([
        runner.start().then(
          () => true,
          () => false,
        ),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
  const engine = createAcceptAllEngine();
  const settings = { ...defaultHealSettings, autoAccept: true, maxAttempts: 1, executorTimeLimitMs: Math.max(1000, options.timeLimitMs) };

  const guarded = async (request: RunRequest, handlers: RunHandlers, timeLimitMs: number): Promise<RunResult | string> => {
    // A hard stop or a crash restarts the worker in the background: wait for it here,
    // outside the watchdog, so a slow start-up is not mistaken for a hung run.
    if (!(await ready())) return 'Python did not start again';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hung = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('hung'), timeLimitMs + watchdogMs);
    });
    try {
      return await Promise.race([runner.run(request, handlers, { timeLimitMs }).catch((e: unknown) => `run() rejected: ${errorText(e)}`), hung]);
    } finally {
      clearTimeout(timer);
    }
  };

  const probe = async (): Promise<boolean> => {
    if (!(await ready())) return false;
    const result = await guarded(PROBE, {}, 10_000);
    return typeof result !== 'string' && result.status === 'finished' && result.stdout === '42\n';
  };

  const summarize = async (result: RunResult | string): Promise<RunSummary> => {
    if (typeof result === 'string') {
      // The client produced no result: count it as unrecovered, then start over with a fresh client.
      runner.dispose();
      runner = createRunner();
      await ready();
      return { status: 'error', errorType: result === 'hung' ? 'Hung' : 'ClientFailure', detail: result, stdout: '', crashed: true, recovered: false };
    }
    const summary: RunSummary = {
      status: result.status,
      stdout: result.stdout,
      crashed: false,
      heals: result.heals.filter((h) => h.action === 'merge').length,
    };
    if (result.error) summary.errorType = result.error.type;
    if (result.error?.type === 'WorkerCrashed') {
      summary.crashed = true;
      summary.detail = result.error.message;
      summary.recovered = await probe();
    }
    return summary;
  };

  if (!(await ready())) throw new Error('The Python runner did not start.');
  const outcomes: FuzzOutcome[] = [];
  let index = -1;
  for (const mutant of mutants(corpus, options)) {
    if (++index < (options.from ?? 0)) continue;
    const plain = await summarize(await guarded({ code: mutant.source, stdin: mutant.stdin, instrument: false }, {}, options.timeLimitMs));
    const session = new HealSession(mutant.source, engine, executor, settings);
    const handlers: RunHandlers = { onPause: (context) => session.autoHeal(context) };
    let instrumented = await summarize(await guarded({ code: mutant.source, stdin: mutant.stdin }, handlers, options.timeLimitMs));
    // Timing noise on a busy machine: a clean plain run vs an instrumented run cut by the
    // time limit gets one more try with a generous limit before it counts as a mismatch.
    if (plain.status === 'finished' && instrumented.status === 'stopped') {
      const again = new HealSession(mutant.source, engine, executor, settings);
      instrumented = await summarize(
        await guarded({ code: mutant.source, stdin: mutant.stdin }, { onPause: (c) => again.autoHeal(c) }, options.timeLimitMs * 5),
      );
    }
    const outcome: FuzzOutcome = { id: mutant.id, mutations: mutant.mutations, instrumented, plain };
    outcomes.push(outcome);
    options.onOutcome?.(outcome, outcomes.length - 1);
  }
  runner.dispose();
  return outcomes;
}
