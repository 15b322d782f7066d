// Where packages come from unless the build or the settings say otherwise. Pyodide's own CDN
// for exactly the Pyodide version we ship (its pyodide-lock.json equals the npm package's), and
// PyPI's JSON API for pure-Python wheels the lock does not have. test/packages.test.ts checks
// the version and ABI against node_modules/pyodide.

export const PYODIDE_VERSION = '314.0.7';

/** The lock's info.abi_version: a lock of another ABI holds wheels this Pyodide cannot load. */
export const PYODIDE_ABI_VERSION = '2026_0';

/** Python's major.minor in this Pyodide (a lock's info.python must match). */
export const PYODIDE_PYTHON = '3.14';

export const DEFAULT_PACKAGE_BASE_URL = `https://cdn.jsdelivr.net/pyodide/v${PYODIDE_VERSION}/full/`;

/** PyPI's JSON API: `<base><project>/json`. */
export const DEFAULT_PYPI_URL = 'https://pypi.org/pypi/';

/** Where PyPI's JSON API points wheel downloads. */
export const DEFAULT_PYPI_FILES_URL = 'https://files.pythonhosted.org/packages/';

/** The lock file's name under an index's base URL. */
export const LOCK_FILE = 'pyodide-lock.json';

/** A base URL as it is compared and joined: absolute, ending in "/". Throws on anything but http(s). */
export function normalizeBaseUrl(url: string): string {
  const parsed = new URL(url.trim());
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`${url}: only http(s) URLs can serve packages`);
  parsed.hash = '';
  parsed.search = '';
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return parsed.href;
}
