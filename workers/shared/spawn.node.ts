// What Node clients (tests, benchmarks, batch tools) need to start a Pyodide worker: a
// worker_threads worker behind the WorkerHandle interface, and where Pyodide's files are.
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { WorkerHandle } from './worker-handle.ts';

export const nodePyodideDir = join(dirname(fileURLToPath(import.meta.url)), '../../node_modules/pyodide');

const ENTRY = new URL('./node-entry.mjs', import.meta.url);

/** A worker thread running a worker's Node host (`host`: its .node-worker.ts); the host reads `data` with hostData(). */
export function spawnNodeWorker(host: URL, data?: unknown): WorkerHandle {
  const worker = new Worker(ENTRY, { workerData: { host: host.href, data } });
  return {
    endpoint: nodeEndpoint(worker),
    terminate: () => void worker.terminate(),
    onExit: (listener) => {
      worker.on('error', (error: Error) => listener(error.message));
      worker.on('exit', (code) => listener(`exit code ${code}`));
    },
  };
}
