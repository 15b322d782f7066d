// A package index's pyodide-lock.json: what exists, which import names each package provides,
// what it depends on, and the sha256 every file is checked against before it is used.
// Resolution is ours (not Pyodide's loadPackage): the page fetches and verifies the files and
// hands the bytes to each worker, dependencies first.
import { LOCK_FILE } from './defaults.ts';

export interface LockPackage {
  name: string;
  version: string;
  file_name: string;
  /** 'site' (site-packages) or 'dynlib' (shared libraries, /usr/lib). */
  install_dir: string;
  sha256: string;
  package_type: string;
  imports: string[];
  /** Normalized names of other lock packages. */
  depends: string[];
}

export interface PackageLock {
  info: { abi_version?: string; python?: string; arch?: string; platform?: string };
  /** By normalized name. */
  packages: Record<string, LockPackage>;
}

export class LockError extends Error {
  override name = 'LockError';
}

/** PEP 503: lower case, runs of -, _ and . as one "-". */
export function normalizePackageName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

const SHA256 = /^[0-9a-f]{64}$/;
const FILE_NAME = /^[\w.+-]+$/; // a plain file name: never a path or a URL of another host

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

/** Reads a lock file's JSON (text or parsed); throws LockError naming what is wrong. */
export function parseLock(input: string | unknown, where = 'the package index'): PackageLock {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (error) {
      throw new LockError(`${where}: ${LOCK_FILE} is not JSON (${(error as Error).message})`);
    }
  }
  const object = raw as { info?: unknown; packages?: unknown } | null;
  if (!object || typeof object !== 'object' || !object.packages || typeof object.packages !== 'object') {
    throw new LockError(`${where}: ${LOCK_FILE} has no "packages"`);
  }
  const info = (object.info && typeof object.info === 'object' ? object.info : {}) as PackageLock['info'];
  const packages: Record<string, LockPackage> = {};
  for (const [key, value] of Object.entries(object.packages as Record<string, unknown>)) {
    const p = value as Partial<Record<keyof LockPackage, unknown>> | null;
    const imports = stringList(p?.imports);
    const depends = stringList(p?.depends);
    if (
      !p ||
      typeof p.name !== 'string' ||
      typeof p.version !== 'string' ||
      typeof p.file_name !== 'string' ||
      typeof p.sha256 !== 'string' ||
      !imports ||
      !depends
    ) {
      throw new LockError(`${where}: the entry "${key}" of ${LOCK_FILE} is incomplete`);
    }
    if (!FILE_NAME.test(p.file_name)) throw new LockError(`${where}: "${key}" names the file "${p.file_name}", which is not a plain file name`);
    const sha256 = p.sha256.toLowerCase();
    if (!SHA256.test(sha256)) throw new LockError(`${where}: "${key}" has no valid sha256`);
    packages[normalizePackageName(key)] = {
      name: p.name,
      version: p.version,
      file_name: p.file_name,
      sha256,
      imports,
      depends: depends.map(normalizePackageName),
      install_dir: p.install_dir === 'dynlib' ? 'dynlib' : 'site',
      package_type: typeof p.package_type === 'string' ? p.package_type : 'package',
    };
  }
  return { info, packages };
}

/** Why a lock cannot serve this Pyodide (another ABI or Python), or null when it can. */
export function lockIncompatibility(lock: PackageLock, expected: { abi: string; python: string }): string | null {
  if (lock.info.abi_version !== undefined && lock.info.abi_version !== expected.abi) {
    return `its packages are built for Pyodide ABI ${lock.info.abi_version}, this Pyodide needs ${expected.abi}`;
  }
  const python = lock.info.python?.split('.').slice(0, 2).join('.');
  if (python !== undefined && python !== expected.python) return `its packages are built for Python ${python}, this is Python ${expected.python}`;
  return null;
}

export interface Resolution {
  /** Packages to load, every dependency before the packages that need it. */
  order: LockPackage[];
  /** Dependencies the lock names but does not have. */
  missing: { name: string; requiredBy: string }[];
}

/** The lock with its import names indexed. */
export class LockIndex {
  private readonly byImport = new Map<string, string>();

  constructor(readonly lock: PackageLock) {
    for (const [key, entry] of Object.entries(lock.packages)) {
      for (const name of entry.imports) if (!this.byImport.has(name)) this.byImport.set(name, key);
    }
  }

  /** The lock key of the package that provides a top-level import name. */
  packageForImport(importName: string): string | undefined {
    return this.byImport.get(importName);
  }

  get(key: string): LockPackage | undefined {
    return this.lock.packages[normalizePackageName(key)];
  }

  /** Every top-level import name the index provides ("did you mean" candidates). */
  importNames(): string[] {
    return [...this.byImport.keys()];
  }

  /** The packages `keys` need, with their dependencies, dependencies first. */
  resolve(keys: Iterable<string>): Resolution {
    const order: LockPackage[] = [];
    const missing: Resolution['missing'] = [];
    const done = new Set<string>();
    const visiting = new Set<string>();
    const visit = (key: string, requiredBy: string) => {
      const normalized = normalizePackageName(key);
      if (done.has(normalized) || visiting.has(normalized)) return; // a cycle loads in any order
      const entry = this.lock.packages[normalized];
      if (!entry) {
        missing.push({ name: normalized, requiredBy });
        return;
      }
      visiting.add(normalized);
      for (const dependency of entry.depends) visit(dependency, entry.name);
      visiting.delete(normalized);
      done.add(normalized);
      order.push(entry);
    };
    for (const key of keys) visit(key, '');
    return { order, missing };
  }
}
