// What the service worker precaches: every file of the build output that the app
// needs offline (app shell, chunks, workers, Pyodide runtime and snapshot), named
// relative to the service worker's scope, each with its SHA-256 (the worker verifies
// cached bytes against it before serving) and its Content-Type (the worker serves
// verified bytes with headers it sets itself, never with headers found in the cache),
// plus a version derived from the contents so a new build installs a new cache and the
// page can offer the update.

import { createHash } from 'node:crypto';
import type { PrecacheEntry } from './integrity.ts';

export interface BuiltFile {
  /** Path relative to the build output, with forward slashes. */
  path: string;
  bytes: Uint8Array;
}

/** Not precached: the service worker itself, source maps, the benchmark page and its chunks. */
export function shouldPrecache(path: string, swFileName = 'sw.js'): boolean {
  if (path === swFileName || path.endsWith('.map')) return false;
  if (path.startsWith('bench/') || /(^|\/)bench[A-Z]\w*[-.]/.test(path)) return false;
  if (path.split('/').some((part) => part.startsWith('.'))) return false;
  return true;
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  wasm: 'application/wasm',
  zip: 'application/zip',
  ttf: 'font/ttf',
  woff: 'font/woff',
  woff2: 'font/woff2',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  txt: 'text/plain; charset=utf-8',
};

/** The type a precached file is served with (Pyodide needs application/wasm for the .wasm). */
export function contentTypeOf(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

export interface PrecacheManifest {
  version: string;
  /** Sorted by path; index.html is listed as './' (the navigation URL), every URL relative to the scope. */
  entries: PrecacheEntry[];
  bytes: number;
}

export function precacheManifest(files: readonly BuiltFile[], swFileName = 'sw.js'): PrecacheManifest {
  const kept = files.filter((f) => shouldPrecache(f.path, swFileName)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const version = createHash('sha256');
  const entries: PrecacheEntry[] = [];
  let bytes = 0;
  for (const file of kept) {
    const digest = createHash('sha256').update(file.bytes).digest();
    version.update(file.path).update('\0').update(digest).update('\0');
    bytes += file.bytes.length;
    entries.push({ url: file.path === 'index.html' ? './' : `./${file.path}`, sha256: digest.toString('hex'), type: contentTypeOf(file.path) });
  }
  return { version: version.digest('hex').slice(0, 16), entries, bytes };
}
