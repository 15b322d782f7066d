// Main-thread side of the executor: keeps a warm worker, runs one request at a
// time and enforces the time limit. With SharedArrayBuffer the limit raises
// KeyboardInterrupt in Python (result "timeout", the worker stays warm) and the
// worker is terminated only if it still has not answered a grace period later;
// without it the worker is terminated at the limit. After a terminate (or a
// crash) a fresh worker starts at once and the next execute() waits for it.
// Host-agnostic: the caller supplies how to spawn a worker.

import * as Comlink from 'comlink';
import type { WorkerHandle } from '../python/client.ts';
import {
  DEFAULT_EXECUTOR_TIME_LIMIT_MS,
  EXECUTOR_PROTOCOL_VERSION,
  type ExecuteError,
  type ExecuteRequest,
  type ExecuteResult,
  type ExecutorApi,
  type ExecutorInfo,
} from '../protocol/executor.ts';
import { errorText } from '../shared/async.ts';

export type { WorkerHandle };

export interface ExecutorClientOptions {
  spawn: () => WorkerHandle;
  indexURL: string;
  snapshot?: string | Uint8Array | null;
  loadTimeoutMs?: number;
  /** Whether SharedArrayBuffer can be shared with the worker (cross-origin isolated page, Node). */
  sharedMemory: boolean;
  /** After the interrupt at the time limit, how long to wait before terminating the worker. */
  interruptGraceMs?: number;
  /** A restart began (time limit without interrupt, crash); the next execute() waits for it. */
  onRestart?(reason: RestartReason): void;
  /**
   * Memory ceiling: handling code that grows the executor's WebAssembly memory past
   * this gets its result refused and the worker replaced (wasm memory never shrinks).
   * Default 512 MiB; 0 = none.
   */
  maxHeapBytes?: number;
}

export const DEFAULT_EXECUTOR_MAX_HEAP_BYTES = 512 * 1024 * 1024;

export interface ExecuteOptions {
  /** Limit for the whole request (prelude, state, handling code, diff); 0 = none. Default 10 s. */
  timeLimitMs?: number;
}

export type RestartReason = 'time-limit' | 'crash' | 'memory';

const INTERRUPT_GRACE_MS = 1_000;

function seconds(ms: number): string {
  const value = ms / 1000;
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}

function emptyResult(status: ExecuteResult['status'], error: ExecuteError, totalMs: number): ExecuteResult {
  return {
    status, error, stdout: '', stderr: '', outputTruncated: false,
    added: [], changed: [], removed: [], unmerged: [],
    execMs: 0, totalMs, preludeSkipped: [], warnings: [],
  };
}

function hostError(type: string, message: string): ExecuteError {
  return { type, message, formatted: `${type}: ${message}\n`, phase: 'host' };
}

export class ExecutorClient {
  info: ExecutorInfo | undefined;
  /** How many times the worker was replaced. */
  restarts = 0;
  private worker: WorkerHandle | undefined;
  private remote: Comlink.Remote<ExecutorApi> | undefined;
  private ready: Promise<ExecutorInfo> | undefined;
  private readonly interrupt: Int32Array | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  /** Ends the request in flight from outside (the worker died). */
  private abortActive: ((reason: string) => void) | undefined;

  constructor(private readonly options: ExecutorClientOptions) {
    if (options.sharedMemory) this.interrupt = new Int32Array(new SharedArrayBuffer(4));
  }

  /** Starts (or returns) the worker; resolves when Python is ready. Call early to keep it warm. */
  start(): Promise<ExecutorInfo> {
    if (!this.ready) {
      const booting = this.boot();
      this.ready = booting;
      // A failed start must not stick: the next start() tries afresh.
      booting.catch(() => {
        if (this.ready !== booting) return;
        this.ready = undefined;
        this.worker?.terminate();
        this.worker = undefined;
      });
    }
    return this.ready;
  }

  /** Requests queued or running. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /**
   * Runs handling code. Never rejects for the code's own failures: they come
   * back as status "error" / "timeout". Rejects only when Python cannot start.
   * Requests run one at a time, in call order; each one's time limit starts
   * when it reaches the worker.
   */
  execute(request: ExecuteRequest, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    const timeLimitMs = options.timeLimitMs ?? DEFAULT_EXECUTOR_TIME_LIMIT_MS;
    this.pending += 1;
    const run = this.queue.then(() => this.executeNow(request, timeLimitMs));
    const done = run.finally(() => { this.pending -= 1; });
    this.queue = done.catch(() => {});
    return done;
  }

  private async boot(): Promise<ExecutorInfo> {
    const worker = this.options.spawn();
    this.worker = worker;
    worker.onExit((reason) => this.workerLost(worker, reason));
    this.remote = Comlink.wrap<ExecutorApi>(worker.endpoint);
    const info = await this.remote.init({
      protocolVersion: EXECUTOR_PROTOCOL_VERSION,
      indexURL: this.options.indexURL,
      snapshot: this.options.snapshot ?? null,
      loadTimeoutMs: this.options.loadTimeoutMs,
      interruptBuffer: this.interrupt,
    });
    if (this.worker === worker) this.info = info;
    return info;
  }

  private restart(reason: RestartReason): void {
    const old = this.worker;
    this.worker = undefined;
    this.remote?.[Comlink.releaseProxy]();
    this.remote = undefined;
    old?.terminate();
    this.ready = undefined;
    this.info = undefined;
    this.restarts += 1;
    this.options.onRestart?.(reason);
    void this.start().catch(() => {});
  }

  private workerLost(worker: WorkerHandle, reason: string): void {
    if (worker !== this.worker) return; // one we terminated ourselves
    const abort = this.abortActive;
    this.restart('crash');
    abort?.(reason);
  }

  private async executeNow(request: ExecuteRequest, timeLimitMs: number): Promise<ExecuteResult> {
    await this.start();
    const remote = this.remote!;
    const worker = this.worker;
    const interrupt = this.interrupt;
    if (interrupt) Atomics.store(interrupt, 0, 0);
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 1000) / 1000;
    const limitText = `Handling code did not finish within ${seconds(timeLimitMs)} s`;

    return new Promise<ExecuteResult>((resolve) => {
      let settled = false;
      let interrupted = false;
      const timers: ReturnType<typeof setTimeout>[] = [];
      const finish = (result: ExecuteResult) => {
        if (settled) return;
        settled = true;
        for (const timer of timers) clearTimeout(timer);
        if (this.abortActive === abortThis) this.abortActive = undefined;
        resolve(result);
      };
      const terminateAtLimit = () => {
        if (settled) return;
        if (this.worker === worker) this.restart('time-limit');
        finish({ ...emptyResult('timeout', hostError('TimeoutError', limitText), elapsed()), restarted: true });
      };
      const abortThis = (reason: string) => {
        finish({
          ...emptyResult('error', hostError('ExecutorCrashed',
            `The executor stopped unexpectedly (${reason}). It is being restarted.`), elapsed()),
          restarted: true,
        });
      };
      this.abortActive = abortThis;

      if (timeLimitMs > 0) {
        if (interrupt) {
          timers.push(setTimeout(() => {
            if (settled) return;
            interrupted = true;
            Atomics.store(interrupt, 0, 2); // SIGINT → KeyboardInterrupt in Python
            // Counted from the interrupt itself: a main thread that was busy past
            // both deadlines must still give Python its grace period.
            timers.push(setTimeout(terminateAtLimit, this.options.interruptGraceMs ?? INTERRUPT_GRACE_MS));
          }, timeLimitMs));
        } else {
          timers.push(setTimeout(terminateAtLimit, timeLimitMs));
        }
      }

      remote.execute(request).then(
        (result) => {
          if (result.crashed) {
            // Python died (stack overflow); the report came back, the runtime did not.
            if (this.worker === worker) this.restart('crash');
            const error = result.error && { ...result.error, message: `${result.error.message}. The executor has been restarted.` };
            finish({ ...result, ...(error ? { error } : {}), restarted: true });
            return;
          }
          const ceiling = this.options.maxHeapBytes ?? DEFAULT_EXECUTOR_MAX_HEAP_BYTES;
          if (ceiling > 0 && result.heapBytes !== undefined && result.heapBytes > ceiling) {
            if (this.worker === worker) this.restart('memory');
            const { merge: _merge, ...rest } = result;
            const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
            finish({
              ...rest, status: 'error', restarted: true,
              error: hostError('MemoryError', `the handling code grew the executor's memory to ${mb(result.heapBytes)}, ` +
                `over its ${mb(ceiling)} ceiling; its result is not used and the executor has been restarted`),
            });
            return;
          }
          if (interrupted && result.status === 'error' && result.error?.type === 'KeyboardInterrupt') {
            const { merge: _merge, ...rest } = result;
            finish({ ...rest, status: 'timeout', error: hostError('TimeoutError', limitText) });
          } else {
            finish(result);
          }
        },
        (error: unknown) => {
          if (settled) return;
          // A Pyodide fatal error (e.g. JavaScript stack overflow) leaves the runtime unusable.
          const message = errorText(error);
          if (this.worker === worker) this.restart('crash');
          finish({
            ...emptyResult('error', hostError('ExecutorCrashed',
              `The executor's Python crashed (${message.split('\n')[0]}). It is being restarted.`), elapsed()),
            restarted: true,
          });
        },
      );
    });
  }

  dispose(): void {
    this.remote?.[Comlink.releaseProxy]();
    this.remote = undefined;
    this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
    this.info = undefined;
  }
}
