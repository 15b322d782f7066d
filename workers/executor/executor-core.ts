// Worker side of the executor: loads Pyodide, installs executor.py and runs
// handling code through it. Host-agnostic: the browser worker and the Node
// worker thread differ only in how they load Pyodide and find the .py files.
// execute() calls Python synchronously; the time limit is the client's job
// (interrupt buffer, else terminating the worker).

import type { PyodideAPI } from 'pyodide';
import { errorText, withTimeout } from '../shared/async.ts';
import { fatalKind, heapBytes, pythonFramesAfterFatal, recursionReport } from '../shared/fatal.ts';
import { lockDownNetwork } from './lockdown.ts';
import {
  EXECUTOR_PROTOCOL_VERSION,
  type ExecuteRequest,
  type ExecuteResult,
  type ExecutorApi,
  type ExecutorInfo,
  type ExecutorInitOptions,
} from '../protocol/executor.ts';

export interface ExecutorHostDeps {
  loadPyodide(options: { indexURL: string; _loadSnapshot?: Uint8Array }): Promise<PyodideAPI>;
  /** Python sources by path relative to workers/executor/py (e.g. "executor.py"), tests excluded. */
  pythonSources(): Promise<Record<string, string>> | Record<string, string>;
  /** Resolves a snapshot given by URL/path to bytes. */
  readSnapshot(location: string): Promise<Uint8Array>;
  /** Removes network access from the worker once Python is loaded (default: lockDownNetwork on globalThis). */
  lockDown?(): string[];
}

export const EXECUTOR_PY_ROOT = '/executor';
export const DEFAULT_EXECUTOR_LOAD_TIMEOUT_MS = 60_000;



const HANDLER_FILENAME = '<handling code>';

/** Exercises the prelude, the handling code and the encoding of an answer. */
const WARM_UP: ExecuteRequest = {
  source: 'import math\nclass Box:\n    def __init__(self, v):\n        self.v = v\ndef f(x):\n    return x\n',
  pickle: null, handles: [], code: 'box = Box([1, 2.5, "a", (3,), {4: None}])\nn = f(math.floor(2.5))\n',
};

export function createExecutorApi(deps: ExecutorHostDeps): ExecutorApi {
  let executePy: ((requestJson: string) => string) | undefined;
  let pyodide: PyodideAPI | undefined;

  async function load(options: ExecutorInitOptions): Promise<{ py: PyodideAPI; fromSnapshot: boolean; snapshotError?: string }> {
    const timeout = options.loadTimeoutMs ?? DEFAULT_EXECUTOR_LOAD_TIMEOUT_MS;
    let snapshotError: string | undefined;
    if (options.snapshot) {
      try {
        const bytes = typeof options.snapshot === 'string' ? await deps.readSnapshot(options.snapshot) : options.snapshot;
        const py = await withTimeout(deps.loadPyodide({ indexURL: options.indexURL, _loadSnapshot: bytes }), timeout,
          'Loading the executor\'s Python from the snapshot');
        return { py, fromSnapshot: true };
      } catch (error) {
        snapshotError = errorText(error);
      }
    }
    const py = await withTimeout(deps.loadPyodide({ indexURL: options.indexURL }), timeout,
      'Loading the executor\'s Python (check that .wasm files are served as application/wasm)');
    return { py, fromSnapshot: false, snapshotError };
  }

  return {
    async init(options) {
      if (options.protocolVersion !== EXECUTOR_PROTOCOL_VERSION) {
        throw new Error(`executor protocol ${options.protocolVersion} requested, worker speaks ${EXECUTOR_PROTOCOL_VERSION}`);
      }
      const started = performance.now();
      const { py, fromSnapshot, snapshotError } = await load(options);
      // Python's own streams (handling code's output is captured in Python): only C-level
      // writes such as a fatal error's report land here. Through JS, because a worker started
      // from a snapshot has no usable file descriptors for them.
      py.setStdout({ batched: (line) => console.log(`[executor] ${line}`) });
      py.setStderr({ batched: (line) => console.error(`[executor] ${line}`) });
      const sources = await deps.pythonSources();
      for (const [path, text] of Object.entries(sources)) {
        const full = `${EXECUTOR_PY_ROOT}/${path}`;
        py.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
        py.FS.writeFile(full, text);
      }
      const root = JSON.stringify(EXECUTOR_PY_ROOT);
      py.runPython(`import sys\nif ${root} not in sys.path: sys.path.insert(0, ${root})`);
      const module = py.pyimport('executor') as unknown as { execute: (requestJson: string) => string };
      executePy = module.execute;
      // One representative request while the worker is still a spare: WebAssembly compiles
      // functions on first use, so the first real request would otherwise pay for it.
      executePy(JSON.stringify(WARM_UP));
      if (options.interruptBuffer) py.setInterruptBuffer(options.interruptBuffer);
      pyodide = py;
      // Loading is over (snapshot and wasm fetched): from here on the worker needs no network.
      const locked = (deps.lockDown ?? (() => lockDownNetwork()))();
      const info: ExecutorInfo = {
        pythonVersion: String(py.runPython('import sys; sys.version.split()[0]')),
        pyodideVersion: py.version,
        interruptible: Boolean(options.interruptBuffer),
        fromSnapshot,
        loadMs: Math.round(performance.now() - started),
      };
      if (snapshotError) info.snapshotError = snapshotError;
      info.networkRemoved = locked;
      return info;
    },

    async execute(request: ExecuteRequest): Promise<ExecuteResult> {
      if (!executePy || !pyodide) throw new Error('the executor\'s Python is not loaded yet');
      const started = performance.now();
      let resultJson: string;
      try {
        resultJson = executePy(JSON.stringify(request));
      } catch (error) {
        if (fatalKind(error) !== 'stack-overflow') throw error; // the client reports other crashes
        const report = recursionReport(pythonFramesAfterFatal(pyodide), HANDLER_FILENAME, request.code);
        const totalMs = performance.now() - started;
        return {
          status: 'error', stdout: '', stderr: '', outputTruncated: false,
          unmerged: [], execMs: totalMs, totalMs, preludeSkipped: [], warnings: [], crashed: true,
          error: { type: report.type, message: report.message, formatted: report.formatted, line: report.line, phase: 'code' },
        };
      }
      const result = JSON.parse(resultJson) as ExecuteResult;
      result.heapBytes = heapBytes(pyodide);
      return result;
    },
  };
}
