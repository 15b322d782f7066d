// Runs the executor's Python unit tests (workers/executor/py/tests) inside real
// Pyodide in Node, one vitest case per Python test. The executor's files go to
// /executor (on sys.path); the runner's go to /heal-src (not on sys.path) so a
// few tests can check compatibility with the runner's pickling and unpickling, and
// to /heal for the shared test collector.
import { join } from 'node:path';
import { loadPyodide } from 'pyodide';
import { mountPythonSources, pyDir, registerPythonTests, repoRoot, sharedPyDir, writeAttackPayloads } from './pyodide-node.ts';

const py = await loadPyodide({ indexURL: join(repoRoot, 'node_modules/pyodide') });
mountPythonSources(py, join(repoRoot, 'workers/executor/py'), '/executor');
mountPythonSources(py, pyDir, '/heal-src');
mountPythonSources(py, pyDir, '/heal');
for (const root of ['/executor', '/heal-src', '/heal']) mountPythonSources(py, sharedPyDir, root);
writeAttackPayloads(py, '/executor/tests');
py.runPython("import sys\nif '/executor' not in sys.path: sys.path.insert(0, '/executor')");
registerPythonTests('executor Python unit tests in Pyodide', py, '/executor');
