// Node host for the executor (worker_threads): tests, benchmarks and batch tools.
import { parentPort } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadPyodide } from 'pyodide';
import { createExecutorApi } from './executor-core.ts';
import { collectPython, sharedPythonSources } from '../shared/python-sources.node.ts';

const pyDir = join(dirname(fileURLToPath(import.meta.url)), 'py');

const api = createExecutorApi({
  loadPyodide: (options) => loadPyodide(options),
  pythonSources: async () => ({ ...await collectPython(pyDir), ...await sharedPythonSources() }),
  readSnapshot: async (path) => new Uint8Array(await readFile(path)),
});

Comlink.expose(api, nodeEndpoint(parentPort!));
