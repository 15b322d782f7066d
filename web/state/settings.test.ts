import { describe, expect, it } from 'vitest';
import { defaultSettings, normalizeSettings, readSettings } from './settings.ts';

describe('normalizeSettings', () => {
  it('returns defaults for non-objects', () => {
    for (const value of [undefined, null, 42, 'dark', [], true]) {
      expect(normalizeSettings(value)).toEqual({ ...defaultSettings, timeLimitMs: 30_000, theme: 'system' });
    }
  });

  it('keeps valid fields and fills the missing ones', () => {
    expect(normalizeSettings({ theme: 'dark' })).toEqual({ ...defaultSettings, timeLimitMs: 30_000, theme: 'dark' });
    expect(normalizeSettings({ timeLimitMs: 5000 })).toEqual({ ...defaultSettings, timeLimitMs: 5000, theme: 'system' });
  });

  it('replaces invalid fields by defaults and drops unknown keys', () => {
    const s = normalizeSettings({ timeLimitMs: '5000', theme: 'solarized', extra: 1 });
    expect(s).toEqual(defaultSettings);
    expect(Object.keys(s).sort()).toEqual(Object.keys(defaultSettings).sort());
    expect(normalizeSettings({ timeLimitMs: Number.NaN }).timeLimitMs).toBe(30_000);
    expect(normalizeSettings({ timeLimitMs: Number.POSITIVE_INFINITY }).timeLimitMs).toBe(30_000);
  });

  it('clamps the time limit to 0..600000 (0 = no limit)', () => {
    expect(normalizeSettings({ timeLimitMs: -5 }).timeLimitMs).toBe(0);
    expect(normalizeSettings({ timeLimitMs: 0 }).timeLimitMs).toBe(0);
    expect(normalizeSettings({ timeLimitMs: 10_000_000 }).timeLimitMs).toBe(600_000);
    expect(normalizeSettings({ timeLimitMs: 1234.6 }).timeLimitMs).toBe(1235);
  });

  it('returns a fresh object, never the frozen defaults', () => {
    const s = normalizeSettings(undefined);
    expect(s).not.toBe(defaultSettings);
    s.theme = 'light';
    expect(defaultSettings.theme).toBe('system');
  });
});

describe('package settings', () => {
  it('keep an http(s) base URL or "" (the build\'s default), nothing else', () => {
    expect(normalizeSettings({ packageIndexUrl: 'https://mirror.example/pyodide/' }).packageIndexUrl).toBe('https://mirror.example/pyodide/');
    expect(normalizeSettings({ pypiUrl: ' http://127.0.0.1:9000/pypi/ ' }).pypiUrl).toBe('http://127.0.0.1:9000/pypi/');
    for (const bad of ['javascript:alert(1)', 'file:///etc/', 'not a url', 42, 'https://x/'.padEnd(600, 'a')]) {
      expect(normalizeSettings({ packageIndexUrl: bad }).packageIndexUrl).toBe('');
    }
    expect(defaultSettings).toMatchObject({ packageIndexUrl: '', pypiInstalls: true, pypiUrl: '' });
  });
});

describe('readSettings', () => {
  it('keeps only the valid fields present, without filling defaults', () => {
    expect(readSettings({ timeLimitMs: 0, theme: 'neon', autoAccept: 'true', extra: 1 })).toEqual({ timeLimitMs: 0 });
    expect(readSettings(undefined)).toEqual({});
    expect(readSettings(JSON.parse('{"__proto__": {"autoAccept": true}}'))).toEqual({});
  });
});
