// Node hosts of the Pyodide workers (worker_threads: tests, benchmarks, batch tools): the
// worker's Python read from its py/ folder with the shared package beside it, snapshots read
// from disk, the worker's API exposed on the thread's parent port.
import { parentPort, workerData } from 'node:worker_threads';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadPyodide } from 'pyodide';
import type { PythonHost } from './python-load.ts';

const workersDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A Python root: workers/<name>/py. Every worker installs 'shared' next to its own. */
export type PythonRoot = 'runner' | 'executor' | 'analysis' | 'shared';

export function pythonDir(root: PythonRoot): string {
  return join(workersDir, root, 'py');
}

/** The .py files under `dir` by path relative to `root`, leaving out tests and caches. */
export async function collectPython(dir: string, root = dir, out: Record<string, string> = {}): Promise<Record<string, string>> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'tests' && entry.name !== '__pycache__') await collectPython(path, root, out);
    else if (entry.isFile() && entry.name.endsWith('.py')) out[relative(root, path)] = await readFile(path, 'utf8');
  }
  return out;
}

/** What a worker installs: its own Python root and the shared package, by path relative to the root. */
export async function workerPythonSources(root: PythonRoot): Promise<Record<string, string>> {
  const own = await collectPython(pythonDir(root));
  // The executor also runs look-aheads of the program (_heal_runner/lookahead.py).
  if (root === 'executor') Object.assign(own, await collectPython(join(pythonDir('runner'), '_heal_runner'), pythonDir('runner')));
  return root === 'shared' ? own : { ...own, ...(await collectPython(pythonDir('shared'))) };
}

export function nodePythonHost(root: PythonRoot, load: PythonHost['loadPyodide'] = (options) => loadPyodide(options)): PythonHost {
  return {
    loadPyodide: load,
    pythonSources: () => workerPythonSources(root),
    readSnapshot: async (path) => new Uint8Array(await readFile(path)),
  };
}

/** What the client handed this host (spawnNodeWorker's `data`). */
export function hostData<T>(): T | undefined {
  return (workerData as { data?: T } | null)?.data;
}

/** Serves a worker's API to the thread that started this one. */
export function exposeToParent(api: object): void {
  Comlink.expose(api, nodeEndpoint(parentPort!));
}
