// The repair package's Python tests (workers/runner/py/repair/tests) inside real Pyodide.
import { loadTestPyodide, registerPythonTests } from './pyodide-node.ts';

registerPythonTests('repair package (Python, in Pyodide)', await loadTestPyodide(), '/heal/repair', 13);
