// Executor client for Node (tests, benchmarks, batch tools): the worker is a
// worker_threads thread running executor.node-worker.ts through tsx.
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ExecutorClient, type ExecutorClientOptions, type WorkerHandle } from './client.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const nodePyodideDir = join(here, '../../node_modules/pyodide');

export function spawnNodeExecutorWorker(): WorkerHandle {
  const worker = new Worker(join(here, 'executor.node-worker.mjs'));
  return {
    endpoint: nodeEndpoint(worker),
    terminate: () => void worker.terminate(),
    onExit: (listener) => {
      worker.on('error', (error: Error) => listener(error.message));
      worker.on('exit', (code) => listener(`exit code ${code}`));
    },
  };
}

export function createNodeExecutor(options: Partial<ExecutorClientOptions> = {}): ExecutorClient {
  return new ExecutorClient({
    spawn: spawnNodeExecutorWorker,
    indexURL: nodePyodideDir,
    sharedMemory: true,
    ...options,
  });
}
