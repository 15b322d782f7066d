// Main-thread side of the analysis worker: starts it on first use, runs one call at a
// time and bounds each one. Python cannot be interrupted here without SharedArrayBuffer
// and the checks are our own code, so a call past its limit (a pathological paste)
// terminates the worker; the next call starts a fresh one.

import type * as Comlink from 'comlink';
import type { WorkerHandle } from '../shared/worker-handle.ts';
import { errorText } from '../shared/async.ts';
import { SerialQueue, Startup, connect, disconnect, firstOutcome, type PythonWorkerOptions } from '../shared/managed.ts';
import { ANALYSIS_PROTOCOL_VERSION, type AnalysisApi, type AnalysisCallName, type AnalysisCalls, type AnalysisInfo } from '../protocol/analysis.ts';

export interface AnalysisClientOptions extends PythonWorkerOptions {
  /** Limit per call; default 10 s. */
  callTimeLimitMs?: number;
}

export const DEFAULT_ANALYSIS_CALL_LIMIT_MS = 10_000;

/** A call that did not answer in time; the worker was replaced. */
export class AnalysisTimeoutError extends Error {
  override name = 'AnalysisTimeoutError';
}

export class AnalysisClient {
  info: AnalysisInfo | undefined;
  restarts = 0;
  private worker: WorkerHandle | undefined;
  private remote: Comlink.Remote<AnalysisApi> | undefined;
  private readonly startup = new Startup(
    () => this.boot(),
    () => this.reset(),
  );
  private readonly queue = new SerialQueue();
  private failActive: ((error: Error) => void) | undefined;

  constructor(private readonly options: AnalysisClientOptions) {}

  start(): Promise<AnalysisInfo> {
    return this.startup.get();
  }

  /** Calls a Python entry point; calls run in order, each bounded by the time limit. */
  call<K extends AnalysisCallName>(name: K, ...args: AnalysisCalls[K]['args']): Promise<AnalysisCalls[K]['result']> {
    return this.queue.run(() => this.callNow(name, args));
  }

  dispose(): void {
    this.failActive?.(new Error('The checks were shut down.'));
    this.reset();
  }

  private async boot(): Promise<AnalysisInfo> {
    const { worker, remote } = connect<AnalysisApi>(this.options.spawn, (reason) => {
      if (this.worker !== worker) return;
      this.failActive?.(new Error(`The checks' worker stopped (${reason}); it restarts on the next check.`));
      this.reset();
    });
    this.worker = worker;
    this.remote = remote;
    const info = await remote.init({
      protocolVersion: ANALYSIS_PROTOCOL_VERSION,
      indexURL: this.options.indexURL,
      snapshot: this.options.snapshot ?? null,
      loadTimeoutMs: this.options.loadTimeoutMs,
    });
    this.info = info;
    return info;
  }

  private reset(): void {
    if (this.worker) this.restarts += 1;
    disconnect({ worker: this.worker, remote: this.remote });
    this.worker = undefined;
    this.remote = undefined;
    this.startup.forget();
    this.info = undefined;
  }

  private async callNow<K extends AnalysisCallName>(name: K, args: AnalysisCalls[K]['args']): Promise<AnalysisCalls[K]['result']> {
    await this.start();
    const remote = this.remote!;
    const limit = this.options.callTimeLimitMs ?? DEFAULT_ANALYSIS_CALL_LIMIT_MS;
    const expired = () => {
      this.reset();
      throw new AnalysisTimeoutError(`The check took longer than ${Math.round(limit / 1000)} s and was stopped.`);
    };
    return firstOutcome<AnalysisCalls[K]['result']>(limit, expired, (win) => {
      this.failActive = (error) =>
        win(() => {
          throw error;
        });
      (remote.call(name, args) as Promise<AnalysisCalls[K]['result']>).then(
        (value) => win(() => value),
        (error: unknown) =>
          win(() => {
            throw new Error(errorText(error));
          }),
      );
    }).finally(() => {
      this.failActive = undefined;
    });
  }
}
