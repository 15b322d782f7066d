// Browser host for the executor client: a module worker; Pyodide's files (and
// the memory snapshot, when used) are served from our own origin.
import { ExecutorClient, type ExecutorClientOptions, type WorkerHandle } from './client.ts';

export function spawnBrowserExecutorWorker(): WorkerHandle {
  const worker = new Worker(new URL('./executor.worker.ts', import.meta.url), {
    type: 'module',
    name: 'python-executor',
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
function pyodideBaseUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}pyodide/`, location.href).href;
}

/**
 * The executor for the page. By default it starts from public/pyodide/snapshot.bin
 * (already in the HTTP cache when the runner used it; about 3x faster than a plain
 * load), falling back to a plain load if it fails; `useSnapshot: false` skips it.
 */
export function createBrowserExecutor(options: Partial<ExecutorClientOptions> & { useSnapshot?: boolean } = {}): ExecutorClient {
  const { useSnapshot = true, ...rest } = options;
  const base = pyodideBaseUrl();
  return new ExecutorClient({
    spawn: spawnBrowserExecutorWorker,
    indexURL: base,
    snapshot: useSnapshot ? `${base}snapshot.bin` : null,
    // SharedArrayBuffer can only be shared with a worker on a cross-origin isolated page.
    sharedMemory: globalThis.crossOriginIsolated === true,
    loadTimeoutMs: 60_000,
    ...rest,
  });
}
