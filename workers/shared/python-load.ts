// Starting a worker's Python, the same way in every Pyodide worker (runner, executor, analysis):
// from the memory snapshot when one is offered, bounded by a time limit and falling back to a
// plain load; then the worker's Python files installed under its root, first on sys.path.
// Host-agnostic: a PythonHost says how this host loads Pyodide and finds the files.

import type { PyodideAPI } from 'pyodide';
import { errorText, withTimeout } from './async.ts';

/** What a worker's host supplies (a module Web Worker, a Node worker thread, the sandboxed frame). */
export interface PythonHost {
  loadPyodide(options: { indexURL: string; _loadSnapshot?: Uint8Array }): Promise<PyodideAPI>;
  /**
   * The worker's Python files and the shared package, by path relative to its root
   * (e.g. "_heal_runner/runner.py", "_heal_common/parse_guard.py"), tests left out.
   */
  pythonSources(): Promise<Record<string, string>> | Record<string, string>;
  /** A snapshot given by URL or path, as bytes; `progress` hears of the bytes as they arrive. */
  readSnapshot(location: string, progress?: (loadedBytes: number, totalBytes?: number) => void): Promise<Uint8Array>;
}

export interface LoadOptions {
  /** Where pyodide.asm.wasm & co. live (URL in the browser, directory in Node). */
  indexURL: string;
  /** Memory snapshot to start from; null or a failed load falls back to a plain load. */
  snapshot?: Uint8Array | string | null;
  /** Give up each load attempt after this long (a wrong wasm MIME type hangs forever). */
  loadTimeoutMs?: number;
}

export interface Loaded {
  py: PyodideAPI;
  fromSnapshot: boolean;
  /** Why the snapshot was not used, when one was offered. */
  snapshotError?: string;
}

export interface LoadReport {
  /** Snapshot bytes downloaded so far. */
  snapshotBytes?(loadedBytes: number, totalBytes?: number): void;
  /** Python itself starts (before each attempt). */
  starting?(): void;
}

export const DEFAULT_LOAD_TIMEOUT_MS = 60_000;

/** Loads Pyodide: the snapshot first when offered, else (or when it fails) a plain load. `python` names it in errors ("the executor's Python"). */
export async function loadPython(host: PythonHost, options: LoadOptions, python: string, report: LoadReport = {}): Promise<Loaded> {
  const timeout = options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  let snapshotError: string | undefined;
  if (options.snapshot) {
    try {
      const bytes = typeof options.snapshot === 'string' ? await host.readSnapshot(options.snapshot, report.snapshotBytes) : options.snapshot;
      report.starting?.();
      const py = await withTimeout(host.loadPyodide({ indexURL: options.indexURL, _loadSnapshot: bytes }), timeout, `Loading ${python} from the snapshot`);
      return { py, fromSnapshot: true };
    } catch (error) {
      snapshotError = errorText(error);
    }
  }
  report.starting?.();
  const py = await withTimeout(
    host.loadPyodide({ indexURL: options.indexURL }),
    timeout,
    `Loading ${python} (check that .wasm files are served as application/wasm)`,
  );
  return { py, fromSnapshot: false, snapshotError };
}

/** Writes the sources under `root` and puts `root` first on sys.path; returns the top-level packages installed. */
export function installPython(py: PyodideAPI, root: string, sources: Record<string, string>): string[] {
  const packages = new Set<string>();
  for (const [path, text] of Object.entries(sources)) {
    const full = `${root}/${path}`;
    py.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
    py.FS.writeFile(full, text);
    if (path.includes('/')) packages.add(path.slice(0, path.indexOf('/')));
  }
  const quoted = JSON.stringify(root);
  py.runPython(`import sys\nif ${quoted} not in sys.path: sys.path.insert(0, ${quoted})`);
  return [...packages].sort();
}

/** Python's own version ("3.14.0"). */
export function pythonVersion(py: PyodideAPI): string {
  return String(py.runPython('import sys; sys.version.split()[0]'));
}
