// Autosave of the workspace to localStorage (or any Storage-like object), independent of
// permalinks. Storage can be missing, full, disabled or hold another version's data, so
// nothing here throws: a failed load is "nothing saved", a failed save returns false.

import { parseWorkspace, type Workspace } from './workspace.ts';

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
  try {
    const raw = storage.getItem(WORKSPACE_KEY);
    return raw === null ? null : parseWorkspace(JSON.parse(raw));
  } catch {
    return null; // corrupt JSON, or storage access denied (SecurityError)
  }
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
  const { code, stdin, expectedOutput, settings } = workspace;
  const text = JSON.stringify({ code, stdin, expectedOutput, settings });
  const chars = text.length;
  if (chars > budgetChars) {
    return { ok: false, reason: 'too-large', chars, message: `Autosave skipped: the workspace (${chars.toLocaleString('en')} characters) is larger than browser storage allows. ${KEEP}` };
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
  /** The latest workspace not written yet: pending, or refused by storage (kept in memory, retried by the next flush); null when all is saved. */
  unsaved(): Workspace | null;
}

export interface AutosaverOptions {
  timers?: Timers;
  /** Called after every write attempt, e.g. to warn once that storage is full; failure says why. */
  onSave?: (ok: boolean, failure?: SaveFailure) => void;
  /** Character budget before a write is attempted (tests); default LOCAL_STORAGE_BUDGET_CHARS. */
  budgetChars?: number;
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

  const write = (): boolean | null => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const workspace = pending ?? failed;
    if (workspace === null) return null;
    pending = null;
    const result = saveWorkspaceResult(storage, workspace, options.budgetChars);
    failed = result.ok ? null : workspace;
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
  };
}
