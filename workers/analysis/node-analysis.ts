// Analysis client for Node (tests, benchmarks, batch tools): a worker_threads thread.
import { nodePyodideDir, spawnNodeWorker } from '../shared/spawn.node.ts';
import { AnalysisClient, type AnalysisClientOptions } from './client.ts';

export function createNodeAnalysis(options: Partial<AnalysisClientOptions> = {}): AnalysisClient {
  return new AnalysisClient({
    spawn: () => spawnNodeWorker(new URL('./analysis.node-worker.ts', import.meta.url)),
    indexURL: nodePyodideDir,
    ...options,
  });
}
