// Runs the executor's Python unit tests (workers/executor/py/tests) inside real
// Pyodide in Node, one vitest case per Python test. The executor's files go to
// /executor (on sys.path); the runner's go to /heal-src (not on sys.path) so a
// few tests can check compatibility with the runner's pickling and unpickling.
import { join } from 'node:path';
import { loadPyodide } from 'pyodide';
import { describe, expect, it } from 'vitest';
import { mountPythonSources, pyDir, repoRoot } from './pyodide-node.ts';

interface PyTestRecord { id: string; ok: boolean; detail?: string; skipped?: string }

const py = await loadPyodide({ indexURL: join(repoRoot, 'node_modules/pyodide') });
mountPythonSources(py, join(repoRoot, 'workers/executor/py'), '/executor');
mountPythonSources(py, pyDir, '/heal-src');
py.runPython("import sys\nif '/executor' not in sys.path: sys.path.insert(0, '/executor')");
const runAll = py.pyimport('tests.run_all').run_all as (root: string) => string;
const records = JSON.parse(runAll('/executor')) as PyTestRecord[];

describe('executor Python unit tests in Pyodide', () => {
  it('discovers the Python tests', () => {
    expect(records.length).toBeGreaterThan(30);
  });
  for (const record of records) {
    it.skipIf(Boolean(record.skipped))(record.id.replace(/^tests\./, ''), () => {
      if (!record.ok) throw new Error(record.detail);
    });
  }
});
