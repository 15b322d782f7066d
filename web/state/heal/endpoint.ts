// An OpenAI-compatible chat endpoint (a local Ollama, llama.cpp server, LM Studio …)
// as a heal engine: POST {base}/chat/completions with stream: true, read the SSE deltas.
import { abortError, isAbortError, type ChatMessage, type GenerateOptions, type ModelEngine } from '../../../workers/shared/engine.ts';

export interface EndpointConfig {
  /** Base URL such as http://localhost:11434/v1, or the full …/chat/completions URL. */
  url: string;
  model: string;
  apiKey?: string;
  fetch?: typeof fetch;
}

export class EndpointError extends Error {}

export function completionsUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  return trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`;
}

/** Text of one SSE `data:` payload, or null for [DONE] / keep-alives. */
export function deltaOf(payload: string): string | null {
  if (payload === '[DONE]') return null;
  const parsed = JSON.parse(payload) as { choices?: { delta?: { content?: string }; message?: { content?: string } }[]; error?: { message?: string } };
  if (parsed.error) throw new EndpointError(`The endpoint reported an error: ${parsed.error.message ?? 'unknown'}`);
  const choice = parsed.choices?.[0];
  return choice?.delta?.content ?? choice?.message?.content ?? null;
}

export function createEndpointEngine(config: EndpointConfig): ModelEngine {
  const doFetch = config.fetch ?? globalThis.fetch.bind(globalThis);
  const url = completionsUrl(config.url);
  return {
    id: `endpoint:${config.model}`,
    label: `${config.model} at ${config.url}`,
    async generate(messages: ChatMessage[], options: GenerateOptions): Promise<string> {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(config.apiKey ? { Authorization: `Bearer ${config.apiKey}` } : {}) },
          body: JSON.stringify({
            model: config.model,
            messages,
            stream: true,
            temperature: options.temperature ?? 0.2,
            max_tokens: options.maxTokens ?? 512,
            ...(options.stop?.length ? { stop: options.stop } : {}),
          }),
          signal: options.signal,
        });
      } catch (error) {
        if (isAbortError(error) || options.signal?.aborted) throw abortError();
        throw new EndpointError(`Cannot reach ${url}: is the server running, and does it allow requests from this page (CORS)?`);
      }
      if (!response.ok) {
        const body = (await response.text().catch(() => '')).slice(0, 300);
        throw new EndpointError(`The endpoint answered HTTP ${response.status}${body ? `: ${body}` : ''}`);
      }
      if (!response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
        const text = deltaOf(await response.text()) ?? '';
        options.onToken?.(text);
        return text;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      let answer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffered += value;
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) {
            if (!line.startsWith('data:')) continue;
            const delta = deltaOf(line.slice(5).trim());
            if (delta) {
              answer += delta;
              options.onToken?.(delta);
            }
          }
        }
      } catch (error) {
        if (isAbortError(error) || options.signal?.aborted) throw abortError();
        throw error instanceof EndpointError ? error : new EndpointError(`The endpoint's stream broke off: ${String(error)}`);
      }
      return answer;
    },
  };
}
