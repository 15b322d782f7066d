// Node host for the runner (worker_threads): tests, benchmarks and batch tools.
import { parentPort } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadPyodide } from 'pyodide';
import { createRunnerApi } from './runner-core.ts';
import { collectPython, sharedPythonSources } from '../shared/python-sources.node.ts';

const pyDir = join(dirname(fileURLToPath(import.meta.url)), 'py');

const api = createRunnerApi({
  loadPyodide: (options) => loadPyodide(options),
  pythonSources: async () => ({ ...await collectPython(pyDir), ...await sharedPythonSources() }),
  readSnapshot: async (path) => new Uint8Array(await readFile(path)),
});

Comlink.expose(api, nodeEndpoint(parentPort!));
