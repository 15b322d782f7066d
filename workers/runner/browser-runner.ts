// Browser host for the runner client: a module worker, Pyodide files and the
// memory snapshot served from our own origin (see scripts/prepare-pyodide.mjs).
import { RunnerClient, type RunnerClientOptions } from './client.ts';
import { browserWorkerHandle, pyodideBaseUrl } from '../shared/spawn.browser.ts';
import type { WorkerHandle } from '../shared/worker-handle.ts';

export function spawnBrowserRunnerWorker(): WorkerHandle {
  return browserWorkerHandle(new Worker(new URL('./runner.worker.ts', import.meta.url), { type: 'module', name: 'python-runner' }));
}

export function createBrowserRunner(options: Partial<RunnerClientOptions> & { useSnapshot?: boolean } = {}): RunnerClient {
  const { useSnapshot = true, ...rest } = options;
  const base = pyodideBaseUrl();
  return new RunnerClient({
    spawn: spawnBrowserRunnerWorker,
    indexURL: base,
    snapshot: useSnapshot ? `${base}snapshot.bin` : null,
    // SharedArrayBuffer can only be shared with a worker on a cross-origin isolated page.
    sharedMemory: globalThis.crossOriginIsolated === true,
    loadTimeoutMs: 60_000,
    ...rest,
  });
}
