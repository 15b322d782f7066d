// Main-thread plumbing every worker client shares (runner, executor, analysis, model): start a
// worker with its exit watched from the first moment, start once until forgotten, run calls one
// at a time, and bound a call by a time limit past which the caller replaces the worker.
import * as Comlink from 'comlink';
import type { WorkerHandle } from './worker-handle.ts';

/** How a client starts its Pyodide worker (each client adds its own options). */
export interface PythonWorkerOptions {
  /** A new worker (and so a new Python) each call. */
  spawn: () => WorkerHandle;
  /** Where pyodide.asm.wasm & co. live (URL in the browser, directory in Node). */
  indexURL: string;
  /** A snapshot to start from (URL/path or bytes); null or a failed load falls back to a plain load. */
  snapshot?: string | Uint8Array | null;
  /** Give up each load attempt after this long. */
  loadTimeoutMs?: number;
}

export interface Connected<Api> {
  worker: WorkerHandle;
  remote: Comlink.Remote<Api>;
}

/** Spawns a worker, listens for its exit before anything else can happen, and wraps its endpoint. */
export function connect<Api>(spawn: () => WorkerHandle, onExit: (reason: string) => void): Connected<Api> {
  const worker = spawn();
  worker.onExit(onExit);
  return { worker, remote: Comlink.wrap<Api>(worker.endpoint) };
}

/** Ends a worker: its proxy released, the worker terminated. */
export function disconnect(connected: { worker?: WorkerHandle; remote?: Comlink.Remote<unknown> } | undefined): void {
  connected?.remote?.[Comlink.releaseProxy]();
  connected?.worker?.terminate();
}

/**
 * A start that happens once until it is forgotten. A start that fails forgets itself (and
 * `failed` cleans up), so the next get() tries afresh instead of repeating the old error.
 */
export class Startup<T> {
  private current: Promise<T> | undefined;

  constructor(
    private readonly begin: () => Promise<T>,
    private readonly failed: () => void = () => {},
  ) {}

  get(): Promise<T> {
    if (!this.current) {
      const starting = this.begin();
      this.current = starting;
      starting.catch(() => {
        if (this.current !== starting) return;
        this.current = undefined;
        this.failed();
      });
    }
    return this.current;
  }

  forget(): void {
    this.current = undefined;
  }
}

/** Runs tasks one at a time, in call order; a failed task does not hold up the next. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => {});
    return result;
  }
}

/**
 * Settles with the first outcome to arrive; later ones are ignored. `start` reports outcomes
 * through `win(outcome)`: a function run only if it wins, whose value (or throw) settles the
 * promise. Past `limitMs` (when > 0) `onLimit` wins: there the caller replaces the worker.
 */
export function firstOutcome<T>(limitMs: number, onLimit: () => T, start: (win: (outcome: () => T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const win = (outcome: () => T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
      }
    };
    if (limitMs > 0) timer = setTimeout(() => win(onLimit), limitMs);
    start(win);
  });
}
