// Runner client for Node (tests, benchmarks, batch tools): the worker is a
// worker_threads thread running runner.node-worker.ts through tsx.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnNodeWorker } from '../shared/node-worker.ts';
import { RunnerClient, type RunnerClientOptions, type WorkerHandle } from './client.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const nodePyodideDir = join(here, '../../node_modules/pyodide');

export function spawnNodeRunnerWorker(): WorkerHandle {
  return spawnNodeWorker(join(here, 'runner.node-worker.mjs'));
}

export function createNodeRunner(options: Partial<RunnerClientOptions> = {}): RunnerClient {
  return new RunnerClient({
    spawn: spawnNodeRunnerWorker,
    indexURL: nodePyodideDir,
    sharedMemory: true,
    ...options,
  });
}
