// A real runner and executor in Node for a test file: started before its tests, disposed after.
import { afterAll, beforeAll } from 'vitest';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import type { RunnerClient } from '../workers/runner/client.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import type { ExecutorClient } from '../workers/executor/client.ts';

export interface NodeWorkers {
  runner: RunnerClient;
  executor: ExecutorClient;
}

/** Call at the top of a test file; the returned object's fields are set once the workers run. */
export function useRunnerAndExecutor(): NodeWorkers {
  const workers = {} as NodeWorkers;
  beforeAll(async () => {
    workers.runner = createNodeRunner();
    workers.executor = createNodeExecutor();
    await Promise.all([workers.runner.start(), workers.executor.start()]);
  }, 120_000);
  afterAll(() => {
    workers.runner?.dispose();
    workers.executor?.dispose();
  });
  return workers;
}
