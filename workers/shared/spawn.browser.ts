// What the page's clients need to start a Pyodide worker: a Web Worker behind the WorkerHandle
// interface, and where Pyodide's files are served. The `new Worker(new URL(…, import.meta.url),
// …)` expression stays at each call site: Vite finds and bundles workers by it.
import type { WorkerHandle } from './worker-handle.ts';

export function browserWorkerHandle(worker: Worker): WorkerHandle {
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onExit: (listener) => {
      worker.addEventListener('error', (event) => listener(event.message || 'worker error'));
    },
  };
}

/** Where Pyodide's runtime files are served (public/pyodide, relative to the page so sub-path hosting works). */
export function pyodideBaseUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}pyodide/`, location.href).href;
}
