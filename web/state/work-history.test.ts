import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './test-storage.ts';
import {
  HISTORY_KEY,
  HISTORY_MAX_ENTRIES,
  createWorkHistory,
  entryPreview,
  loadHistory,
  parseHistory,
  pushEntry,
  saveHistory,
  serializeHistory,
  trimToBudget,
  type HistoryEntry,
} from './work-history.ts';
import type { Work } from './workspace.ts';
import { createAutosaver, loadWorkspace } from './autosave.ts';
import { defaultSettings } from './settings.ts';

const work = (code: string, stdin = ''): Work => ({ code, stdin, expectedOutput: null });
const entry = (code: string, savedAt: number): HistoryEntry => ({ ...work(code), savedAt, reason: 'link' });

/** A clock that ticks one second per call. */
function clock(start = 1_700_000_000_000) {
  let t = start;
  return () => (t += 1000);
}

describe('pushEntry / trimToBudget', () => {
  it('puts the newest first, moves a repeated work to the top, keeps at most the maximum', () => {
    let list: HistoryEntry[] = [];
    for (let i = 0; i < 25; i++) list = pushEntry(list, entry(`v${i}`, i));
    expect(list).toHaveLength(HISTORY_MAX_ENTRIES);
    expect(list[0]!.code).toBe('v24');
    expect(list.at(-1)!.code).toBe('v5');
    list = pushEntry(list, entry('v10', 99));
    expect(list.map((e) => e.code).slice(0, 2)).toEqual(['v10', 'v24']);
    expect(list.filter((e) => e.code === 'v10')).toHaveLength(1);
  });

  it('drops the oldest entries until the list fits the budget; an entry over the budget never fits', () => {
    const list = [entry('a'.repeat(100), 3), entry('b'.repeat(100), 2), entry('c'.repeat(100), 1)];
    const two = serializeHistory(list.slice(0, 2)).length;
    expect(trimToBudget(list, two).map((e) => e.code[0])).toEqual(['a', 'b']);
    expect(trimToBudget(list, 50)).toEqual([]);
  });
});

describe('entryPreview', () => {
  it('shows the first non-empty lines, trimmed and capped', () => {
    expect(entryPreview(work('\n\n  import os  \n\nprint(1)\nprint(2)\n'))).toBe('import os ⏎ print(1)');
    expect(entryPreview(work('x = 1\n'), 1)).toBe('x = 1');
    expect(entryPreview(work('y'.repeat(300))).length).toBe(100);
    expect(entryPreview(work('  \n', 'input\n'))).toBe('(no code; test case only)');
  });
});

describe('parseHistory', () => {
  it('keeps valid entries and drops the rest, never the whole list', () => {
    const raw = JSON.stringify([
      { code: 'ok', stdin: '', expectedOutput: null, savedAt: 5, reason: 'reset' },
      { code: 7, savedAt: 1 },
      { code: 'no time' },
      'junk',
      null,
      { code: 'odd reason', savedAt: 2, reason: 'hacked' },
    ]);
    expect(parseHistory(raw)).toEqual([
      { code: 'ok', stdin: '', expectedOutput: null, savedAt: 5, reason: 'reset' },
      { code: 'odd reason', stdin: '', expectedOutput: null, savedAt: 2, reason: 'link' },
    ]);
    for (const bad of [null, '{', '{}', '"x"']) expect(parseHistory(bad)).toEqual([]);
  });
});

describe('saveHistory', () => {
  it('drops the oldest entries one by one when storage is full, and removes the key when none fit', () => {
    const storage = new MemoryStorage();
    const list = [entry('a'.repeat(100), 3), entry('b'.repeat(100), 2), entry('c'.repeat(100), 1)];
    storage.quota = HISTORY_KEY.length + serializeHistory(list.slice(0, 2)).length;
    expect(saveHistory(storage, list)).toBe(2);
    expect(loadHistory(storage).map((e) => e.code[0])).toEqual(['a', 'b']);
    storage.quota = 10;
    expect(saveHistory(storage, list)).toBe(0);
    expect(storage.getItem(HISTORY_KEY)).toBeNull();
  });
});

describe('createWorkHistory', () => {
  it('persists pushes newest first, skipping empty work', () => {
    const storage = new MemoryStorage();
    const history = createWorkHistory(storage, { now: clock() });
    expect(history.push(work('first'), 'link')).toEqual({ kept: true, persisted: true });
    expect(history.push(work('   \n'), 'link')).toEqual({ kept: false, persisted: false });
    history.push(work('second', 'in\n'), 'reset');
    expect(history.list().map((e) => [e.code, e.reason])).toEqual([
      ['second', 'reset'],
      ['first', 'link'],
    ]);
    // Another tab (another instance on the same storage) sees them and adds to them.
    const other = createWorkHistory(storage, { now: clock(1_800_000_000_000) });
    other.push(work('from the other tab'), 'link');
    expect(history.list().map((e) => e.code)).toEqual(['from the other tab', 'second', 'first']);
  });

  it('keeps at most 20 and at most the size budget in storage', () => {
    const storage = new MemoryStorage();
    const history = createWorkHistory(storage, { now: clock(), budgetChars: 2000 });
    for (let i = 0; i < 30; i++) history.push(work(`print(${i})\n${'#'.repeat(150)}`), 'example');
    expect(storage.getItem(HISTORY_KEY)!.length).toBeLessThanOrEqual(2000);
    const persisted = loadHistory(storage);
    expect(persisted.length).toBeLessThan(20);
    expect(persisted[0]!.code).toMatch(/^print\(29\)/);
    // What the budget pushed out stays for this session, up to the maximum count.
    expect(history.list()).toHaveLength(20);
    expect(history.list()[19]!.code).toMatch(/^print\(10\)/);
  });

  it('restore is undoable: the current work goes in first, and restoring it back keeps both', () => {
    const storage = new MemoryStorage();
    const history = createWorkHistory(storage, { now: clock() });
    let editor: Work = work('original');
    const replace = (next: Work) => {
      history.push(editor, 'restore');
      const prev = editor;
      editor = next;
      return prev;
    };
    replace(work('from a link'));
    const [original] = history.list();
    expect(original!.code).toBe('original');
    const before = replace(original!); // restore
    expect(editor.code).toBe('original');
    expect(history.list().map((e) => e.code)).toEqual(['from a link', 'original']);
    replace(before); // undo
    expect(editor.code).toBe('from a link');
    expect(history.list().map((e) => e.code)).toEqual(['original', 'from a link']); // no duplicates
  });

  it('makeRoom drops the oldest persisted entry into session memory, and says when nothing is left', () => {
    const storage = new MemoryStorage();
    const history = createWorkHistory(storage, { now: clock() });
    history.push(work('old'), 'link');
    history.push(work('new'), 'link');
    expect(history.makeRoom()).toBe(true);
    expect(loadHistory(storage).map((e) => e.code)).toEqual(['new']);
    expect(history.list().map((e) => e.code)).toEqual(['new', 'old']); // still restorable in this tab
    expect(history.makeRoom()).toBe(true);
    expect(storage.getItem(HISTORY_KEY)).toBeNull();
    expect(history.makeRoom()).toBe(false);
    expect(history.list().map((e) => e.code)).toEqual(['new', 'old']);
  });

  it('makeRoom removes unreadable history data', () => {
    const storage = new MemoryStorage();
    storage.setItem(HISTORY_KEY, '{corrupt');
    expect(createWorkHistory(storage).makeRoom()).toBe(true);
    expect(storage.getItem(HISTORY_KEY)).toBeNull();
  });

  it('says when storage cannot take an entry, and keeps it for the session', () => {
    const storage = new MemoryStorage();
    storage.quota = 10;
    const history = createWorkHistory(storage, { now: clock() });
    expect(history.push(work('kept in memory'), 'link')).toEqual({ kept: true, persisted: false });
    expect(history.list().map((e) => e.code)).toEqual(['kept in memory']);
    const noStorage = createWorkHistory(undefined, { now: clock() });
    expect(noStorage.push(work('x'), 'reset')).toEqual({ kept: true, persisted: false });
    expect(noStorage.list().map((e) => e.code)).toEqual(['x']);
  });

  it('never throws when storage itself throws', () => {
    const broken = {
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
    const history = createWorkHistory(broken, { now: clock() });
    expect(history.push(work('x'), 'link')).toEqual({ kept: true, persisted: false });
    expect(history.list().map((e) => e.code)).toEqual(['x']);
    expect(history.makeRoom()).toBe(false);
  });
});

describe('history and autosave share the quota', () => {
  it('the history is trimmed before the workspace is ever refused', () => {
    const storage = new MemoryStorage();
    const history = createWorkHistory(storage, { now: clock() });
    for (let i = 0; i < 5; i++) history.push(work(`old ${i}\n${'#'.repeat(300)}`), 'link');
    const used = [...storage.items].reduce((sum, [k, v]) => sum + k.length + v.length, 0);
    storage.quota = used + 700; // the workspace below needs ~1000 more: history must give way
    const saver = createAutosaver(storage, 100, { makeRoom: () => history.makeRoom() });
    const workspace = { ...work('x'.repeat(1000)), settings: defaultSettings };
    saver.schedule(workspace);
    expect(saver.flush()).toBe(true);
    expect(loadWorkspace(storage)?.code).toBe(workspace.code);
    const persisted = loadHistory(storage);
    expect(persisted.length).toBeGreaterThan(0); // only as much as needed was dropped…
    expect(persisted.length).toBeLessThan(5);
    expect(persisted[0]!.code).toMatch(/^old 4/); // …the oldest first
    expect(history.list()).toHaveLength(5); // and this tab can still restore all of them
  });
});
