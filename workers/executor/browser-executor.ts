// Browser host for the executor client. In the built site each request runs in a fresh
// sandboxed frame (sandbox-host.ts): an opaque origin with no network, storage or page.
// Under the Vite dev server the worker bundle is not a self-contained script, so the
// executor falls back to a plain module worker and says so (info.isolation 'worker').
import sandboxWorkerUrl from './executor.sandbox.worker.ts?worker&url';
import { ExecutorClient, type ExecutorClientOptions } from './client.ts';
import { createSandboxSpawner } from './sandbox-host.ts';
import { browserWorkerHandle, pyodideBaseUrl } from '../shared/spawn.browser.ts';
import type { WorkerHandle } from '../shared/worker-handle.ts';
import { classicWorkerSource } from './sandbox-source.ts';
import type { SandboxAssets } from './sandbox-files.ts';
import type { PackageFile } from '../protocol/packages.ts';

export function spawnBrowserExecutorWorker(): WorkerHandle {
  return browserWorkerHandle(new Worker(new URL('./executor.worker.ts', import.meta.url), { type: 'module', name: 'python-executor' }));
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/** The sandbox worker's script and Pyodide's files, fetched once from our own origin. */
export function loadSandboxAssets(useSnapshot: boolean): Promise<SandboxAssets> {
  const base = pyodideBaseUrl();
  const text = (url: string) => fetchOk(url).then((r) => r.text());
  const bytes = (url: string) => fetchOk(url).then((r) => r.arrayBuffer());
  return Promise.all([
    text(new URL(sandboxWorkerUrl, location.href).href),
    text(`${base}pyodide.asm.mjs`),
    bytes(`${base}pyodide.asm.wasm`),
    bytes(`${base}python_stdlib.zip`),
    text(`${base}pyodide-lock.json`),
    useSnapshot ? bytes(`${base}snapshot.bin`).catch(() => null) : null,
  ]).then(([worker, asm, wasm, stdlib, lock, snapshot]) => ({
    source: classicWorkerSource(worker, asm),
    files: { wasm, stdlib, lock, snapshot },
  }));
}

/**
 * The executor for the page: sandboxed frames from the snapshot (public/pyodide/snapshot.bin,
 * already in the HTTP cache when the runner used it), one warm spare. `useSnapshot: false`
 * does a plain load.
 */
export function createBrowserExecutor(options: Partial<ExecutorClientOptions> & { useSnapshot?: boolean } = {}): ExecutorClient {
  const { useSnapshot = true, ...rest } = options;
  let assets: Promise<SandboxAssets> | undefined;
  const loadAssets = () => (assets ??= loadSandboxAssets(useSnapshot));
  const sandboxed = !import.meta.env.DEV;
  if (!sandboxed) console.warn('Heal Playground (dev server): handling code runs in a plain worker, not in the sandboxed frame of the built site.');
  const spawner = sandboxed ? createSandboxSpawner({ assets: loadAssets }) : undefined;
  return new ExecutorClient({
    spawn: spawner ?? spawnBrowserExecutorWorker,
    // The frame keeps package files and copies them into each worker (no per-request copies here).
    ...(spawner
      ? {
          handOverPackages: (files: PackageFile[]) => spawner.addPackages(files.filter((f) => f.bytes).map((f) => ({ fileName: f.fileName, bytes: f.bytes! }))),
        }
      : {}),
    indexURL: pyodideBaseUrl(),
    // The sandboxed worker reads its snapshot from the files it was handed.
    snapshot: sandboxed ? (useSnapshot ? 'handed-over' : null) : useSnapshot ? `${pyodideBaseUrl()}snapshot.bin` : null,
    loadTimeoutMs: 60_000,
    isolation: sandboxed ? 'sandboxed-frame' : 'worker',
    ...rest,
  });
}
