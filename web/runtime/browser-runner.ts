// Browser host for the runner client: a module worker, Pyodide files and the
// memory snapshot served from our own origin (see scripts/prepare-pyodide.mjs).
import { RunnerClient, type RunnerClientOptions, type WorkerHandle } from '../../workers/runner/client.ts';

export function spawnBrowserRunnerWorker(): WorkerHandle {
  const worker = new Worker(new URL('../../workers/runner/runner.worker.ts', import.meta.url), {
    type: 'module',
    name: 'python-runner',
  });
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onExit: (listener) => {
      worker.addEventListener('error', (event) => listener(event.message || 'worker error'));
    },
  };
}

/** Where Pyodide's runtime files are served (relative to the page, so sub-path hosting works). */
export function pyodideBaseUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}pyodide/`, location.href).href;
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
