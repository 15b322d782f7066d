import { describe, expect, it } from 'vitest';
import { isEmptyWork, parseWork, parseWorkspace, sameWork } from './workspace.ts';
import { defaultSettings } from './settings.ts';

describe('parseWorkspace', () => {
  it('accepts a complete workspace', () => {
    const ws = { code: 'print(1)', stdin: 'a\n', expectedOutput: '1\n', settings: { ...defaultSettings, timeLimitMs: 0, theme: 'light' } };
    expect(parseWorkspace(ws)).toEqual(ws);
  });

  it('fills optional fields', () => {
    expect(parseWorkspace({ code: '' })).toEqual({ code: '', stdin: '', expectedOutput: null, settings: defaultSettings });
  });

  it('normalizes settings rather than rejecting them', () => {
    expect(parseWorkspace({ code: 'x', settings: { theme: 7, timeLimitMs: 9e9 } })?.settings).toEqual({
      ...defaultSettings,
      timeLimitMs: 600_000,
      theme: 'system',
    });
  });

  it('rejects wrong shapes', () => {
    for (const value of [null, 'print(1)', [], {}, { code: 1 }, { code: 'x', stdin: 3 }, { code: 'x', expectedOutput: 5 }]) {
      expect(parseWorkspace(value)).toBeNull();
    }
  });

  it('drops unknown fields', () => {
    expect(parseWorkspace({ code: 'x', evil: true })).not.toHaveProperty('evil');
  });
});

describe('work (code and test case, no settings)', () => {
  it('parseWork takes the work fields only', () => {
    expect(parseWork({ code: 'x', stdin: 'a', settings: { theme: 'dark' } })).toEqual({ code: 'x', stdin: 'a', expectedOutput: null });
    expect(parseWork({ code: 1 })).toBeNull();
  });

  it('sameWork ignores settings and treats no expected output like an empty one', () => {
    const a = { code: 'x', stdin: '', expectedOutput: null };
    expect(sameWork(a, { ...a, expectedOutput: '' })).toBe(true);
    expect(sameWork(a, { ...a, stdin: '1' })).toBe(false);
    expect(sameWork(a, { ...a, code: 'y' })).toBe(false);
  });

  it('isEmptyWork: nothing to keep', () => {
    expect(isEmptyWork({ code: ' \n', stdin: '', expectedOutput: null })).toBe(true);
    expect(isEmptyWork({ code: '', stdin: 'in', expectedOutput: null })).toBe(false);
  });
});
