import { describe, expect, it } from 'vitest';
import { isAbortError } from '../workers/shared/engine.ts';
import { createScriptedEngine } from './scripted-engine.ts';
import { indexErrorLoopContext as context } from './pause-fixtures.ts';

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
