// The user's work as saved by autosave and shared by permalinks. Both read data written by
// other versions (or by hand), so parsing is defensive: wrong types never reach the app.

import { normalizeSettings, type Settings } from './settings.ts';

/** The program and its test case: what a link carries and the history keeps (settings are the user's own). */
export interface Work {
  code: string;
  stdin: string;
  /** null: no expected output given (the run is not judged). */
  expectedOutput: string | null;
}

export interface Workspace extends Work {
  settings: Settings;
}

/**
 * code must be a string (without it there is nothing to restore); the other fields may be
 * missing (older writers) and default, but present-and-wrong fields reject the whole value.
 */
export function parseWork(value: unknown): Work | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.code !== 'string') return null;
  if (v.stdin !== undefined && typeof v.stdin !== 'string') return null;
  if (v.expectedOutput !== undefined && v.expectedOutput !== null && typeof v.expectedOutput !== 'string') return null;
  return { code: v.code, stdin: v.stdin ?? '', expectedOutput: v.expectedOutput ?? null };
}

/** Like parseWork, with the settings normalized (invalid ones repaired, never a reason to reject). */
export function parseWorkspace(value: unknown): Workspace | null {
  const work = parseWork(value);
  return work && { ...work, settings: normalizeSettings((value as Record<string, unknown>).settings) };
}

/** Only the work fields of a workspace (or of anything that has them). */
export function workOf(value: Work): Work {
  return { code: value.code, stdin: value.stdin, expectedOutput: value.expectedOutput };
}

/** Same program and test case (settings are not compared). */
export function sameWork(a: Work, b: Work): boolean {
  return a.code === b.code && a.stdin === b.stdin && (a.expectedOutput ?? '') === (b.expectedOutput ?? '');
}

/** Nothing worth keeping: no code, no input, no expected output. */
export function isEmptyWork(work: Work): boolean {
  return work.code.trim() === '' && work.stdin === '' && (work.expectedOutput ?? '') === '';
}
