// Loads Pyodide in Node with the project's Python modules on sys.path.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide, type PyodideAPI } from 'pyodide';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const pyDir = join(repoRoot, 'workers/python/py');
export const corporaDir = join(repoRoot, '..', 'shared', 'corpora');

/** Copies workers/python/py (recursively) into the Pyodide FS at /heal. */
export function mountPythonSources(py: PyodideAPI, from = pyDir, to = '/heal'): void {
  py.FS.mkdirTree(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name === '__pycache__') continue;
    const src = join(from, entry.name);
    if (entry.isDirectory()) mountPythonSources(py, src, `${to}/${entry.name}`);
    else if (entry.name.endsWith('.py')) py.FS.writeFile(`${to}/${entry.name}`, readFileSync(src, 'utf8'));
  }
}

export async function loadTestPyodide(): Promise<PyodideAPI> {
  const py = await loadPyodide({ indexURL: join(repoRoot, 'node_modules/pyodide') });
  mountPythonSources(py);
  py.runPython("import sys\nif '/heal' not in sys.path: sys.path.insert(0, '/heal')");
  return py;
}

export function readJsonl<T>(name: string): T[] {
  const path = join(corporaDir, name);
  if (!existsSync(path)) throw new Error(`corpus not found: ${path}`);
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
}
