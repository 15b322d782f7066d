import { describe, expect, it } from 'vitest';
import { effectiveTheme, nextTheme } from './theme.ts';

describe('theme', () => {
  it('system follows the preference, explicit choices win', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(effectiveTheme('dark', false)).toBe('dark');
  });
  it('the toggle cycles through all three', () => {
    expect([nextTheme('system'), nextTheme('light'), nextTheme('dark')]).toEqual(['light', 'dark', 'system']);
  });
});
