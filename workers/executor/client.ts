// Main-thread side of the executor. Every request gets a fresh Python: a worker is used
// for one request and then thrown away, so nothing one piece of handling code does (patched
// modules, copyreg tables, trace hooks, a subverted executor) can reach the next one. To
// keep the round trip fast, booted workers wait as warm spares. Requests run one at a
// time, in call order; the time limit terminates the worker (it is discarded anyway).
// Every answer is validated before anyone sees it (validateExecuteResult): the worker runs
// untrusted code. Host-agnostic: the caller supplies how to spawn a worker.

import type * as Comlink from 'comlink';
import type { WorkerHandle } from '../shared/worker-handle.ts';
import { SerialQueue, connect, disconnect, firstOutcome, type PythonWorkerOptions } from '../shared/managed.ts';
import {
  DEFAULT_EXECUTOR_TIME_LIMIT_MS,
  EXECUTOR_PROTOCOL_VERSION,
  validateExecuteResult,
  type ExecuteError,
  type ExecuteRequest,
  type ExecuteResult,
  type ExecutorApi,
  type ExecutorInfo,
} from '../protocol/executor.ts';
import { errorText, withTimeout } from '../shared/async.ts';
import type { PackageFile, PackageSet } from '../protocol/packages.ts';
import { DEFAULT_LOOKAHEAD_BUDGET, missingOutcome, validateLookAheadResult, type LookAheadRequest, type LookAheadResult } from '../protocol/lookahead.ts';

export interface ExecutorClientOptions extends Omit<PythonWorkerOptions, 'snapshot'> {
  /** A snapshot to start each worker from (URL/path, bytes, or made on demand). */
  snapshot?: string | Uint8Array | null | (() => Promise<string | Uint8Array | null>);
  /** Booted workers kept waiting for the next request. Default 1; 0 boots one per request. */
  spares?: number;
  /** A worker was lost during a request (time limit, crash, memory ceiling). */
  onRestart?(reason: RestartReason): void;
  /**
   * Memory ceiling: a request that grows the worker's WebAssembly memory past this has its
   * result refused. Default 512 MiB; 0 = none.
   */
  maxHeapBytes?: number;
  /** How the isolation is built, reported in info (the browser: a sandboxed frame). */
  isolation?: ExecutorInfo['isolation'];
  /**
   * Hands new package files to the worker host itself (the sandbox frame keeps them and copies
   * them into each worker); init then carries the files without their bytes. Without it, the
   * bytes travel with every worker's init.
   */
  handOverPackages?(files: PackageFile[]): void;
}

export const DEFAULT_EXECUTOR_MAX_HEAP_BYTES = 512 * 1024 * 1024;
export const DEFAULT_EXECUTOR_LOAD_TIMEOUT_MS = 60_000;

export interface ExecuteOptions {
  /** Limit for the whole request (prelude, state, handling code, diff); 0 = none. Default 10 s. */
  timeLimitMs?: number;
}

export type RestartReason = 'time-limit' | 'crash' | 'memory';

interface Booted {
  worker: WorkerHandle;
  remote: Comlink.Remote<ExecutorApi>;
  info: ExecutorInfo;
  /** Set when the worker died while waiting as a spare. */
  lost?: string;
}

function seconds(ms: number): string {
  const value = ms / 1000;
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}

function emptyResult(status: ExecuteResult['status'], error: ExecuteError, totalMs: number): ExecuteResult {
  return {
    status,
    error,
    stdout: '',
    stderr: '',
    outputTruncated: false,
    unmerged: [],
    execMs: 0,
    totalMs,
    preludeSkipped: [],
    warnings: [],
  };
}

function hostError(type: string, message: string): ExecuteError {
  return { type, message, formatted: `${type}: ${message}\n`, phase: 'host' };
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export class ExecutorClient {
  /** Of the most recently booted worker. */
  info: ExecutorInfo | undefined;
  /** Workers lost during a request (time limit, crash, memory). */
  restarts = 0;
  /** Workers booted in all (one per request, plus spares). */
  booted = 0;
  private readonly spares: Promise<Booted>[] = [];
  private readonly queue = new SerialQueue();
  private pending = 0;
  private disposed = false;
  private packages: PackageSet = { files: [], preload: [] };

  constructor(private readonly options: ExecutorClientOptions) {}

  /** Boots the spares; resolves when the first one is ready. Call early to keep one warm. */
  start(): Promise<ExecutorInfo> {
    this.refill();
    const first = this.spares[0] ?? this.bootOne();
    return first.then((booted) => booted.info);
  }

  /** Requests queued or running. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /**
   * Runs handling code in a fresh Python. Never rejects for the code's own failures: they
   * come back as status "error" / "timeout". Rejects only when Python cannot start.
   * Each request's time limit starts when it reaches its worker.
   */
  execute(request: ExecuteRequest, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    const timeLimitMs = options.timeLimitMs ?? DEFAULT_EXECUTOR_TIME_LIMIT_MS;
    this.pending += 1;
    return this.queue
      .run(() => this.executeNow(request, timeLimitMs))
      .finally(() => {
        this.pending -= 1;
      });
  }

  /**
   * The packages every worker from now on starts with (the program's imports). A change throws
   * the waiting spares away and boots new ones with the packages; the same set again costs nothing.
   */
  setPackages(set: PackageSet): void {
    const key = (s: PackageSet) => JSON.stringify([s.files.map((f) => `${f.name}@${f.sha256}`).sort(), [...s.preload].sort()]);
    if (key(set) === key(this.packages)) return;
    const known = new Set(this.packages.files.map((f) => `${f.fileName}@${f.sha256}`));
    const fresh = set.files.filter((f) => !known.has(`${f.fileName}@${f.sha256}`));
    if (fresh.length) this.options.handOverPackages?.(fresh);
    this.packages = { files: [...set.files], preload: [...set.preload] };
    for (const spare of this.spares.splice(0))
      void spare.then(
        (booted) => disconnect(booted),
        () => {},
      );
    this.refill();
  }

  private wanted(): number {
    return Math.max(0, this.options.spares ?? 1);
  }

  private refill(): void {
    while (!this.disposed && this.spares.length < this.wanted()) {
      const booting = this.bootOne();
      this.spares.push(booting);
      // A spare that fails to start leaves the pool; the next request boots anew.
      booting.catch(() => {
        const at = this.spares.indexOf(booting);
        if (at >= 0) this.spares.splice(at, 1);
      });
    }
  }

  private async bootOne(): Promise<Booted> {
    let lost: (reason: string) => void = () => {};
    const died = new Promise<never>((_, reject) => {
      lost = (reason) => reject(new Error(`the executor worker stopped while starting (${reason})`));
    });
    died.catch(() => {}); // only raced against init below
    const booted: Partial<Booted> = connect<ExecutorApi>(this.options.spawn, (reason) => {
      booted.lost = reason;
      lost(reason);
    });
    const { remote } = booted as Booted;
    this.booted += 1;
    const timeout = this.options.loadTimeoutMs ?? DEFAULT_EXECUTOR_LOAD_TIMEOUT_MS;
    try {
      const snapshot = typeof this.options.snapshot === 'function' ? await this.options.snapshot() : this.options.snapshot;
      const { files, preload } = this.packages;
      const handedOver = this.options.handOverPackages !== undefined;
      const packages = files.length || preload.length ? { files: handedOver ? files.map(({ bytes: _bytes, ...meta }) => meta) : files, preload } : undefined;
      const info = await withTimeout(
        Promise.race([
          remote.init({
            protocolVersion: EXECUTOR_PROTOCOL_VERSION,
            indexURL: this.options.indexURL,
            snapshot: snapshot ?? null,
            loadTimeoutMs: this.options.loadTimeoutMs,
            ...(packages ? { packages } : {}),
          }),
          died,
        ]),
        2 * timeout + 5_000,
        'Starting the executor',
      );
      booted.info = { ...validInfo(info), isolation: this.options.isolation ?? 'worker' };
      this.info = booted.info;
      return booted as Booted;
    } catch (error) {
      disconnect(booted);
      throw error;
    }
  }

  /** A booted worker for one request: a waiting spare, or a new one. */
  private async take(): Promise<Booted> {
    for (;;) {
      const next = this.spares.shift() ?? this.bootOne();
      this.refill();
      const booted = await next;
      if (!booted.lost) return booted;
      booted.worker.terminate(); // died while waiting: try the next
    }
  }

  private async executeNow(request: ExecuteRequest, timeLimitMs: number): Promise<ExecuteResult> {
    const booted = await this.take();
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 1000) / 1000;
    const limitText = `Handling code did not finish within ${seconds(timeLimitMs)} s`;
    const lose = (reason: RestartReason) => {
      this.restarts += 1;
      this.options.onRestart?.(reason);
    };

    const timeout = () => {
      lose('time-limit');
      return { ...emptyResult('timeout', hostError('TimeoutError', limitText), elapsed()), restarted: true };
    };
    const result = await firstOutcome<ExecuteResult>(timeLimitMs, timeout, (win) => {
      booted.worker.onExit((reason) =>
        win(() => {
          lose('crash');
          return {
            ...emptyResult('error', hostError('ExecutorCrashed', `The executor stopped unexpectedly (${reason}).`), elapsed()),
            restarted: true,
          };
        }),
      );
      booted.remote.execute(request).then(
        (raw) => win(() => this.checked(raw, lose)),
        // A Pyodide fatal error (e.g. JavaScript stack overflow) leaves the runtime unusable.
        (error: unknown) =>
          win(() => {
            lose('crash');
            return {
              ...emptyResult('error', hostError('ExecutorCrashed', `The executor's Python crashed (${errorText(error).split('\n')[0]}).`), elapsed()),
              restarted: true,
            };
          }),
      );
    });
    disconnect(booted);
    return result;
  }

  /**
   * Looks the candidates of a pause ahead (workers/protocol/lookahead.ts) in a fresh worker of
   * its own, thrown away afterwards like any executor worker. The Python side keeps each
   * candidate to its budget; this limit (default: per candidate, the budget plus the time to
   * replay up to the pause) catches what it cannot (a loop inside C code): the worker is then
   * terminated and every candidate reported as cut. Never rejects for the program's failures.
   */
  lookAhead(request: LookAheadRequest, options: { timeLimitMs?: number } = {}): Promise<LookAheadResult> {
    const budget = request.budget ?? DEFAULT_LOOKAHEAD_BUDGET;
    const timeLimitMs = options.timeLimitMs ?? request.candidates.length * (budget.seconds * 1000 + 10_000) + 5_000;
    this.pending += 1;
    return this.queue
      .run(() => this.lookAheadNow(request, timeLimitMs))
      .finally(() => {
        this.pending -= 1;
      });
  }

  private async lookAheadNow(request: LookAheadRequest, timeLimitMs: number): Promise<LookAheadResult> {
    const booted = await this.take();
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const all = (status: 'cut' | 'stopped', message: string): LookAheadResult => ({
      outcomes: request.candidates.map(() => missingOutcome(status, message)),
      imports: [],
      totalMs: elapsed(),
    });
    const result = await firstOutcome<LookAheadResult>(
      timeLimitMs,
      () => {
        this.restarts += 1;
        return all('cut', `the look-ahead did not finish within ${seconds(timeLimitMs)} s`);
      },
      (win) => {
        booted.worker.onExit((reason) => win(() => all('stopped', `the look-ahead's worker stopped (${reason})`)));
        booted.remote.lookAhead(request).then(
          (raw) => win(() => validateLookAheadResult(raw, request.candidates.length, elapsed())),
          (error: unknown) => win(() => all('stopped', `the look-ahead failed (${errorText(error).split('\n')[0]})`)),
        );
      },
    );
    disconnect(booted);
    return result;
  }

  /** The worker's answer, validated; a crash report or a result past the memory ceiling comes back as a lost worker. */
  private checked(raw: unknown, lose: (reason: RestartReason) => void): ExecuteResult {
    const answer = validateExecuteResult(raw);
    if (answer.crashed) {
      lose('crash');
      const error = answer.error && { ...answer.error, message: `${answer.error.message}. The executor's Python was replaced.` };
      return { ...answer, ...(error ? { error } : {}), restarted: true };
    }
    const ceiling = this.options.maxHeapBytes ?? DEFAULT_EXECUTOR_MAX_HEAP_BYTES;
    if (ceiling > 0 && answer.heapBytes !== undefined && answer.heapBytes > ceiling) {
      lose('memory');
      const { merge: _merge, ...rest } = answer;
      return {
        ...rest,
        status: 'error',
        restarted: true,
        error: hostError(
          'MemoryError',
          `the handling code grew the executor's memory to ${megabytes(answer.heapBytes)}, ` + `over its ${megabytes(ceiling)} ceiling; its result is not used`,
        ),
      };
    }
    return answer;
  }

  dispose(): void {
    this.disposed = true;
    for (const spare of this.spares.splice(0)) {
      void spare.then(
        (booted) => disconnect(booted),
        () => {},
      );
    }
    this.info = undefined;
  }
}

/** The worker's own description of itself, kept only as far as it has the right shape. */
function validInfo(raw: unknown): ExecutorInfo {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : '');
  const info: ExecutorInfo = {
    pythonVersion: text(r.pythonVersion),
    pyodideVersion: text(r.pyodideVersion),
    interruptible: false,
    fromSnapshot: r.fromSnapshot === true,
    loadMs: typeof r.loadMs === 'number' && Number.isFinite(r.loadMs) ? r.loadMs : 0,
  };
  if (typeof r.snapshotError === 'string') info.snapshotError = text(r.snapshotError);
  if (Array.isArray(r.networkRemoved)) info.networkRemoved = r.networkRemoved.filter((n): n is string => typeof n === 'string').slice(0, 50);
  const packages = r.packages as { installed?: unknown; failed?: unknown } | undefined;
  if (packages && typeof packages === 'object') {
    const texts = (v: unknown) =>
      Array.isArray(v)
        ? v
            .filter((n): n is string => typeof n === 'string')
            .slice(0, 200)
            .map(text)
        : [];
    info.packages = { installed: texts(packages.installed), failed: texts(packages.failed) };
  }
  return info;
}
