// Attacks on package installs (test/attacks.ts, "packages"): a wheel whose entries try to land
// outside site-packages, a .pth file, a package shadowing the runner's private packages. The
// hash check (test/packages.test.ts) only proves the bytes are the ones the index or PyPI
// named; a malicious index or PyPI project names its own bytes, so what the installer does with
// a hostile wheel is the next line of defence. Real Pyodide, real installer (installPackageFiles).
import { describe, expect, it } from 'vitest';
import { loadWorkerPython, INSTALL_ROOTS } from './pyodide-node.ts';
import { buildWheel } from './package-index.ts';
import { installPackageFiles, packageDirs } from '../workers/shared/packages/install.ts';
import { HOSTILE_WHEEL_ENTRIES, HOSTILE_WHEEL_MARKER, SHADOWING_WHEEL_FILES } from './attacks.ts';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PackageStore, PackageError, memoryPypiConsents } from '../web/state/packages/store.ts';
import { memoryPackageCache } from '../web/state/packages/cache.ts';
import { preparePackages } from '../web/state/packages/prepare.ts';
import { startPackageIndex } from './package-index.ts';
import { PYODIDE_MODULES } from '../workers/shared/packages/stdlib-modules.ts';
import type { QuotaCheck } from '../web/state/storage-quota.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function packageFile(wheel: { fileName: string; bytes: Uint8Array }, name: string) {
  return {
    name,
    version: '1.0.0',
    fileName: wheel.fileName,
    installDir: 'site' as const,
    sha256: sha256(wheel.bytes),
    source: 'pypi' as const,
    bytes: wheel.bytes.slice().buffer as ArrayBuffer,
  };
}

describe('hostile wheels (Node, real Pyodide installer)', () => {
  it('entries with ../, absolute paths and .data/ tricks land nowhere outside site-packages; a .pth runs nothing', async () => {
    const py = await loadWorkerPython('runner');
    const [site] = packageDirs(py);
    const runnerFiles = () =>
      py.runPython(`import os, json
json.dumps(sorted((d, f, os.path.getsize(os.path.join(d, f))) for d, _, fs in os.walk(${JSON.stringify(INSTALL_ROOTS.runner)}) for f in fs))`) as string;
    const before = runnerFiles();
    const wheel = buildWheel('heal-evil', '1.0.0', HOSTILE_WHEEL_ENTRIES);
    const { installed, failed } = await installPackageFiles(py, [packageFile(wheel, 'heal-evil')]);
    // It installs (its harmless entries are there) …
    expect({ installed, failed }).toEqual({ installed: ['heal-evil'], failed: [] });
    const found = JSON.parse(
      py.runPython(`import os, json, sys
marker = ${JSON.stringify(HOSTILE_WHEEL_MARKER)}
hits = []
for top in ["/"]:
    for d, dirs, fs in os.walk(top):
        if d.startswith(("/proc", "/dev", "/sys")):
            dirs[:] = []
            continue
        for f in fs:
            path = os.path.join(d, f)
            if marker in f or marker in d:
                hits.append(path)
json.dumps(hits)`) as string,
    ) as string[];
    // … the search sees the wheel's files (the .pth inside site-packages carries the marker) …
    expect(found).toContain(`${site}/${HOSTILE_WHEEL_MARKER}.pth`);
    // … and none of them outside site-packages.
    const outside = found.filter((path) => !path.startsWith(`${site}/`));
    expect(outside, `files of the hostile wheel outside ${site}`).toEqual([]);
    // The runner's own Python is exactly as it was.
    expect(runnerFiles()).toBe(before);
    // A .pth file in site-packages is not processed by this installer (no code at install time).
    py.runPython('import _heal_common.packages as p; p.after_install()');
    expect(py.runPython(`import os; os.path.exists("/tmp/${HOSTILE_WHEEL_MARKER}-pth-ran")`)).toBe(false);
  }, 120_000);

  it('a wheel shipping _heal_runner/_heal_common or a stdlib module does not replace what the runner imports', async () => {
    const py = await loadWorkerPython('runner');
    const wheel = buildWheel('heal-shadow', '1.0.0', SHADOWING_WHEEL_FILES);
    const { installed } = await installPackageFiles(py, [packageFile(wheel, 'heal-shadow')]);
    expect(installed).toEqual(['heal-shadow']);
    py.runPython('import _heal_common.packages as p; p.after_install()');
    const where = JSON.parse(
      py.runPython(`import json, importlib, sys
for name in ["_heal_common.heal_values", "_heal_runner.runner", "json", "_heal_common", "_heal_runner"]:
    sys.modules.pop(name, None)
out = {}
for name in ["_heal_common.heal_values", "_heal_runner.runner", "json"]:
    m = importlib.import_module(name)
    out[name] = [m.__file__, getattr(m, "SHADOWED", False)]
json.dumps(out)`) as string,
    ) as Record<string, [string, boolean]>;
    for (const [name, [file, shadowed]] of Object.entries(where)) {
      expect(shadowed, name).toBe(false);
      expect(file, name).not.toMatch(/site-packages/);
    }
  }, 120_000);
});

describe('an endless download (Node, a real server on 127.0.0.1)', () => {
  it('a body without Content-Length is checked against the quota as it arrives, not read to the end', async () => {
    const MB = 1024 * 1024;
    let sent = 0;
    let stopped = false;
    const server = createServer((_request, response) => {
      // Chunked, no Content-Length: up to 200 MB, one MB at a time, until the client hangs up.
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const chunk = Buffer.alloc(MB, 7);
      const more = () => {
        while (!stopped && sent < 200 * MB) {
          sent += MB;
          if (!response.write(chunk)) {
            response.once('drain', more);
            return;
          }
        }
        response.end();
      };
      response.on('close', () => {
        stopped = true;
      });
      more();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const asked: number[] = [];
    const quota = async (bytes: number): Promise<QuotaCheck> => {
      asked.push(bytes);
      const available = 20 * MB;
      return bytes <= available
        ? { ok: true, known: true, usage: 0, quota: available, available }
        : { ok: false, known: true, usage: 0, quota: available, available, needed: bytes, message: `needs ${bytes} bytes, ${available} free` };
    };
    const cache = memoryPackageCache();
    const store = new PackageStore({ indexUrl: `${origin}/`, pypiUrl: null, fetch: (url, init) => fetch(url, init), cache, quota });
    try {
      const error = await store
        .file({
          name: 'heal-endless',
          version: '1.0.0',
          fileName: 'heal_endless-1.0.0-py3-none-any.whl',
          url: `${origin}/heal_endless-1.0.0-py3-none-any.whl`,
          sha256: '0'.repeat(64),
          installDir: 'site',
          source: 'index',
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PackageError);
      expect((error as PackageError).kind).toBe('quota');
      expect(asked.length).toBeGreaterThan(0);
      expect(cache.entries.size).toBe(0);
      // The download stopped near the quota, far from the 200 MB the server would send.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sent).toBeLessThan(100 * MB);
    } finally {
      stopped = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 120_000);
});

describe('a program plants a PyPI answer in Cache Storage (Node, a real index on 127.0.0.1)', () => {
  // The user's program runs with the page's origin: it can write Cache Storage (heal-packages-v1)
  // but not the page's localStorage. A PyPI answer it planted must neither count as the user's
  // "yes" nor replace the answer the user agreed to.
  const planted = () => {
    const wheel = buildWheel('heal-planted', '6.6.6', {
      'heal_planted/__init__.py': 'PLANTED = True\n',
      'heal_pure/__init__.py': 'def hello(n):\n    return "PLANTED"\n',
    });
    const url = `http://127.0.0.1:1/planted/${wheel.fileName}`;
    const json = (name: string) =>
      new TextEncoder().encode(
        JSON.stringify({
          info: { name, version: '6.6.6', requires_dist: [] },
          urls: [{ filename: wheel.fileName, url, digests: { sha256: sha256(wheel.bytes) } }],
        }),
      );
    return { wheel, url, json };
  };

  it('a planted answer for a project nobody agreed to does not skip the question', async () => {
    const index = await startPackageIndex();
    try {
      const cache = memoryPackageCache();
      const { wheel, url, json } = planted();
      const bytes = json('heal-planted');
      await cache.put(`${index.pypiUrl}heal-planted/json`, bytes, { kind: 'pypi-json', name: 'heal-planted', size: bytes.byteLength, storedAt: 0 });
      await cache.put(url, wheel.bytes, {
        kind: 'file',
        name: 'heal-planted',
        version: '6.6.6',
        fileName: wheel.fileName,
        sha256: sha256(wheel.bytes),
        source: 'pypi',
        size: wheel.bytes.byteLength,
        storedAt: 0,
      });
      const store = new PackageStore({ indexUrl: index.indexUrl, pypiUrl: index.pypiUrl, fetch: (u, init) => fetch(u, init), cache });
      const asked: string[] = [];
      const prepared = await preparePackages('import heal_planted\n', store, {
        confirmPypi: async (q) => {
          asked.push(...q.projects.map((p) => p.project));
          return false;
        },
      });
      expect(asked).toEqual(['heal-planted']);
      expect(prepared.set.files).toEqual([]);
    } finally {
      await index.close();
    }
  }, 60_000);

  it("a planted answer replacing one the user agreed to is not used: the wheel is PyPI's", async () => {
    const index = await startPackageIndex();
    try {
      const cache = memoryPackageCache();
      const consents = memoryPypiConsents();
      const make = () => new PackageStore({ indexUrl: index.indexUrl, pypiUrl: index.pypiUrl, fetch: (u, init) => fetch(u, init), cache, consents });
      let asked = 0;
      const yes = async () => {
        asked++;
        return true;
      };
      const first = await preparePackages('import heal_pure\n', make(), { confirmPypi: yes });
      expect(asked).toBe(1);
      const genuine = first.set.files.find((f) => f.name === 'heal-pure')!.sha256;
      expect(genuine).toBe(index.content.packages['heal-pure']!.sha256);
      // The program rewrites the cached answer to name its own wheel (and plants that wheel).
      const { wheel, url, json } = planted();
      const bytes = json('heal-pure');
      await cache.put(`${index.pypiUrl}heal-pure/json`, bytes, { kind: 'pypi-json', name: 'heal-pure', size: bytes.byteLength, storedAt: 0 });
      await cache.put(url, wheel.bytes, {
        kind: 'file',
        name: 'heal-pure',
        version: '6.6.6',
        fileName: wheel.fileName,
        sha256: sha256(wheel.bytes),
        source: 'pypi',
        size: wheel.bytes.byteLength,
        storedAt: 0,
      });
      const again = await preparePackages('import heal_pure\n', make(), { confirmPypi: yes });
      const used = again.set.files.find((f) => f.name === 'heal-pure');
      expect(used?.sha256).not.toBe(sha256(wheel.bytes));
      expect(used?.version).not.toBe('6.6.6');
    } finally {
      await index.close();
    }
  }, 60_000);
});

describe("Pyodide's own modules are not packages (Node, a real index on 127.0.0.1)", () => {
  it('import js / pyodide.ffi: no PyPI question for a project named "pyodide", no "not available", nothing fetched', async () => {
    const index = await startPackageIndex();
    try {
      const store = new PackageStore({ indexUrl: index.indexUrl, pypiUrl: index.pypiUrl, fetch: (u, init) => fetch(u, init), cache: memoryPackageCache() });
      const asked: string[] = [];
      const notes: string[] = [];
      const prepared = await preparePackages('import js\nfrom pyodide.ffi import run_sync\nimport pyodide_js\n', store, {
        note: (text) => notes.push(text),
        confirmPypi: async (q) => {
          asked.push(...q.projects.map((p) => p.project));
          return true;
        },
      });
      expect(asked).toEqual([]);
      expect(notes).toEqual([]);
      expect([...prepared.unavailable.keys()]).toEqual([]);
      expect(index.requests.filter((r) => r.startsWith('/pypi/'))).toEqual([]);
    } finally {
      await index.close();
    }
  }, 60_000);

  it('the list matches what Pyodide really provides', async () => {
    const py = await loadWorkerPython('runner');
    const missing = py.runPython(`import importlib.util, json
json.dumps([n for n in ${JSON.stringify([...PYODIDE_MODULES])} if importlib.util.find_spec(n) is None])`) as string;
    expect(JSON.parse(missing)).toEqual([]);
  }, 60_000);
});
