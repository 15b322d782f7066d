// The precache integrity check against an in-memory cache and a local "server" map,
// with the tampered contents an attacker's program writes (test/attacks.ts).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PRECACHE_TAMPER_MARKER, tamperedIndexHtml, tamperedScript } from '../../test/attacks.ts';
import { IntegrityError, installVerified, serveVerified, sha256Hex, type CacheLike, type PrecacheEntry } from './integrity.ts';

const ORIGIN = 'https://heal.example';
const files: Record<string, string> = {
  [`${ORIGIN}/`]: '<!doctype html><title>Heal Playground</title><script type="module" src="./assets/index-1.js"></script>',
  [`${ORIGIN}/assets/index-1.js`]: 'console.log("the app");\n',
  [`${ORIGIN}/pyodide/snapshot.bin`]: 'snapshot bytes \u0000\u0001\u0002',
};
const hex = (text: string) => createHash('sha256').update(text).digest('hex');
const entries: PrecacheEntry[] = [
  { url: `${ORIGIN}/`, sha256: hex(files[`${ORIGIN}/`]!), type: 'text/html; charset=utf-8' },
  { url: `${ORIGIN}/assets/index-1.js`, sha256: hex(files[`${ORIGIN}/assets/index-1.js`]!), type: 'text/javascript; charset=utf-8' },
  { url: `${ORIGIN}/pyodide/snapshot.bin`, sha256: hex(files[`${ORIGIN}/pyodide/snapshot.bin`]!), type: 'application/octet-stream' },
];
const [shell, chunk] = entries as [PrecacheEntry, PrecacheEntry, PrecacheEntry];

/** Cache Storage semantics that matter here: put replaces, match returns a fresh copy. */
class MemoryCache implements CacheLike {
  readonly entries = new Map<string, { body: ArrayBuffer; headers: [string, string][] }>();
  async match(url: string) {
    const hit = this.entries.get(url);
    return hit && new Response(hit.body.slice(0), { headers: hit.headers });
  }
  async put(url: string, response: Response) {
    this.entries.set(url, { body: await response.arrayBuffer(), headers: [...response.headers] });
  }
  async delete(url: string) {
    return this.entries.delete(url);
  }
  text(url: string) {
    const hit = this.entries.get(url);
    return hit && new TextDecoder().decode(hit.body);
  }
}

function server(contents: Record<string, string> = files, { offline = false } = {}) {
  const requests: { url: string; init?: RequestInit }[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    requests.push({ url, init });
    if (offline) throw new TypeError('Failed to fetch');
    const body = contents[url];
    return body === undefined
      ? new Response('not found', { status: 404 })
      : new Response(body, { headers: { 'Content-Type': 'text/plain', 'X-From': 'network' } });
  };
  return { fetch, requests };
}

async function filled(): Promise<MemoryCache> {
  const cache = new MemoryCache();
  await installVerified(entries, { cache, fetch: server().fetch });
  return cache;
}

describe('sha256Hex', () => {
  it('is the standard SHA-256', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 7919) % 251);
    expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await sha256Hex(bytes.buffer)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('installVerified', () => {
  it('fetches past the HTTP cache, verifies and stores every file with its own type', async () => {
    const cache = new MemoryCache();
    const net = server();
    await installVerified(entries, { cache, fetch: net.fetch });
    expect([...cache.entries.keys()].sort()).toEqual(entries.map((e) => e.url).sort());
    for (const entry of entries) expect(cache.text(entry.url)).toBe(files[entry.url]);
    expect((await cache.match(chunk.url))!.headers.get('Content-Type')).toBe(chunk.type);
    expect(net.requests.every((r) => r.init?.cache === 'reload')).toBe(true);
  });

  it('fails on a file that does not match the build (a half-finished deploy)', async () => {
    const cache = new MemoryCache();
    const install = installVerified(entries, { cache, fetch: server({ ...files, [chunk.url]: tamperedScript }).fetch });
    await expect(install).rejects.toBeInstanceOf(IntegrityError);
    await expect(install).rejects.toThrow(chunk.url);
    expect(cache.entries.has(chunk.url)).toBe(false);
  });

  it('fails on a missing file or no network', async () => {
    const { [chunk.url]: _, ...withoutChunk } = files;
    await expect(installVerified(entries, { cache: new MemoryCache(), fetch: server(withoutChunk).fetch })).rejects.toThrow('HTTP 404');
    await expect(installVerified(entries, { cache: new MemoryCache(), fetch: server(files, { offline: true }).fetch })).rejects.toThrow('Failed to fetch');
  });
});

describe('serveVerified', () => {
  it("serves a good cached copy without the network, with the worker's own headers", async () => {
    const cache = await filled();
    const net = server(files, { offline: true });
    const served = await serveVerified(chunk, { cache, fetch: net.fetch });
    expect(served).toMatchObject({ outcome: 'cached', tampered: false });
    expect(await served.response.text()).toBe(files[chunk.url]);
    expect(served.response.headers.get('Content-Type')).toBe(chunk.type);
    expect(net.requests).toEqual([]);
  });

  it('never serves a tampered copy: deletes it, refetches, verifies and caches the good copy again', async () => {
    const cache = await filled();
    await cache.put(shell.url, new Response(tamperedIndexHtml, { headers: { 'Content-Type': 'text/html' } }));
    const net = server();
    const served = await serveVerified(shell, { cache, fetch: net.fetch });
    expect(served).toMatchObject({ outcome: 'repaired', tampered: true });
    const text = await served.response.text();
    expect(text).toBe(files[shell.url]);
    expect(text).not.toContain(PRECACHE_TAMPER_MARKER);
    expect(cache.text(shell.url)).toBe(files[shell.url]);
    expect(net.requests).toEqual([{ url: shell.url, init: { cache: 'no-cache' } }]);
    // Once repaired, the cache serves it again.
    expect((await serveVerified(shell, { cache, fetch: server(files, { offline: true }).fetch })).outcome).toBe('cached');
  });

  it('takes none of the headers an attacker stored with correct bytes', async () => {
    const cache = await filled();
    await cache.put(
      chunk.url,
      new Response(files[chunk.url], { headers: { 'Content-Type': 'text/html', 'Content-Security-Policy': 'script-src *', 'X-Evil': '1' } }),
    );
    const served = await serveVerified(chunk, { cache, fetch: server(files, { offline: true }).fetch });
    expect(served.outcome).toBe('cached');
    expect([...served.response.headers]).toEqual([
      ['content-length', String(files[chunk.url]!.length)],
      ['content-type', chunk.type],
    ]);
  });

  it('a network copy that does not match either (a newer deploy) is served but not cached', async () => {
    const cache = await filled();
    await cache.put(chunk.url, new Response(tamperedScript));
    const newer = 'console.log("the next version");\n';
    const served = await serveVerified(chunk, { cache, fetch: server({ ...files, [chunk.url]: newer }).fetch });
    expect(served).toMatchObject({ outcome: 'unverified', tampered: true });
    expect(await served.response.text()).toBe(newer);
    expect(served.response.headers.get('X-From')).toBe('network');
    expect(cache.entries.has(chunk.url)).toBe(false);
  });

  it('offline with a tampered copy: rejects, and the tampered copy is gone', async () => {
    const cache = await filled();
    await cache.put(chunk.url, new Response(tamperedScript));
    await expect(serveVerified(chunk, { cache, fetch: server(files, { offline: true }).fetch })).rejects.toThrow('Failed to fetch');
    expect(cache.entries.has(chunk.url)).toBe(false);
  });

  it('a missing entry is refetched and cached; an error status passes through uncached', async () => {
    const cache = new MemoryCache();
    expect((await serveVerified(chunk, { cache, fetch: server().fetch })).outcome).toBe('repaired');
    expect(cache.text(chunk.url)).toBe(files[chunk.url]);
    const { [shell.url]: _, ...withoutShell } = files;
    const served = await serveVerified(shell, { cache, fetch: server(withoutShell).fetch });
    expect(served).toMatchObject({ outcome: 'network-error', tampered: false });
    expect(served.response.status).toBe(404);
    expect(cache.entries.has(shell.url)).toBe(false);
  });
});
