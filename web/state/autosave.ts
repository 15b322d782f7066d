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
  const { code, stdin, expectedOutput, settings } = workspace;
  try {
    storage.setItem(WORKSPACE_KEY, JSON.stringify({ code, stdin, expectedOutput, settings }));
    return true;
  } catch {
    return false;
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
}

export interface AutosaverOptions {
  timers?: Timers;
  /** Called after every write attempt, e.g. to warn once that storage is full. */
  onSave?: (ok: boolean) => void;
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
  let timer: unknown = null;

  const write = (): boolean | null => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (pending === null) return null;
    const ok = saveWorkspace(storage, pending);
    pending = null;
    options.onSave?.(ok);
    return ok;
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
  };
}
