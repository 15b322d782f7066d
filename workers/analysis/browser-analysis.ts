// The page's analysis worker (static checks), started from the same Pyodide files and
// memory snapshot as the runner.
import { AnalysisClient, type AnalysisClientOptions } from './client.ts';
import type { WorkerHandle } from '../runner/client.ts';

function spawnBrowserAnalysisWorker(): WorkerHandle {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'python-checks' });
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onExit: (listener) => worker.addEventListener('error', (event) => listener(event.message || 'worker error')),
  };
}

export function createBrowserAnalysis(options: Partial<AnalysisClientOptions> & { useSnapshot?: boolean } = {}): AnalysisClient {
  const { useSnapshot = true, ...rest } = options;
  const base = new URL(`${import.meta.env.BASE_URL}pyodide/`, location.href).href;
  return new AnalysisClient({
    spawn: spawnBrowserAnalysisWorker,
    indexURL: base,
    snapshot: useSnapshot ? `${base}snapshot.bin` : null,
    loadTimeoutMs: 60_000,
    ...rest,
  });
}
