// Browser host for the analysis worker: a module Web Worker with the static-check
// packages of workers/runner/py (not the runner's modules, not the tests).
import * as Comlink from 'comlink';
import { loadPyodide } from 'pyodide';
import { createAnalysisApi } from './analysis-core.ts';
import { sharedPythonSources } from '../shared/python-sources.browser.ts';

const sources = import.meta.glob(
  ['../runner/py/security/**/*.py', '../runner/py/security_fixes/**/*.py', '../runner/py/keras_lite/**/*.py', '../runner/py/repair/**/*.py', '!../runner/py/**/tests/**'],
  { query: '?raw', import: 'default', eager: true },
) as Record<string, string>;

const api = createAnalysisApi({
  loadPyodide: (options) => loadPyodide(options),
  pythonSources: () => ({
    ...Object.fromEntries(Object.entries(sources).map(([path, text]) => [path.replace(/^\.\.\/runner\/py\//, ''), text])),
    ...sharedPythonSources,
  }),
  readSnapshot: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`snapshot ${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
});

Comlink.expose(api);
