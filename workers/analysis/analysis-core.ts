// Worker side of the analysis worker: loads Pyodide, installs the static-check packages
// and answers calls by name. Host-agnostic like the executor: hosts differ only in how
// they load Pyodide and find the .py files. Calls run Python synchronously; the client
// enforces the time limit by terminating the worker.

import type { PyodideAPI } from 'pyodide';
import { errorText, withTimeout } from '../shared/async.ts';
import {
  ANALYSIS_PROTOCOL_VERSION,
  ANALYSIS_PYTHON_FUNCTIONS,
  type AnalysisApi,
  type AnalysisCallName,
  type AnalysisInfo,
  type AnalysisInitOptions,
} from '../protocol/analysis.ts';

export interface AnalysisHostDeps {
  loadPyodide(options: { indexURL: string; _loadSnapshot?: Uint8Array }): Promise<PyodideAPI>;
  /** Python sources by path relative to workers/runner/py (e.g. "security/api.py"), tests excluded. */
  pythonSources(): Promise<Record<string, string>> | Record<string, string>;
  readSnapshot(location: string): Promise<Uint8Array>;
}

export const ANALYSIS_PY_ROOT = '/analysis';
const DEFAULT_LOAD_TIMEOUT_MS = 60_000;

type PyFunction = (...args: (string | number)[]) => string;

/** Objects and arrays cross as JSON text; strings and numbers as they are. */
export function toPythonArgument(value: unknown): string | number {
  return typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value);
}

export function createAnalysisApi(deps: AnalysisHostDeps): AnalysisApi {
  let py: PyodideAPI | undefined;
  const functions = new Map<string, PyFunction>();

  async function load(options: AnalysisInitOptions): Promise<{ py: PyodideAPI; fromSnapshot: boolean; snapshotError?: string }> {
    const timeout = options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
    let snapshotError: string | undefined;
    if (options.snapshot) {
      try {
        const bytes = typeof options.snapshot === 'string' ? await deps.readSnapshot(options.snapshot) : options.snapshot;
        return { py: await withTimeout(deps.loadPyodide({ indexURL: options.indexURL, _loadSnapshot: bytes }), timeout, 'Loading the checks\' Python from the snapshot'), fromSnapshot: true };
      } catch (error) {
        snapshotError = errorText(error);
      }
    }
    const plain = await withTimeout(deps.loadPyodide({ indexURL: options.indexURL }), timeout,
      'Loading the checks\' Python (check that .wasm files are served as application/wasm)');
    return { py: plain, fromSnapshot: false, snapshotError };
  }

  function pythonFunction(name: AnalysisCallName): PyFunction {
    const target = ANALYSIS_PYTHON_FUNCTIONS[name];
    let fn = functions.get(target);
    if (!fn) {
      if (!py) throw new Error('the checks\' Python is not loaded yet');
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
      const loaded = await load(options);
      py = loaded.py;
      const packages = new Set<string>();
      for (const [path, text] of Object.entries(await deps.pythonSources())) {
        const full = `${ANALYSIS_PY_ROOT}/${path}`;
        py.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
        py.FS.writeFile(full, text);
        if (path.includes('/')) packages.add(path.slice(0, path.indexOf('/')));
      }
      const root = JSON.stringify(ANALYSIS_PY_ROOT);
      py.runPython(`import sys\nif ${root} not in sys.path: sys.path.insert(0, ${root})`);
      const info: AnalysisInfo = {
        pythonVersion: String(py.runPython('import sys; sys.version.split()[0]')),
        fromSnapshot: loaded.fromSnapshot,
        loadMs: Math.round(performance.now() - started),
        packages: [...packages].sort(),
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
