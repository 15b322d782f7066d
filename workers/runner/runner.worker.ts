// Browser host for the runner: a module Web Worker. Pyodide's runtime files are
// served from our own origin (public/pyodide, copied from node_modules).
import * as Comlink from 'comlink';
import { createRunnerApi } from './runner-core.ts';
import { browserPythonHost, workerPythonFiles } from '../shared/host.browser.ts';

const python = import.meta.glob(['./py/**/*.py', '!./py/**/tests/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

Comlink.expose(createRunnerApi(browserPythonHost(workerPythonFiles(python))));
