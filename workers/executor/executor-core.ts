// Worker side of the executor: loads Pyodide, installs the _heal_executor package and runs
// handling code through it. Host-agnostic: the hosts (a module worker, the sandboxed frame's
// worker, a Node worker thread) differ only in how they load Pyodide and find the .py files.
// execute() calls Python synchronously; the time limit is the client's job
// (interrupt buffer, else terminating the worker).

import type { PyodideAPI } from 'pyodide';
import { installPython, loadPython, pythonVersion, type PythonHost } from '../shared/python-load.ts';
import { fatalKind, heapBytes, pythonFramesAfterFatal, recursionReport } from '../shared/fatal.ts';
import { lockDownNetwork } from './lockdown.ts';
import { installPackageFiles } from '../shared/packages/install.ts';
import type { PackageSet } from '../protocol/packages.ts';
import type { LookAheadRequest } from '../protocol/lookahead.ts';
import {
  EXECUTOR_PROTOCOL_VERSION,
  type ExecuteRequest,
  type ExecuteResult,
  type ExecutorApi,
  type ExecutorInfo,
} from '../protocol/executor.ts';

export interface ExecutorHost extends PythonHost {
  /** Removes network access from the worker once Python is loaded (default: lockDownNetwork on globalThis). */
  lockDown?(): string[];
  /** The bytes of a package file the host was handed (the sandbox frame), when they did not come with init. */
  packageBytes?(fileName: string): ArrayBuffer | undefined;
}

/** Installs the program's packages and imports its modules from them, before the worker becomes a spare. */
async function installPackages(py: PyodideAPI, host: ExecutorHost, set: PackageSet): Promise<NonNullable<ExecutorInfo['packages']>> {
  const { installed, failed } = await installPackageFiles(py, set.files, (file) => file.bytes ?? host.packageBytes?.(file.fileName));
  const common = py.pyimport('_heal_common.packages') as unknown as { after_install(): void; preload(modulesJson: string): string };
  common.after_install();
  const { errors } = JSON.parse(common.preload(JSON.stringify(set.preload))) as { errors: { module: string; error: string }[] };
  return {
    installed,
    failed: [...failed.map((f) => `${f.name}: ${f.error}`), ...errors.map((e) => `${e.module}: ${e.error}`)],
  };
}

/** Where the executor's Python root (workers/executor/py) is installed, first on sys.path. */
export const EXECUTOR_PY_ROOT = '/executor';

const HANDLER_FILENAME = '<handling code>';

/** Exercises the prelude, the handling code and the encoding of an answer. */
const WARM_UP: ExecuteRequest = {
  source: 'import math\nclass Box:\n    def __init__(self, v):\n        self.v = v\ndef f(x):\n    return x\n',
  pickle: null,
  handles: [],
  code: 'box = Box([1, 2.5, "a", (3,), {4: None}])\nn = f(math.floor(2.5))\n',
};

export function createExecutorApi(host: ExecutorHost): ExecutorApi {
  let executePy: ((requestJson: string) => string) | undefined;
  let pyodide: PyodideAPI | undefined;
  let lookAheadPy: ((requestJson: string) => string) | undefined;

  return {
    async init(options) {
      if (options.protocolVersion !== EXECUTOR_PROTOCOL_VERSION) {
        throw new Error(`executor protocol ${options.protocolVersion} requested, worker speaks ${EXECUTOR_PROTOCOL_VERSION}`);
      }
      const started = performance.now();
      const { py, fromSnapshot, snapshotError } = await loadPython(host, options, "the executor's Python");
      // Python's own streams (handling code's output is captured in Python): only C-level
      // writes such as a fatal error's report land here. Through JS, because a worker started
      // from a snapshot has no usable file descriptors for them.
      py.setStdout({ batched: (line) => console.log(`[executor] ${line}`) });
      py.setStderr({ batched: (line) => console.error(`[executor] ${line}`) });
      installPython(py, EXECUTOR_PY_ROOT, await host.pythonSources());
      const packages =
        options.packages && (options.packages.files.length || options.packages.preload.length) ? await installPackages(py, host, options.packages) : undefined;
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
      if (packages) info.packages = packages;
      info.networkRemoved = locked;
      return info;
    },

    async execute(request: ExecuteRequest): Promise<ExecuteResult> {
      if (!executePy || !pyodide) throw new Error("the executor's Python is not loaded yet");
      const started = performance.now();
      let resultJson: string;
      try {
        resultJson = executePy(JSON.stringify(request));
      } catch (error) {
        if (fatalKind(error) !== 'stack-overflow') throw error; // the client reports other crashes
        const report = recursionReport(pythonFramesAfterFatal(pyodide), HANDLER_FILENAME, request.code);
        const totalMs = performance.now() - started;
        return {
          status: 'error',
          stdout: '',
          stderr: '',
          outputTruncated: false,
          unmerged: [],
          execMs: totalMs,
          totalMs,
          preludeSkipped: [],
          warnings: [],
          crashed: true,
          error: { type: report.type, message: report.message, formatted: report.formatted, line: report.line, phase: 'code' },
        };
      }
      const result = JSON.parse(resultJson) as ExecuteResult;
      result.heapBytes = heapBytes(pyodide);
      return result;
    },

    async lookAhead(request: LookAheadRequest): Promise<unknown> {
      if (!pyodide) throw new Error("the executor's Python is not loaded yet");
      // Imported on first use: only workers that look ahead pay for the runner's package.
      lookAheadPy ??= (pyodide.pyimport('_heal_runner.lookahead') as unknown as { look_ahead: (json: string) => string }).look_ahead;
      return JSON.parse(lookAheadPy(JSON.stringify(request))) as unknown;
    },
  };
}
