import { describe, expect, it } from 'vitest';
import { packageProgressFraction, packageProgressText } from './progress.ts';

describe('package progress', () => {
  it('says what loads, how big, and which of how many', () => {
    expect(packageProgressText({ name: 'numpy', version: '2.4.6', loadedBytes: 0, totalBytes: 3_300_000, index: 1, count: 1 })).toBe('Loading numpy 3.3 MB…');
    expect(packageProgressText({ name: 'pandas', version: '3', loadedBytes: 5, totalBytes: 12_400_000, index: 2, count: 5 })).toBe(
      'Loading pandas 12 MB… (2 of 5)',
    );
    expect(packageProgressText({ name: 'six', version: '1', loadedBytes: 5, index: 1, count: 1 })).toBe('Loading six…');
    expect(packageProgressFraction({ name: 'x', version: '1', loadedBytes: 50, totalBytes: 200, index: 1, count: 1 })).toBe(0.25);
    expect(packageProgressFraction({ name: 'x', version: '1', loadedBytes: 50, index: 1, count: 1 })).toBeUndefined();
  });
});
