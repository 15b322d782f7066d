// Node hosts: a worker's .py files (tests left out) and the modules every worker installs next
// to its own (workers/shared/py, e.g. the parser-bomb guard).
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const sharedPyDir = join(dirname(fileURLToPath(import.meta.url)), 'py');

/** The .py files under `dir` by path relative to `root`, leaving out tests and caches. */
export async function collectPython(dir: string, root = dir, out: Record<string, string> = {}): Promise<Record<string, string>> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'tests' && entry.name !== '__pycache__') await collectPython(path, root, out);
    else if (entry.isFile() && entry.name.endsWith('.py')) out[relative(root, path)] = await readFile(path, 'utf8');
  }
  return out;
}

/** workers/shared/py's modules, by file name. */
export function sharedPythonSources(): Promise<Record<string, string>> {
  return collectPython(sharedPyDir);
}
