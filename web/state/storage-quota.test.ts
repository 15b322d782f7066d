import { describe, expect, it } from 'vitest';
import { checkQuota, formatBytes } from './storage-quota.ts';

const estimator = (usage: number, quota: number) => ({ estimate: async () => ({ usage, quota }) });

describe('checkQuota', () => {
  it('passes when the bytes fit below the reserve', async () => {
    expect(await checkQuota(400, estimator(100, 1000))).toEqual({ ok: true, known: true, usage: 100, quota: 1000, available: 850 });
  });

  it('refuses with a clear message when they do not', async () => {
    const check = await checkQuota(2_000_000_000, estimator(500_000_000, 2_000_000_000), { what: 'The model Qwen2.5-Coder 1.5B' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.available).toBe(1_400_000_000);
    expect(check.message).toBe(
      'The model Qwen2.5-Coder 1.5B needs 2.0 GB of browser storage, but only 1.4 GB is free (500 MB of 2.0 GB used). Delete cached models or other site data, then try again.',
    );
  });

  it('reserveFraction 0 uses the whole quota', async () => {
    expect((await checkQuota(900, estimator(100, 1000), { reserveFraction: 0 })).ok).toBe(true);
    expect((await checkQuota(901, estimator(100, 1000), { reserveFraction: 0 })).ok).toBe(false);
  });

  it('is "unknown" (not a refusal) without an estimate', async () => {
    expect(await checkQuota(10, undefined)).toMatchObject({ ok: true, known: false });
    expect(await checkQuota(10, { estimate: async () => ({}) })).toMatchObject({ ok: true, known: false });
    expect(
      await checkQuota(10, {
        estimate: async () => {
          throw new Error('denied');
        },
      }),
    ).toMatchObject({ ok: true, known: false, reason: expect.stringContaining('denied') });
  });

  it('rejects nonsense sizes', async () => {
    await expect(checkQuota(-1, estimator(0, 10))).rejects.toThrow(RangeError);
    await expect(checkQuota(Number.NaN, estimator(0, 10))).rejects.toThrow(RangeError);
  });

  it('formats bytes', () => {
    expect([formatBytes(999), formatBytes(1500), formatBytes(250_000_000), formatBytes(3.2e9)]).toEqual(['999 bytes', '1.5 KB', '250 MB', '3.2 GB']);
  });
});
