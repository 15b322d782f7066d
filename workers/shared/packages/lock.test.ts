import { describe, expect, it } from 'vitest';
import { LockError, LockIndex, lockIncompatibility, normalizePackageName, parseLock } from './lock.ts';

const entry = (name: string, depends: string[] = [], imports = [name.replace(/-/g, '_')]) => ({
  name,
  version: '1.0',
  file_name: `${name}-1.0-py3-none-any.whl`,
  install_dir: 'site',
  sha256: 'a'.repeat(64),
  package_type: 'package',
  imports,
  depends,
});

const lock = parseLock({
  info: { abi_version: '2026_0', python: '3.14.2' },
  packages: {
    pandas: entry('pandas', ['numpy', 'python-dateutil', 'pytz']),
    numpy: entry('numpy'),
    'python-dateutil': entry('python-dateutil', ['six'], ['dateutil']),
    six: entry('six'),
    pytz: entry('pytz'),
    Pillow: { ...entry('Pillow', [], ['PIL']), name: 'Pillow' },
    broken: entry('broken', ['nowhere']),
    a: entry('a', ['b']),
    b: entry('b', ['a']),
  },
});

describe('the lock', () => {
  it('normalizes names as PEP 503 does', () => {
    expect(normalizePackageName('Python_Dateutil')).toBe('python-dateutil');
    expect(normalizePackageName('zope.interface')).toBe('zope-interface');
    expect(Object.keys(lock.packages)).toContain('pillow');
  });

  it('maps import names to packages', () => {
    const index = new LockIndex(lock);
    expect(index.packageForImport('PIL')).toBe('pillow');
    expect(index.packageForImport('dateutil')).toBe('python-dateutil');
    expect(index.packageForImport('nope')).toBeUndefined();
  });

  it('resolves dependencies first, each once, cycles included', () => {
    const index = new LockIndex(lock);
    expect(index.resolve(['pandas', 'numpy']).order.map((p) => p.name)).toEqual(['numpy', 'six', 'python-dateutil', 'pytz', 'pandas']);
    expect(index.resolve(['a']).order.map((p) => p.name)).toEqual(['b', 'a']);
    expect(index.resolve(['broken']).missing).toEqual([{ name: 'nowhere', requiredBy: 'broken' }]);
  });

  it('refuses a lock it cannot trust to mean what it says', () => {
    expect(() => parseLock('{nope')).toThrow(LockError);
    expect(() => parseLock({ packages: { x: { name: 'x' } } })).toThrow(/incomplete/);
    expect(() => parseLock({ packages: { x: { ...entry('x'), file_name: '../../evil.whl' } } })).toThrow(/not a plain file name/);
    expect(() => parseLock({ packages: { x: { ...entry('x'), file_name: 'https://elsewhere.example/x.whl' } } })).toThrow(/not a plain file name/);
    expect(() => parseLock({ packages: { x: { ...entry('x'), sha256: 'abc' } } })).toThrow(/sha256/);
  });

  it('says when a lock is for another Pyodide', () => {
    expect(lockIncompatibility(lock, { abi: '2026_0', python: '3.14' })).toBeNull();
    expect(lockIncompatibility(parseLock({ info: { abi_version: '2025_0' }, packages: {} }), { abi: '2026_0', python: '3.14' })).toMatch(/ABI 2025_0/);
    expect(lockIncompatibility(parseLock({ info: { python: '3.13.2' }, packages: {} }), { abi: '2026_0', python: '3.14' })).toMatch(/Python 3\.13/);
  });
});
