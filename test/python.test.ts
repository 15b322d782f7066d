// Runs the Python unit tests (workers/python/py/tests) inside real Pyodide in Node
// and reports each one as its own vitest case.
import { describe, expect, it } from 'vitest';
import { loadTestPyodide } from './pyodide-node.ts';

interface PyTestRecord { id: string; ok: boolean; detail?: string; skipped?: string }

const py = await loadTestPyodide();
const runAll = py.pyimport('tests.run_all').run_all as (root: string) => string;
const records = JSON.parse(runAll('/heal')) as PyTestRecord[];

describe('Python unit tests in Pyodide', () => {
  it('discovers the Python tests', () => {
    expect(records.length).toBeGreaterThan(30);
  });
  for (const record of records) {
    it.skipIf(Boolean(record.skipped))(record.id.replace(/^tests\./, ''), () => {
      if (!record.ok) throw new Error(record.detail);
    });
  }
});
