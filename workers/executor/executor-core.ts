// Worker side of the executor: loads Pyodide, installs the _heal_executor package and runs
// handling code through it. Host-agnostic: the hosts (a module worker, the sandboxed frame's
// worker, a Node worker thread) differ only in how they load Pyodide and find the .py files.
// execute() calls Python synchronously; the time limit is the client's job
// (interrupt buffer, else terminating the worker).

import type { PyodideAPI } from 'pyodide';
import { installPython, loadPython, pythonVersion, type PythonHost } from '../shared/python-load.ts';
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

export interface ExecutorHost extends PythonHost {
  /** Removes network access from the worker once Python is loaded (default: lockDownNetwork on globalThis). */
  lockDown?(): string[];
}

/** Where the executor's Python root (workers/executor/py) is installed, first on sys.path. */
export const EXECUTOR_PY_ROOT = '/executor';

const HANDLER_FILENAME = '<handling code>';

/** Exercises the prelude, the handling code and the encoding of an answer. */
const WARM_UP: ExecuteRequest = {
  source: 'import math\nclass Box:\n    def __init__(self, v):\n        self.v = v\ndef f(x):\n    return x\n',
  pickle: null, handles: [], code: 'box = Box([1, 2.5, "a", (3,), {4: None}])\nn = f(math.floor(2.5))\n',
};

export function createExecutorApi(host: ExecutorHost): ExecutorApi {
  let executePy: ((requestJson: string) => string) | undefined;
  let pyodide: PyodideAPI | undefined;

  return {
    async init(options) {
      if (options.protocolVersion !== EXECUTOR_PROTOCOL_VERSION) {
        throw new Error(`executor protocol ${options.protocolVersion} requested, worker speaks ${EXECUTOR_PROTOCOL_VERSION}`);
      }
      const started = performance.now();
      const { py, fromSnapshot, snapshotError } = await loadPython(host, options, 'the executor\'s Python');
      // Python's own streams (handling code's output is captured in Python): only C-level
      // writes such as a fatal error's report land here. Through JS, because a worker started
      // from a snapshot has no usable file descriptors for them.
      py.setStdout({ batched: (line) => console.log(`[executor] ${line}`) });
      py.setStderr({ batched: (line) => console.error(`[executor] ${line}`) });
      installPython(py, EXECUTOR_PY_ROOT, await host.pythonSources());
      const module = py.pyimport('_heal_executor.execution') as unknown as { execute: (requestJson: string) => string };
      executePy = module.execute;
      // One representative request while the worker is still a spare: WebAssembly compiles
      // functions on first use, so the first real request would otherwise pay for it.
      executePy(JSON.stringify(WARM_UP));
      if (options.interruptBuffer) py.setInterruptBuffer(options.interruptBuffer);
      pyodide = py;
      // Loading is over (snapshot and wasm fetched): from here on the worker needs no network.
      const locked = (host.lockDown ?? (() => lockDownNetwork()))();
      const info: ExecutorInfo = {
        pythonVersion: pythonVersion(py),
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
