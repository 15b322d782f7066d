// The endpoint engine against a real local HTTP server (loopback only).
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionsUrl, createEndpointEngine } from './endpoint.ts';

let server: Server;
let base = '';
let lastBody: { model?: string; stream?: boolean; messages?: unknown[] } = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      lastBody = JSON.parse(body || '{}');
      if (req.url === '/broken/chat/completions') {
        res.writeHead(500);
        res.end('model not loaded');
        return;
      }
      if (req.url === '/plain/chat/completions') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { content: '<code>\nx = 1\n</code>' } }] }));
        return;
      }
      if (req.url === '/slow/chat/completions') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"choices":[{"delta":{"content":"<co"}}]}\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const piece of ['<code>\n', 'total = 0', '\n</code>']) res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: piece } }] })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const messages = [{ role: 'user' as const, content: 'fix it' }];

describe('endpoint engine', () => {
  it('streams the deltas of an OpenAI-compatible chat endpoint', async () => {
    const tokens: string[] = [];
    const engine = createEndpointEngine({ url: `${base}/v1`, model: 'qwen2.5-coder:7b' });
    const answer = await engine.generate(messages, { onToken: (t) => tokens.push(t) });
    expect(answer).toBe('<code>\ntotal = 0\n</code>');
    expect(tokens).toHaveLength(3);
    expect(lastBody).toMatchObject({ model: 'qwen2.5-coder:7b', stream: true, messages });
  });

  it('accepts a non-streaming JSON answer', async () => {
    expect(await createEndpointEngine({ url: `${base}/plain`, model: 'm' }).generate(messages, {})).toContain('x = 1');
  });

  it('reports HTTP errors and an unreachable server clearly', async () => {
    await expect(createEndpointEngine({ url: `${base}/broken`, model: 'm' }).generate(messages, {})).rejects.toThrow('HTTP 500: model not loaded');
    await expect(createEndpointEngine({ url: 'http://127.0.0.1:9/v1', model: 'm' }).generate(messages, {})).rejects.toThrow(
      /Cannot reach http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions/,
    );
  });

  it('cancels a pending stream', async () => {
    const controller = new AbortController();
    const pending = createEndpointEngine({ url: `${base}/slow`, model: 'm' }).generate(messages, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('normalises the URL', () => {
    expect(completionsUrl('http://localhost:11434/v1/')).toBe('http://localhost:11434/v1/chat/completions');
    expect(completionsUrl('http://h/v1/chat/completions')).toBe('http://h/v1/chat/completions');
  });
});
