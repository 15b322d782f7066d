import { describe, expect, it } from 'vitest';
import { createEtaTracker, formatEta, formatProgress, parseInitProgress } from './progress.ts';

const MiB = 1024 * 1024;
// The texts exactly as WebLLM 0.2.x (tvmjs fetchTensorCache) writes them.
const fetching = (i: number, n: number, mb: number, pct: number, secs: number) =>
  `Fetching param cache[${i}/${n}]: ${mb}MB fetched. ${pct}% completed, ${secs} secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.`;

describe('download progress', () => {
  it('parses bytes and the total from WebLLM reports', () => {
    const p = parseInitProgress({ progress: 0.25, text: fetching(5, 20, 256, 25, 10) });
    expect(p).toMatchObject({ phase: 'download', fraction: 0.25, bytes: 256 * MiB, totalBytes: 1024 * MiB });
    expect(parseInitProgress({ progress: 0.5, text: 'Loading model from cache[10/20]: 512MB loaded. 50% completed, 3 secs elapsed.' })).toMatchObject({
      phase: 'load',
      bytes: 512 * MiB,
    });
    expect(parseInitProgress({ progress: 0, text: 'Start to fetch params' }).phase).toBe('prepare');
    expect(parseInitProgress({ progress: 1, text: 'Finish loading on WebGPU - swiftshader' }).phase).toBe('ready');
    expect(parseInitProgress({ progress: Number.NaN, text: 'x' }).fraction).toBe(0);
  });

  it('estimates the time left from the rate since the first report', () => {
    const eta = createEtaTracker();
    const at = (mb: number) => parseInitProgress({ progress: mb / 1000, text: fetching(1, 10, mb, mb / 10, 0) });
    expect(eta.update(at(100), 0)).toBeUndefined();
    // 100 MB in 10 s → 10 MB/s; 800 MB left → 80 s.
    expect(eta.update(at(200), 10_000)).toBeCloseTo(80, 0);
    expect(eta.update(parseInitProgress({ progress: 0, text: 'Start to fetch params' }), 11_000)).toBeUndefined();
  });

  it('formats ETA and the bar caption', () => {
    expect([undefined, 0.2, 45, 150, 3900].map(formatEta)).toEqual(['', '1 s', '45 s', '3 min', '1 h 05 min']);
    const p = parseInitProgress({ progress: 0.25, text: fetching(5, 20, 256, 25, 10) });
    expect(formatProgress(p, 90)).toBe('Downloading 256 MB of 1.00 GB (25%) · 2 min left');
    expect(formatProgress(p)).toBe('Downloading 256 MB of 1.00 GB (25%)');
    expect(formatProgress({ phase: 'load', fraction: 0.5, text: '' })).toBe('Loading onto the GPU (50%)');
  });
});
