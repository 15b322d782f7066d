// The package hosts this build talks to, fixed at build time: the package index
// (HEAL_PACKAGE_BASE_URL, default Pyodide's CDN for exactly our Pyodide version) and PyPI's JSON
// API with the host its wheels come from (HEAL_PYPI_URL, HEAL_PYPI_FILES_URL; HEAL_PYPI_URL=off
// leaves PyPI out). The Content Security Policy's connect-src allows exactly these (csp.ts), and
// vite.config.ts hands them to the app as its defaults.
import { DEFAULT_PACKAGE_BASE_URL, DEFAULT_PYPI_FILES_URL, DEFAULT_PYPI_URL, normalizeBaseUrl } from '../../workers/shared/packages/defaults.ts';

export interface PackageHosts {
  indexUrl: string;
  /** null: no installs from PyPI in this build. */
  pypiUrl: string | null;
  pypiFilesUrl: string | null;
}

export const DEFAULT_PACKAGE_HOSTS: Readonly<PackageHosts> = Object.freeze({
  indexUrl: DEFAULT_PACKAGE_BASE_URL,
  pypiUrl: DEFAULT_PYPI_URL,
  pypiFilesUrl: DEFAULT_PYPI_FILES_URL,
});

/** The build's hosts from the environment; a malformed URL stops the build with its name. */
export function packageHostsFromEnv(env: Record<string, string | undefined>): PackageHosts {
  const read = (name: string, fallback: string): string => {
    const value = env[name]?.trim();
    if (!value) return fallback;
    try {
      return normalizeBaseUrl(value);
    } catch (error) {
      throw new Error(`${name}=${value}: ${(error as Error).message}`);
    }
  };
  const pypiOff = env.HEAL_PYPI_URL?.trim().toLowerCase() === 'off';
  return {
    indexUrl: read('HEAL_PACKAGE_BASE_URL', DEFAULT_PACKAGE_BASE_URL),
    pypiUrl: pypiOff ? null : read('HEAL_PYPI_URL', DEFAULT_PYPI_URL),
    pypiFilesUrl: pypiOff ? null : read('HEAL_PYPI_FILES_URL', DEFAULT_PYPI_FILES_URL),
  };
}

/** The connect-src sources for these hosts (a source ending in "/" allows the paths under it). */
export function packageConnectSources(hosts: PackageHosts): string[] {
  return [hosts.indexUrl, hosts.pypiUrl, hosts.pypiFilesUrl].filter((url): url is string => url !== null);
}
