// What the service worker precaches: every file of the build output that the app
// needs offline (app shell, chunks, workers, Pyodide runtime and snapshot), named
// relative to the service worker's scope, plus a version derived from the contents
// so a new build installs a new cache and the page can offer the update.

import { createHash } from 'node:crypto';

export interface BuiltFile {
  /** Path relative to the build output, with forward slashes. */
  path: string;
  bytes: Uint8Array;
}

/** Not precached: the service worker itself, source maps, the benchmark page and its chunks. */
export function shouldPrecache(path: string, swFileName = 'sw.js'): boolean {
  if (path === swFileName || path.endsWith('.map')) return false;
  if (path.startsWith('bench/') || /(^|\/)benchRuntime[-.]/.test(path)) return false;
  if (path.split('/').some((part) => part.startsWith('.'))) return false;
  return true;
}

export interface PrecacheManifest {
  version: string;
  /** URLs relative to the scope; index.html is listed as './' (the navigation URL). */
  urls: string[];
  bytes: number;
}

export function precacheManifest(files: readonly BuiltFile[], swFileName = 'sw.js'): PrecacheManifest {
  const kept = files.filter((f) => shouldPrecache(f.path, swFileName)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hash = createHash('sha256');
  let bytes = 0;
  for (const file of kept) {
    hash.update(file.path).update('\0').update(createHash('sha256').update(file.bytes).digest()).update('\0');
    bytes += file.bytes.length;
  }
  const urls = kept.map((f) => (f.path === 'index.html' ? './' : `./${f.path}`));
  return { version: hash.digest('hex').slice(0, 16), urls, bytes };
}
