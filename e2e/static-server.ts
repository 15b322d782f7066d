// A plain static host for the built site (GitHub Pages and co): files with their MIME
// types and nothing else, so whatever policy a page gets there comes from the service worker.
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { contentTypeOf } from '../web/offline/precache.ts';

/**
 * dist/ the way a plain static host serves it: right MIME types, no CSP, COOP, COEP or
 * nosniff. `extra` adds pages that are not part of the build (framing pages).
 */
export async function plainStaticServer(
  extra: Record<string, string> = {},
  root = join(process.cwd(), 'dist'),
): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (extra[path] !== undefined) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(extra[path]);
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': contentTypeOf(file), 'Cache-Control': 'no-cache' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // the browser keeps connections alive
    });
  return { origin: `http://127.0.0.1:${port}`, close };
}
