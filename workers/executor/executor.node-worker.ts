// Node host for the executor (worker_threads): tests, benchmarks and batch tools.
import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadPyodide } from 'pyodide';
import { createExecutorApi } from './executor-core.ts';
import { collectPython, sharedPythonSources } from '../shared/python-sources.node.ts';

const pyDir = join(dirname(fileURLToPath(import.meta.url)), 'py');

/** Pyodide instantiates its wasm from the file's bytes: use the module the host compiled once. */
function withCompiledWasm<T>(load: () => Promise<T>): Promise<T> {
  const given = (workerData as { pyodideWasm?: { module: WebAssembly.Module; bytes: number } } | undefined)?.pyodideWasm;
  if (!given) return load();
  const original = WebAssembly.instantiate;
  const patched = ((source: unknown, imports?: WebAssembly.Imports) => {
    if ((source instanceof Uint8Array || source instanceof ArrayBuffer) && source.byteLength === given.bytes) {
      return original(given.module, imports).then((instance) => ({ module: given.module, instance }));
    }
    return original(source as BufferSource, imports);
  }) as typeof WebAssembly.instantiate;
  WebAssembly.instantiate = patched;
  return load().finally(() => { WebAssembly.instantiate = original; });
}

const api = createExecutorApi({
  loadPyodide: (options) => withCompiledWasm(() => loadPyodide(options)),
  pythonSources: async () => ({ ...await collectPython(pyDir), ...await sharedPythonSources() }),
  readSnapshot: async (path) => new Uint8Array(await readFile(path)),
});

Comlink.expose(api, nodeEndpoint(parentPort!));
