// Service worker of the Heal Playground (template: the build prepends
// `const PRECACHE = {version, urls}` — see scripts/vite-plugin-offline.ts).
// 1. Offline: precaches the app shell and the Pyodide runtime at install; answers
//    same-origin GETs cache-first, navigations from the network, else the cached index.html.
// 2. Cross-origin isolation shim: adds COOP/COEP to every response it serves, so
//    SharedArrayBuffer and interrupts work on static hosts that cannot set headers.
// Cross-origin requests (WebLLM model files: WebLLM caches those itself) are not intercepted.
/* global PRECACHE */

const CACHE = `heal-precache-${PRECACHE.version}`;
const CACHE_PREFIX = 'heal-precache-';
const scope = new URL(self.registration.scope);
const INDEX = new URL('./', scope).href;
const precached = new Set(PRECACHE.urls.map((u) => new URL(u, scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' skips the HTTP cache so a new version never stores stale files.
      await cache.addAll([...precached].map((url) => new Request(url, { cache: 'reload' })));
      // The first install takes over at once; an update waits for the page's "Reload" (banner).
      if (!self.registration.active) await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
  if (event.data && event.data.type === 'VERSION') event.source?.postMessage({ type: 'VERSION', version: PRECACHE.version });
});

/** The same response with the isolation headers (a Response's headers are immutable). */
function isolated(response) {
  if (!response || response.status === 0 || response.type === 'opaque' || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function respond(request) {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  url.hash = '';
  // Navigations: the network first (a new deploy, or `vite dev` on an origin that once ran
  // the build, is never hidden behind this cache), else the cached app shell (any path,
  // any query: permalinks live in the hash).
  if (request.mode === 'navigate' && url.pathname.startsWith(scope.pathname)) {
    const online = await fetch(request).catch(() => undefined);
    if (online && online.ok) return online;
    const shell = await cache.match(INDEX);
    return shell ?? online ?? new Response('Offline, and the app is not cached yet.', { status: 503, headers: { 'Content-Type': 'text/plain' } });
  }
  url.search = '';
  if (precached.has(url.href)) {
    const hit = await cache.match(url.href);
    if (hit) return hit;
  }
  // Not precached (or evicted): the network, with the cache as a fallback.
  try {
    return await fetch(request);
  } catch (error) {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  if (new URL(request.url).origin !== self.location.origin) return; // model hosts & co: untouched
  event.respondWith(respond(request).then(isolated));
});
