// Worker side of the analysis worker: loads Pyodide, installs the static-check packages
// (workers/analysis/py) and answers calls by name. Host-agnostic like the executor: hosts
// differ only in how they load Pyodide and find the .py files (PythonHost). Calls run Python
// synchronously; the client enforces the time limit by terminating the worker.

import type { PyodideAPI } from 'pyodide';
import { installPython, loadPython, pythonVersion, type PythonHost } from '../shared/python-load.ts';
import {
  ANALYSIS_PROTOCOL_VERSION,
  ANALYSIS_PYTHON_FUNCTIONS,
  type AnalysisApi,
  type AnalysisCallName,
  type AnalysisInfo,
} from '../protocol/analysis.ts';

/** Where the analysis worker's Python root (workers/analysis/py) is installed, first on sys.path. */
export const ANALYSIS_PY_ROOT = '/analysis';

type PyFunction = (...args: (string | number)[]) => string;

/** Objects and arrays cross as JSON text; strings and numbers as they are. */
export function toPythonArgument(value: unknown): string | number {
  return typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value);
}

export function createAnalysisApi(host: PythonHost): AnalysisApi {
  let py: PyodideAPI | undefined;
  const functions = new Map<string, PyFunction>();

  function pythonFunction(name: AnalysisCallName): PyFunction {
    const target = ANALYSIS_PYTHON_FUNCTIONS[name];
    let fn = functions.get(target);
    if (!fn) {
      if (!py) throw new Error("the checks' Python is not loaded yet");
      const [module, attribute] = target.split(':') as [string, string];
      fn = (py.pyimport(module) as unknown as Record<string, PyFunction>)[attribute];
      if (typeof fn !== 'function') throw new Error(`${target} is not a Python function`);
      functions.set(target, fn);
    }
    return fn;
  }

  return {
    async init(options) {
      if (options.protocolVersion !== ANALYSIS_PROTOCOL_VERSION) {
        throw new Error(`analysis protocol ${options.protocolVersion} requested, worker speaks ${ANALYSIS_PROTOCOL_VERSION}`);
      }
      const started = performance.now();
      const loaded = await loadPython(host, options, "the checks' Python");
      py = loaded.py;
      const packages = installPython(py, ANALYSIS_PY_ROOT, await host.pythonSources());
      const info: AnalysisInfo = {
        pythonVersion: pythonVersion(py),
        fromSnapshot: loaded.fromSnapshot,
        loadMs: Math.round(performance.now() - started),
        packages: packages.filter((name) => !name.startsWith('_')), // the checks, not the shared package
      };
      if (loaded.snapshotError) info.snapshotError = loaded.snapshotError;
      return info;
    },

    async call(name, args) {
      const fn = pythonFunction(name);
      return JSON.parse(fn(...(args as unknown[]).map(toPythonArgument)));
    },
  };
}
