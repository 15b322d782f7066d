// Installing package files into a worker's Pyodide (runner, executor): the bytes come from the
// page, already checked against the index's sha256; this unpacks each file where Pyodide's own
// loader would (site-packages, or /usr/lib for shared libraries) and loads its shared
// libraries, through the installer loadPackage uses (pyodide._api.install, Pyodide 314). The
// files are installed in the order given: dependencies first.
import type { PyodideAPI } from 'pyodide';
import type { PackageFile } from '../../protocol/packages.ts';
import { errorText } from '../async.ts';

interface PyodideInstaller {
  install(buffer: Uint8Array, fileName: string, installDir: string, metadata: Map<string, string>): Promise<void>;
  package_loader: { get_install_dir(kind: string): string };
  packageManager?: { loadedPackages: Record<string, string> };
}

function installer(py: PyodideAPI): PyodideInstaller {
  const api = (py as unknown as { _api?: Partial<PyodideInstaller> })._api;
  if (!api || typeof api.install !== 'function' || !api.package_loader) {
    throw new Error(`Pyodide ${py.version} has no package installer this playground knows (pyodide._api.install)`);
  }
  return api as PyodideInstaller;
}

/** Where packages are installed (site-packages, the shared-library folder). */
export function packageDirs(py: PyodideAPI): string[] {
  const loader = installer(py).package_loader;
  return [loader.get_install_dir('site'), loader.get_install_dir('dynlib')];
}

/** Names of the packages installed in this Python (by us or by Pyodide itself). */
export function installedPackages(py: PyodideAPI): Record<string, string> {
  return installer(py).packageManager?.loadedPackages ?? {};
}

/**
 * Installs the files not installed yet, in order; `bytesOf` supplies a file's bytes when it did
 * not travel with it. A file that fails is reported and the rest go on (what needs it fails at import).
 */
export async function installPackageFiles(
  py: PyodideAPI,
  files: readonly PackageFile[],
  bytesOf: (file: PackageFile) => ArrayBuffer | Uint8Array | undefined = (file) => file.bytes,
): Promise<{ installed: string[]; failed: { name: string; error: string }[] }> {
  const api = installer(py);
  const loaded = api.packageManager?.loadedPackages;
  const installed: string[] = [];
  const failed: { name: string; error: string }[] = [];
  for (const file of files) {
    if (loaded?.[file.name] !== undefined) continue;
    const bytes = bytesOf(file);
    if (!bytes) {
      failed.push({ name: file.name, error: `the bytes of ${file.fileName} were not handed over` });
      continue;
    }
    try {
      const dir = api.package_loader.get_install_dir(file.installDir);
      const metadata = new Map([
        ['INSTALLER', 'heal-playground'],
        ['PYODIDE_SOURCE', file.source],
      ]);
      await api.install(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), file.fileName, dir, metadata);
      if (loaded) loaded[file.name] = file.source;
      installed.push(file.name);
    } catch (error) {
      failed.push({ name: file.name, error: errorText(error).split('\n').slice(-2).join(' ').slice(0, 500) });
    }
  }
  return { installed, failed };
}
