// The WebLLM model as a ModelEngine: streams tokens through onToken, and an abort
// interrupts the generation in the worker and rejects at once with an AbortError.
import { abortError, throwIfAborted, type ModelEngine } from '../shared/engine.ts';
import type { LlmClient } from './client.ts';
import type { GenerateStats } from '../protocol/llm.ts';

export interface WebLlmEngine extends ModelEngine {
  /** Statistics of the last finished generation (benchmarks). */
  lastStats?: GenerateStats;
}

export function createWebLlmEngine(
  client: Pick<LlmClient, 'generate' | 'interrupt'>,
  modelId: string,
  /** Told about every failed generation (not aborts), e.g. so the manager notices a lost device. */
  onError?: (error: unknown) => void,
): WebLlmEngine {
  let queue: Promise<unknown> = Promise.resolve();
  const engine: WebLlmEngine = {
    id: `webllm:${modelId}`,
    label: `${modelId.replace(/-MLC$/, '')} (local, WebGPU)`,
    async generate(messages, options) {
      // One generation at a time (the engine keeps one chat state): wait for the worker's
      // previous generation, including one interrupted by an abort, to really end.
      await queue;
      throwIfAborted(options.signal);
      let aborted = false;
      const generation = client.generate({ messages, temperature: options.temperature, maxTokens: options.maxTokens, stop: options.stop }, (text) => {
        if (!aborted) options.onToken?.(text);
      });
      queue = generation.catch((error: unknown) => {
        if (!aborted) onError?.(error);
      });
      const abort = new Promise<never>((_, reject) => {
        options.signal?.addEventListener(
          'abort',
          () => {
            aborted = true;
            reject(abortError());
            void client.interrupt();
          },
          { once: true },
        );
      });
      const result = await Promise.race([generation, abort]);
      if (aborted) throw abortError();
      engine.lastStats = result.stats;
      return result.text;
    },
  };
  return engine;
}
