import { describe, expect, it } from 'vitest';
import { isAbortError, streamText } from './engine.ts';

describe('streamText', () => {
  it('streams deltas that add up to the answer', async () => {
    const pieces: string[] = [];
    const text = await streamText('<code>\npass\n</code>', { onToken: (t) => pieces.push(t) }, 3);
    expect(pieces.length).toBe(3);
    expect(pieces.join('')).toBe(text);
  });

  it('rejects with an AbortError when aborted mid-stream', async () => {
    const controller = new AbortController();
    const pieces: string[] = [];
    const pending = streamText(
      'abcdefgh',
      {
        signal: controller.signal,
        onToken: (t) => {
          pieces.push(t);
          controller.abort();
        },
      },
      4,
    );
    await expect(pending).rejects.toSatisfy(isAbortError);
    expect(pieces).toEqual(['ab']);
  });
});
