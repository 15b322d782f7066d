// Node host for the executor (worker_threads): tests, benchmarks and batch tools.
import { loadPyodide } from 'pyodide';
import { createExecutorApi } from './executor-core.ts';
import { exposeToParent, hostData, nodePythonHost } from '../shared/host.node.ts';

/** Pyodide instantiates its wasm from the file's bytes: use the module the host compiled once. */
function withCompiledWasm<T>(load: () => Promise<T>): Promise<T> {
  const given = hostData<{ pyodideWasm?: { module: WebAssembly.Module; bytes: number } }>()?.pyodideWasm;
  if (!given) return load();
  const original = WebAssembly.instantiate;
  const patched = ((source: unknown, imports?: WebAssembly.Imports) => {
    if ((source instanceof Uint8Array || source instanceof ArrayBuffer) && source.byteLength === given.bytes) {
      return original(given.module, imports).then((instance) => ({ module: given.module, instance }));
    }
    return original(source as BufferSource, imports);
  }) as typeof WebAssembly.instantiate;
  WebAssembly.instantiate = patched;
  return load().finally(() => {
    WebAssembly.instantiate = original;
  });
}

exposeToParent(createExecutorApi(nodePythonHost('executor', (options) => withCompiledWasm(() => loadPyodide(options)))));
