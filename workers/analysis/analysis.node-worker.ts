// Node host for the analysis worker (worker_threads): tests, benchmarks and batch tools.
import { parentPort } from 'node:worker_threads';
import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadPyodide } from 'pyodide';
import { createAnalysisApi } from './analysis-core.ts';
import { ANALYSIS_PACKAGES } from './packages.ts';

const pyDir = join(dirname(fileURLToPath(import.meta.url)), '../python/py');

async function collectPython(dir: string, out: Record<string, string>): Promise<Record<string, string>> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'tests' && entry.name !== '__pycache__') await collectPython(path, out);
    else if (entry.isFile() && entry.name.endsWith('.py')) out[relative(pyDir, path)] = await readFile(path, 'utf8');
  }
  return out;
}

async function analysisSources(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of ANALYSIS_PACKAGES) {
    if (existsSync(join(pyDir, name))) await collectPython(join(pyDir, name), out);
  }
  return out;
}

const api = createAnalysisApi({
  loadPyodide: (options) => loadPyodide(options),
  pythonSources: analysisSources,
  readSnapshot: async (path) => new Uint8Array(await readFile(path)),
});

Comlink.expose(api, nodeEndpoint(parentPort!));
