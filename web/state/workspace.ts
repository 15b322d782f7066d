// The user's work as saved by autosave and shared by permalinks. Both read data written by
// other versions (or by hand), so parsing is defensive: wrong types never reach the app.

import { normalizeSettings, type Settings } from './settings.ts';

export interface Workspace {
  code: string;
  stdin: string;
  /** null: no expected output given (the run is not judged). */
  expectedOutput: string | null;
  settings: Settings;
}

/**
 * code must be a string (without it there is nothing to restore); the other fields may be
 * missing (older writers) and default, but present-and-wrong fields reject the whole value.
 */
export function parseWorkspace(value: unknown): Workspace | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.code !== 'string') return null;
  if (v.stdin !== undefined && typeof v.stdin !== 'string') return null;
  if (v.expectedOutput !== undefined && v.expectedOutput !== null && typeof v.expectedOutput !== 'string') return null;
  return {
    code: v.code,
    stdin: v.stdin ?? '',
    expectedOutput: v.expectedOutput ?? null,
    settings: normalizeSettings(v.settings),
  };
}
