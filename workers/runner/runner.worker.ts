// Browser host for the runner: a module Web Worker. Pyodide's runtime files are
// served from our own origin (public/pyodide, copied from node_modules).
import * as Comlink from 'comlink';
import { loadPyodide } from 'pyodide';
import { createRunnerApi } from './runner-core.ts';
import { sharedPythonSources } from '../shared/python-sources.browser.ts';

// Only the runner's own modules: the static-check packages in py/ subfolders belong to the analysis worker.
const sources = import.meta.glob(['./py/*.py'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const api = createRunnerApi({
  loadPyodide: (options) => loadPyodide(options),
  pythonSources: () => ({
    ...Object.fromEntries(Object.entries(sources).map(([path, text]) => [path.replace(/^\.\/py\//, ''), text])),
    ...sharedPythonSources,
  }),
  readSnapshot: async (url, progress) => {
    const response = await fetch(url);
    if (!response.ok || !response.body) throw new Error(`snapshot ${url}: HTTP ${response.status}`);
    const total = Number(response.headers.get('content-length')) || undefined;
    const parts: Uint8Array[] = [];
    let loaded = 0;
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      parts.push(chunk.value);
      loaded += chunk.value.byteLength;
      progress?.(loaded, total);
    }
    const bytes = new Uint8Array(loaded);
    let offset = 0;
    for (const part of parts) { bytes.set(part, offset); offset += part.byteLength; }
    return bytes;
  },
});

Comlink.expose(api);
