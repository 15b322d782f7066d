// Browser hosts of the Pyodide workers (module Web Workers): the worker's Python is bundled
// by Vite from its py/ folder (each host's own import.meta.glob, which must be a literal),
// the shared package is added here, and snapshots are fetched with download progress.
import { loadPyodide } from 'pyodide';
import type { PythonHost } from './python-load.ts';

const shared = import.meta.glob(['./py/**/*.py', '!./py/**/tests/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** A glob of a worker's `./py/**` files, by path relative to py/, with the shared package beside them. */
export function workerPythonFiles(own: Record<string, string>): Record<string, string> {
  // './py/x.py' of the worker itself, '../runner/py/x.py' of another worker's package it also installs.
  const relativeToPy = (files: Record<string, string>) =>
    Object.fromEntries(Object.entries(files).map(([path, text]) => [path.replace(/^(?:\.\/|\.\.\/[a-z]+\/)py\//, ''), text]));
  return { ...relativeToPy(own), ...relativeToPy(shared) };
}

/** The snapshot's bytes, reporting each chunk as it arrives. */
export async function fetchSnapshot(url: string, progress?: (loadedBytes: number, totalBytes?: number) => void): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`snapshot ${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length')) || undefined;
  const parts: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    parts.push(chunk.value);
    loaded += chunk.value.byteLength;
    progress?.(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

export function browserPythonHost(files: Record<string, string>): PythonHost {
  return {
    loadPyodide: (options) => loadPyodide(options),
    pythonSources: () => files,
    readSnapshot: fetchSnapshot,
  };
}
