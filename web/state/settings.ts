// User settings: persisted by autosave and carried in permalinks, so everything read back
// goes through normalizeSettings (old saves, hand-edited links, newer/older versions).

export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  /** Running-time limit per run in milliseconds; 0 means no limit. */
  timeLimitMs: number;
  theme: Theme;
}

export const MAX_TIME_LIMIT_MS = 600_000;

export const defaultSettings: Readonly<Settings> = Object.freeze({
  timeLimitMs: 30_000,
  theme: 'system',
});

const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/**
 * One reader per field: returns the normalized value, or undefined to fall back to the
 * default. The mapped type makes adding a field to Settings a compile error until its
 * reader is written here.
 */
const readers: { [K in keyof Settings]: (value: unknown) => Settings[K] | undefined } = {
  timeLimitMs: (v) =>
    typeof v === 'number' && Number.isFinite(v) ? Math.min(MAX_TIME_LIMIT_MS, Math.max(0, Math.round(v))) : undefined,
  theme: (v) => (THEMES.includes(v as Theme) ? (v as Theme) : undefined),
};

/** Keeps valid fields of any value, fills the rest from defaults; unknown keys are dropped. */
export function normalizeSettings(value: unknown): Settings {
  const source = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const result = { ...defaultSettings } as Settings;
  for (const key of Object.keys(readers) as (keyof Settings)[]) {
    const read = readers[key](source[key]);
    if (read !== undefined) (result as unknown as Record<string, unknown>)[key] = read;
  }
  return result;
}
