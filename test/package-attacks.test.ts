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

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function packageFile(wheel: { fileName: string; bytes: Uint8Array }, name: string) {
  return { name, version: '1.0.0', fileName: wheel.fileName, installDir: 'site' as const, sha256: sha256(wheel.bytes), source: 'pypi' as const, bytes: wheel.bytes };
}

describe('hostile wheels (Node, real Pyodide installer)', () => {
  it('entries with ../, absolute paths and .data/ tricks land nowhere outside site-packages; a .pth runs nothing', async () => {
    const py = await loadWorkerPython('runner');
    const [site] = packageDirs(py);
    const runnerFiles = () => py.runPython(`import os, json
json.dumps(sorted((d, f, os.path.getsize(os.path.join(d, f))) for d, _, fs in os.walk(${JSON.stringify(INSTALL_ROOTS.runner)}) for f in fs))`) as string;
    const before = runnerFiles();
    const wheel = buildWheel('heal-evil', '1.0.0', HOSTILE_WHEEL_ENTRIES);
    const { installed, failed } = await installPackageFiles(py, [packageFile(wheel, 'heal-evil')]);
    // It installs (its harmless entries are there) …
    expect({ installed, failed }).toEqual({ installed: ['heal-evil'], failed: [] });
    const found = JSON.parse(py.runPython(`import os, json, sys
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
json.dumps(hits)`) as string) as string[];
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
    const where = JSON.parse(py.runPython(`import json, importlib, sys
for name in ["_heal_common.heal_values", "_heal_runner.runner", "json", "_heal_common", "_heal_runner"]:
    sys.modules.pop(name, None)
out = {}
for name in ["_heal_common.heal_values", "_heal_runner.runner", "json"]:
    m = importlib.import_module(name)
    out[name] = [m.__file__, getattr(m, "SHADOWED", False)]
json.dumps(out)`) as string) as Record<string, [string, boolean]>;
    for (const [name, [file, shadowed]] of Object.entries(where)) {
      expect(shadowed, name).toBe(false);
      expect(file, name).not.toMatch(/site-packages/);
    }
  }, 120_000);
});
