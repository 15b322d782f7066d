// Runs the Python unit tests (workers/python/py/tests) inside real Pyodide in Node
// and reports each one as its own vitest case.
import { loadTestPyodide, registerPythonTests } from './pyodide-node.ts';

registerPythonTests('Python unit tests in Pyodide', await loadTestPyodide(), '/heal');
