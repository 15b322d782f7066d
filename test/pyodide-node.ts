// Loads Pyodide in Node with the project's Python modules on sys.path.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { describe, expect, it } from 'vitest';
import { AUDIT_HOOK, FLAT_LONG_SOURCES, PARSER_BOMBS, STATE_LEAKS } from './attacks.ts';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const pyDir = join(repoRoot, 'workers/runner/py');
/** Python modules every worker installs beside its own (heal_values, the parser-bomb guard). */
export const sharedPyDir = join(repoRoot, 'workers/shared/py');
export const corporaDir = join(repoRoot, '..', 'shared', 'corpora');

/** Copies workers/runner/py (recursively) into the Pyodide FS at /heal. */
export function mountPythonSources(py: PyodideAPI, from = pyDir, to = '/heal'): void {
  py.FS.mkdirTree(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name === '__pycache__') continue;
    const src = join(from, entry.name);
    if (entry.isDirectory()) mountPythonSources(py, src, `${to}/${entry.name}`);
    else if (entry.name.endsWith('.py')) py.FS.writeFile(`${to}/${entry.name}`, readFileSync(src, 'utf8'));
  }
}

export async function loadTestPyodide(): Promise<PyodideAPI> {
  const py = await loadPyodide({ indexURL: join(repoRoot, 'node_modules/pyodide') });
  mountPythonSources(py);
  mountPythonSources(py, sharedPyDir);
  py.runPython("import sys\nif '/heal' not in sys.path: sys.path.insert(0, '/heal')");
  return py;
}

/** test/attacks.ts's payloads for the Python tests, as `<testsDir>/attacks.json` (one source of truth). */
export function writeAttackPayloads(py: PyodideAPI, testsDir: string): void {
  const payloads = { parserBombs: PARSER_BOMBS, flatLongSources: FLAT_LONG_SOURCES, stateLeaks: STATE_LEAKS, auditHook: AUDIT_HOOK };
  py.FS.writeFile(`${testsDir}/attacks.json`, JSON.stringify(payloads));
}

export function readJsonl<T>(name: string): T[] {
  const path = join(corporaDir, name);
  if (!existsSync(path)) throw new Error(`corpus not found: ${path}`);
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
}

interface PyTestRecord { id: string; ok: boolean; detail?: string; skipped?: string }

/**
 * Runs the unittest suite under `<root>/tests` with workers/runner/py/tests/run_all.py
 * (mounted at /heal) and registers one vitest case per Python test.
 */
export function registerPythonTests(title: string, py: PyodideAPI, root: string, minTests = 30): void {
  const runAll = py.runPython(`
import importlib.util
_spec = importlib.util.spec_from_file_location("heal_test_run_all", "/heal/tests/run_all.py")
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
_module.run_all`) as (root: string) => string;
  const records = JSON.parse(runAll(root)) as PyTestRecord[];
  describe(title, () => {
    it('discovers the Python tests', () => {
      expect(records.length).toBeGreaterThanOrEqual(minTests);
    });
    for (const record of records) {
      it.skipIf(Boolean(record.skipped))(record.id.replace(/^tests\./, ''), () => {
        if (!record.ok) throw new Error(record.detail);
      });
    }
  });
}
