// Runs the Python unit tests (workers/python/py/tests) inside real Pyodide in Node,
// one vitest case per Python test.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTestPyodide } from './pyodide-node.ts';

interface PyTestRecord { id: string; ok: boolean; detail?: string; skipped?: string }

let records: PyTestRecord[] = [];

beforeAll(async () => {
  const py = await loadTestPyodide();
  const runAll = py.pyimport('tests.run_all').run_all as (root: string) => string;
  records = JSON.parse(runAll('/heal')) as PyTestRecord[];
}, 120_000);

describe('Python unit tests in Pyodide', () => {
  it('discovers the Python tests', () => {
    expect(records.length).toBeGreaterThan(30);
  });
  it('all pass', () => {
    const failed = records.filter((r) => !r.ok);
    for (const f of failed) console.error(`FAIL ${f.id}\n${f.detail}`);
    expect(failed.map((f) => f.id)).toEqual([]);
  });
});
