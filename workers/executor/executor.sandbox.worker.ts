// The executor worker inside the sandbox frame (workers/executor/frame-bootstrap.ts). It runs
// as a classic Blob-URL script in an opaque origin with connect-src 'none': it cannot fetch
// Pyodide's files, so the page hands them over in the first message, together with the
// MessagePort the page talks to it on. After loading, executor-core locks the network
// globals away as well (belt and braces: the frame's CSP already blocks them).
import * as Comlink from 'comlink';
import { loadPyodide } from 'pyodide';
import { createExecutorApi } from './executor-core.ts';
import { PYODIDE_FACTORY_GLOBAL } from './sandbox-source.ts';
import type { SandboxFiles } from './sandbox-files.ts';

const sources = import.meta.glob(['./py/**/*.py', '!./py/tests/**', '../shared/py/*.py'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Where Pyodide thinks its files are; only the fetch below ever sees these URLs. */
const INDEX_URL = 'https://executor.invalid/';

function serveFrom(files: SandboxFiles): typeof fetch {
  const bodies = new Map<string, [ArrayBuffer, string]>([
    ['pyodide.asm.wasm', [files.wasm, 'application/wasm']],
    ['python_stdlib.zip', [files.stdlib, 'application/zip']],
  ]);
  return async (input) => {
    const name = String(input instanceof Request ? input.url : input).split('/').pop() ?? '';
    const body = bodies.get(name);
    if (!body) throw new TypeError(`the executor has no file ${name}`);
    return new Response(body[0], { headers: { 'Content-Type': body[1] } });
  };
}

self.addEventListener('message', (event: MessageEvent<{ files: SandboxFiles; port: MessagePort }>) => {
  const { files, port } = event.data;
  globalThis.fetch = serveFrom(files);
  const factory = (globalThis as Record<string, unknown>)[PYODIDE_FACTORY_GLOBAL] as never;
  const api = createExecutorApi({
    loadPyodide: (options) => loadPyodide({
      ...options, indexURL: INDEX_URL, createPyodideModule: factory,
      lockFileContents: JSON.parse(files.lock) as never, stdLibURL: `${INDEX_URL}python_stdlib.zip`,
    }),
    pythonSources: () =>
      Object.fromEntries(Object.entries(sources).map(([path, text]) => [path.replace(/^(\.\/py|\.\.\/shared\/py)\//, ''), text])),
    readSnapshot: async () => {
      if (!files.snapshot) throw new Error('no snapshot was handed over');
      return new Uint8Array(files.snapshot);
    },
  });
  Comlink.expose(api, port);
}, { once: true });
