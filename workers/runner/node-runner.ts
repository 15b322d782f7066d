// Runner client for Node (tests, benchmarks, batch tools): the worker is a
// worker_threads thread running runner.node-worker.ts.
import { nodePyodideDir, spawnNodeWorker } from '../shared/spawn.node.ts';
import type { WorkerHandle } from '../shared/worker-handle.ts';
import { RunnerClient, type RunnerClientOptions } from './client.ts';

export function spawnNodeRunnerWorker(): WorkerHandle {
  return spawnNodeWorker(new URL('./runner.node-worker.ts', import.meta.url));
}

export function createNodeRunner(options: Partial<RunnerClientOptions> = {}): RunnerClient {
  return new RunnerClient({
    spawn: spawnNodeRunnerWorker,
    indexURL: nodePyodideDir,
    sharedMemory: true,
    ...options,
  });
}
