// A Pyodide memory snapshot for Node tests: tests that restart workers on
// purpose (crash, memory ceiling, watchdog) start each new worker from it in
// well under a second instead of a cold load of several seconds. Made once and
// cached in node_modules/.cache (keyed by the Pyodide version), so later test
// files and runs skip making it.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPyodide, version } from 'pyodide';
import { repoRoot } from './pyodide-node.ts';

const cacheFile = join(repoRoot, 'node_modules/.cache/heal-tests', `pyodide-${version}-node-${process.versions.node}.snapshot`);
let made: Promise<Uint8Array> | undefined;

async function make(): Promise<Uint8Array> {
  const py = await loadPyodide({ indexURL: join(repoRoot, 'node_modules/pyodide'), _makeSnapshot: true } as Parameters<typeof loadPyodide>[0]);
  const bytes = (py as unknown as { makeMemorySnapshot(): Uint8Array }).makeMemorySnapshot();
  await mkdir(join(cacheFile, '..'), { recursive: true });
  const partial = `${cacheFile}.${process.pid}`;
  await writeFile(partial, bytes);
  await rename(partial, cacheFile); // atomic: parallel test files never read half a file
  return bytes;
}

export function nodeSnapshot(): Promise<Uint8Array> {
  made ??= readFile(cacheFile).then((buffer) => new Uint8Array(buffer), make);
  return made;
}
