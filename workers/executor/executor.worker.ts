// Browser host for the executor: a module Web Worker. Pyodide's runtime files
// are served from our own origin (public/pyodide, copied from node_modules).
import * as Comlink from 'comlink';
import { loadPyodide } from 'pyodide';
import { createExecutorApi } from './executor-core.ts';
import { sharedPythonSources } from '../shared/python-sources.browser.ts';

const sources = import.meta.glob(['./py/**/*.py', '!./py/tests/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const api = createExecutorApi({
  loadPyodide: (options) => loadPyodide(options),
  pythonSources: () => ({
    ...Object.fromEntries(Object.entries(sources).map(([path, text]) => [path.replace(/^\.\/py\//, ''), text])),
    ...sharedPythonSources,
  }),
  readSnapshot: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`snapshot ${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
});

Comlink.expose(api);
