// Where package files live between visits: Cache Storage ("heal-packages-v1"), one entry per
// file URL, with what it is (name, version, sha256, size) in a header. The page writes it after a
// file passed its sha256 check and checks the bytes again on every read (store.ts): any
// same-origin code can write Cache Storage (a program's `js.caches`), so an entry proves nothing
// by being there. The lock of a self-hosted index and PyPI's answers are kept here too, for
// offline runs. Tests use memoryPackageCache().

export const PACKAGE_CACHE = 'heal-packages-v1';

export type CachedKind = 'file' | 'lock' | 'pypi-json';

export interface CacheMeta {
  kind: CachedKind;
  /** Distribution name (files), the index URL (lock), the project (PyPI answers). */
  name: string;
  version?: string;
  fileName?: string;
  sha256?: string;
  source?: 'index' | 'pypi';
  size: number;
  storedAt: number;
}

export interface CachedEntry {
  url: string;
  meta: CacheMeta;
}

export interface PackageCache {
  get(url: string): Promise<{ bytes: Uint8Array; meta: CacheMeta } | undefined>;
  put(url: string, bytes: Uint8Array, meta: CacheMeta): Promise<void>;
  delete(url: string): Promise<boolean>;
  list(): Promise<CachedEntry[]>;
}

const META_HEADER = 'x-heal-package';

function readMeta(value: string | null): CacheMeta | undefined {
  if (!value) return undefined;
  try {
    const meta = JSON.parse(value) as CacheMeta;
    return typeof meta === 'object' && meta && typeof meta.name === 'string' && typeof meta.size === 'number' ? meta : undefined;
  } catch {
    return undefined;
  }
}

/** The part of the Cache Storage API used here. */
export interface CacheStorageLike {
  open(name: string): Promise<{
    match(url: string): Promise<Response | undefined>;
    put(url: string, response: Response): Promise<void>;
    delete(url: string): Promise<boolean>;
    keys(): Promise<readonly { url: string }[]>;
  }>;
}

export function cacheStoragePackageCache(storage: CacheStorageLike, name = PACKAGE_CACHE): PackageCache {
  const open = () => storage.open(name);
  return {
    async get(url) {
      const hit = await (await open()).match(url);
      const meta = readMeta(hit?.headers.get(META_HEADER) ?? null);
      if (!hit || !meta) return undefined;
      return { bytes: new Uint8Array(await hit.arrayBuffer()), meta };
    },
    async put(url, bytes, meta) {
      const headers = { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.byteLength), [META_HEADER]: JSON.stringify(meta) };
      await (await open()).put(url, new Response(bytes as Uint8Array<ArrayBuffer>, { headers }));
    },
    async delete(url) {
      return (await open()).delete(url);
    },
    async list() {
      const cache = await open();
      const entries: CachedEntry[] = [];
      for (const request of await cache.keys()) {
        const meta = readMeta((await cache.match(request.url))?.headers.get(META_HEADER) ?? null);
        if (meta) entries.push({ url: request.url, meta });
      }
      return entries;
    },
  };
}

/** A cache in memory (tests; browsers without Cache Storage: packages load again each visit). */
export function memoryPackageCache(): PackageCache & { entries: Map<string, { bytes: Uint8Array; meta: CacheMeta }> } {
  const entries = new Map<string, { bytes: Uint8Array; meta: CacheMeta }>();
  return {
    entries,
    async get(url) {
      const hit = entries.get(url);
      return hit && { bytes: hit.bytes.slice(), meta: { ...hit.meta } };
    },
    async put(url, bytes, meta) {
      entries.set(url, { bytes: bytes.slice(), meta: { ...meta } });
    },
    async delete(url) {
      return entries.delete(url);
    },
    async list() {
      return [...entries].map(([url, { meta }]) => ({ url, meta: { ...meta } }));
    },
  };
}
