// The history of work that something replaced (a link, Reset to example, an example, a
// restore, the other tab's version): the last HISTORY_MAX_ENTRIES programs with their test
// cases, newest first, persisted in localStorage under a size budget so that the workspace
// save always has room. Nothing here throws (see autosave.ts for the storage caveats).
//
// Entries that storage refuses (full, or trimmed to make room for the workspace) are kept in
// memory for the rest of the session, so the history loses nothing while the tab is open.

import type { StorageLike } from './autosave.ts';
import { isEmptyWork, parseWork, sameWork, workOf, type Work } from './workspace.ts';

/** Versioned like the workspace key. */
export const HISTORY_KEY = 'heal-playground:history:v1';
export const HISTORY_MAX_ENTRIES = 20;
/** Of the ~5 M characters localStorage holds per origin; the workspace keeps the rest. */
export const HISTORY_BUDGET_CHARS = 1_000_000;

export type HistoryReason = 'link' | 'reset' | 'example' | 'restore' | 'other-tab' | 'overwritten' | 'closed-in-conflict' | 'earlier-version';

export interface HistoryEntry extends Work {
  /** When it was replaced (ms since the epoch). */
  savedAt: number;
  reason: HistoryReason;
}

const REASONS: Record<HistoryReason, string> = {
  link: 'replaced by an opened link',
  reset: 'replaced by Reset to example',
  example: 'replaced by an example',
  restore: 'replaced by restoring earlier code',
  'other-tab': "replaced by the other tab's version",
  overwritten: "another tab's version, overwritten by this tab",
  'closed-in-conflict': 'from a tab closed while another tab had changed the program',
  'earlier-version': 'kept by an earlier version of Heal Playground',
};

export function reasonText(reason: HistoryReason): string {
  return REASONS[reason];
}

/** The first non-empty lines of the code (trimmed, capped), or a placeholder. */
export function entryPreview(work: Work, lines = 2, maxChars = 100): string {
  const first = work.code
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, lines)
    .join(' ⏎ ');
  if (first === '') return work.stdin !== '' ? '(no code; test case only)' : '(empty)';
  return first.length > maxChars ? `${first.slice(0, maxChars - 1)}…` : first;
}

/** Newest first; an entry with the same work as an older one replaces it (moves to the top); at most maxEntries. */
export function pushEntry(entries: readonly HistoryEntry[], entry: HistoryEntry, maxEntries = HISTORY_MAX_ENTRIES): HistoryEntry[] {
  return [entry, ...entries.filter((e) => !sameWork(e, entry))].slice(0, maxEntries);
}

export function serializeHistory(entries: readonly HistoryEntry[]): string {
  return JSON.stringify(entries.map((e) => ({ ...workOf(e), savedAt: e.savedAt, reason: e.reason })));
}

/** Drops the oldest entries until the serialized list fits budgetChars (an entry larger than the budget never fits). */
export function trimToBudget(entries: readonly HistoryEntry[], budgetChars = HISTORY_BUDGET_CHARS): HistoryEntry[] {
  const kept = [...entries];
  while (kept.length > 0 && serializeHistory(kept).length > budgetChars) kept.pop();
  return kept;
}

/** Defensive: invalid entries are dropped, never the whole list. */
export function parseHistory(raw: string | null): HistoryEntry[] {
  if (raw === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const out: HistoryEntry[] = [];
  for (const item of value) {
    const work = parseWork(item);
    const { savedAt, reason } = (item ?? {}) as { savedAt?: unknown; reason?: unknown };
    if (!work || typeof savedAt !== 'number' || !Number.isFinite(savedAt)) continue;
    out.push({ ...work, savedAt, reason: typeof reason === 'string' && reason in REASONS ? (reason as HistoryReason) : 'link' });
  }
  return out.slice(0, HISTORY_MAX_ENTRIES);
}

export function loadHistory(storage: StorageLike): HistoryEntry[] {
  try {
    return parseHistory(storage.getItem(HISTORY_KEY));
  } catch {
    return [];
  }
}

const isQuota = (error: unknown) => {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
};

/**
 * Writes as many of the newest entries as fit the budget and the quota (dropping the oldest
 * one by one on a quota error); returns how many were written (0: the key is removed).
 */
export function saveHistory(storage: StorageLike, entries: readonly HistoryEntry[], budgetChars = HISTORY_BUDGET_CHARS): number {
  const kept = trimToBudget(entries, budgetChars);
  for (;;) {
    try {
      if (kept.length === 0) storage.removeItem(HISTORY_KEY);
      else storage.setItem(HISTORY_KEY, serializeHistory(kept));
      return kept.length;
    } catch (error) {
      if (!isQuota(error) || kept.length === 0) return 0;
      kept.pop();
    }
  }
}

export interface WorkHistory {
  /** Persisted entries (also other tabs') and this session's memory-only ones, newest first. */
  list(): HistoryEntry[];
  /** Keeps replaced work (empty work is not kept); persisted says whether it reached storage. */
  push(work: Work, reason: HistoryReason): { kept: boolean; persisted: boolean };
  /**
   * Frees storage for the workspace: drops the oldest persisted entry (it stays in memory for
   * this session); false when nothing is left to drop. The autosaver calls it on a quota error.
   */
  makeRoom(): boolean;
}

export interface WorkHistoryOptions {
  now?: () => number;
  budgetChars?: number;
  maxEntries?: number;
}

export function createWorkHistory(storage: StorageLike | undefined, options: WorkHistoryOptions = {}): WorkHistory {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? HISTORY_MAX_ENTRIES;
  // Entries storage did not take: shown with the persisted ones until the tab closes.
  let memoryOnly: HistoryEntry[] = [];
  const merge = (persisted: HistoryEntry[]) => {
    let all = persisted;
    for (const e of memoryOnly) if (!all.some((p) => sameWork(p, e))) all = [...all, e];
    return all.sort((a, b) => b.savedAt - a.savedAt).slice(0, maxEntries);
  };
  const remember = (dropped: readonly HistoryEntry[]) => {
    memoryOnly = merge([...dropped]);
  };
  const readRaw = () => {
    try {
      return storage?.getItem(HISTORY_KEY) ?? null;
    } catch {
      return null;
    }
  };
  return {
    list: () => merge(storage ? loadHistory(storage) : []),
    push(work, reason) {
      if (isEmptyWork(work)) return { kept: false, persisted: false };
      const entry: HistoryEntry = { ...workOf(work), savedAt: now(), reason };
      // Read-modify-write on every push: another tab's entries are kept.
      const next = pushEntry(storage ? loadHistory(storage) : [], entry, maxEntries);
      memoryOnly = memoryOnly.filter((e) => !sameWork(e, entry));
      const written = storage ? saveHistory(storage, next, options.budgetChars) : 0;
      remember(next.slice(written));
      return { kept: true, persisted: written > 0 };
    },
    makeRoom() {
      const raw = readRaw();
      if (!storage || raw === null) return false;
      const persisted = parseHistory(raw); // unreadable data is dropped too
      const written = saveHistory(storage, persisted.slice(0, -1), options.budgetChars);
      remember(persisted.slice(written));
      const after = readRaw();
      return after === null || after.length < raw.length;
    },
  };
}
