import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp.ts';
import { DEFAULT_PACKAGE_HOSTS, packageHostsFromEnv } from './package-hosts.ts';

const connectSrc = (csp: string) => /connect-src ([^;]*)/.exec(csp)![1]!.split(' ');

describe('package hosts in the CSP', () => {
  it("allows exactly Pyodide's CDN path for this version and PyPI by default", () => {
    const sources = connectSrc(contentSecurityPolicy());
    expect(sources).toContain('https://cdn.jsdelivr.net/pyodide/v314.0.7/full/');
    expect(sources).toContain('https://pypi.org/pypi/');
    expect(sources).toContain('https://files.pythonhosted.org/packages/');
    expect(sources.filter((s) => s.includes('jsdelivr'))).toEqual(['https://cdn.jsdelivr.net/pyodide/v314.0.7/full/']);
  });

  it('the build-time variables replace them; HEAL_PYPI_URL=off leaves PyPI out', () => {
    const hosts = packageHostsFromEnv({ HEAL_PACKAGE_BASE_URL: 'https://mirror.example/pyodide', HEAL_PYPI_URL: 'off' });
    expect(hosts).toEqual({ indexUrl: 'https://mirror.example/pyodide/', pypiUrl: null, pypiFilesUrl: null });
    const sources = connectSrc(contentSecurityPolicy({ packages: hosts }));
    expect(sources).toContain('https://mirror.example/pyodide/');
    expect(sources.join(' ')).not.toMatch(/jsdelivr|pypi|pythonhosted/);
    expect(packageHostsFromEnv({})).toEqual(DEFAULT_PACKAGE_HOSTS);
  });

  it("a malformed URL stops the build with the variable's name", () => {
    expect(() => packageHostsFromEnv({ HEAL_PACKAGE_BASE_URL: 'ftp://x/' })).toThrow(/HEAL_PACKAGE_BASE_URL=ftp:\/\/x\//);
    expect(() => packageHostsFromEnv({ HEAL_PYPI_URL: 'not a url' })).toThrow(/HEAL_PYPI_URL/);
  });
});
