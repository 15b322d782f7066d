import { describe, expect, it } from 'vitest';
import { ChannelTooSmallError, createChannelBuffer, waitForAnswer, writeAnswer } from './blocking-channel.ts';

describe('blocking channel', () => {
  it('delivers one answer at a time, with non-ASCII text', () => {
    const buffer = createChannelBuffer(1024);
    writeAnswer(buffer, '{"text":"héllo ✓"}');
    expect(waitForAnswer(buffer)).toBe('{"text":"héllo ✓"}');
    writeAnswer(buffer, 'second');
    expect(waitForAnswer(buffer)).toBe('second');
  });

  it('refuses an answer larger than the channel', () => {
    const buffer = createChannelBuffer(8);
    expect(() => writeAnswer(buffer, 'x'.repeat(9))).toThrow(ChannelTooSmallError);
  });
});
