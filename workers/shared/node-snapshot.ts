// A Pyodide memory snapshot for Node hosts (tests, benchmarks, batch tools): workers start
// from it in well under a second instead of a cold load of several seconds — which matters
// because every executor request gets a fresh worker. Made once and cached in
// node_modules/.cache (keyed by the Pyodide and Node versions), so later processes skip it.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { loadPyodide, version } from 'pyodide';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * Standard-library modules the workers import at start-up (runner, executor, analysis): in the
 * snapshot they are already imported, so a fresh worker does not read them from the zip again.
 */
const PRELOAD =
  'import ast, pickle, json, traceback, linecache, contextlib, io, reprlib, base64, types, time, weakref, ' +
  'copyreg, keyword, difflib, tokenize, dataclasses, collections, datetime, decimal, fractions, pathlib, re, uuid, ' +
  'enum, math, shutil, os, importlib, importlib.abc, importlib.util, signal, textwrap, typing, copy, array';
const recipe = createHash('sha256').update(PRELOAD).digest('hex').slice(0, 12);
const cacheFile = join(repoRoot, 'node_modules/.cache/heal-tests', `pyodide-${version}-node-${process.versions.node}-${recipe}.snapshot`);
let made: Promise<string> | undefined;

async function make(): Promise<string> {
  const py = await loadPyodide({ indexURL: join(repoRoot, 'node_modules/pyodide'), _makeSnapshot: true } as Parameters<typeof loadPyodide>[0]);
  py.runPython(PRELOAD);
  const bytes = (py as unknown as { makeMemorySnapshot(): Uint8Array }).makeMemorySnapshot();
  await mkdir(dirname(cacheFile), { recursive: true });
  const partial = `${cacheFile}.${process.pid}`;
  await writeFile(partial, bytes);
  await rename(partial, cacheFile); // atomic: parallel processes never read half a file
  return cacheFile;
}

/** The snapshot file's path (made on first use). */
export function nodeSnapshotPath(): Promise<string> {
  made ??= existsSync(cacheFile) ? Promise.resolve(cacheFile) : make();
  return made;
}

export async function nodeSnapshot(): Promise<Uint8Array> {
  return new Uint8Array(await readFile(await nodeSnapshotPath()));
}
