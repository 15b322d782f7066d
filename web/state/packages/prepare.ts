// What a program needs before it runs: its imports (findImports), the packages that provide
// them with their dependencies (the index's lock; PyPI for the rest, only after the user said
// yes), every file loaded and verified (store.ts), the modules to import ahead of it, and an
// honest line for each import that cannot be satisfied. Standard-library imports cost nothing:
// a program that only uses them never touches the index.
import { findImports, topLevelImports, type FoundImport } from '../../../workers/shared/packages/imports.ts';
import type { LockIndex } from '../../../workers/shared/packages/lock.ts';
import { normalizePackageName } from '../../../workers/shared/packages/lock.ts';
import { STDLIB_MODULES } from '../../../workers/shared/packages/stdlib-modules.ts';
import { explainMissingModule, knownUnavailable, missingModuleMessage } from '../../../workers/shared/packages/unavailable.ts';
import { errorText } from '../../../workers/shared/async.ts';
import { formatBytes } from '../storage-quota.ts';
import { resolvePypi, type PypiRelease } from './pypi.ts';
import { PackageError, fromLock, fromPypi, type LoadedFile, type PackageProgress, type PackageStore, type PackageToLoad } from './store.ts';

export interface PypiQuestion {
  /** Import names the index does not have, as PyPI projects. */
  projects: { project: string; importName: string }[];
}

export type NoteLevel = 'info' | 'warning' | 'error';

export interface PrepareOptions {
  /**
   * Asked before anything is fetched from PyPI for names never installed before; resolves true
   * to install. Absent: never ask (the checks run quietly), only remembered installs load.
   */
  confirmPypi?(question: PypiQuestion): Promise<boolean>;
  onProgress?(progress: PackageProgress | null): void;
  /** A line for the console: info (what loads), warning (an import that cannot be satisfied), error (a load that failed). */
  note?(text: string, level: NoteLevel): void;
  signal?: AbortSignal;
}

export interface Prepared {
  set: { files: LoadedFile[]; preload: string[] };
  /** Top-level import names that cannot be imported, with the sentence that says why. */
  unavailable: Map<string, string>;
  /** Import names the index provides (for "did you mean"). */
  available: string[];
  cancelled?: boolean;
}

const EMPTY: Prepared = { set: { files: [], preload: [] }, unavailable: new Map(), available: [] };

/** The modules to import ahead: `import a.b` → a.b; `from a.b import c` → a.b and a.b.c (when c is a submodule). */
function preloadModules(found: readonly FoundImport[], provided: ReadonlySet<string>): string[] {
  const modules = new Set<string>();
  for (const entry of found) {
    if (!provided.has(entry.top)) continue;
    modules.add(entry.module);
    for (const name of entry.names) modules.add(`${entry.module}.${name}`);
  }
  // matplotlib: pyplot is imported ahead too, so plt.show() shows figures however it was imported.
  if (provided.has('matplotlib')) modules.add('matplotlib.pyplot');
  return [...modules];
}

function describeFiles(files: readonly LoadedFile[]): string {
  const names = files.map((f) => `${f.name} ${f.version}`).join(', ');
  const cached = files.filter((f) => f.fromCache).length;
  const downloaded = files.length - cached;
  const how = [downloaded ? `${downloaded} downloaded` : '', cached ? `${cached} from the cache` : ''].filter(Boolean).join(', ');
  return `${names}${how ? ` (${how})` : ''}`;
}

/** Loads what `code` imports; never rejects (what fails is said in notes and `unavailable`). */
export async function preparePackages(code: string, store: PackageStore, options: PrepareOptions = {}): Promise<Prepared> {
  const note = options.note ?? (() => {});
  const found = findImports(code);
  const tops = topLevelImports(found);
  const unavailable = new Map<string, string>();
  const third = [...tops].filter(([name]) => !STDLIB_MODULES.has(name) || knownUnavailable(name) || name === 'pydoc_data');
  if (!third.length) return EMPTY;

  let lock: LockIndex;
  try {
    lock = await store.lock();
  } catch (error) {
    const reason = errorText(error);
    for (const [name, { optional }] of third) {
      if (knownUnavailable(name)) unavailable.set(name, missingModuleMessage(explainMissingModule(name, [])));
      else unavailable.set(name, `'${name}' could not be loaded: ${reason}.`);
      if (!optional) note(unavailable.get(name)!, knownUnavailable(name) ? 'warning' : 'error');
    }
    return { ...EMPTY, unavailable };
  }
  const available = [...lock.importNames(), ...STDLIB_MODULES];

  // Which package provides each import; what no package provides.
  const wanted = new Map<string, string>(); // lock key → import name
  const unknown: [string, boolean][] = [];
  for (const [name, { optional }] of third) {
    const key = lock.packageForImport(name);
    if (key) wanted.set(key, name);
    else if (!STDLIB_MODULES.has(name) || knownUnavailable(name)) unknown.push([name, optional]);
  }

  // Imports the index does not have: PyPI (asked first), else said plainly.
  const fromPypiProjects: string[] = [];
  const pypiImport = new Map<string, string>(); // project → import name
  const ask: PypiQuestion['projects'] = [];
  for (const [name, optional] of unknown) {
    const explained = explainMissingModule(name, available, "it is not in Pyodide's package index");
    if (!store.pypiUrl && !explained.suggestion && !knownUnavailable(name)) explained.reason += ', and installs from PyPI are off';
    // A near miss of an available module is a typo, not a PyPI project to offer (typosquatting).
    if (knownUnavailable(name) || !store.pypiUrl || explained.suggestion) {
      unavailable.set(name, missingModuleMessage(explained));
      if (!optional) note(unavailable.get(name)!, 'warning');
      continue;
    }
    const project = normalizePackageName(name);
    pypiImport.set(project, name);
    if (await store.pypiRemembered(project)) fromPypiProjects.push(project);
    else if (!optional && options.confirmPypi) ask.push({ project, importName: name });
    else {
      unavailable.set(name, missingModuleMessage(explained));
      if (!optional) note(unavailable.get(name)!, 'warning');
    }
  }
  if (ask.length) {
    const yes = await options.confirmPypi!({ projects: ask });
    if (options.signal?.aborted) return { ...EMPTY, unavailable, available, cancelled: true };
    for (const { project, importName } of ask) {
      if (yes) fromPypiProjects.push(project);
      else {
        const message = missingModuleMessage({ name: importName, reason: "it is not in Pyodide's package index, and you chose not to install it from PyPI" });
        unavailable.set(importName, message);
        note(message, 'warning');
      }
    }
  }

  let releases: PypiRelease[] = [];
  const lockKeys = [...wanted.keys()];
  if (fromPypiProjects.length) {
    const resolution = await resolvePypi(fromPypiProjects, { lock, json: (project) => store.pypiJson(project) });
    releases = resolution.releases;
    lockKeys.push(...resolution.lockPackages);
    for (const error of resolution.errors) {
      const importName = pypiImport.get(error.project) ?? error.project;
      const message = `'${importName}' is not available in the browser: ${error.message}.`;
      unavailable.set(importName, message);
      note(message, error.kind === 'network' ? 'error' : 'warning');
    }
  }

  const resolution = lock.resolve(lockKeys);
  const toLoad: PackageToLoad[] = [...resolution.order.map((entry) => fromLock(entry, store.indexUrl)), ...releases.map(fromPypi)];
  const failedPackages = new Set<string>();
  for (const gap of resolution.missing) {
    note(`${gap.requiredBy || gap.name} needs ${gap.name}, which the package index does not have.`, 'error');
    failedPackages.add(gap.requiredBy);
  }

  // Load every file (one failure does not stop the others, but it does stop what depends on it).
  const files: LoadedFile[] = [];
  const dependsOn = new Map<string, string[]>(resolution.order.map((entry) => [entry.name, entry.depends]));
  for (const release of releases) dependsOn.set(release.project, release.requires);
  const blocked = (name: string): string | undefined => {
    const normalized = normalizePackageName(name);
    for (const [key, deps] of dependsOn) {
      if (normalizePackageName(key) === normalized) {
        for (const dep of deps) if ([...failedPackages].some((f) => normalizePackageName(f) === normalizePackageName(dep))) return dep;
      }
    }
    return undefined;
  };
  const started = Date.now();
  for (const [i, item] of toLoad.entries()) {
    if (options.signal?.aborted) return { ...EMPTY, unavailable, available, cancelled: true };
    const missingDependency = blocked(item.name);
    if (missingDependency) {
      failedPackages.add(item.name);
      note(`${item.name} ${item.version} was not loaded: it needs ${missingDependency}, which could not be loaded.`, 'error');
      continue;
    }
    let announced = false;
    try {
      files.push(
        await store.file(
          item,
          (loadedBytes, totalBytes) => {
            if (!announced) {
              announced = true;
              note(`Loading ${item.name} ${item.version}${totalBytes ? ` (${formatBytes(totalBytes)})` : ''}…`, 'info');
            }
            options.onProgress?.({ name: item.name, version: item.version, loadedBytes, totalBytes, index: i + 1, count: toLoad.length });
          },
          options.signal,
        ),
      );
    } catch (error) {
      if (error instanceof PackageError && error.kind === 'cancelled') return { ...EMPTY, unavailable, available, cancelled: true };
      failedPackages.add(item.name);
      note(errorText(error), 'error');
    }
  }
  options.onProgress?.(null);

  // Imports whose package (or a dependency of it) failed.
  const provided = new Set<string>();
  for (const [key, importName] of wanted) {
    const entry = lock.get(key)!;
    if (failedPackages.has(entry.name) || blocked(entry.name)) {
      unavailable.set(importName, `'${importName}' could not be loaded: ${entry.name} ${entry.version} did not load (see the console).`);
    } else {
      for (const name of entry.imports) provided.add(name);
    }
  }
  for (const release of releases) {
    const importName = pypiImport.get(release.project);
    if (failedPackages.has(release.project)) {
      if (importName)
        unavailable.set(importName, `'${importName}' could not be loaded: ${release.project} ${release.version} from PyPI did not load (see the console).`);
    } else {
      if (importName) provided.add(importName);
      provided.add(release.project.replace(/-/g, '_'));
    }
  }
  if (files.some((f) => !f.reused))
    note(`Packages ready: ${describeFiles(files.filter((f) => !f.reused))} in ${((Date.now() - started) / 1000).toFixed(1)} s.`, 'info');
  return { set: { files, preload: preloadModules(found, provided) }, unavailable, available };
}
