import { defaultSettings } from './settings.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './test-storage.ts';
import {
  WORKSPACE_KEY,
  clearWorkspace,
  createAutosaver,
  loadWorkspace,
  saveWorkspace,
  saveWorkspaceResult,
  type SaveFailure,
  type StorageLike,
  type Workspace,
} from './autosave.ts';

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
    expect(loadWorkspace(storage)).toEqual({
      code: 'x = 1',
      stdin: '',
      expectedOutput: null,
      settings: { ...defaultSettings, timeLimitMs: 30_000, theme: 'system' },
    });
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
    expect(saveWorkspaceResult(storage, ws('x'.repeat(200)))).toMatchObject({
      ok: false,
      reason: 'quota',
      message: expect.stringMatching(/full.*still in the editor/),
    });
    expect(saveWorkspaceResult(new MemoryStorage(), ws('x'.repeat(200)), 100)).toMatchObject({
      ok: false,
      reason: 'too-large',
      message: expect.stringContaining('larger than browser storage allows'),
    });
    const disabled: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => {},
    };
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

describe('quota: other data shrinks before the workspace is refused', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls makeRoom on a quota error and retries until the workspace fits', () => {
    const storage = new MemoryStorage();
    storage.quota = 400;
    let freed = 0;
    const saver = createAutosaver(storage, 100, {
      makeRoom: () => {
        freed++;
        storage.quota += 200;
        return true;
      },
    });
    saver.schedule(ws('w'.repeat(600)));
    expect(saver.flush()).toBe(true);
    expect(freed).toBeGreaterThan(0);
    expect(loadWorkspace(storage)?.code).toBe('w'.repeat(600));
  });

  it('gives up (work kept in memory) when nothing more can be freed; the loop is bounded', () => {
    const storage = new MemoryStorage();
    storage.quota = 50;
    let calls = 0;
    const saver = createAutosaver(storage, 100, {
      makeRoom: () => {
        calls++;
        return calls < 3;
      },
    });
    saver.schedule(ws('too big'));
    expect(saver.flush()).toBe(false);
    expect(calls).toBe(3);
    expect(saver.unsaved()?.code).toBe('too big');
    const liar = createAutosaver(storage, 100, { makeRoom: () => true }); // claims to free, never does
    liar.schedule(ws('too big'));
    expect(liar.flush()).toBe(false);
  });
});

describe('two tabs', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Two tabs on one storage; each records the conflicts it was told about. */
  function tabs() {
    const storage = new MemoryStorage();
    saveWorkspace(storage, ws('shared start'));
    const seen = { a: [] as (string | null)[], b: [] as (string | null)[] };
    const a = createAutosaver(storage, 100, { onConflict: (other) => seen.a.push(other?.code ?? null) });
    const b = createAutosaver(storage, 100, { onConflict: (other) => seen.b.push(other?.code ?? null) });
    return { storage, a, b, seen };
  }

  it("holds this tab's write when another tab saved a different program since, and keeps the work in memory", () => {
    const { storage, a, b, seen } = tabs();
    a.schedule(ws('edited in A'));
    expect(a.flush()).toBe(true);
    b.schedule(ws('edited in B'));
    expect(b.flush()).toBeNull(); // held
    expect(loadWorkspace(storage)?.code).toBe('edited in A');
    expect(seen.b).toEqual(['edited in A']);
    expect(b.conflict()?.code).toBe('edited in A');
    expect(b.unsaved()?.code).toBe('edited in B');
    b.schedule(ws('edited in B more'));
    expect(b.flush()).toBeNull(); // still held, told once
    expect(seen.b).toEqual(['edited in A']);
  });

  it('the storage event starts the conflict before this tab writes anything', () => {
    const { a, b, seen } = tabs();
    a.schedule(ws('edited in A'));
    a.flush();
    b.external(ws('shared start'));
    expect(seen.b).toEqual(['edited in A']);
    a.schedule(ws('edited in A again'));
    a.flush();
    b.external(ws('shared start'));
    expect(seen.b).toEqual(['edited in A', 'edited in A again']); // the notice follows the latest version
  });

  it("'overwrite' saves this tab's version; the other tab then sees the conflict", () => {
    const { storage, a, b, seen } = tabs();
    a.schedule(ws('edited in A'));
    a.flush();
    b.schedule(ws('edited in B'));
    b.flush();
    b.resolveConflict('overwrite', ws('edited in B'));
    expect(loadWorkspace(storage)?.code).toBe('edited in B');
    expect(b.conflict()).toBeNull();
    expect(b.unsaved()).toBeNull();
    a.external(ws('edited in A'));
    expect(seen.a).toEqual(['edited in B']);
  });

  it("'load' takes the other save as the base: this tab's next save (of that program) goes through", () => {
    const { storage, a, b } = tabs();
    a.schedule(ws('edited in A'));
    a.flush();
    b.schedule(ws('edited in B'));
    b.flush();
    b.resolveConflict('load', ws('edited in B'));
    expect(b.unsaved()).toBeNull(); // the held version is dropped (the caller put it into the history)
    expect(loadWorkspace(storage)?.code).toBe('edited in A');
    b.schedule(ws('edited in A'));
    expect(b.flush()).toBe(true);
    b.schedule(ws('edited in A, then in B'));
    expect(b.flush()).toBe(true);
  });

  it('no conflict when the other tab saved the same program (settings: the last writer wins) or removed the save', () => {
    const { storage, a, b, seen } = tabs();
    a.schedule({ ...ws('shared start'), settings: { ...ws('').settings, theme: 'dark' } });
    a.flush();
    b.schedule(ws('shared start'));
    expect(b.flush()).toBe(true);
    storage.removeItem(WORKSPACE_KEY);
    b.schedule(ws('after a clear'));
    expect(b.flush()).toBe(true);
    expect(seen).toEqual({ a: [], b: [] });
  });

  it('a conflict ends by itself when the other tab saves this tab’s program', () => {
    const { a, b, seen } = tabs();
    a.schedule(ws('A'));
    a.flush();
    b.schedule(ws('B'));
    b.flush();
    a.schedule(ws('B'));
    a.flush();
    b.external(ws('B'));
    expect(seen.b).toEqual(['A', null]);
    expect(b.conflict()).toBeNull();
    expect(b.flush()).toBe(true);
  });

  it('without onConflict the last writer wins (as before)', () => {
    const storage = new MemoryStorage();
    const a = createAutosaver(storage, 100);
    const b = createAutosaver(storage, 100);
    a.schedule(ws('A'));
    a.flush();
    b.schedule(ws('B'));
    expect(b.flush()).toBe(true);
    expect(loadWorkspace(storage)?.code).toBe('B');
  });
});
