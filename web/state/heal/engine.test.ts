import { describe, expect, it } from 'vitest';
import { isAbortError, streamText } from '../../../workers/shared/engine.ts';
import { createReplayEngine, createScriptedEngine } from './engine.ts';
import { healFixture } from './testing.ts';

const source = 'xs = [1]\nfor i in range(3):\n    y = xs[i]\nprint(y)';
const context = (pauseIndex: number, line = 3, type = 'IndexError') => healFixture({
  source, line, kind: 'Assign', type, message: 'list index out of range', pauseIndex, sid: line,
});

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
    const pending = streamText('abcdefgh', { signal: controller.signal, onToken: (t) => { pieces.push(t); controller.abort(); } }, 4);
    await expect(pending).rejects.toSatisfy(isAbortError);
    expect(pieces).toEqual(['ab']);
  });
});

describe('createScriptedEngine', () => {
  it('answers in order, records calls, supports functions and runs out loudly', async () => {
    const engine = createScriptedEngine(['<code>a = 1</code>', (ctx) => `<code>x = ${ctx?.attempt}</code>`]);
    expect(await engine.generate([{ role: 'user', content: 'q' }], {})).toBe('<code>a = 1</code>');
    expect(await engine.generate([], {}, context(0))).toBe('<code>x = 1</code>');
    expect(engine.calls).toHaveLength(2);
    expect(engine.calls[0].messages[0].content).toBe('q');
    await expect(engine.generate([], {})).rejects.toThrow(/no answer #3/);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(createScriptedEngine(['x']).generate([], { signal: controller.signal })).rejects.toSatisfy(isAbortError);
  });
});

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
