import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './test-storage.ts';
import { PREVIOUS_WORKSPACE_KEY, RETIRED_KEYS, STORAGE_KEYS, migrateStorage } from './storage-keys.ts';
import { HISTORY_KEY, createWorkHistory, loadHistory } from './work-history.ts';
import { WORKSPACE_KEY } from './autosave.ts';
import { defaultSettings } from './settings.ts';

const previous = { code: 'print("before the link")\n', stdin: 'x\n', expectedOutput: null, settings: defaultSettings };

describe('migrateStorage', () => {
  it('moves the old previous-workspace slot into the history, then removes it', () => {
    const storage = new MemoryStorage();
    storage.setItem(PREVIOUS_WORKSPACE_KEY, JSON.stringify(previous));
    storage.setItem(WORKSPACE_KEY, '{"code":"current"}');
    expect(migrateStorage(storage, createWorkHistory(storage))).toEqual([PREVIOUS_WORKSPACE_KEY]);
    expect(storage.getItem(PREVIOUS_WORKSPACE_KEY)).toBeNull();
    expect(loadHistory(storage)).toEqual([expect.objectContaining({ code: previous.code, stdin: 'x\n', reason: 'earlier-version' })]);
    expect([...storage.items.keys()].sort()).toEqual([HISTORY_KEY, WORKSPACE_KEY].sort());
    expect(storage.getItem(WORKSPACE_KEY)).toBe('{"code":"current"}'); // untouched
    expect(migrateStorage(storage, createWorkHistory(storage))).toEqual([]); // idempotent
  });

  it('removes an unreadable or empty old slot without a history entry', () => {
    for (const raw of ['{corrupt', '{"code":""}', '42']) {
      const storage = new MemoryStorage();
      storage.setItem(PREVIOUS_WORKSPACE_KEY, raw);
      expect(migrateStorage(storage, createWorkHistory(storage))).toEqual([PREVIOUS_WORKSPACE_KEY]);
      expect(storage.items.size).toBe(0);
    }
  });

  it('keeps the old slot when the history cannot take it (storage full), to try again later', () => {
    const storage = new MemoryStorage();
    storage.setItem(PREVIOUS_WORKSPACE_KEY, JSON.stringify(previous));
    storage.quota = storage.getItem(PREVIOUS_WORKSPACE_KEY)!.length + PREVIOUS_WORKSPACE_KEY.length + 10;
    expect(migrateStorage(storage, createWorkHistory(storage))).toEqual([]);
    expect(storage.getItem(PREVIOUS_WORKSPACE_KEY)).not.toBeNull();
  });

  it('documents every key in use; retired keys are not among them', () => {
    expect(Object.values(STORAGE_KEYS)).toEqual(['heal-playground:workspace:v1', 'heal-playground:history:v1', 'heal-playground:intro-dismissed:v1']);
    for (const key of RETIRED_KEYS) expect(Object.values(STORAGE_KEYS)).not.toContain(key);
  });
});
