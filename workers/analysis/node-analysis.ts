// Analysis client for Node (tests, benchmarks, batch tools): a worker_threads thread.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnNodeWorker } from '../shared/node-worker.ts';
import { AnalysisClient, type AnalysisClientOptions } from './client.ts';

const here = dirname(fileURLToPath(import.meta.url));

export function createNodeAnalysis(options: Partial<AnalysisClientOptions> = {}): AnalysisClient {
  return new AnalysisClient({
    spawn: () => spawnNodeWorker(join(here, 'analysis.node-worker.mjs')),
    indexURL: join(here, '../../node_modules/pyodide'),
    ...options,
  });
}
