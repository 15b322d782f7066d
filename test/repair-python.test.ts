// The repair package's Python tests (workers/python/py/repair/tests) inside real Pyodide.
import { describe, expect, it } from 'vitest';
import { loadTestPyodide } from './pyodide-node.ts';

const py = await loadTestPyodide();
const runAll = py.runPython(`
import importlib.util
_spec = importlib.util.spec_from_file_location("heal_test_run_all", "/heal/tests/run_all.py")
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
_module.run_all`) as (root: string) => string;
const records = JSON.parse(runAll('/heal/repair')) as { id: string; ok: boolean; detail?: string }[];

describe('repair package (Python, in Pyodide)', () => {
  it('discovers the tests', () => expect(records.length).toBeGreaterThanOrEqual(13));
  for (const record of records) {
    it(record.id.replace(/^tests\./, ''), () => {
      if (!record.ok) throw new Error(record.detail);
    });
  }
});
