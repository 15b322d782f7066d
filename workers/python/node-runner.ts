// Runner client for Node (tests, benchmarks, batch tools): the worker is a
// worker_threads thread running runner.node-worker.ts through tsx.
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { RunnerClient, type RunnerClientOptions, type WorkerHandle } from './client.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const nodePyodideDir = join(here, '../../node_modules/pyodide');

export function spawnNodeRunnerWorker(): WorkerHandle {
  const worker = new Worker(join(here, 'runner.node-worker.mjs'));
  return {
    endpoint: nodeEndpoint(worker),
    terminate: () => void worker.terminate(),
    onExit: (listener) => {
      worker.on('error', (error: Error) => listener(error.message));
      worker.on('exit', (code) => listener(`exit code ${code}`));
    },
  };
}

export function createNodeRunner(options: Partial<RunnerClientOptions> = {}): RunnerClient {
  return new RunnerClient({
    spawn: spawnNodeRunnerWorker,
    indexURL: nodePyodideDir,
    sharedMemory: true,
    ...options,
  });
}
