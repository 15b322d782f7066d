// Packages on demand, end to end in Node: a real package index on 127.0.0.1 (test/package-index.ts,
// wheels built with fflate), the page's store and run preparation (web/state/packages), and the
// real runner and executor (Pyodide in worker threads) installing what the page verified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadPyodide } from 'pyodide';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import type { RunnerClient } from '../workers/runner/client.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import type { ExecutorClient } from '../workers/executor/client.ts';
import type { OutputChunk } from '../workers/protocol/runner.ts';
import { nodePyodideDir } from '../workers/shared/spawn.node.ts';
import { PYODIDE_ABI_VERSION, PYODIDE_PYTHON, PYODIDE_VERSION, DEFAULT_PACKAGE_BASE_URL } from '../workers/shared/packages/defaults.ts';
import { STDLIB_MODULES, STDLIB_NOT_IN_PYODIDE } from '../workers/shared/packages/stdlib-modules.ts';
import { memoryPackageCache } from '../web/state/packages/cache.ts';
import { PackageStore, type Fetcher } from '../web/state/packages/store.ts';
import { preparePackages, type PrepareOptions, type Prepared } from '../web/state/packages/prepare.ts';
import { startPackageIndex, testPng, type PackageIndexServer } from './package-index.ts';

let index: PackageIndexServer;
let runner: RunnerClient;
let executor: ExecutorClient;

beforeAll(async () => {
  index = await startPackageIndex();
  runner = createNodeRunner();
  executor = createNodeExecutor();
  await Promise.all([runner.start(), executor.start()]);
}, 120_000);

afterAll(async () => {
  runner.dispose();
  executor.dispose();
  await index.close();
});

const offline: Fetcher = async () => {
  throw new TypeError('fetch failed (offline)');
};

function store(options: { cache?: ReturnType<typeof memoryPackageCache>; fetch?: Fetcher; pypi?: boolean } = {}) {
  return new PackageStore({
    indexUrl: index.indexUrl,
    pypiUrl: options.pypi ? index.pypiUrl : null,
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    cache: options.cache ?? memoryPackageCache(),
  });
}

async function prepare(code: string, s: PackageStore, options: PrepareOptions = {}): Promise<{ prepared: Prepared; notes: string[] }> {
  const notes: string[] = [];
  const prepared = await preparePackages(code, s, { note: (text) => notes.push(text), ...options });
  return { prepared, notes };
}

async function runWith(code: string, prepared: Prepared) {
  const report = await runner.loadPackages(prepared.set);
  const chunks: OutputChunk[] = [];
  const result = await runner.run({ code }, { onOutput: (batch) => chunks.push(...batch) });
  return { report, result, chunks };
}

describe('what the shipped lists say', () => {
  it('match Pyodide itself: version, ABI, Python, the standard library and what it leaves out', async () => {
    const npm = JSON.parse(readFileSync(`${nodePyodideDir}/package.json`, 'utf8')) as { version: string };
    const lock = JSON.parse(readFileSync(`${nodePyodideDir}/pyodide-lock.json`, 'utf8')) as { info: { abi_version: string; python: string } };
    expect(PYODIDE_VERSION).toBe(npm.version);
    expect(DEFAULT_PACKAGE_BASE_URL).toBe(`https://cdn.jsdelivr.net/pyodide/v${npm.version}/full/`);
    expect(PYODIDE_ABI_VERSION).toBe(lock.info.abi_version);
    expect(lock.info.python.startsWith(`${PYODIDE_PYTHON}.`)).toBe(true);
    const py = await loadPyodide({ indexURL: nodePyodideDir });
    const [names, missing] = JSON.parse(
      py.runPython(`import sys, json, importlib.util
names = sorted(sys.stdlib_module_names)
json.dumps([names, [n for n in names if importlib.util.find_spec(n) is None and n != "pydoc_data"]])`) as string,
    ) as [string[], string[]];
    expect([...STDLIB_MODULES].sort()).toEqual(names);
    expect([...STDLIB_NOT_IN_PYODIDE].sort()).toEqual(missing);
  }, 60_000);
});

describe('the store and run preparation against a real index', () => {
  it('a program that only uses the standard library never asks the index', async () => {
    const before = index.requests.length;
    const { prepared, notes } = await prepare('import json, os.path\nfrom collections import Counter\n', store());
    expect(prepared.set.files).toEqual([]);
    expect(notes).toEqual([]);
    expect(index.requests.length).toBe(before);
  });

  it('loads a package with its dependency, dependencies first, each checked and cached', async () => {
    const cache = memoryPackageCache();
    const { prepared, notes } = await prepare('import heal_demo\nprint(heal_demo.answer())\n', store({ cache }));
    expect(prepared.set.files.map((f) => f.name)).toEqual(['heal-dep', 'heal-demo']);
    expect(prepared.set.files.map((f) => f.sha256)).toEqual([index.content.packages['heal-dep']!.sha256, index.content.packages['heal-demo']!.sha256]);
    expect(prepared.set.preload).toEqual(['heal_demo']);
    expect(prepared.unavailable.size).toBe(0);
    expect(notes.at(-1)).toMatch(/^Packages ready: heal-dep 1\.0\.0, heal-demo 1\.2\.0 \(2 downloaded\)/);
    expect([...cache.entries.keys()].sort()).toEqual([
      `${index.indexUrl}heal_demo-1.2.0-py3-none-any.whl`,
      `${index.indexUrl}heal_dep-1.0.0-py3-none-any.whl`,
      `${index.indexUrl}pyodide-lock.json`,
    ]);
  });

  it('refuses a file whose sha256 does not match the lock: a clear error, nothing installed or cached', async () => {
    const cache = memoryPackageCache();
    const { prepared, notes } = await prepare('import heal_bad\n', store({ cache }));
    expect(prepared.set.files).toEqual([]);
    expect(notes.join('\n')).toMatch(
      /heal-bad 1\.0\.0 failed its integrity check: heal_bad-1\.0\.0-py3-none-any\.whl has sha256 [0-9a-f]{12}…, the index says [0-9a-f]{12}…\. It was not installed and not cached\./,
    );
    expect(prepared.unavailable.get('heal_bad')).toMatch(/could not be loaded/);
    expect([...cache.entries.keys()].filter((url) => url.includes('heal_bad'))).toEqual([]);
  });

  it('says which file the index lists but does not have', async () => {
    const { prepared, notes } = await prepare('import heal_gone\n', store());
    expect(notes.join('\n')).toContain('heal-gone 1.0.0: the index lists heal_gone-1.0.0-py3-none-any.whl, but 127.0.0.1');
    expect(notes.join('\n')).toContain('(HTTP 404)');
    expect(prepared.unavailable.has('heal_gone')).toBe(true);
  });

  it('works offline from the cache, and a cached copy changed behind its back is not used', async () => {
    const cache = memoryPackageCache();
    await prepare('import heal_demo\n', store({ cache }));
    const again = await prepare('import heal_demo\n', store({ cache, fetch: offline }));
    expect(again.prepared.set.files.map((f) => [f.name, f.fromCache])).toEqual([
      ['heal-dep', true],
      ['heal-demo', true],
    ]);
    expect(again.notes.at(-1)).toContain('(2 from the cache)');
    // Any same-origin code can write the cache: a tampered copy fails its check, is deleted, and offline nothing replaces it.
    const url = `${index.indexUrl}heal_demo-1.2.0-py3-none-any.whl`;
    const entry = cache.entries.get(url)!;
    entry.bytes = entry.bytes.slice();
    entry.bytes[100] ^= 1;
    const tampered = await prepare('import heal_demo\n', store({ cache, fetch: offline }));
    expect(tampered.prepared.set.files.map((f) => f.name)).toEqual(['heal-dep']);
    expect(tampered.notes.join('\n')).toMatch(/heal-demo 1\.2\.0 could not be downloaded/);
    expect(cache.entries.has(url)).toBe(false);
    // Online again, the good copy comes back.
    const repaired = await prepare('import heal_demo\n', store({ cache }));
    expect(repaired.prepared.set.files.map((f) => f.name)).toEqual(['heal-dep', 'heal-demo']);
    expect(cache.entries.has(url)).toBe(true);
  });

  it('gives honest words for what the browser cannot provide, and a likely typo', async () => {
    const { prepared, notes } = await prepare(
      'import tensorflow as tf\nimport heal_dem\nimport heal_xyz_unknown\nimport tkinter\ntry:\n    import ujson\nexcept ImportError:\n    ujson = None\n',
      store(),
    );
    expect(prepared.unavailable.get('tensorflow')).toMatch(/^'tensorflow' is not available in the browser: deep-learning frameworks need native code/);
    expect(prepared.unavailable.get('heal_dem')).toBe(
      "'heal_dem' is not available in the browser: it is not in Pyodide's package index. Did you mean 'heal_demo'?",
    );
    expect(prepared.unavailable.get('heal_xyz_unknown')).toBe(
      "'heal_xyz_unknown' is not available in the browser: it is not in Pyodide's package index, and installs from PyPI are off.",
    );
    expect(prepared.unavailable.get('tkinter')).toMatch(/there are no windows in the browser/);
    // An optional import (the program catches ImportError) is not complained about.
    expect(notes.join('\n')).not.toContain('ujson');
    expect(notes).toHaveLength(4);
  });

  it('a near miss of an available module is a typo, never offered from PyPI (typosquatting)', async () => {
    let asked = false;
    const { prepared } = await prepare('import heal_demoo\n', store({ pypi: true }), {
      confirmPypi: async () => {
        asked = true;
        return true;
      },
    });
    expect(asked).toBe(false);
    expect(prepared.unavailable.get('heal_demoo')).toContain("Did you mean 'heal_demo'?");
  });
});

describe('pure-Python wheels from PyPI', () => {
  it('asks first and fetches nothing from PyPI before the answer; "no" leaves a clear message', async () => {
    const before = index.requests.length;
    const asked: string[][] = [];
    const { prepared, notes } = await prepare('import heal_pure\n', store({ pypi: true }), {
      confirmPypi: async (question) => {
        asked.push(question.projects.map((p) => p.project));
        expect(index.requests.slice(before).filter((r) => !r.startsWith('/index/'))).toEqual([]);
        return false;
      },
    });
    expect(asked).toEqual([['heal-pure']]);
    expect(index.requests.slice(before).filter((r) => r.startsWith('/pypi/') || r.startsWith('/files/'))).toEqual([]);
    expect(prepared.set.files).toEqual([]);
    expect(notes.join('\n')).toContain(
      "'heal_pure' is not available in the browser: it is not in Pyodide's package index, and you chose not to install it from PyPI.",
    );
  });

  it('after "yes": the wheel, its PyPI requirement and its lock requirement, checked and installed; remembered next time', async () => {
    const cache = memoryPackageCache();
    let asked = 0;
    const confirmPypi = async () => {
      asked++;
      return true;
    };
    const { prepared } = await prepare('from heal_pure import hello\nprint(hello("you"))\n', store({ pypi: true, cache }), { confirmPypi });
    expect(asked).toBe(1);
    expect(prepared.set.files.map((f) => [f.name, f.source])).toEqual([
      ['heal-dep', 'index'],
      ['heal-pure-dep', 'pypi'],
      ['heal-pure', 'pypi'],
    ]);
    expect(prepared.set.files.find((f) => f.name === 'heal-pure')!.sha256).toBe(index.content.packages['heal-pure']!.sha256);
    // Markers: the Windows-only and the extra-only requirements were skipped.
    expect(index.requests.some((r) => r.includes('colorama') || r.includes('pytest'))).toBe(false);
    const { result } = await runWith('from heal_pure import hello\nprint(hello("you"))\n', prepared);
    expect(result).toMatchObject({ status: 'finished', stdout: 'hello, you!!\n' });
    const again = await prepare('import heal_pure\n', store({ pypi: true, cache }), { confirmPypi });
    expect(asked).toBe(1);
    expect(again.prepared.set.files.map((f) => f.name)).toContain('heal-pure');
  });

  it('a project with only compiled wheels is refused with the reason', async () => {
    const { prepared } = await prepare('import heal_native\n', store({ pypi: true }), { confirmPypi: async () => true });
    expect(prepared.unavailable.get('heal_native')).toBe(
      "'heal_native' is not available in the browser: heal-native 0.1.0 has no pure-Python wheel on PyPI (compiled packages only come from Pyodide's package index).",
    );
  });
});

describe('packages in the runner and the executor', () => {
  it('the runner runs the program with the package; it survives the clean state between runs without being imported again', async () => {
    const code = 'import heal_demo\nprint(heal_demo.answer(), heal_demo.LOADED_AT)\n';
    const { prepared } = await prepare(code, store());
    const first = await runWith(code, prepared);
    expect(first.report.installed).toContain('heal-demo'); // heal-dep too, unless an earlier test installed it
    expect(first.report.failed).toEqual([]);
    expect(first.result).toMatchObject({ status: 'finished' });
    const [answer, loadedAt] = first.result.stdout.trim().split(' ');
    expect(answer).toBe('42');
    const second = await runWith(code, prepared);
    expect(second.report).toMatchObject({ installed: [], failed: [] });
    expect(second.result.stdout.trim()).toBe(`42 ${loadedAt}`);
    // A program that changes the package's module is put back like any other module.
    const poke = await runner.run({ code: 'import heal_demo\nheal_demo.answer = lambda: 0\nprint(heal_demo.answer())\n' });
    expect(poke.stdout).toBe('0\n');
    expect((await runner.run({ code })).stdout.trim()).toBe(`42 ${loadedAt}`);
  });

  it('a package with a data file reads it', async () => {
    const code = 'import heal_data\nprint(heal_data.words())\n';
    const { prepared } = await prepare(code, store());
    expect((await runWith(code, prepared)).result.stdout).toBe("['alpha', 'beta', 'gamma']\n");
  });

  it('plt.show() sends each figure to the console as a PNG through the capture hook', async () => {
    const code =
      'import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()\nplt.figure()\nplt.plot([3, 2])\nplt.show()\nprint("after", plt.get_fignums())\n';
    const { prepared } = await prepare(code, store());
    expect(prepared.set.preload).toEqual(['matplotlib.pyplot']);
    const { result, chunks } = await runWith(code, prepared);
    expect(result).toMatchObject({ status: 'finished', stdout: 'after []\n' });
    const images = chunks.filter(([stream]) => stream === 'image').map(([, url]) => url);
    expect(images).toEqual([`data:image/png;base64,${Buffer.from(testPng()).toString('base64')}`, expect.stringMatching(/^data:image\/png;base64,/)]);
    // Images are not text output.
    expect(result.stdout).not.toContain('data:image');
  });

  it('the executor starts its workers with the packages (fresh Python per request) and runs handling code that uses them', async () => {
    const code = 'import heal_demo\nvalues = [1, 2]\n';
    const { prepared } = await prepare(code, store());
    executor.setPackages(prepared.set);
    const result = await executor.execute({ source: code, pickle: null, handles: [], code: 'n = heal_demo.answer() + heal_demo.total([1, 2])\n' });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('ok');
    expect(result.merge?.set).toEqual([{ name: 'n', value: 45 }]);
    expect(executor.info?.packages).toEqual({ installed: ['heal-dep', 'heal-demo'], failed: [] });
    // The same set again boots nothing new; a second request gets its own fresh worker with the packages.
    const booted = executor.booted;
    executor.setPackages(prepared.set);
    expect(executor.booted).toBe(booted);
    const again = await executor.execute({ source: code, pickle: null, handles: [], code: 'm = heal_demo.answer()\n' });
    expect(again.merge?.set).toEqual([{ name: 'm', value: 42 }]);
  }, 60_000);
});
