// Dev helper: run a Python file in Node Pyodide with a worker's Python installed as the worker has it.
// Usage: npx tsx scripts/pyrun.ts file.py [runner|executor|analysis|shared]   (default: runner)
import { readFileSync } from 'node:fs';
import type { PythonRoot } from '../workers/shared/host.node.ts';
import { loadWorkerPython } from '../test/pyodide-node.ts';

const py = await loadWorkerPython((process.argv[3] ?? 'runner') as PythonRoot);
py.runPython(readFileSync(process.argv[2]!, 'utf8'));
