// Light/dark: "system" follows prefers-color-scheme; the toggle cycles system → light → dark.
import type { Theme } from './settings.ts';

export type EffectiveTheme = 'light' | 'dark';

export function effectiveTheme(theme: Theme, systemPrefersDark: boolean): EffectiveTheme {
  if (theme === 'system') return systemPrefersDark ? 'dark' : 'light';
  return theme;
}

const ORDER: Theme[] = ['system', 'light', 'dark'];

export function nextTheme(theme: Theme): Theme {
  return ORDER[(ORDER.indexOf(theme) + 1) % ORDER.length]!;
}
