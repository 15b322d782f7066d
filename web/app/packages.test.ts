// The page's package store in Node: the real store and run preparation against the test
// index's real files (served from memory by a fetch function), a recording runner and executor.
import { describe, expect, it } from 'vitest';
import { createSignal } from 'solid-js';
import type { PackageSet } from '../../workers/protocol/packages.ts';
import type { RunRequest, RunResult } from '../../workers/protocol/runner.ts';
import { buildPackageIndex } from '../../test/package-index.ts';
import { memoryPackageCache } from '../state/packages/cache.ts';
import { normalizeSettings, type Settings } from '../state/settings.ts';
import { createPackages, runnerWithPackages } from './packages.ts';

const ORIGIN = 'http://127.0.0.1:9';
const content = buildPackageIndex(ORIGIN);

function setup(settings: Partial<Settings> = {}) {
  const requests: string[] = [];
  const fetch = async (url: string) => {
    requests.push(url);
    const file = content.files.get(new URL(url).pathname);
    return file
      ? new Response(file.bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Length': String(file.bytes.length) } })
      : new Response('no', { status: 404 });
  };
  const [current] = createSignal(normalizeSettings({ packageIndexUrl: `${ORIGIN}/index/`, pypiUrl: `${ORIGIN}/pypi/`, ...settings }));
  const loaded: PackageSet[] = [];
  const handed: PackageSet[] = [];
  const lines: string[] = [];
  const notices: string[] = [];
  const packages = createPackages({
    settings: current,
    runner: {
      loadPackages: async (set) => {
        loaded.push(set);
        return { installed: set.files.map((f) => f.name), failed: [], preloadErrors: [], ms: 1 };
      },
    },
    executor: { setPackages: (set) => handed.push(set) },
    console: { system: (text) => lines.push(text) },
    notify: (_kind, text) => {
      notices.push(text);
      return 0;
    },
    cache: memoryPackageCache(),
    fetch,
  });
  return { packages, requests, loaded, handed, lines, notices };
}

const moduleError = (name: string) => ({ type: 'ModuleNotFoundError', message: `No module named '${name}'`, traceback: [], formatted: '' });

describe('packages on the page', () => {
  it("loads a program's packages into the runner and the executor before it runs, and says so in the console", async () => {
    const { packages, loaded, handed, lines } = setup();
    expect(await packages.prepareForRun('import heal_demo\n')).toEqual({ cancelled: false });
    expect(loaded.map((set) => set.files.map((f) => f.name))).toEqual([['heal-dep', 'heal-demo']]);
    expect(handed).toHaveLength(1);
    expect(lines.join('')).toMatch(
      /Loading heal-dep 1\.0\.0 \(\d+ bytes\)…\nLoading heal-demo 1\.2\.0 \(\d+ bytes\)…\nPackages ready: heal-dep 1\.0\.0, heal-demo 1\.2\.0 \(2 downloaded\)/,
    );
    // The next run: nothing downloaded, nothing said.
    lines.length = 0;
    await packages.prepareForRun('import heal_demo\n');
    expect(lines).toEqual([]);
  });

  it('explains an import the browser cannot provide and keeps the heal engine out of it, but not of a likely typo', async () => {
    const { packages, notices } = setup();
    await packages.prepareForRun('import tensorflow\nimport heal_dem\n');
    expect(packages.explain(moduleError('tensorflow'))).toMatch(/^'tensorflow' is not available in the browser: deep-learning/);
    const pause = (name: string) => ({ error: moduleError(name), kind: 'Import' }) as never;
    expect(packages.holdsPause(pause('tensorflow'))).toBe(true);
    expect(packages.explain(moduleError('heal_dem'))).toContain("Did you mean 'heal_demo'?");
    expect(packages.holdsPause(pause('heal_dem'))).toBe(false);
    expect(packages.explain({ type: 'ValueError', message: 'x', traceback: [], formatted: '' })).toBeUndefined();
    expect(notices).toEqual([]); // not being available is said in the console, not as a failure notice
  });

  it('a corrupted file: a notice, nothing handed to the workers', async () => {
    const { packages, notices, loaded } = setup();
    await packages.prepareForRun('import heal_bad\n');
    expect(notices).toEqual(['A package could not be loaded (see the console).']);
    expect(loaded).toEqual([]);
    expect(packages.explain(moduleError('heal_bad'))).toMatch(/could not be loaded/);
  });

  it('asks before PyPI; Stop during the question ends the run before the program starts', async () => {
    const { packages, requests } = setup();
    const runs: RunRequest[] = [];
    const runner = runnerWithPackages(
      {
        start: async () => ({}) as never,
        checkSyntax: async () => ({ ok: true }),
        stop: () => {},
        run: async (request) => {
          runs.push(request);
          return { status: 'finished' } as RunResult;
        },
      },
      packages,
    );
    const result = runner.run({ code: 'import heal_pure\n' });
    await expect.poll(() => packages.question()?.projects.map((p) => p.project)).toEqual(['heal-pure']);
    expect(requests.some((url) => url.includes('/pypi/'))).toBe(false);
    runner.stop();
    expect((await result).status).toBe('stopped');
    expect(runs).toEqual([]);
    expect(packages.question()).toBeUndefined();

    const second = runner.run({ code: 'import heal_pure\nprint(heal_pure.hello("x"))\n' });
    await expect.poll(() => packages.question()).toBeDefined();
    packages.question()!.answer(true);
    expect((await second).status).toBe('finished');
    expect(runs).toHaveLength(1);
    expect(requests.some((url) => url.endsWith('/files/heal_pure-2.0.0-py3-none-any.whl'))).toBe(true);
  });

  it("flags a package index the page's policy cannot reach", () => {
    const { packages } = setup();
    expect(packages.blocked('http://127.0.0.1:8000/index/')).toBeNull();
    expect(packages.blocked('https://cdn.jsdelivr.net/pyodide/v314.0.7/full/')).toBeNull();
    expect(packages.blocked('https://mirror.example/pyodide/')).toMatch(
      /does not allow https:\/\/mirror\.example\/pyodide\/.*HEAL_PACKAGE_BASE_URL=https:\/\/mirror\.example\/pyodide\//,
    );
  });
});
