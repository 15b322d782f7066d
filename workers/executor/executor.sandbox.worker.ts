// The executor worker inside the sandbox frame (workers/executor/frame-bootstrap.ts). It runs
// as a classic Blob-URL script in an opaque origin with connect-src 'none': it cannot fetch
// Pyodide's files, so the frame hands them over in the first message (with the WebAssembly
// module it compiled once, the package files the page gave the frame, and the MessagePort the
// page talks to it on). After loading,
// executor-core locks the network globals away as well (belt and braces: the frame's CSP
// already blocks them).
import * as Comlink from 'comlink';
import { loadPyodide } from 'pyodide';
import { createExecutorApi } from './executor-core.ts';
import { workerPythonFiles } from '../shared/host.browser.ts';
import { PYODIDE_FACTORY_GLOBAL } from './sandbox-source.ts';
import type { SandboxFiles, SandboxPackageFile } from './sandbox-files.ts';

// With the runner's package: a look-ahead runs the program with it here (_heal_runner/lookahead.py).
const python = import.meta.glob(['./py/**/*.py', '!./py/**/tests/**', '../runner/py/_heal_runner/**/*.py'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const pythonSources = workerPythonFiles(python);

/** Where Pyodide thinks its files are; only the fetch below ever sees these URLs. */
const INDEX_URL = 'https://executor.invalid/';

/** Marks the wasm "response" whose module the frame already compiled. */
const PRECOMPILED = 'x-heal-precompiled';

function serveFrom(files: WorkerFiles): typeof fetch {
  const bodies = new Map<string, [ArrayBuffer | null, string]>([
    ['pyodide.asm.wasm', [files.wasm, 'application/wasm']],
    ['python_stdlib.zip', [files.stdlib, 'application/zip']],
  ]);
  return async (input) => {
    const name =
      String(input instanceof Request ? input.url : input)
        .split('/')
        .pop() ?? '';
    const body = bodies.get(name);
    if (!body) throw new TypeError(`the executor has no file ${name}`);
    return new Response(body[0], { headers: { 'Content-Type': body[1], ...(body[0] ? {} : { [PRECOMPILED]: '1' }) } });
  };
}

/** Pyodide instantiates its wasm from a fetch response: use the module the frame compiled. */
function instantiateFrom(module: WebAssembly.Module): () => void {
  const original = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    if (!response.headers.get(PRECOMPILED)) return original(response, imports);
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  return () => {
    WebAssembly.instantiateStreaming = original;
  };
}

/** What the frame hands each worker: its own copies; the wasm only when no compiled module came. */
type WorkerFiles = Omit<SandboxFiles, 'wasm'> & { wasm: ArrayBuffer | null; packages?: SandboxPackageFile[] };

self.addEventListener(
  'message',
  (event: MessageEvent<{ files: WorkerFiles; module: WebAssembly.Module | null; port: MessagePort }>) => {
    const { files, module, port } = event.data;
    globalThis.fetch = serveFrom(files);
    const restore = module ? instantiateFrom(module) : () => {};
    const factory = (globalThis as Record<string, unknown>)[PYODIDE_FACTORY_GLOBAL] as never;
    const packages = new Map((files.packages ?? []).map((file) => [file.fileName, file.bytes]));
    const api = createExecutorApi({
      loadPyodide: (options) =>
        loadPyodide({
          ...options,
          indexURL: INDEX_URL,
          createPyodideModule: factory,
          lockFileContents: JSON.parse(files.lock) as never,
          stdLibURL: `${INDEX_URL}python_stdlib.zip`,
        }).finally(restore),
      pythonSources: () => pythonSources,
      readSnapshot: async () => {
        if (!files.snapshot) throw new Error('no snapshot was handed over');
        return new Uint8Array(files.snapshot);
      },
      packageBytes: (fileName) => packages.get(fileName),
    });
    Comlink.expose(api, port);
  },
  { once: true },
);
