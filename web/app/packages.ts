// Packages on the page: before each Run the program's imports are loaded (web/state/packages:
// the index's lock, verified files, PyPI only after "Install X from PyPI?") and handed to the
// runner and the executor; the status bar shows the download, the console says what was
// loaded and what cannot be; the pause panel explains a missing module; the Packages section
// of the settings lists the cache. The runner seen by the rest of the app (runnerWithPackages)
// prepares packages inside run(), so the heal controller needs no change for it, and Stop
// during a download cancels it.
import { createMemo, createSignal, type Accessor } from 'solid-js';
import type { ErrorInfo, PauseContext, RunRequest, RunResult, RunnerInfo, SyntaxCheck } from '../../workers/protocol/runner.ts';
import type { PackageInstallReport, PackageSet } from '../../workers/protocol/packages.ts';
import type { RunHandlers, RunOptions } from '../../workers/runner/client.ts';
import { errorText } from '../../workers/shared/async.ts';
import { DEFAULT_PACKAGE_BASE_URL, DEFAULT_PYPI_URL, LOCK_FILE } from '../../workers/shared/packages/defaults.ts';
import { pyodideBaseUrl } from '../../workers/shared/spawn.browser.ts';
import { explainMissingModule, missingModuleFromError, missingModuleMessage } from '../../workers/shared/packages/unavailable.ts';
import { STDLIB_MODULES } from '../../workers/shared/packages/stdlib-modules.ts';
import { cacheStoragePackageCache, memoryPackageCache, type CachedEntry, type PackageCache } from '../state/packages/cache.ts';
import { connectAllowed } from '../state/packages/connect.ts';
import { preparePackages, type NoteLevel, type Prepared, type PypiQuestion } from '../state/packages/prepare.ts';
import { PackageStore, type PackageProgress } from '../state/packages/store.ts';
import type { Settings } from '../state/settings.ts';
import { checkQuota } from '../state/storage-quota.ts';
import type { ExecutorLike } from '../state/heal/session.ts';
import { cspDirectives } from '../offline/csp.ts';
import { DEFAULT_PACKAGE_HOSTS, type PackageHosts } from '../offline/package-hosts.ts';
import type { Notify } from './notices.ts';
import type { RunConsole } from './console.ts';

/** The build's package hosts (vite.config.ts defines them; tests and dev without them get the defaults). */
export function buildPackageHosts(): PackageHosts {
  const env = import.meta.env as Record<string, string | undefined>;
  const pypi = env.HEAL_PYPI_URL;
  return {
    indexUrl: env.HEAL_PACKAGE_BASE_URL || DEFAULT_PACKAGE_HOSTS.indexUrl,
    pypiUrl: pypi === undefined ? DEFAULT_PACKAGE_HOSTS.pypiUrl : pypi || null,
    pypiFilesUrl: pypi === undefined ? DEFAULT_PACKAGE_HOSTS.pypiFilesUrl : pypi ? DEFAULT_PACKAGE_HOSTS.pypiFilesUrl : null,
  };
}

export interface PackagesDeps {
  settings: Accessor<Settings>;
  runner: { loadPackages(set: PackageSet): Promise<PackageInstallReport> };
  executor: { setPackages(set: PackageSet): void };
  console: Pick<RunConsole, 'system'>;
  notify: Notify;
  /** Defaults: the build's hosts, Cache Storage, the browser's fetch and quota. */
  hosts?: PackageHosts;
  cache?: PackageCache;
  fetch?: (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;
}

export interface PypiRequest extends PypiQuestion {
  answer(install: boolean): void;
}

export type Packages = ReturnType<typeof createPackages>;

function defaultCache(): PackageCache {
  try {
    if (globalThis.caches) return cacheStoragePackageCache(globalThis.caches);
  } catch {
    // no Cache Storage (an insecure context): packages load again on each visit
  }
  return memoryPackageCache();
}

export function createPackages(deps: PackagesDeps) {
  const hosts = deps.hosts ?? buildPackageHosts();
  const cache = deps.cache ?? defaultCache();
  const fetcher = deps.fetch ?? ((url: string, init?: { signal?: AbortSignal }) => fetch(url, init));
  const [progress, setProgress] = createSignal<PackageProgress | null>(null);
  const [stage, setStage] = createSignal<string | null>(null);
  const [question, setQuestion] = createSignal<PypiRequest>();
  const [cached, setCached] = createSignal<CachedEntry[]>([]);
  const [last, setLast] = createSignal<Prepared>();
  let controller: AbortController | undefined;

  const indexUrl = () => deps.settings().packageIndexUrl || hosts.indexUrl;
  const pypiUrl = () => (deps.settings().pypiInstalls ? deps.settings().pypiUrl || hosts.pypiUrl : null);
  const connectSources = cspDirectives({ packages: hosts }).find(([name]) => name === 'connect-src')![1];

  /** Why the page cannot reach a URL (its CSP), or null. */
  function blocked(url: string): string | null {
    if (!url || connectAllowed(url, connectSources, globalThis.location?.origin ?? '')) return null;
    return (
      `This page's Content Security Policy does not allow ${url}: it allows ${hosts.indexUrl}` +
      `${hosts.pypiUrl ? `, ${hosts.pypiUrl}` : ''} and servers on localhost or 127.0.0.1. ` +
      `To use another host, build the site with HEAL_PACKAGE_BASE_URL=${url} (see the README, "Packages").`
    );
  }

  const store = createMemo(
    () =>
      new PackageStore({
        indexUrl: indexUrl(),
        pypiUrl: pypiUrl(),
        fetch: fetcher,
        cache,
        localLock: async () => {
          const response = await fetch(`${pyodideBaseUrl()}${LOCK_FILE}`);
          if (!response.ok) throw new Error(`${LOCK_FILE}: HTTP ${response.status}`);
          return response.text();
        },
        quota: (bytes, what) => checkQuota(bytes, undefined, { what }),
      }),
  );

  function askPypi(q: PypiQuestion): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (install: boolean) => {
        setQuestion(undefined);
        resolve(install);
      };
      controller?.signal.addEventListener('abort', () => done(false), { once: true });
      setQuestion({ ...q, answer: done });
    });
  }

  /**
   * Loads what `code` imports into the runner and the executor. Loud (a run): console lines,
   * progress, the PyPI question, cancellable by Stop. Quiet (the checks): none of those.
   */
  async function prepare(code: string, loud: boolean): Promise<{ cancelled: boolean }> {
    const own = new AbortController();
    if (loud) {
      controller?.abort();
      controller = own;
    }
    const errors: string[] = [];
    const say = (text: string, level: NoteLevel) => {
      if (loud) deps.console.system(`${text}\n`);
      if (level === 'error') errors.push(text);
    };
    try {
      const prepared = await preparePackages(code, store(), {
        signal: own.signal,
        note: say,
        ...(loud ? { onProgress: setProgress, confirmPypi: askPypi } : {}),
      });
      if (prepared.cancelled || own.signal.aborted) return { cancelled: true };
      if (loud) setLast(prepared);
      if (prepared.set.files.length || prepared.set.preload.length) {
        deps.executor.setPackages(prepared.set);
        // The checks only use the executor; the runner gets packages before a run (it may be running now).
        if (!loud) return { cancelled: false };
        if (loud && prepared.set.files.some((f) => !f.reused)) setStage('Installing packages…');
        const report = await deps.runner.loadPackages(prepared.set).catch(
          (error: unknown): PackageInstallReport => ({
            installed: [],
            preloadErrors: [],
            ms: 0,
            failed: [{ name: 'the packages', error: errorText(error) }],
          }),
        );
        for (const failure of report.failed) say(`${failure.name} could not be installed: ${failure.error}`, 'error');
        for (const failure of report.preloadErrors) say(`Importing ${failure.module} ahead of the program failed: ${failure.error}`, 'error');
      }
      if (own.signal.aborted) return { cancelled: true };
      if (loud && errors.length) {
        deps.notify('error', `${errors.length === 1 ? 'A package' : `${errors.length} packages`} could not be loaded (see the console).`, [], {
          key: 'packages',
          details: errors,
        });
      }
      if (prepared.set.files.some((f) => !f.reused)) void refreshCached();
      return { cancelled: false };
    } finally {
      if (loud) {
        if (controller === own) controller = undefined;
        setProgress(null);
        setStage(null);
      }
    }
  }

  /** The sentence for a pause on a module that cannot be imported, or undefined. */
  function explain(error: ErrorInfo): string | undefined {
    const name = missingModuleFromError(error.type, error.message);
    if (!name) return undefined;
    const known = last()?.unavailable.get(name);
    if (known) return known;
    return missingModuleMessage(explainMissingModule(name, [...(last()?.available ?? []), ...STDLIB_MODULES]));
  }

  async function refreshCached(): Promise<void> {
    setCached((await cache.list().catch(() => [])).sort((a, b) => a.meta.name.localeCompare(b.meta.name)));
  }

  async function remove(entry: CachedEntry): Promise<void> {
    await cache.delete(entry.url).catch(() => false);
    store().forget(entry.url);
    await refreshCached();
  }

  return {
    progress,
    /** Installing/importing after the downloads ("Installing packages…"). */
    stage,
    question,
    cached,
    refreshCached,
    remove,
    async removeAll(): Promise<void> {
      for (const entry of await cache.list().catch(() => [])) await remove(entry);
    },
    /** Before a run: loud (console, progress, PyPI question). */
    prepareForRun: (code: string) => prepare(code, true),
    /** Before the checks' and repairs' executor runs: no question, no console lines. */
    prepareQuietly: (code: string) =>
      prepare(code, false).then(
        () => undefined,
        () => undefined,
      ),
    cancel(): void {
      controller?.abort();
    },
    explain,
    /** A pause on an import that cannot succeed: shown as such, not handed to the heal engine. */
    holdsPause: (context: PauseContext) => {
      const name = missingModuleFromError(context.error.type, context.error.message);
      if (!name) return false;
      const text = explain(context.error);
      return text !== undefined && !/Did you mean/.test(text);
    },
    indexUrl,
    pypiUrl,
    defaults: { indexUrl: hosts.indexUrl, pypiUrl: hosts.pypiUrl ?? DEFAULT_PYPI_URL, cdn: DEFAULT_PACKAGE_BASE_URL },
    blocked,
  };
}

const stoppedBeforeStart = (started: number): RunResult => ({
  status: 'stopped',
  stopReason: 'user',
  stdout: '',
  stderr: '',
  truncated: false,
  heals: [],
  durationMs: performance.now() - started,
  pausedMs: 0,
});

interface FullRunner {
  start(): Promise<RunnerInfo>;
  stop(): void;
  checkSyntax(code: string): Promise<SyntaxCheck>;
  run(request: RunRequest, handlers?: RunHandlers, options?: RunOptions): Promise<RunResult>;
  readonly info?: RunnerInfo;
}

/** The runner as the app sees it: each run loads its packages first; Stop also stops a download. */
export function runnerWithPackages(runner: FullRunner, packages: Pick<Packages, 'prepareForRun' | 'cancel'>): FullRunner {
  return {
    start: () => runner.start(),
    checkSyntax: (code) => runner.checkSyntax(code),
    stop: () => {
      packages.cancel();
      runner.stop();
    },
    get info() {
      return runner.info;
    },
    async run(request, handlers, options) {
      const started = performance.now();
      if ((await packages.prepareForRun(request.code)).cancelled) return stoppedBeforeStart(started);
      return runner.run(request, handlers, options);
    },
  };
}

/** The executor for the checks and repairs: the program's packages are loaded first (quietly). */
export function executorWithPackages(executor: ExecutorLike, packages: Pick<Packages, 'prepareQuietly'>): ExecutorLike {
  return {
    async execute(request, options) {
      await packages.prepareQuietly(request.source);
      return executor.execute(request, options);
    },
  };
}
