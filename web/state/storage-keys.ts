// Every localStorage key Heal Playground writes, and the clean-up of keys earlier versions
// wrote and nothing reads any more (they only ate the ~5 M characters the origin gets).
// The README ("Your work is kept") lists the same keys.

import { WORKSPACE_KEY, type StorageLike } from './autosave.ts';
import { HISTORY_KEY, type WorkHistory } from './work-history.ts';
import { parseWork, type Work } from './workspace.ts';
import { INTRO_KEY } from './intro.ts';

export const STORAGE_KEYS = {
  /** The autosaved workspace: code, test case, settings. */
  workspace: WORKSPACE_KEY,
  /** Work that a link, Reset to example, an example or a restore replaced. */
  history: HISTORY_KEY,
  /** The first-visit explanation was dismissed ("1"). */
  intro: INTRO_KEY,
} as const;

/** The single "previous workspace" slot of earlier versions: its content moves into the history. */
export const PREVIOUS_WORKSPACE_KEY = 'heal-playground:previous-workspace:v1';

/** Keys earlier versions wrote that are no longer used. */
export const RETIRED_KEYS: readonly string[] = [PREVIOUS_WORKSPACE_KEY];

/**
 * Moves the old previous-workspace slot into the history and removes retired keys. A key
 * whose content could not be kept (storage full) stays, to be tried again next time.
 * Returns the keys removed. Never throws.
 */
export function migrateStorage(storage: StorageLike, history: WorkHistory): string[] {
  const removed: string[] = [];
  for (const key of RETIRED_KEYS) {
    try {
      const raw = storage.getItem(key);
      if (raw === null) continue;
      if (key === PREVIOUS_WORKSPACE_KEY) {
        let work: Work | null = null;
        try {
          work = parseWork(JSON.parse(raw));
        } catch {
          // unreadable: nothing to keep
        }
        const pushed = work ? history.push(work, 'earlier-version') : undefined;
        if (pushed?.kept && !pushed.persisted) continue; // storage full: the old slot stays until it fits
      }
      storage.removeItem(key);
      removed.push(key);
    } catch {
      // storage unavailable: nothing to do
    }
  }
  return removed;
}
