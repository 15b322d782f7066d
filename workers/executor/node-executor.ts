// Executor client for Node (tests, benchmarks, batch tools): the worker is a
// worker_threads thread running executor.node-worker.ts through tsx.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnNodeWorker } from '../shared/node-worker.ts';
import { ExecutorClient, type ExecutorClientOptions, type WorkerHandle } from './client.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const nodePyodideDir = join(here, '../../node_modules/pyodide');

export function spawnNodeExecutorWorker(): WorkerHandle {
  return spawnNodeWorker(join(here, 'executor.node-worker.mjs'));
}

export function createNodeExecutor(options: Partial<ExecutorClientOptions> = {}): ExecutorClient {
  return new ExecutorClient({
    spawn: spawnNodeExecutorWorker,
    indexURL: nodePyodideDir,
    sharedMemory: true,
    ...options,
  });
}
