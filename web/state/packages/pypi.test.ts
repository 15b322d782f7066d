import { describe, expect, it } from 'vitest';
import { LockIndex, parseLock } from '../../../workers/shared/packages/lock.ts';
import { isPureWheel, markerApplies, parseRequirement, releaseFromJson, resolvePypi } from './pypi.ts';

describe('PyPI requirements', () => {
  it('evaluates environment markers for Pyodide', () => {
    expect(markerApplies('sys_platform == "win32"')).toBe(false);
    expect(markerApplies('sys_platform == "emscripten"')).toBe(true);
    expect(markerApplies('extra == "test"')).toBe(false);
    expect(markerApplies('python_version >= "3.8"')).toBe(true);
    expect(markerApplies('python_version < "3.10"')).toBe(false);
    expect(markerApplies('python_version >= "3.9" and (platform_system != "Windows" or os_name == "nt")')).toBe(true);
    expect(markerApplies('platform_machine in "x86_64 aarch64"')).toBe(false);
    expect(markerApplies('os_name not in "nt java"')).toBe(true);
    expect(markerApplies('what_is_this == "x"')).toBe(false);
    expect(markerApplies('python_version >=')).toBe(false);
  });

  it('reads names (normalized) and markers', () => {
    expect(parseRequirement('Typing_Extensions (>=4.0) ; python_version < "3.11"')).toEqual({ name: 'typing-extensions', marker: 'python_version < "3.11"' });
    expect(parseRequirement('requests[socks]>=2')).toEqual({ name: 'requests' });
    expect(parseRequirement('  ')).toBeNull();
  });

  it('only takes pure-Python wheels', () => {
    expect(isPureWheel('six-1.16.0-py2.py3-none-any.whl')).toBe(true);
    expect(isPureWheel('attrs-24.0-py3-none-any.whl')).toBe(true);
    expect(isPureWheel('numpy-2.0-cp314-cp314-manylinux_2_17_x86_64.whl')).toBe(false);
    expect(isPureWheel('thing-1.0.tar.gz')).toBe(false);
  });
});

describe('resolvePypi', () => {
  const lock = new LockIndex(
    parseLock({
      packages: {
        six: {
          name: 'six',
          version: '1',
          file_name: 'six.whl',
          install_dir: 'site',
          sha256: 'b'.repeat(64),
          package_type: 'package',
          imports: ['six'],
          depends: [],
        },
      },
    }),
  );
  const release = (name: string, requires: string[] | null, wheel = `${name.replace(/-/g, '_')}-1.0-py3-none-any.whl`) => ({
    info: { name, version: '1.0', requires_dist: requires },
    urls: [{ filename: wheel, url: `https://files.example/${wheel}`, digests: { sha256: 'c'.repeat(64) }, packagetype: 'bdist_wheel' }],
  });
  const answers: Record<string, unknown> = {
    top: release('top', ['mid', 'six', 'winonly; sys_platform == "win32"']),
    mid: release('mid', ['top']), // a cycle back to top
    native: release('native', null, 'native-1.0-cp314-cp314-emscripten_wasm32.whl'),
  };
  const json = async (project: string) => {
    if (!(project in answers)) throw Object.assign(new Error('not found'), { kind: 'not-found' });
    return answers[project];
  };

  it('requirements first; the lock provides what it has; markers skip the rest', async () => {
    const resolved = await resolvePypi(['top'], { lock, json });
    expect(resolved.releases.map((r) => r.project)).toEqual(['mid', 'top']);
    expect(resolved.lockPackages).toEqual(['six']);
    expect(resolved.errors).toEqual([]);
    expect(resolved.releases[1]).toMatchObject({ version: '1.0', url: 'https://files.example/top-1.0-py3-none-any.whl', sha256: 'c'.repeat(64) });
  });

  it('says why a project cannot be installed', async () => {
    const resolved = await resolvePypi(['native', 'ghost'], { lock, json });
    expect(resolved.releases).toEqual([]);
    expect(resolved.errors.map((e) => e.message)).toEqual([
      "native 1.0 has no pure-Python wheel on PyPI (compiled packages only come from Pyodide's package index)",
      'not found',
    ]);
    expect(() => releaseFromJson('x', { nope: 1 })).toThrow(/not readable/);
  });
});
