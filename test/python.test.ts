// Every Python unit test, inside real Pyodide in Node, one vitest case per Python test: each
// test folder (workers/<root>/py/**/tests) runs next to its worker's Python, installed as that
// worker installs it (runner, executor, analysis; the shared package on its own). The attack
// payloads come from test/attacks.ts (written as attacks.json into each folder).
import { describe, expect, it } from 'vitest';
import { workerPythonSources, type PythonRoot } from '../workers/shared/host.node.ts';
import { loadWorkerPython, pythonTestFolders, registerPythonTests, runPythonTests, writeFiles } from './pyodide-node.ts';

const ROOTS: PythonRoot[] = ['runner', 'executor', 'analysis', 'shared'];

/**
 * Sources a root's tests also read, mounted off sys.path: the executor's tests check
 * compatibility with the runner's own pickling and merge (workers/runner/py at /heal-src).
 */
const ALSO_MOUNTED: Partial<Record<PythonRoot, [at: string, root: PythonRoot]>> = { executor: ['/heal-src', 'runner'] };

const folders = pythonTestFolders(ROOTS);

describe('Python test folders', () => {
  it('every Python root has tests', () => {
    expect(new Set(folders.map((folder) => folder.root))).toEqual(new Set(ROOTS));
  });
});

for (const root of ROOTS) {
  const py = await loadWorkerPython(root);
  const extra = ALSO_MOUNTED[root];
  if (extra) writeFiles(py, extra[0], await workerPythonSources(extra[1]));
  for (const folder of folders.filter((f) => f.root === root)) {
    registerPythonTests(`${root}/py/${folder.path} (Python, in Pyodide)`, runPythonTests(py, folder));
  }
}
