// Pyodide in Node for the Python tests and tools: a worker's Python installed exactly as its
// Node host installs it (workers/shared/host.node.ts), and the Python test folders beside it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { describe, expect, it } from 'vitest';
import { installPython } from '../workers/shared/python-load.ts';
import { pythonDir, workerPythonSources, type PythonRoot } from '../workers/shared/host.node.ts';
import { nodePyodideDir } from '../workers/shared/spawn.node.ts';
import { PY_ROOT } from '../workers/runner/runner-core.ts';
import { EXECUTOR_PY_ROOT } from '../workers/executor/executor-core.ts';
import { ANALYSIS_PY_ROOT } from '../workers/analysis/analysis-core.ts';
import { AUDIT_HOOK, FLAT_LONG_SOURCES, PARSER_BOMBS, STATE_LEAKS } from './attacks.ts';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const corporaDir = join(repoRoot, '..', 'shared', 'corpora');

/** Where each Python root is installed (the shared package alone: a root of its own for its tests). */
export const INSTALL_ROOTS: Record<PythonRoot, string> = {
  runner: PY_ROOT,
  executor: EXECUTOR_PY_ROOT,
  analysis: ANALYSIS_PY_ROOT,
  shared: '/shared',
};
const RUN_ALL = '/test-harness/run_all.py';

/** Writes `files` (paths relative to `to`) into the Pyodide file system. */
export function writeFiles(py: PyodideAPI, to: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const full = `${to}/${path}`;
    py.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
    py.FS.writeFile(full, text);
  }
}

/** A Pyodide with a worker's Python installed (its root first on sys.path) as the worker has it. */
export async function loadWorkerPython(root: PythonRoot): Promise<PyodideAPI> {
  const py = await loadPyodide({ indexURL: nodePyodideDir });
  installPython(py, INSTALL_ROOTS[root], await workerPythonSources(root));
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
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

export interface PythonTestFolder {
  root: PythonRoot;
  /** Relative to the root's py/ folder, e.g. "tests" or "security/tests". */
  path: string;
}

/** Every Python test folder: each folder named `tests` under workers/<root>/py. */
export function pythonTestFolders(roots: readonly PythonRoot[]): PythonTestFolder[] {
  const found: PythonTestFolder[] = [];
  const walk = (root: PythonRoot, dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === '__pycache__') continue;
      const path = join(dir, entry.name);
      if (entry.name === 'tests') found.push({ root, path: relative(pythonDir(root), path) });
      else walk(root, path);
    }
  };
  for (const root of roots) walk(root, pythonDir(root));
  return found;
}

interface PyTestRecord {
  id: string;
  ok: boolean;
  detail?: string;
  skipped?: string;
}

/** Copies a test folder next to the installed Python, with the attack payloads, and runs it with test/run_all.py. */
export function runPythonTests(py: PyodideAPI, folder: PythonTestFolder): PyTestRecord[] {
  const source = join(pythonDir(folder.root), folder.path);
  const files: Record<string, string> = {};
  for (const name of readdirSync(source)) if (name.endsWith('.py')) files[name] = readFileSync(join(source, name), 'utf8');
  const testsDir = `${INSTALL_ROOTS[folder.root]}/${folder.path}`;
  writeFiles(py, testsDir, files);
  writeAttackPayloads(py, testsDir);
  writeFiles(py, dirname(RUN_ALL), { 'run_all.py': readFileSync(join(repoRoot, 'test/run_all.py'), 'utf8') });
  const runAll = py.runPython(`
import importlib.util
_spec = importlib.util.spec_from_file_location("heal_test_run_all", ${JSON.stringify(RUN_ALL)})
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
_module.run_all`) as (root: string) => string;
  return JSON.parse(runAll(dirname(testsDir))) as PyTestRecord[];
}

/** Registers one vitest case per Python test (and one that the folder has tests at all). */
export function registerPythonTests(title: string, records: readonly PyTestRecord[]): void {
  describe(title, () => {
    it('discovers the Python tests', () => {
      expect(records.length).toBeGreaterThan(0);
    });
    for (const record of records) {
      it.skipIf(Boolean(record.skipped))(record.id.replace(/^tests\./, ''), () => {
        if (!record.ok) throw new Error(record.detail);
      });
    }
  });
}
