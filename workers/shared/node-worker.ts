// A worker_threads worker behind the WorkerHandle interface the clients use
// (Node hosts for tests, benchmarks and batch tools).
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { WorkerHandle } from '../runner/client.ts';

export function spawnNodeWorker(entry: string, workerData?: unknown): WorkerHandle {
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
