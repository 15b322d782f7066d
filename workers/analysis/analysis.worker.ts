// Browser host for the analysis worker: a module Web Worker with the static-check
// packages of workers/analysis/py (not the tests).
import * as Comlink from 'comlink';
import { createAnalysisApi } from './analysis-core.ts';
import { browserPythonHost, workerPythonFiles } from '../shared/host.browser.ts';

const python = import.meta.glob(['./py/**/*.py', '!./py/**/tests/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

Comlink.expose(createAnalysisApi(browserPythonHost(workerPythonFiles(python))));
