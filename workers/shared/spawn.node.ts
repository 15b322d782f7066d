// What Node clients (tests, benchmarks, batch tools) need to start a Pyodide worker: a
// worker_threads worker behind the WorkerHandle interface, and where Pyodide's files are.
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { WorkerHandle } from './worker-handle.ts';

export const nodePyodideDir = join(dirname(fileURLToPath(import.meta.url)), '../../node_modules/pyodide');

/** `entry`: a worker's .node-worker.mjs (it registers tsx, then loads the TypeScript host). */
export function spawnNodeWorker(entry: URL, workerData?: unknown): WorkerHandle {
  const worker = new Worker(entry, workerData === undefined ? {} : { workerData });
  return {
    endpoint: nodeEndpoint(worker),
    terminate: () => void worker.terminate(),
    onExit: (listener) => {
      worker.on('error', (error: Error) => listener(error.message));
      worker.on('exit', (code) => listener(`exit code ${code}`));
    },
  };
}
