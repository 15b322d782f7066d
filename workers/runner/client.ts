// Main-thread side of the runner: starts the worker, runs programs, answers
// pauses and input requests, enforces the time limit and stops runs (interrupt
// when SharedArrayBuffer exists, otherwise terminate and restart the worker).
// Host-agnostic: the caller supplies how to spawn a worker.

import * as Comlink from 'comlink';
import { clearChannel, createChannelBuffer, writeAnswer } from './blocking-channel.ts';
import { withTimeout, errorText } from '../shared/async.ts';
import { Startup, connect, disconnect, type PythonWorkerOptions } from '../shared/managed.ts';
import type { WorkerHandle } from '../shared/worker-handle.ts';
import { runVerdict } from '../shared/output-compare.ts';
import {
  RUNNER_PROTOCOL_VERSION,
  TAINTED_PREFIX,
  type BlockingMode,
  type InputAnswer,
  type LoadProgress,
  type OutputChunk,
  type PauseAnswer,
  type PauseContext,
  type RunRequest,
  type RunResult,
  type RunnerApi,
  type RunnerInfo,
  type RunProgress,
} from '../protocol/runner.ts';
import type { PackageInstallReport, PackageSet } from '../protocol/packages.ts';

export interface RunnerClientOptions extends PythonWorkerOptions {
  preferBlocking?: BlockingMode;
  /** Whether SharedArrayBuffer can be shared with the worker (cross-origin isolated page, Node). */
  sharedMemory: boolean;
  /** After an interrupt, how long to wait before terminating the worker. */
  stopGraceMs?: number;
  /** Start-up progress (also after a restart). */
  onProgress?(progress: LoadProgress): void;
  /** A restart began (after a hard stop or a crash); start() resolves when Python is back. */
  onRestart?(reason?: RunnerRestartReason): void;
  /** After a run whose WebAssembly memory grew past this, the worker is replaced (memory never shrinks). Default 1 GiB; 0 = never. */
  maxHeapBytes?: number;
  /** How long the worker may take to answer a health check or a syntax check before it is replaced. Default 10 s; 0 = no watchdog. */
  watchdogMs?: number;
}

export type RunnerRestartReason = 'stop' | 'crash' | 'memory' | 'unresponsive' | 'tainted';

export const DEFAULT_MAX_HEAP_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_WATCHDOG_MS = 10_000;
const KEPT = 'Your code, test case and timeline are kept.';

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export interface RunHandlers {
  onOutput?(chunks: OutputChunk[], truncated: boolean): void;
  /** Heal work so far and reused fixes, while the program runs. */
  onProgress?(progress: RunProgress): void;
  /** No handler means the error is raised (the program ends with its traceback). */
  onPause?(context: PauseContext): PauseAnswer | Promise<PauseAnswer>;
  /** Interactive input once stdin ran out; null is EOF. No handler means EOF. */
  onInput?(prompt: string): string | null | Promise<string | null>;
}

export interface RunOptions {
  /** Running time (pauses and input waits excluded) after which the run is stopped; 0 = none. */
  timeLimitMs?: number;
}

export const DEFAULT_TIME_LIMIT_MS = 30_000;
/** After the interrupt, how long a program may take to stop before its worker is replaced
 *  (one that swallows KeyboardInterrupt never does). */
const STOP_GRACE_MS = 600;
const TICK_MS = 50;

type StopReason = NonNullable<RunResult['stopReason']>;

interface ActiveRun {
  stdout: string[];
  stderr: string[];
  truncated: boolean;
  startedAt: number;
  pausedSince: number | null;
  pausedTotal: number;
  /** Heal work inside the runner so far (progress reports), not program time. */
  healWorkMs: number;
  stopReason?: StopReason;
  /** Settles a pending pause/input wait with "stop". */
  cancelWait?: () => void;
  /** Ends the run from outside (hard stop, crash). */
  abort(result: RunResult): void;
}

export class RunnerClient {
  info: RunnerInfo | undefined;
  /** How many times the worker was replaced. */
  restarts = 0;
  private worker: WorkerHandle | undefined;
  private remote: Comlink.Remote<RunnerApi> | undefined;
  // A failed start (e.g. load timeout) must not stick: the next start() tries afresh.
  private readonly startup = new Startup(
    () => this.boot(),
    () => {
      this.worker?.terminate();
      this.worker = undefined;
    },
  );
  private interrupt: Int32Array | undefined;
  private channel: SharedArrayBuffer | undefined;
  private active: ActiveRun | undefined;
  /** What the current worker has installed (sha256 by name) and imported ahead; a new worker has nothing. */
  private packages = { installed: new Map<string, string>(), preloaded: new Set<string>() };

  constructor(private readonly options: RunnerClientOptions) {
    if (options.sharedMemory) {
      this.interrupt = new Int32Array(new SharedArrayBuffer(4));
      this.channel = createChannelBuffer();
    }
  }

  /** Starts (or returns) the worker; resolves when Python is ready. */
  start(): Promise<RunnerInfo> {
    return this.startup.get();
  }

  get running(): boolean {
    return this.active !== undefined;
  }

  private async boot(): Promise<RunnerInfo> {
    // A Stop that raced a crash leaves SIGINT in the shared buffer: the new worker would
    // raise KeyboardInterrupt inside its own start-up code (found by test/fuzz.test.ts).
    if (this.interrupt) Atomics.store(this.interrupt, 0, 0);
    const { worker, remote } = connect<RunnerApi>(this.options.spawn, (reason) => this.workerLost(worker, reason));
    this.worker = worker;
    this.remote = remote;
    this.packages = { installed: new Map(), preloaded: new Set() };
    // The worker bounds each load attempt itself (snapshot, plain, a JSPI reload);
    // this outer bound catches a worker that never answers at all.
    const bound = 3 * (this.options.loadTimeoutMs ?? 60_000) + (this.options.watchdogMs ?? DEFAULT_WATCHDOG_MS);
    const info = await withTimeout(
      this.remote.init(
        {
          protocolVersion: RUNNER_PROTOCOL_VERSION,
          indexURL: this.options.indexURL,
          snapshot: this.options.snapshot ?? null,
          loadTimeoutMs: this.options.loadTimeoutMs,
          interruptBuffer: this.interrupt,
          channel: this.channel,
          preferBlocking: this.options.preferBlocking,
        },
        this.options.onProgress ? Comlink.proxy(this.options.onProgress) : undefined,
      ),
      bound,
      'Starting the Python worker',
    );
    this.info = info;
    return info;
  }

  private restart(reason: RunnerRestartReason = 'stop'): void {
    const old = { worker: this.worker, remote: this.remote };
    this.worker = undefined;
    disconnect(old);
    this.startup.forget();
    this.info = undefined;
    if (this.channel) clearChannel(this.channel);
    this.restarts += 1;
    this.options.onRestart?.(reason);
    void this.start().catch(() => {});
  }

  private workerLost(worker: WorkerHandle, reason: string): void {
    if (worker !== this.worker) return; // an old worker we terminated ourselves
    const run = this.active;
    if (run) {
      run.abort(
        this.partialResult(run, 'error', {
          type: 'WorkerCrashed',
          message: `The Python worker stopped unexpectedly (${reason}). It has been restarted; your code is safe.`,
        }),
      );
    }
    this.restart('crash');
  }

  /**
   * Loads packages into the worker between runs (files the page verified; a restarted worker
   * gets them again on the next call): only what this worker lacks travels.
   */
  async loadPackages(set: PackageSet): Promise<PackageInstallReport> {
    if (this.active) throw new Error('packages are loaded between runs, not during one');
    await this.start();
    const known = this.packages;
    const files = set.files.filter((file) => known.installed.get(file.name) !== file.sha256);
    const preload = set.preload.filter((module) => !known.preloaded.has(module));
    if (!files.length && !preload.length) return { installed: [], failed: [], preloadErrors: [], ms: 0 };
    const report = await this.remote!.installPackages({ files, preload });
    if (this.packages === known) {
      const failed = new Set(report.failed.map((f) => f.name));
      for (const file of files) if (!failed.has(file.name)) known.installed.set(file.name, file.sha256);
      const failedModules = new Set(report.preloadErrors.map((e) => e.module));
      for (const module of preload) if (!failedModules.has(module)) known.preloaded.add(module);
    }
    return report;
  }

  async checkSyntax(code: string) {
    await this.start();
    return this.watch(this.remote!.checkSyntax(code), 'a syntax check');
  }

  /**
   * The watchdog: `promise` is a call to the current worker; if it does not
   * settle within watchdogMs the worker is replaced and the call rejects.
   */
  private watch<T>(promise: Promise<T>, what: string): Promise<T> {
    const ms = this.options.watchdogMs ?? DEFAULT_WATCHDOG_MS;
    if (ms <= 0) return promise;
    const worker = this.worker;
    return new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout>;
      const expire = () => {
        // A running program legitimately keeps the worker busy (its own time limit
        // and Stop cover it): wait on instead of killing the run.
        if (this.active && this.worker === worker) {
          timer = setTimeout(expire, ms);
          return;
        }
        if (this.worker === worker) this.restart('unresponsive');
        reject(new Error(`The Python worker did not answer ${what} within ${Math.round(ms / 100) / 10} s; it has been restarted.`));
      };
      timer = setTimeout(expire, ms);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** Before a run: a worker that stopped answering, or whose Python died, is replaced first. */
  private async ensureAlive(): Promise<string | undefined> {
    await this.start();
    const worker = this.worker;
    try {
      if (await this.watch(this.remote!.ping(), 'a health check')) return undefined;
      throw new Error('Python did not answer correctly');
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      const tainted = message.indexOf(TAINTED_PREFIX);
      if (tainted >= 0) {
        // A stopped run was answered before the interpreter was put back, and that failed.
        if (this.worker === worker) this.restart('tainted');
        await this.start();
        return (
          `The stopped run changed Python in a way that cannot be undone (${message.slice(tainted + TAINTED_PREFIX.length)}); ` +
          `the worker was restarted before this run. ${KEPT}`
        );
      }
      if (this.worker === worker) this.restart('unresponsive');
      await this.start();
      return `The Python worker had stopped answering (${message.replace(/; it has been restarted\.$/, '')}); it was restarted before this run. ${KEPT}`;
    }
  }

  async run(request: RunRequest, handlers: RunHandlers = {}, options: RunOptions = {}): Promise<RunResult> {
    if (this.active) throw new Error('a program is already running');
    const notice = await this.ensureAlive();
    const remote = this.remote!;
    if (this.interrupt) Atomics.store(this.interrupt, 0, 0);
    if (this.channel) clearChannel(this.channel);

    let abort!: (result: RunResult) => void;
    const aborted = new Promise<RunResult>((resolve) => {
      abort = resolve;
    });
    const run: ActiveRun = {
      stdout: [],
      stderr: [],
      truncated: false,
      startedAt: performance.now(),
      pausedSince: null,
      pausedTotal: 0,
      healWorkMs: 0,
      abort,
    };
    this.active = run;

    const blocking = this.info!.blocking;
    // A pause or input wait: the handler's answer, or the stop answer when Stop wins.
    const wait = async <T>(produce: () => T | Promise<T>, onStop: T, onError: T): Promise<T> => {
      run.pausedSince = performance.now();
      let answer: T;
      try {
        answer = await new Promise<T>((resolve, reject) => {
          run.cancelWait = () => resolve(onStop);
          Promise.resolve().then(produce).then(resolve, reject);
        });
      } catch {
        answer = onError; // a failing handler must not hang the program
      } finally {
        run.cancelWait = undefined;
        if (run.pausedSince !== null) run.pausedTotal += performance.now() - run.pausedSince;
        run.pausedSince = null;
      }
      // Atomics: the worker is blocked and reads the answer from shared memory.
      if (blocking === 'atomics') writeAnswer(this.channel!, JSON.stringify(answer));
      return answer;
    };

    const callbacks = Comlink.proxy({
      output: (chunks: OutputChunk[], truncated: boolean) => {
        for (const [stream, text] of chunks) {
          if (stream === 'stdout') run.stdout.push(text);
          else if (stream === 'stderr') run.stderr.push(text);
        }
        run.truncated ||= truncated;
        if (chunks.length || truncated) handlers.onOutput?.(chunks, truncated);
      },
      progress: (progress: RunProgress) => {
        if (!Number.isFinite(progress?.healWorkMs)) return;
        run.healWorkMs = progress.healWorkMs;
        handlers.onProgress?.(progress);
      },
      pause: (context: PauseContext) =>
        wait<PauseAnswer>(async () => (await handlers.onPause?.(context)) ?? { action: 'raise' }, { action: 'stop' }, { action: 'raise' }),
      input: (prompt: string) =>
        wait<InputAnswer>(
          async () => {
            const line = handlers.onInput ? await handlers.onInput(prompt) : null;
            return line === null ? { eof: true } : { text: line };
          },
          { stop: true },
          { eof: true },
        ),
    });

    const timeLimit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    const ticker =
      timeLimit > 0
        ? setInterval(() => {
            if (run.pausedSince !== null || run.stopReason) return;
            // The program's own running time: pauses and the runner's heal work do not count.
            if (performance.now() - run.startedAt - run.pausedTotal - run.healWorkMs > timeLimit) this.stop('time-limit');
          }, TICK_MS)
        : undefined;

    try {
      const result = await Promise.race([
        remote.run(request, callbacks).catch((error: unknown) => {
          // Pyodide fatal errors (e.g. JavaScript stack overflow) leave the runtime unusable.
          const message = errorText(error);
          this.restart('crash');
          return this.partialResult(run, 'error', {
            type: 'WorkerCrashed',
            message: `Python crashed (${message.split('\n')[0]}). It has been restarted; your code is safe.`,
          });
        }),
        aborted,
      ]);
      if (result.status === 'stopped' && run.stopReason) result.stopReason = run.stopReason;
      // PROCEED and CORRECT: one rule for the page, the tests and the benchmarks.
      if (typeof request.expectedOutput === 'string') Object.assign(result, runVerdict(result, request.expectedOutput, request.compare));
      return this.afterRun(run, result, notice);
    } finally {
      if (ticker) clearInterval(ticker);
      this.active = undefined;
    }
  }

  /** Stops the running program: at a pause or input wait at once, else interrupt, else restart. */
  stop(reason: StopReason = 'user'): void {
    const run = this.active;
    if (!run || run.stopReason) return;
    run.stopReason = reason;
    if (run.cancelWait) {
      run.cancelWait();
      return;
    }
    if (this.interrupt) {
      Atomics.store(this.interrupt, 0, 2); // SIGINT → KeyboardInterrupt
      Atomics.notify(this.interrupt, 0); // wakes a time.sleep (runner-core's host.sleep)
      const grace = this.options.stopGraceMs ?? STOP_GRACE_MS;
      setTimeout(() => {
        if (this.active === run) this.hardStop(run);
      }, grace);
      return;
    }
    this.hardStop(run);
  }

  private hardStop(run: ActiveRun): void {
    run.abort(this.partialResult(run, 'stopped'));
    this.restart('stop');
  }

  /** Replaces the worker after a crash inside Python or when its memory passed the ceiling. */
  private afterRun(run: ActiveRun, result: RunResult, notice: string | undefined): RunResult {
    const notices = notice ? [notice] : [];
    if (result.crashed) {
      // Python died mid-run: what reached us is all the output there is.
      result.stdout = run.stdout.join('');
      result.stderr = run.stderr.join('') + (result.error?.formatted ?? '');
      result.truncated = run.truncated;
      result.durationMs = performance.now() - run.startedAt;
      result.pausedMs = run.pausedTotal;
      this.restart('crash');
      notices.push(`Python crashed during this run and has been restarted. ${KEPT}`);
    } else {
      const ceiling = this.options.maxHeapBytes ?? DEFAULT_MAX_HEAP_BYTES;
      if (ceiling > 0 && result.heapBytes !== undefined && result.heapBytes > ceiling) {
        this.restart('memory');
        notices.push(
          `Python's memory grew to ${megabytes(result.heapBytes)} (over the ${megabytes(ceiling)} ceiling); ` +
            `the worker has been restarted to free it. ${KEPT}`,
        );
      } else if (result.tainted?.length) {
        this.restart('tainted');
        notices.push(
          `This run changed Python in a way that cannot be undone (${result.tainted.join('; ')}); ` +
            `the worker has been restarted so the next run starts clean. ${KEPT}`,
        );
      }
    }
    if (notices.length) result.notice = notices.join(' ');
    return result;
  }

  private partialResult(run: ActiveRun, status: RunResult['status'], error?: { type: string; message: string }): RunResult {
    const result: RunResult = {
      status,
      stdout: run.stdout.join(''),
      stderr: run.stderr.join(''),
      truncated: run.truncated,
      heals: [],
      durationMs: performance.now() - run.startedAt,
      pausedMs: run.pausedTotal,
    };
    if (status === 'stopped') result.stopReason = run.stopReason ?? 'user';
    if (error) result.error = { ...error, traceback: [], formatted: `${error.type}: ${error.message}\n` };
    return result;
  }

  dispose(): void {
    disconnect({ worker: this.worker, remote: this.remote });
    this.worker = undefined;
    this.startup.forget();
  }
}
