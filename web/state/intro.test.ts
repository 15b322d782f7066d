import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './test-storage.ts';
import { dismissIntro, introDismissed, INTRO_KEY } from './intro.ts';

describe('first-visit explanation', () => {
  it('shows until dismissed, then stays dismissed', () => {
    const storage = new MemoryStorage();
    expect(introDismissed(storage)).toBe(false);
    dismissIntro(storage);
    expect(introDismissed(storage)).toBe(true);
    expect(storage.getItem(INTRO_KEY)).toBe('1');
  });

  it('without storage, or with storage that throws, it shows and dismissing does not throw', () => {
    expect(introDismissed(undefined)).toBe(false);
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {},
    };
    expect(introDismissed(broken)).toBe(false);
    expect(() => dismissIntro(broken)).not.toThrow();
  });
});
