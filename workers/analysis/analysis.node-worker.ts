// Node host for the analysis worker (worker_threads): tests, benchmarks and batch tools.
import { parentPort } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadPyodide } from 'pyodide';
import { createAnalysisApi } from './analysis-core.ts';
import { ANALYSIS_PACKAGES } from './packages.ts';
import { collectPython, sharedPythonSources } from '../shared/python-sources.node.ts';

const pyDir = join(dirname(fileURLToPath(import.meta.url)), '../runner/py');

async function analysisSources(): Promise<Record<string, string>> {
  const out: Record<string, string> = await sharedPythonSources();
  for (const name of ANALYSIS_PACKAGES) {
    if (existsSync(join(pyDir, name))) await collectPython(join(pyDir, name), pyDir, out);
  }
  return out;
}

const api = createAnalysisApi({
  loadPyodide: (options) => loadPyodide(options),
  pythonSources: analysisSources,
  readSnapshot: async (path) => new Uint8Array(await readFile(path)),
});

Comlink.expose(api, nodeEndpoint(parentPort!));
