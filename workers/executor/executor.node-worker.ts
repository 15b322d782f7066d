// Node host for the executor (worker_threads): tests, benchmarks and batch tools.
import { parentPort, workerData } from 'node:worker_threads';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadPyodide } from 'pyodide';
import { createExecutorApi } from './executor-core.ts';

const pyDir = join(dirname(fileURLToPath(import.meta.url)), 'py');
// Python shared by every worker (heal_values, …), installed beside the worker's own modules.
const sharedPyDir = join(dirname(fileURLToPath(import.meta.url)), '../shared/py');

async function collectPython(dir: string, out: Record<string, string>, root = pyDir): Promise<Record<string, string>> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'tests' && entry.name !== '__pycache__') await collectPython(path, out, root);
    else if (entry.isFile() && entry.name.endsWith('.py')) out[relative(root, path)] = await readFile(path, 'utf8');
  }
  return out;
}

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
  pythonSources: async () => ({ ...(await collectPython(sharedPyDir, {}, sharedPyDir)), ...(await collectPython(pyDir, {})) }),
  readSnapshot: async (path) => new Uint8Array(await readFile(path)),
});

Comlink.expose(api, nodeEndpoint(parentPort!));
