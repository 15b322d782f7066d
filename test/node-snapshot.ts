// A Pyodide memory snapshot made once per test file in Node: tests that restart
// workers on purpose (crash, memory ceiling, watchdog) start each new worker
// from it in well under a second instead of a cold load of several seconds.
import { join } from 'node:path';
import { loadPyodide } from 'pyodide';
import { repoRoot } from './pyodide-node.ts';

let made: Promise<Uint8Array> | undefined;

export function nodeSnapshot(): Promise<Uint8Array> {
  made ??= (async () => {
    const py = await loadPyodide({ indexURL: join(repoRoot, 'node_modules/pyodide'), _makeSnapshot: true } as Parameters<typeof loadPyodide>[0]);
    return (py as unknown as { makeMemorySnapshot(): Uint8Array }).makeMemorySnapshot();
  })();
  return made;
}
