import { describe, expect, it } from 'vitest';
import { createReplayEngine } from './replay.ts';
import { indexErrorLoopContext as context } from '../../../test/pause-fixtures.ts';

describe('createReplayEngine', () => {
  const records = [
    { pauseIndex: 0, sid: 3, errorType: 'IndexError', handlingCode: 'y = 0', decision: 'accepted' },
    { pauseIndex: 1, sid: 3, errorType: 'IndexError', handlingCode: 'y = 1\n', decision: 'auto-accepted' },
    { pauseIndex: 2, sid: 3, errorType: 'IndexError', handlingCode: 'y = 99', decision: 'rejected' },
    { pauseIndex: 2, sid: 3, errorType: 'IndexError', handlingCode: 'y = 2', decision: 'accepted' },
  ];

  it('answers by pause index first, wrapped in <code>', async () => {
    const engine = createReplayEngine(records);
    expect(await engine.generate([], {}, context(1))).toBe('<code>\ny = 1\n</code>');
    expect(await engine.generate([], {}, context(2))).toBe('<code>\ny = 2\n</code>');
    expect(await engine.generate([], {}, context(0))).toBe('<code>\ny = 0\n</code>');
  });

  it('falls back to (sid, errorType) in recorded order, each record once', async () => {
    const engine = createReplayEngine(records);
    expect(await engine.generate([], {}, context(7))).toBe('<code>\ny = 0\n</code>');
    expect(await engine.generate([], {}, context(8))).toBe('<code>\ny = 1\n</code>');
    expect(await engine.generate([], {}, context(9))).toBe('<code>\ny = 2\n</code>');
    await expect(engine.generate([], {}, context(10))).rejects.toThrow(/No recorded heal for pause #10/);
  });

  it('never matches another statement or error type, and needs the context', async () => {
    const engine = createReplayEngine(records);
    await expect(engine.generate([], {}, context(0, 4))).rejects.toThrow(/No recorded heal/);
    await expect(engine.generate([], {}, context(0, 3, 'KeyError'))).rejects.toThrow(/No recorded heal/);
    await expect(engine.generate([], {})).rejects.toThrow(/needs the pause context/);
  });
});
