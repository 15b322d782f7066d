import { describe, expect, it, vi } from 'vitest';
import { createWebLlmEngine } from './engine.ts';
import { isAbortError } from '../shared/engine.ts';
import type { GenerateRequest, GenerateResult } from '../protocol/llm.ts';

const stats = { promptTokens: 1, completionTokens: 2 };

describe('WebLLM ModelEngine', () => {
  it('passes the options, streams deltas and resolves with the text', async () => {
    const requests: GenerateRequest[] = [];
    const client = {
      generate: async (request: GenerateRequest, onToken: (t: string) => void): Promise<GenerateResult> => {
        requests.push(request);
        onToken('a');
        onToken('b');
        return { text: 'ab', stats };
      },
      interrupt: vi.fn(async () => {}),
    };
    const engine = createWebLlmEngine(client, 'Qwen2.5-Coder-1.5B-Instruct-q4f16_1-MLC');
    expect(engine.label).toMatch(/Qwen2\.5-Coder-1\.5B/);
    const tokens: string[] = [];
    const text = await engine.generate([{ role: 'user', content: 'x' }], { temperature: 0.2, maxTokens: 9, stop: ['</code>'], onToken: (t) => tokens.push(t) });
    expect(text).toBe('ab');
    expect(tokens).toEqual(['a', 'b']);
    expect(requests[0]).toMatchObject({ temperature: 0.2, maxTokens: 9, stop: ['</code>'] });
    expect(engine.lastStats).toEqual(stats);
  });

  it('an abort interrupts the worker, rejects at once, and the next call waits for the interrupted one', async () => {
    let finish: (() => void) | undefined;
    const order: string[] = [];
    const client = {
      generate: (_r: GenerateRequest, onToken: (t: string) => void) =>
        new Promise<GenerateResult>((resolve) => {
          order.push('start');
          onToken('x');
          finish = () => {
            order.push('end');
            resolve({ text: 'x…', stats });
          };
        }),
      interrupt: vi.fn(async () => {
        finish?.();
      }),
    };
    const engine = createWebLlmEngine(client, 'm');
    const controller = new AbortController();
    const tokens: string[] = [];
    const pending = engine.generate([], { signal: controller.signal, onToken: (t) => tokens.push(t) });
    await Promise.resolve();
    await Promise.resolve();
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(client.interrupt).toHaveBeenCalledOnce();
    expect(tokens).toEqual(['x']);
    const already = new AbortController();
    already.abort();
    await expect(engine.generate([], { signal: already.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(order).toEqual(['start', 'end']);
  });
});
