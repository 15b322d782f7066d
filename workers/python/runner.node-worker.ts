// Node host for the runner (worker_threads): tests, benchmarks and batch tools.
import { parentPort } from 'node:worker_threads';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadPyodide } from 'pyodide';
import { createRunnerApi } from './runner-core.ts';

const pyDir = join(dirname(fileURLToPath(import.meta.url)), 'py');
// Python shared by every worker (heal_values, …), installed beside the worker's own modules.
const sharedPyDir = join(dirname(fileURLToPath(import.meta.url)), '../shared/py');

async function collectPython(dir: string, out: Record<string, string>, root = pyDir): Promise<Record<string, string>> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'tests' && entry.name !== '__pycache__') await collectPython(path, out, root);
    else if (entry.name.endsWith('.py')) out[relative(root, path)] = await readFile(path, 'utf8');
  }
  return out;
}

const api = createRunnerApi({
  loadPyodide: (options) => loadPyodide(options),
  pythonSources: async () => ({ ...(await collectPython(sharedPyDir, {}, sharedPyDir)), ...(await collectPython(pyDir, {})) }),
  readSnapshot: async (path) => new Uint8Array(await readFile(path)),
});

Comlink.expose(api, nodeEndpoint(parentPort!));
