// Main-thread side of the model worker: starts it on first use, wraps callbacks as Comlink
// proxies, and can throw the worker away (reset) — the one reliable way to stop a
// download at once; the next call starts a fresh worker.
import * as Comlink from 'comlink';
import { connect } from '../shared/managed.ts';
import { browserWorkerHandle } from '../shared/spawn.browser.ts';
import type { WorkerHandle } from '../shared/worker-handle.ts';
import {
  LLM_PROTOCOL_VERSION,
  type Capabilities,
  type GenerateRequest,
  type GenerateResult,
  type LlmApi,
  type LoadOutcome,
  type LoadProgress,
  type ModelRecordLite,
} from '../protocol/llm.ts';

export interface LlmClient {
  capabilities(): Promise<Capabilities>;
  modelRecords(): Promise<ModelRecordLite[]>;
  cachedModels(): Promise<string[]>;
  deleteModel(modelId: string): Promise<void>;
  load(modelId: string, onProgress: (progress: LoadProgress) => void): Promise<LoadOutcome>;
  generate(request: GenerateRequest, onToken: (text: string) => void): Promise<GenerateResult>;
  interrupt(): Promise<void>;
  /** Terminates the worker (a pending load rejects); the next call starts a new one. */
  reset(reason?: string): void;
  dispose(): void;
}

export interface LlmClientOptions {
  spawn: () => WorkerHandle;
  modelHost?: string;
}

export function createLlmClient(options: LlmClientOptions): LlmClient {
  let worker: WorkerHandle | undefined;
  let remote: Promise<Comlink.Remote<LlmApi>> | undefined;
  // Pending calls reject when the worker goes away (Comlink would wait forever).
  const pending = new Set<(error: Error) => void>();

  function api(): Promise<Comlink.Remote<LlmApi>> {
    if (!remote) {
      const { worker: handle, remote: wrapped } = connect<LlmApi>(options.spawn, (reason) => {
        if (worker === handle) reset(`the model worker stopped (${reason})`);
      });
      worker = handle;
      remote = wrapped.hello(LLM_PROTOCOL_VERSION, { modelHost: options.modelHost }).then(() => wrapped);
    }
    return remote;
  }

  function call<T>(run: (api: Comlink.Remote<LlmApi>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      pending.add(fail);
      api()
        .then(run)
        .then(resolve, reject)
        .finally(() => pending.delete(fail));
    });
  }

  function reset(reason = 'cancelled'): void {
    const old = worker;
    worker = undefined;
    remote = undefined;
    old?.terminate();
    const error = new DOMException(`The model worker was reset: ${reason}.`, 'AbortError');
    for (const fail of [...pending]) fail(error);
    pending.clear();
  }

  return {
    capabilities: () => call((a) => a.capabilities()),
    modelRecords: () => call((a) => a.modelRecords()),
    cachedModels: () => call((a) => a.cachedModels()),
    deleteModel: (id) => call((a) => a.deleteModel(id)),
    load: (id, onProgress) => call<LoadOutcome>((a) => a.load(id, Comlink.proxy(onProgress))),
    generate: (request, onToken) => call((a) => a.generate(request, Comlink.proxy(onToken))),
    interrupt: async () => {
      if (remote) await (await remote).interrupt();
    },
    reset,
    dispose: () => reset('the page closed'),
  };
}

export function createBrowserLlm(options: Omit<LlmClientOptions, 'spawn'> = {}): LlmClient {
  return createLlmClient({
    ...options,
    spawn: () => browserWorkerHandle(new Worker(new URL('./llm.worker.ts', import.meta.url), { type: 'module', name: 'webllm' })),
  });
}
