// Worker-side runner: loads Pyodide, installs our Python modules and runs
// programs through _heal_runner/runner.py. Host-agnostic: the browser worker and the Node
// worker thread differ only in how they load Pyodide and find the .py files (PythonHost).

import type { PyodideAPI } from 'pyodide';
import { errorText } from '../shared/async.ts';
import { installPython, loadPython, pythonVersion, type Loaded, type PythonHost } from '../shared/python-load.ts';
import { waitForAnswer } from './blocking-channel.ts';
import { fatalKind, heapBytes, pythonFramesAfterFatal, recursionReport } from '../shared/fatal.ts';
import { FsBaseline } from './fs-baseline.ts';
import { installPackageFiles, packageDirs } from '../shared/packages/install.ts';
import type { PackageInstallReport, PackageSet } from '../protocol/packages.ts';
import {
  RUNNER_PROTOCOL_VERSION,
  TAINTED_PREFIX,
  type BlockingMode,
  type LoadProgress,
  type OutputChunk,
  type PauseContext,
  type RunRequest,
  type RunResult,
  type RunnerApi,
  type RunnerCallbacks,
  type RunnerInfo,
  type RunnerInitOptions,
  type RunProgress,
  type SyntaxCheck,
} from '../protocol/runner.ts';

/** Where the runner's Python root (workers/runner/py) is installed, first on sys.path. */
export const PY_ROOT = '/heal';

type PyCallable = ((...args: unknown[]) => unknown) & { callPromising(...args: unknown[]): Promise<unknown> };

/** The result of a run during which Python died; output comes from the client's copy. */
function crashResult(py: PyodideAPI, request: RunRequest, kind: 'stack-overflow' | 'fatal', error: unknown, durationMs: number): RunResult {
  let report;
  if (kind === 'stack-overflow') {
    report = recursionReport(pythonFramesAfterFatal(py), USER_FILENAME, request.code);
  } else {
    const message = `Python failed fatally (${errorText(error).split('\n')[0]})`;
    report = { type: 'FatalError', message, traceback: [], formatted: `FatalError: ${message}\n` };
  }
  return {
    status: 'error',
    stdout: '',
    stderr: '',
    truncated: false,
    heals: [],
    durationMs,
    pausedMs: 0,
    error: report,
    crashed: true,
  };
}

const USER_FILENAME = 'main.py';

export function createRunnerApi(host: PythonHost): RunnerApi {
  let pyodide: PyodideAPI | undefined;
  let runPy: PyCallable | undefined;
  let checkSyntaxPy: ((code: string) => string) | undefined;
  let invalidateImportCaches: (() => void) | undefined;
  let files: FsBaseline | undefined;
  let preparePackages: ((modulesJson: string) => string) | undefined;
  const preloaded = new Set<string>();
  let blocking: BlockingMode = 'report-only';
  let channel: SharedArrayBuffer | undefined;
  let interrupt: Int32Array | undefined;
  let restorePy: (() => string) | undefined;
  // A stopped run answers before the interpreter is put back; every later call waits for it.
  let restoring: Promise<void> = Promise.resolve();
  // What that late restore could not put back: the next health check says so (the client replaces the worker).
  let lateTaint: string[] | undefined;

  function load(options: RunnerInitOptions, report: (p: LoadProgress) => void): Promise<Loaded> {
    return loadPython(host, options, 'Python', {
      snapshotBytes: (loadedBytes, totalBytes) => report({ stage: 'download-snapshot', loadedBytes, totalBytes }),
      starting: () => report({ stage: 'start-python' }),
    });
  }

  // A real stack switch, not can_run_sync(): a snapshot made without JSPI
  // (e.g. in Node) still answers can_run_sync() True but cannot suspend.
  async function detectJspi(py: PyodideAPI): Promise<boolean> {
    if (typeof (WebAssembly as unknown as { Suspending?: unknown }).Suspending !== 'function') return false;
    try {
      const probe = 'from pyodide.ffi import run_sync\nfrom js import Promise\nrun_sync(Promise.resolve(7))';
      return (await py.runPythonAsync(probe)) === 7;
    } catch {
      return false;
    }
  }

  function chooseBlocking(jspi: boolean, options: RunnerInitOptions): BlockingMode {
    const available: BlockingMode[] = [];
    if (jspi) available.push('jspi');
    if (options.channel) available.push('atomics');
    available.push('report-only');
    if (options.preferBlocking && available.includes(options.preferBlocking)) return options.preferBlocking;
    return available[0]!;
  }

  function makeHost(callbacks: RunnerCallbacks) {
    const ignore = () => {};
    const answered = (promise: Promise<unknown>) => promise.then((value) => JSON.stringify(value));
    return {
      output(batchJson: string, truncated: boolean) {
        void Promise.resolve(callbacks.output(JSON.parse(batchJson) as OutputChunk[], truncated)).catch(ignore);
      },
      progress(progressJson: string) {
        void Promise.resolve(callbacks.progress?.(JSON.parse(progressJson) as RunProgress)).catch(ignore);
      },
      pause(contextJson: string): string | Promise<string> {
        const context = JSON.parse(contextJson) as PauseContext;
        if (blocking === 'jspi') return answered(callbacks.pause(context));
        void callbacks.pause(context).catch(ignore);
        if (blocking === 'atomics') return waitForAnswer(channel!);
        return JSON.stringify({ action: 'raise' });
      },
      /** time.sleep: woken at once by Stop (the interrupt buffer is notified) where memory is shared. */
      sleep(seconds: number): undefined | Promise<void> {
        const ms = Math.max(0, seconds * 1000);
        if (interrupt) {
          // Waits only while no interrupt is pending; Python raises KeyboardInterrupt right after.
          Atomics.wait(interrupt, 0, 0, ms);
          return undefined;
        }
        if (blocking === 'jspi') return new Promise((resolve) => setTimeout(resolve, ms));
        const end = performance.now() + ms; // report-only: Stop replaces the worker anyway
        while (performance.now() < end) {
          /* wait */
        }
        return undefined;
      },
      ask_input(prompt: string): string | Promise<string> {
        if (blocking === 'jspi') return answered(callbacks.input(prompt));
        if (blocking === 'atomics') {
          void callbacks.input(prompt).catch(ignore);
          return waitForAnswer(channel!);
        }
        return JSON.stringify({ eof: true });
      },
    };
  }

  /** The interpreter, then the files, back as before the first run. */
  function restoreNow(result: RunResult): void {
    if (!restorePy) return;
    const report = JSON.parse(restorePy()) as { restoreMs?: number; tainted?: string[] };
    result.restoreMs = report.restoreMs;
    if (report.tainted) result.tainted = [...(result.tainted ?? []), ...report.tainted];
    restoreFiles(result);
  }

  /** Files and the working directory back as before the first run (Python's state is back already). */
  function restoreFiles(result: RunResult): void {
    if (!pyodide || !files) return;
    const started = performance.now();
    const report = files.restore(pyodide.FS);
    if (report.changed.length) invalidateImportCaches?.(); // a removed module file must not be found again
    if (report.unrestorable.length) {
      result.tainted = [...(result.tainted ?? []), `files that cannot be put back: ${report.unrestorable.slice(0, 5).join(', ')}`];
    }
    result.restoreMs = (result.restoreMs ?? 0) + Math.round((performance.now() - started) * 1000) / 1000;
  }

  return {
    async init(options, progress) {
      const report = (p: LoadProgress) => void Promise.resolve(progress?.(p)).catch(() => {});
      if (options.protocolVersion !== RUNNER_PROTOCOL_VERSION) {
        throw new Error(`runner protocol ${options.protocolVersion} requested, worker speaks ${RUNNER_PROTOCOL_VERSION}`);
      }
      const started = performance.now();
      let { py, fromSnapshot, snapshotError } = await load(options, report);
      let jspi = await detectJspi(py);
      if (fromSnapshot && !jspi && typeof (WebAssembly as unknown as { Suspending?: unknown }).Suspending === 'function') {
        // The snapshot lost JSPI that this runtime has: a slower start beats no resume.
        ({ py, fromSnapshot } = await load({ ...options, snapshot: null }, report));
        snapshotError = 'snapshot was made without JSPI support; loaded without it';
        jspi = await detectJspi(py);
      }
      // C-level writes only (a fatal error's report): the program's output goes through
      // streams.py. Through JS: a worker started from a snapshot has no usable descriptors.
      py.setStdout({ batched: (line) => console.log(`[runner] ${line}`) });
      py.setStderr({ batched: (line) => console.error(`[runner] ${line}`) });
      report({ stage: 'install-modules' });
      installPython(py, PY_ROOT, await host.pythonSources());
      const module = py.pyimport('_heal_runner.runner') as unknown as {
        run: PyCallable;
        check_syntax: (code: string) => string;
        restore_pending: () => string;
      };
      runPy = module.run;
      restorePy = module.restore_pending;
      checkSyntaxPy = module.check_syntax;
      invalidateImportCaches = (py.pyimport('_heal_runner.interpreter_baseline') as unknown as { files_changed: () => void }).files_changed;
      preparePackages = (py.pyimport('_heal_runner.packages') as unknown as { prepare: (modulesJson: string) => string }).prepare;
      files = FsBaseline.take(py.FS); // what every run's files are put back to
      if (options.interruptBuffer) py.setInterruptBuffer(options.interruptBuffer);
      interrupt = options.interruptBuffer;
      channel = options.channel;
      blocking = chooseBlocking(jspi, options);
      pyodide = py;
      const info: RunnerInfo = {
        pythonVersion: pythonVersion(py),
        pyodideVersion: py.version,
        blocking,
        jspi,
        interruptible: Boolean(options.interruptBuffer),
        fromSnapshot,
        loadMs: Math.round(performance.now() - started),
      };
      if (snapshotError) info.snapshotError = snapshotError;
      report({ stage: 'ready' });
      return info;
    },

    async run(request: RunRequest, callbacks: RunnerCallbacks): Promise<RunResult> {
      if (!pyodide || !runPy) throw new Error('Python is not loaded yet');
      await restoring;
      const host = makeHost(callbacks);
      const requestJson = JSON.stringify(request);
      const started = performance.now();
      let resultJson: unknown;
      try {
        // JSPI only works when Python was entered asynchronously (callPromising). The
        // interpreter is put back by restoreNow() below (later for a stopped run).
        resultJson = blocking === 'jspi' ? await runPy.callPromising(host, requestJson, false) : runPy(host, requestJson, false);
      } catch (error) {
        const kind = fatalKind(error);
        if (!kind) throw error;
        await Promise.resolve(callbacks.output([], false)).catch(() => {});
        return crashResult(pyodide, request, kind, error, performance.now() - started);
      }
      // Callbacks travel on their own port: a round trip on it guarantees the
      // main thread has seen every output batch and pause before the result.
      const result = JSON.parse(String(resultJson)) as RunResult;
      const stopped = result.status === 'stopped';
      if (!stopped) restoreNow(result);
      await callbacks.output([], false);
      result.heapBytes = heapBytes(pyodide);
      if (stopped) {
        // Stop is answered first (the timer fires after this answer is posted): putting the
        // interpreter and files back (tens of ms) follows before any other call of this worker
        // runs, and what it cannot undo, the next health check reports.
        restoring = new Promise<void>((resolve) =>
          setTimeout(() => {
            const late: RunResult = { ...result, tainted: undefined };
            restoreNow(late);
            if (late.tainted?.length) lateTaint = late.tainted;
            resolve();
          }, 0),
        );
      }
      return result;
    },

    async ping() {
      if (!pyodide) throw new Error('Python is not loaded yet');
      await restoring;
      if (lateTaint) throw new Error(`${TAINTED_PREFIX}${lateTaint.join('; ')}`);
      return pyodide.runPython('1') === 1;
    },

    async installPackages(set: PackageSet): Promise<PackageInstallReport> {
      if (!pyodide || !preparePackages) throw new Error('Python is not loaded yet');
      const started = performance.now();
      const { installed, failed } = await installPackageFiles(pyodide, set.files);
      const preload = set.preload.filter((module) => !preloaded.has(module));
      let preloadErrors: PackageInstallReport['preloadErrors'] = [];
      if (installed.length || preload.length) {
        // Imported now and part of the clean state from here on: runs keep them (interpreter
        // and files), instead of removing them after each run.
        preloadErrors = (JSON.parse(preparePackages(JSON.stringify(preload))) as { errors: PackageInstallReport['preloadErrors'] }).errors;
        const failedModules = new Set(preloadErrors.map((e) => e.module));
        for (const module of preload) if (!failedModules.has(module)) preloaded.add(module);
        files = FsBaseline.take(pyodide.FS, { noContents: packageDirs(pyodide) });
      }
      return { installed, failed, preloadErrors, ms: Math.round(performance.now() - started) };
    },

    async checkSyntax(code: string): Promise<SyntaxCheck> {
      if (!checkSyntaxPy) throw new Error('Python is not loaded yet');
      await restoring;
      return JSON.parse(checkSyntaxPy(code)) as SyntaxCheck;
    },
  };
}
