// Integrity of the service worker's precache. Any same-origin code (the page, its
// workers, a stranger's Python program through Pyodide's `js` module) can write Cache
// Storage, and nothing tells the service worker when it does. So a cached copy is only
// served after its bytes hash to the SHA-256 that sw.js carries (computed at build time,
// web/offline/precache.ts), on every serve; a copy that fails is deleted and refetched.
// Runs in the service worker and in Node (tests): SubtleCrypto, fetch and a Cache-shaped
// store are all it needs.

export interface PrecacheEntry {
  /** Relative to the worker's scope in sw.js; absolute once the worker resolves it. */
  url: string;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  /** Content-Type it is served with. */
  type: string;
}

/** The part of the Cache API this module uses. */
export interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
}

export type Fetcher = (url: string, init?: RequestInit) => Promise<Response>;

export interface IntegrityDeps {
  cache: CacheLike;
  fetch: Fetcher;
}

export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * A response for verified bytes. The headers are the worker's own (the entry's type, the
 * length for download progress): headers stored in the cache are as writable as the bytes,
 * so none of them is trusted.
 */
export function verifiedResponse(bytes: ArrayBuffer, entry: PrecacheEntry): Response {
  return new Response(bytes, { status: 200, headers: { 'Content-Type': entry.type, 'Content-Length': String(bytes.byteLength) } });
}

export class IntegrityError extends Error {
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${url}: SHA-256 ${actual} does not match the build's ${expected}`);
    this.name = 'IntegrityError';
  }
}

export type ServeOutcome =
  /** The cached copy verified. */
  | 'cached'
  /** Missing or failing in the cache; the network copy verified and is cached again. */
  | 'repaired'
  /** The network copy does not match this worker's build either (e.g. a newer deploy): served, not cached. */
  | 'unverified'
  /** The network answered with an error status: passed through, not cached. */
  | 'network-error';

export interface Served {
  response: Response;
  outcome: ServeOutcome;
  /** A cached copy was there and failed verification (it has been deleted). */
  tampered: boolean;
}

/**
 * Serves one precached file: the cached copy if it verifies; otherwise the cached copy
 * is deleted and the file refetched, and put back only if the network copy verifies.
 * Rejects when the cache cannot supply a good copy and the network is unreachable.
 */
export async function serveVerified(entry: PrecacheEntry, deps: IntegrityDeps): Promise<Served> {
  let tampered = false;
  const hit = await deps.cache.match(entry.url);
  if (hit) {
    const bytes = await hit.arrayBuffer();
    if ((await sha256Hex(bytes)) === entry.sha256) return { response: verifiedResponse(bytes, entry), outcome: 'cached', tampered };
    tampered = true;
    await deps.cache.delete(entry.url);
  }
  // 'no-cache': revalidate, so an HTTP-cached copy of an older deploy is not taken for the file.
  const online = await deps.fetch(entry.url, { cache: 'no-cache' });
  if (!online.ok) return { response: online, outcome: 'network-error', tampered };
  const bytes = await online.arrayBuffer();
  if ((await sha256Hex(bytes)) !== entry.sha256) {
    return {
      response: new Response(bytes, { status: online.status, statusText: online.statusText, headers: online.headers }),
      outcome: 'unverified',
      tampered,
    };
  }
  await deps.cache.put(entry.url, verifiedResponse(bytes, entry));
  return { response: verifiedResponse(bytes, entry), outcome: 'repaired', tampered };
}

/**
 * Fills the precache at install: every file fetched past the HTTP cache, verified, then
 * stored. Any error status or mismatch rejects (with the IntegrityError / status), and the
 * caller fails the install: a worker whose hashes do not match what the host serves (a
 * half-finished deploy) must not take over.
 */
export async function installVerified(entries: readonly PrecacheEntry[], deps: IntegrityDeps, parallel = 4): Promise<void> {
  const queue = [...entries];
  let failure: unknown;
  const lane = async () => {
    for (let entry = queue.shift(); entry && failure === undefined; entry = queue.shift()) {
      try {
        const response = await deps.fetch(entry.url, { cache: 'reload' });
        if (!response.ok) throw new Error(`${entry.url}: HTTP ${response.status}`);
        const bytes = await response.arrayBuffer();
        const actual = await sha256Hex(bytes);
        if (actual !== entry.sha256) throw new IntegrityError(entry.url, entry.sha256, actual);
        await deps.cache.put(entry.url, verifiedResponse(bytes, entry));
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
  if (failure !== undefined) throw failure;
}
