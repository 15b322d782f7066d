// An in-memory Storage for the state tests, with a quota (characters over all keys, like
// localStorage's per-origin limit) and a write counter.
import type { StorageLike } from './autosave.ts';

export class MemoryStorage implements StorageLike {
  items = new Map<string, string>();
  writes = 0;
  /** Largest total of key and value characters over all keys. */
  quota = Number.POSITIVE_INFINITY;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    const others = [...this.items].filter(([k]) => k !== key).reduce((sum, [k, v]) => sum + k.length + v.length, 0);
    if (others + key.length + value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.writes++;
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}
