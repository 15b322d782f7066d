// Dev helper: run a Python file in Node Pyodide with the project's modules importable.
// Usage: npx tsx scripts/pyrun.ts file.py
import { readFileSync } from 'node:fs';
import { loadTestPyodide } from '../test/pyodide-node.ts';

const py = await loadTestPyodide();
py.runPython(readFileSync(process.argv[2]!, 'utf8'));
