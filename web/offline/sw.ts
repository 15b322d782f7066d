// Service worker of the Heal Playground, bundled into dist/sw.js after the build
// (scripts/vite-plugin-offline.ts prepends `const PRECACHE = {version, entries, csp}`).
// 1. Offline: precaches the app shell and the Pyodide runtime at install, each file
//    verified against its build-time SHA-256; answers same-origin GETs for precached files
//    from the cache, verified again on every serve (web/offline/integrity.ts), and
//    navigations from the network, else the cached index.html.
// 2. Policy on static hosts: COOP/COEP (cross-origin isolation shim), the CSP header on
//    documents and worker scripts, nosniff (web/offline/sw-headers.ts).
// Cross-origin requests (WebLLM model files: WebLLM caches those itself) are not intercepted.
import { installVerified, serveVerified, type IntegrityDeps, type PrecacheEntry, type Served } from './integrity.ts';
import { servedKind, withPolicy } from './sw-headers.ts';

declare const PRECACHE: { version: string; entries: PrecacheEntry[]; csp: string };

// The DOM lib types `self` as a Window: the few service-worker members used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface MessageFromPage extends ExtendableEvent {
  readonly data: unknown;
  readonly source: { postMessage(message: unknown): void } | null;
}
interface ServiceWorkerScope {
  readonly registration: ServiceWorkerRegistration;
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageFromPage) => void): void;
}
const sw = self as unknown as ServiceWorkerScope;

const CACHE = `heal-precache-${PRECACHE.version}`;
const CACHE_PREFIX = 'heal-precache-';
const scope = new URL(sw.registration.scope);
const entries = PRECACHE.entries.map((entry) => ({ ...entry, url: new URL(entry.url, scope).href }));
const byUrl = new Map(entries.map((entry) => [entry.url, entry]));
const INDEX = byUrl.get(new URL('./', scope).href);

async function deps(): Promise<IntegrityDeps> {
  return { cache: await caches.open(CACHE), fetch: (url, init) => fetch(url, init) };
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      try {
        await installVerified(entries, await deps());
      } catch (error) {
        // A worker whose hashes do not match what the host serves does not take over.
        await caches.delete(CACHE);
        throw error;
      }
      // The first install takes over at once; an update waits for the page's "Reload" (banner).
      if (!sw.registration.active) await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === 'SKIP_WAITING') void sw.skipWaiting();
  if (data?.type === 'VERSION') event.source?.postMessage({ type: 'VERSION', version: PRECACHE.version });
});

async function precached(entry: PrecacheEntry): Promise<Response> {
  const served: Served = await serveVerified(entry, await deps());
  if (served.tampered) console.warn(`[heal-sw] ${entry.url} failed its integrity check in the cache: deleted; network copy ${served.outcome}`);
  else if (served.outcome === 'unverified') console.warn(`[heal-sw] ${entry.url} from the network does not match this version: served, not cached`);
  return served.response;
}

async function respond(request: Request, background: (work: Promise<unknown>) => void): Promise<Response> {
  const url = new URL(request.url);
  url.hash = '';
  // Navigations: the network first (a new deploy, or `vite dev` on an origin that once ran
  // the build, is never hidden behind this cache), else the cached app shell (any path,
  // any query: permalinks live in the hash).
  if (request.mode === 'navigate' && url.pathname.startsWith(scope.pathname)) {
    const online = await fetch(request).catch(() => undefined);
    if (online?.ok) {
      // The offline shell is only read when the network fails: check it now, while the
      // network is there to repair it (index.html is small; a good copy costs no request).
      if (INDEX)
        background(
          precached(INDEX)
            .then((shell) => shell.body?.cancel())
            .catch(() => undefined),
        );
      return online;
    }
    const shell = INDEX ? await precached(INDEX).catch(() => undefined) : undefined;
    return (
      shell ??
      online ??
      new Response('Offline, and the app is not cached (or its cached copy failed its integrity check).', {
        status: 503,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      })
    );
  }
  url.search = '';
  const entry = byUrl.get(url.href);
  if (entry) return precached(entry);
  // Not precached: the network only. The cache holds verified precache entries and
  // whatever other code put there; nothing unverified is served from it.
  return fetch(request);
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  if (new URL(request.url).origin !== sw.location.origin) return; // model hosts & co: untouched
  event.respondWith(respond(request, (work) => event.waitUntil(work)).then((response) => withPolicy(response, servedKind(request), PRECACHE.csp)));
});
