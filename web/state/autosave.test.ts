import { defaultSettings } from './settings.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORKSPACE_KEY, clearWorkspace, createAutosaver, loadWorkspace, saveWorkspace, saveWorkspaceResult, type SaveFailure, type StorageLike, type Workspace } from './autosave.ts';

class MemoryStorage implements StorageLike {
  items = new Map<string, string>();
  writes = 0;
  quota = Number.POSITIVE_INFINITY;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.writes++;
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const ws = (code: string): Workspace => ({ code, stdin: 'in\n', expectedOutput: null, settings: { ...defaultSettings, timeLimitMs: 1000, theme: 'light' } });

describe('loadWorkspace / saveWorkspace', () => {
  it('round-trips under the versioned key', () => {
    const storage = new MemoryStorage();
    expect(loadWorkspace(storage)).toBeNull();
    expect(saveWorkspace(storage, ws('print(1)'))).toBe(true);
    expect([...storage.items.keys()]).toEqual([WORKSPACE_KEY]);
    expect(WORKSPACE_KEY).toBe('heal-playground:workspace:v1');
    expect(loadWorkspace(storage)).toEqual(ws('print(1)'));
    clearWorkspace(storage);
    expect(loadWorkspace(storage)).toBeNull();
  });

  it('returns null for corrupt or wrongly shaped data', () => {
    const storage = new MemoryStorage();
    for (const raw of ['{not json', 'null', '"print(1)"', '{"code": 3}', '[]']) {
      storage.items.set(WORKSPACE_KEY, raw);
      expect(loadWorkspace(storage)).toBeNull();
    }
  });

  it('repairs bad settings instead of discarding the code', () => {
    const storage = new MemoryStorage();
    storage.items.set(WORKSPACE_KEY, JSON.stringify({ code: 'x = 1', settings: { theme: 'neon' } }));
    expect(loadWorkspace(storage)).toEqual({ code: 'x = 1', stdin: '', expectedOutput: null, settings: { ...defaultSettings, timeLimitMs: 30_000, theme: 'system' } });
  });

  it('never throws when storage itself throws', () => {
    const broken: StorageLike = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(loadWorkspace(broken)).toBeNull();
    expect(saveWorkspace(broken, ws('x'))).toBe(false);
    expect(() => clearWorkspace(broken)).not.toThrow();
  });

  it('returns false when the quota is exceeded and keeps the previous save', () => {
    const storage = new MemoryStorage();
    saveWorkspace(storage, ws('small'));
    storage.quota = 200;
    expect(saveWorkspace(storage, ws('x'.repeat(500)))).toBe(false);
    expect(loadWorkspace(storage)?.code).toBe('small');
  });

  it('stores only workspace fields', () => {
    const storage = new MemoryStorage();
    saveWorkspace(storage, { ...ws('x'), extra: 'ui state' } as Workspace);
    expect(Object.keys(JSON.parse(storage.items.get(WORKSPACE_KEY)!)).sort()).toEqual(['code', 'expectedOutput', 'settings', 'stdin']);
  });
});

describe('createAutosaver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the latest workspace once per delay', () => {
    const storage = new MemoryStorage();
    const saver = createAutosaver(storage, 1000);
    saver.schedule(ws('a'));
    saver.schedule(ws('ab'));
    vi.advanceTimersByTime(999);
    expect(storage.writes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(storage.writes).toBe(1);
    expect(loadWorkspace(storage)?.code).toBe('ab');
    vi.advanceTimersByTime(5000);
    expect(storage.writes).toBe(1); // nothing new, nothing written
  });

  it('keeps saving during continuous typing (throttle, not debounce)', () => {
    const storage = new MemoryStorage();
    const saver = createAutosaver(storage, 1000);
    for (let t = 0; t < 3500; t += 100) {
      saver.schedule(ws(`v${t}`));
      vi.advanceTimersByTime(100);
    }
    expect(storage.writes).toBe(3);
    expect(loadWorkspace(storage)?.code).toBe('v2900');
  });

  it('flush writes a pending workspace immediately and cancels the timer', () => {
    const storage = new MemoryStorage();
    const saver = createAutosaver(storage, 1000);
    expect(saver.flush()).toBeNull();
    saver.schedule(ws('typed'));
    expect(saver.flush()).toBe(true);
    expect(loadWorkspace(storage)?.code).toBe('typed');
    vi.advanceTimersByTime(2000);
    expect(storage.writes).toBe(1);
  });

  it('cancel drops the pending save', () => {
    const storage = new MemoryStorage();
    const saver = createAutosaver(storage, 1000);
    saver.schedule(ws('gone'));
    saver.cancel();
    vi.advanceTimersByTime(2000);
    expect(saver.flush()).toBeNull();
    expect(storage.writes).toBe(0);
  });

  it('reports failed writes through onSave', () => {
    const storage = new MemoryStorage();
    storage.quota = 10;
    const results: boolean[] = [];
    const saver = createAutosaver(storage, 500, { onSave: (ok) => results.push(ok) });
    saver.schedule(ws('too big for the quota'));
    vi.advanceTimersByTime(500);
    storage.quota = Number.POSITIVE_INFINITY;
    saver.schedule(ws('ok'));
    saver.flush();
    expect(results).toEqual([false, true]);
  });

  it('accepts injected timers', () => {
    const callbacks: (() => void)[] = [];
    const storage = new MemoryStorage();
    const saver = createAutosaver(storage, 250, {
      timers: { setTimeout: (cb, ms) => (expect(ms).toBe(250), callbacks.push(cb)), clearTimeout: () => {} },
    });
    saver.schedule(ws('x'));
    saver.schedule(ws('y'));
    expect(callbacks).toHaveLength(1);
    callbacks[0]!();
    expect(loadWorkspace(storage)?.code).toBe('y');
  });
});

describe('quota errors never lose work', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saveWorkspaceResult says why: quota, too large, unavailable', () => {
    const storage = new MemoryStorage();
    storage.quota = 100;
    expect(saveWorkspaceResult(storage, ws('x'.repeat(200)))).toMatchObject({ ok: false, reason: 'quota', message: expect.stringMatching(/full.*still in the editor/) });
    expect(saveWorkspaceResult(new MemoryStorage(), ws('x'.repeat(200)), 100)).toMatchObject({ ok: false, reason: 'too-large', message: expect.stringContaining('larger than browser storage allows') });
    const disabled: StorageLike = { getItem: () => null, setItem: () => { throw new DOMException('denied', 'SecurityError'); }, removeItem: () => {} };
    expect(saveWorkspaceResult(disabled, ws('x'))).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(saveWorkspaceResult(new MemoryStorage(), ws('x'))).toMatchObject({ ok: true });
  });

  it('a too-large workspace is not tried, so the previous good save survives', () => {
    const storage = new MemoryStorage();
    // Sizes relative to an empty workspace: the settings in it grow as features are added.
    const base = JSON.stringify(ws('')).length;
    const saver = createAutosaver(storage, 100, { budgetChars: base + 400 });
    saver.schedule(ws('small'));
    saver.flush();
    saver.schedule(ws('y'.repeat(1000)));
    expect(saver.flush()).toBe(false);
    expect(storage.writes).toBe(1);
    expect(loadWorkspace(storage)?.code).toBe('small');
  });

  it('keeps the refused workspace in memory, reports a clear message, and saves it once space is back', () => {
    const storage = new MemoryStorage();
    storage.quota = 150;
    const failures: (SaveFailure | undefined)[] = [];
    const saver = createAutosaver(storage, 500, { onSave: (ok, failure) => failures.push(ok ? undefined : failure) });
    const big = ws('z'.repeat(300));
    saver.schedule(big);
    vi.advanceTimersByTime(500);
    expect(failures).toEqual([expect.objectContaining({ reason: 'quota', message: expect.stringContaining('nothing was lost') })]);
    expect(saver.unsaved()).toEqual(big);
    expect(loadWorkspace(storage)).toBeNull();
    storage.quota = Number.POSITIVE_INFINITY;
    expect(saver.flush()).toBe(true); // the pagehide flush retries it
    expect(loadWorkspace(storage)).toEqual(big);
    expect(saver.unsaved()).toBeNull();
  });

  it('newer work replaces a refused workspace, never the other way round', () => {
    const storage = new MemoryStorage();
    storage.quota = JSON.stringify(ws('')).length + 400;
    const saver = createAutosaver(storage, 500);
    saver.schedule(ws('a'.repeat(600)));
    vi.advanceTimersByTime(500);
    saver.schedule(ws('newer'));
    expect(saver.unsaved()?.code).toBe('newer');
    vi.advanceTimersByTime(500);
    expect(loadWorkspace(storage)?.code).toBe('newer');
    expect(saver.unsaved()).toBeNull();
    saver.cancel();
    expect(saver.flush()).toBeNull();
  });
});
