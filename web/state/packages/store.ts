// Package files for the page: the index's lock, and each file downloaded (with progress, after
// a storage quota check) or read from the cache, and in both cases checked against the sha256 the
// lock (or PyPI's answer) gives before anyone uses it. A file that does not match is refused with
// a clear error and never cached; a cached copy that does not match is deleted and fetched
// again. Verified files stay in memory for the page's life, so later runs cost nothing.
// Host-agnostic (fetch, cache and quota are injected): the same code runs in Node tests.
import { DEFAULT_PACKAGE_BASE_URL, LOCK_FILE, PYODIDE_ABI_VERSION, PYODIDE_PYTHON, normalizeBaseUrl } from '../../../workers/shared/packages/defaults.ts';
import { LockError, LockIndex, lockIncompatibility, parseLock, type LockPackage } from '../../../workers/shared/packages/lock.ts';
import { sha256Hex } from '../../../workers/shared/packages/sha256.ts';
import type { PackageFile } from '../../../workers/protocol/packages.ts';
import { errorText } from '../../../workers/shared/async.ts';
import { formatBytes, type QuotaCheck } from '../storage-quota.ts';
import type { CacheMeta, PackageCache } from './cache.ts';
import { PypiError, type PypiRelease } from './pypi.ts';

export type PackageErrorKind = 'integrity' | 'missing-file' | 'network' | 'quota' | 'lock' | 'cancelled';

export class PackageError extends Error {
  override name = 'PackageError';
  constructor(
    message: string,
    readonly kind: PackageErrorKind,
    readonly packageName?: string,
  ) {
    super(message);
  }
}

export interface PackageProgress {
  name: string;
  version: string;
  loadedBytes: number;
  /** From Content-Length; undefined when the server did not say. */
  totalBytes?: number;
  /** This file's place among the files of this load (1-based) and how many there are. */
  index: number;
  count: number;
}

export type Fetcher = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface StoreOptions {
  /** The package index's base URL (its pyodide-lock.json and files). */
  indexUrl: string;
  /** PyPI's JSON API, or null: no installs from PyPI. */
  pypiUrl: string | null;
  fetch: Fetcher;
  cache: PackageCache;
  /**
   * The lock of the default index without the network: it equals the npm package's
   * pyodide-lock.json, which the page serves itself (precached and checked by the service worker).
   */
  localLock?(): Promise<string>;
  /** Storage check before a download of this many bytes (web/state/storage-quota.ts). */
  quota?(bytes: number, what: string): Promise<QuotaCheck>;
}

/** A file to load: from the lock, or a PyPI release. */
export interface PackageToLoad {
  name: string;
  version: string;
  fileName: string;
  url: string;
  sha256: string;
  installDir: 'site' | 'dynlib';
  source: 'index' | 'pypi';
}

export function fromLock(entry: LockPackage, indexUrl: string): PackageToLoad {
  return {
    name: entry.name,
    version: entry.version,
    fileName: entry.file_name,
    url: new URL(entry.file_name, indexUrl).href,
    sha256: entry.sha256,
    installDir: entry.install_dir === 'dynlib' ? 'dynlib' : 'site',
    source: 'index',
  };
}

export function fromPypi(release: PypiRelease): PackageToLoad {
  return {
    name: release.project,
    version: release.version,
    fileName: release.fileName,
    url: release.url,
    sha256: release.sha256,
    installDir: 'site',
    source: 'pypi',
  };
}

export interface LoadedFile extends PackageFile {
  bytes: ArrayBuffer;
  /** Read from the cache (checked) rather than downloaded. */
  fromCache: boolean;
  /** Already verified earlier in this page's life (nothing was read). */
  reused?: boolean;
}

function abortedError(): PackageError {
  return new PackageError('loading packages was stopped', 'cancelled');
}

/** A response body as bytes, reporting each chunk. */
async function readBody(response: Response, progress: (loaded: number) => void, signal?: AbortSignal): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let loaded = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (signal?.aborted) throw abortedError();
      parts.push(chunk.value);
      loaded += chunk.value.byteLength;
      progress(loaded);
    }
  } finally {
    if (signal?.aborted) void reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

export class PackageStore {
  readonly indexUrl: string;
  readonly pypiUrl: string | null;
  private lockPromise: Promise<LockIndex> | undefined;
  /** Verified files by URL and sha256 (what a run needs again costs nothing). */
  private readonly verified = new Map<string, LoadedFile>();
  private readonly pypiAnswers = new Map<string, unknown>();

  constructor(private readonly options: StoreOptions) {
    this.indexUrl = normalizeBaseUrl(options.indexUrl);
    this.pypiUrl = options.pypiUrl ? normalizeBaseUrl(options.pypiUrl) : null;
  }

  get isDefaultIndex(): boolean {
    return this.indexUrl === DEFAULT_PACKAGE_BASE_URL;
  }

  /** The index's lock (once per store): the local copy for the default index, else network first, then the cached copy. */
  lock(): Promise<LockIndex> {
    this.lockPromise ??= this.loadLock();
    this.lockPromise.catch(() => {
      this.lockPromise = undefined;
    }); // a failure is not remembered: retry next run
    return this.lockPromise;
  }

  private async loadLock(): Promise<LockIndex> {
    const where = `the package index ${this.indexUrl}`;
    let text: string | undefined;
    let networkError: string | undefined;
    if (this.isDefaultIndex && this.options.localLock) {
      text = await this.options.localLock();
    } else {
      const url = new URL(LOCK_FILE, this.indexUrl).href;
      try {
        const response = await this.options.fetch(url);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const bytes = new Uint8Array(await response.arrayBuffer());
        text = new TextDecoder().decode(bytes);
        parseLock(text, where); // only a readable lock is kept for offline use
        await this.options.cache.put(url, bytes, { kind: 'lock', name: this.indexUrl, size: bytes.byteLength, storedAt: Date.now() }).catch(() => {});
      } catch (error) {
        if (error instanceof LockError) throw new PackageError(error.message, 'lock');
        networkError = errorText(error);
        const cached = await this.options.cache.get(url).catch(() => undefined);
        if (!cached) {
          throw new PackageError(`${where} could not be reached (${networkError}) and its list of packages is not cached yet`, 'network');
        }
        text = new TextDecoder().decode(cached.bytes);
      }
    }
    let lock;
    try {
      lock = parseLock(text, where);
    } catch (error) {
      throw new PackageError(errorText(error), 'lock');
    }
    const incompatible = lockIncompatibility(lock, { abi: PYODIDE_ABI_VERSION, python: PYODIDE_PYTHON });
    if (incompatible) throw new PackageError(`${where} cannot serve this Pyodide: ${incompatible}`, 'lock');
    return new LockIndex(lock);
  }

  /**
   * The files, in the order given (dependencies first), each verified; the first failure
   * rejects with a PackageError naming the package (files before it stay loaded and cached).
   */
  async load(packages: readonly PackageToLoad[], onProgress?: (progress: PackageProgress) => void, signal?: AbortSignal): Promise<LoadedFile[]> {
    const loaded: LoadedFile[] = [];
    for (const [i, item] of packages.entries()) {
      if (signal?.aborted) throw abortedError();
      loaded.push(
        await this.file(
          item,
          (loadedBytes, totalBytes) =>
            onProgress?.({
              name: item.name,
              version: item.version,
              loadedBytes,
              totalBytes,
              index: i + 1,
              count: packages.length,
            }),
          signal,
        ),
      );
    }
    return loaded;
  }

  /** One file: in memory, in the cache (checked), or downloaded (checked, then cached). */
  async file(item: PackageToLoad, progress?: (loadedBytes: number, totalBytes?: number) => void, signal?: AbortSignal): Promise<LoadedFile> {
    const key = `${item.url}#${item.sha256}`;
    const known = this.verified.get(key);
    if (known) return { ...known, reused: true };
    const cached = await this.options.cache.get(item.url).catch(() => undefined);
    if (cached) {
      if ((await sha256Hex(cached.bytes)) === item.sha256) return this.remember(key, item, cached.bytes, true);
      // Changed in the cache since it was verified (any same-origin code can write there): not used.
      await this.options.cache.delete(item.url).catch(() => false);
    }
    const label = `${item.name} ${item.version}`;
    let response: Response;
    try {
      response = await this.options.fetch(item.url, { signal });
    } catch (error) {
      if (signal?.aborted) throw abortedError();
      throw new PackageError(`${label} could not be downloaded from ${item.url} (${errorText(error)})`, 'network', item.name);
    }
    if (response.status === 404) {
      throw new PackageError(
        `${label}: the index lists ${item.fileName}, but ${new URL(item.url).host} has no such file (HTTP 404)`,
        'missing-file',
        item.name,
      );
    }
    if (!response.ok) throw new PackageError(`${label} could not be downloaded from ${item.url} (HTTP ${response.status})`, 'network', item.name);
    const total = Number(response.headers.get('content-length')) || undefined;
    if (total !== undefined && this.options.quota) {
      const check = await this.options.quota(total, `${label} (${formatBytes(total)})`);
      if (!check.ok) {
        void response.body?.cancel().catch(() => {});
        throw new PackageError(check.message, 'quota', item.name);
      }
    }
    progress?.(0, total);
    const bytes = await readBody(response, (loaded) => progress?.(loaded, total), signal);
    const actual = await sha256Hex(bytes);
    if (actual !== item.sha256) {
      throw new PackageError(
        `${label} failed its integrity check: ${item.fileName} has sha256 ${actual.slice(0, 12)}…, ` +
          `the index says ${item.sha256.slice(0, 12)}…. It was not installed and not cached.`,
        'integrity',
        item.name,
      );
    }
    const meta: CacheMeta = {
      kind: 'file',
      name: item.name,
      version: item.version,
      fileName: item.fileName,
      sha256: item.sha256,
      source: item.source,
      size: bytes.byteLength,
      storedAt: Date.now(),
    };
    await this.options.cache.put(item.url, bytes, meta).catch(() => {}); // a full cache only costs the next visit a download
    return this.remember(key, item, bytes, false);
  }

  private remember(key: string, item: PackageToLoad, bytes: Uint8Array, fromCache: boolean): LoadedFile {
    const buffer =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
    const file: LoadedFile = {
      name: item.name,
      version: item.version,
      fileName: item.fileName,
      installDir: item.installDir,
      sha256: item.sha256,
      source: item.source,
      bytes: buffer,
      fromCache,
    };
    this.verified.set(key, file);
    return file;
  }

  private pypiJsonUrl(project: string): string {
    if (!this.pypiUrl) throw new PypiError(project, 'installs from PyPI are switched off', 'invalid');
    return new URL(`${encodeURIComponent(project)}/json`, this.pypiUrl).href;
  }

  /** Whether PyPI's answer for a project is cached: the user agreed to install it before. */
  async pypiRemembered(project: string): Promise<boolean> {
    if (!this.pypiUrl) return false;
    return (await this.options.cache.get(this.pypiJsonUrl(project)).catch(() => undefined)) !== undefined;
  }

  /** PyPI's JSON answer for a project: the cached one (what the user agreed to), else the network. */
  async pypiJson(project: string): Promise<unknown> {
    const url = this.pypiJsonUrl(project);
    if (this.pypiAnswers.has(url)) return this.pypiAnswers.get(url);
    const cached = await this.options.cache.get(url).catch(() => undefined);
    let bytes = cached?.bytes;
    if (!bytes) {
      let response: Response;
      try {
        response = await this.options.fetch(url);
      } catch (error) {
        throw new PypiError(project, `PyPI could not be reached for ${project} (${errorText(error)})`, 'network');
      }
      if (response.status === 404) throw new PypiError(project, `there is no project named ${project} on PyPI`, 'not-found');
      if (!response.ok) throw new PypiError(project, `PyPI answered HTTP ${response.status} for ${project}`, 'network');
      bytes = new Uint8Array(await response.arrayBuffer());
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new PypiError(project, `PyPI's answer for ${project} is not JSON`, 'invalid');
    }
    if (!cached) await this.options.cache.put(url, bytes, { kind: 'pypi-json', name: project, size: bytes.byteLength, storedAt: Date.now() }).catch(() => {});
    this.pypiAnswers.set(url, json);
    return json;
  }

  /** Forgets a PyPI project's answer (Settings → delete): the next import asks again. */
  async forgetPypi(project: string): Promise<void> {
    if (!this.pypiUrl) return;
    const url = this.pypiJsonUrl(project);
    this.pypiAnswers.delete(url);
    await this.options.cache.delete(url);
  }

  /** Drops what this page verified for a URL (after it was deleted from the cache). */
  forget(url: string): void {
    for (const key of [...this.verified.keys()]) if (key.startsWith(`${url}#`)) this.verified.delete(key);
  }
}
