// Autosave of the workspace to localStorage (or any Storage-like object), independent of
// permalinks. Storage can be missing, full, disabled or hold another version's data, so
// nothing here throws: a failed load is "nothing saved", a failed save returns false.
// Two tabs share the one saved workspace: the autosaver remembers what it last read or
// wrote, and holds its writes when another tab saved a different program since (conflict).

import { parseWorkspace, sameWork, type Workspace } from './workspace.ts';

export type { Workspace } from './workspace.ts';

/** The part of the DOM Storage interface we use (tests pass an in-memory fake). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Versioned: a future incompatible format gets a new key and can migrate from this one. */
export const WORKSPACE_KEY = 'heal-playground:workspace:v1';

export function loadWorkspace(storage: StorageLike): Workspace | null {
  return parseSavedWorkspace(readSaved(storage));
}

/** The raw saved text, null when none or storage is unreadable. */
function readSaved(storage: StorageLike): string | null {
  try {
    return storage.getItem(WORKSPACE_KEY);
  } catch {
    return null; // storage access denied (SecurityError)
  }
}

export function parseSavedWorkspace(raw: string | null): Workspace | null {
  try {
    return raw === null ? null : parseWorkspace(JSON.parse(raw));
  } catch {
    return null; // corrupt JSON
  }
}

/** The stored form: only workspace fields. */
export function serializeWorkspace(workspace: Workspace): string {
  const { code, stdin, expectedOutput, settings } = workspace;
  return JSON.stringify({ code, stdin, expectedOutput, settings });
}

/** false when the browser refused (QuotaExceededError, storage disabled). */
export function saveWorkspace(storage: StorageLike, workspace: Workspace): boolean {
  return saveWorkspaceResult(storage, workspace).ok;
}

/**
 * localStorage holds about 5 M characters per origin in Chromium and Firefox (and it is
 * not part of navigator.storage.estimate()); a workspace above this budget is not even
 * tried, so a doomed write cannot evict the previous good save.
 */
export const LOCAL_STORAGE_BUDGET_CHARS = 4_500_000;

export type SaveFailure = { reason: 'too-large' | 'quota' | 'unavailable'; chars: number; message: string };
export type SaveResult = { ok: true; chars: number } | ({ ok: false } & SaveFailure);

const KEEP = 'Your work is still in the editor (nothing was lost); use Share or copy it to keep it.';

/** Like saveWorkspace, with why a save failed and a message for the user. */
export function saveWorkspaceResult(storage: StorageLike, workspace: Workspace, budgetChars = LOCAL_STORAGE_BUDGET_CHARS): SaveResult {
  const text = serializeWorkspace(workspace);
  const chars = text.length;
  if (chars > budgetChars) {
    return {
      ok: false,
      reason: 'too-large',
      chars,
      message: `Autosave skipped: the workspace (${chars.toLocaleString('en')} characters) is larger than browser storage allows. ${KEEP}`,
    };
  }
  try {
    storage.setItem(WORKSPACE_KEY, text);
    return { ok: true, chars };
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
      return { ok: false, reason: 'quota', chars, message: `Autosave failed: browser storage for this site is full. ${KEEP}` };
    }
    return { ok: false, reason: 'unavailable', chars, message: `Autosave failed: browser storage is disabled or unavailable. ${KEEP}` };
  }
}

export function clearWorkspace(storage: StorageLike): void {
  try {
    storage.removeItem(WORKSPACE_KEY);
  } catch {
    // nothing to do: storage is unavailable
  }
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Autosaver {
  /** Records the latest workspace; it is written at most delayMs later. */
  schedule(workspace: Workspace): void;
  /** Writes a pending workspace now (beforeunload / pagehide). Returns the save result, or null if nothing was pending. */
  flush(): boolean | null;
  /** Drops a pending save. */
  cancel(): void;
  /** The latest workspace not written yet: pending, refused by storage or held by a conflict (kept in memory, retried by the next flush); null when all is saved. */
  unsaved(): Workspace | null;
  /**
   * The saved workspace changed outside this tab (the `storage` event): a different program
   * than `current` (this tab's workspace) starts a conflict; the same program is adopted
   * quietly (settings: the last writer wins).
   */
  external(current: Workspace): void;
  /** The other tab's version while writes are held by a conflict, else null. */
  conflict(): Workspace | null;
  /**
   * Ends a conflict. 'overwrite': this tab's workspace (`current`) is saved now over the
   * other one. 'load': the other tab's save becomes this tab's base and nothing pending is
   * written (the caller puts the other version in the editor, which schedules its save).
   */
  resolveConflict(choice: 'overwrite' | 'load', current: Workspace): void;
}

export interface AutosaverOptions {
  timers?: Timers;
  /** Called after every write attempt, e.g. to warn once that storage is full; failure says why. */
  onSave?: (ok: boolean, failure?: SaveFailure) => void;
  /** Character budget before a write is attempted (tests); default LOCAL_STORAGE_BUDGET_CHARS. */
  budgetChars?: number;
  /**
   * Frees storage (e.g. trims the history) and says whether it freed anything: called on a
   * quota error before the save is given up, so other data shrinks before the workspace is refused.
   */
  makeRoom?: () => boolean;
  /**
   * Another tab saved a different program since this tab last read or wrote the save: writes
   * are held until resolveConflict (other: the other tab's version). Called with null when the
   * conflict ended by itself (the other tab saved this tab's program). Without it, the last writer wins.
   */
  onConflict?: (other: Workspace | null) => void;
}

// Called through globalThis at call time so test fake timers apply.
const globalTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Throttled rather than debounced: the first change starts a delayMs timer and the latest
 * workspace is written when it fires, so continuous typing still saves every delayMs
 * (a debounce would never save during a long typing session).
 */
export function createAutosaver(storage: StorageLike, delayMs: number, options: AutosaverOptions = {}): Autosaver {
  const timers = options.timers ?? globalTimers;
  let pending: Workspace | null = null;
  // A workspace whose write failed: never dropped, retried by the next flush() unless newer work replaces it.
  let failed: Workspace | null = null;
  let timer: unknown = null;
  // What this tab last read or wrote: anything else in storage was written by another tab.
  let base = readSaved(storage);
  // The other tab's save while writes are held.
  let held: { raw: string; other: Workspace } | null = null;

  /**
   * Whether another tab's save of a different program than `current` is in storage (then
   * writes are held). The same program, a removed or an unreadable save ends a conflict.
   */
  const detectConflict = (current: Workspace): boolean => {
    if (!options.onConflict) return false;
    const raw = readSaved(storage);
    if (raw === (held ? held.raw : base)) return held !== null;
    const other = parseSavedWorkspace(raw);
    if (other === null || sameWork(other, current)) {
      base = raw;
      if (held) {
        held = null;
        options.onConflict(null);
      }
      return false;
    }
    held = { raw: raw!, other };
    options.onConflict(other);
    return true;
  };

  const save = (workspace: Workspace): SaveResult => {
    let result = saveWorkspaceResult(storage, workspace, options.budgetChars);
    // Bounded: makeRoom must shrink something each time it says so, but never trust a loop to it.
    for (let tries = 0; !result.ok && result.reason === 'quota' && tries < 100 && options.makeRoom?.(); tries++) {
      result = saveWorkspaceResult(storage, workspace, options.budgetChars);
    }
    return result;
  };

  const write = (): boolean | null => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const workspace = pending ?? failed;
    if (workspace === null) return null;
    if (detectConflict(workspace)) return null; // kept in memory (unsaved()) until the user chooses
    pending = null;
    const result = save(workspace);
    failed = result.ok ? null : workspace;
    if (result.ok) base = serializeWorkspace(workspace);
    if (result.ok) options.onSave?.(true);
    else options.onSave?.(false, { reason: result.reason, chars: result.chars, message: result.message });
    return result.ok;
  };

  return {
    schedule(workspace) {
      pending = workspace;
      if (timer === null) timer = timers.setTimeout(write, delayMs);
    },
    flush: write,
    cancel() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      pending = null;
    },
    unsaved: () => pending ?? failed,
    external(current) {
      detectConflict(current);
    },
    conflict: () => held?.other ?? null,
    resolveConflict(choice, current) {
      if (!held) return;
      if (choice === 'load') {
        base = held.raw;
        held = null;
        pending = failed = null;
        return;
      }
      base = readSaved(storage); // the latest save of the other tab is the one overwritten
      held = null;
      pending = current;
      write();
    },
  };
}
