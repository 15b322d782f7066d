// Browser host for the executor: a module Web Worker (the dev server's fallback; the built
// site runs executor.sandbox.worker.ts in a sandboxed frame). Pyodide's runtime files are
// served from our own origin (public/pyodide, copied from node_modules).
import * as Comlink from 'comlink';
import { createExecutorApi } from './executor-core.ts';
import { browserPythonHost, workerPythonFiles } from '../shared/host.browser.ts';

// With the runner's package: a look-ahead runs the program with it here (_heal_runner/lookahead.py).
const python = import.meta.glob(['./py/**/*.py', '!./py/**/tests/**', '../runner/py/_heal_runner/**/*.py'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

Comlink.expose(createExecutorApi(browserPythonHost(workerPythonFiles(python))));
