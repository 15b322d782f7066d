// The page's analysis worker (static checks), started from the same Pyodide files and
// memory snapshot as the runner.
import { AnalysisClient, type AnalysisClientOptions } from './client.ts';
import { browserWorkerHandle, pyodideBaseUrl } from '../shared/spawn.browser.ts';

export function createBrowserAnalysis(options: Partial<AnalysisClientOptions> & { useSnapshot?: boolean } = {}): AnalysisClient {
  const { useSnapshot = true, ...rest } = options;
  const base = pyodideBaseUrl();
  return new AnalysisClient({
    spawn: () => browserWorkerHandle(new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'python-checks' })),
    indexURL: base,
    snapshot: useSnapshot ? `${base}snapshot.bin` : null,
    loadTimeoutMs: 60_000,
    ...rest,
  });
}
