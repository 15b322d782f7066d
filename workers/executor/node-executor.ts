// Executor client for Node (tests, benchmarks, batch tools): each worker is a worker_threads
// thread running executor.node-worker.ts, used for one request. Node has no
// equivalent of the browser's sandboxed frame: the network globals are removed, but code
// that switches the Python guards off can reach Node through `js` (see README, threat model).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodePyodideDir, spawnNodeWorker } from '../shared/spawn.node.ts';
import { nodeSnapshotPath } from '../shared/node-snapshot.ts';
import type { WorkerHandle } from '../shared/worker-handle.ts';
import { ExecutorClient, type ExecutorClientOptions } from './client.ts';

let compiled: { module: WebAssembly.Module; bytes: number } | undefined;

/** Pyodide's WebAssembly, compiled once per process and handed to every executor worker. */
function pyodideWasm(): { module: WebAssembly.Module; bytes: number } {
  if (!compiled) {
    const bytes = readFileSync(join(nodePyodideDir, 'pyodide.asm.wasm'));
    compiled = { module: new WebAssembly.Module(bytes), bytes: bytes.byteLength };
  }
  return compiled;
}

export function spawnNodeExecutorWorker(): WorkerHandle {
  return spawnNodeWorker(new URL('./executor.node-worker.ts', import.meta.url), { pyodideWasm: pyodideWasm() });
}

export function createNodeExecutor(options: Partial<ExecutorClientOptions> = {}): ExecutorClient {
  return new ExecutorClient({
    spawn: spawnNodeExecutorWorker,
    indexURL: nodePyodideDir,
    // Each request boots a fresh worker: start them from a snapshot (made once, cached on disk).
    snapshot: nodeSnapshotPath,
    isolation: 'worker',
    ...options,
  });
}
