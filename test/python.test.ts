// Runs the Python unit tests (workers/runner/py/tests) inside real Pyodide in Node
// and reports each one as its own vitest case.
import { loadTestPyodide, registerPythonTests, writeAttackPayloads } from './pyodide-node.ts';

const py = await loadTestPyodide();
writeAttackPayloads(py, '/heal/tests');
registerPythonTests('Python unit tests in Pyodide', py, '/heal');
