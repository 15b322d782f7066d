// Attack payloads for the trust-boundary tests (issue: "what the user reviews is exactly
// what runs, and nothing from a stranger persists"). One file on purpose: every attack
// class has its payloads here, and the tests that use them say what must not happen.
// Each section belongs to one attack class; add payloads to the section they attack.

// -- merge: executor answers that must never run code in the runner --------------------

// -- executor boundary: handling code that switches the guards off ----------------------

// -- links: settings, traces and replay -------------------------------------------------

/**
 * Settings a stranger's link carries to lower the guard of whoever opens it. Opening the
 * link must apply none of them; the notice lists each (theme aside: personal, never listed).
 */
export const LINK_TRUST_SETTINGS = {
  autoAccept: true, // heals (e.g. a recorded trace) would merge without review
  timeLimitMs: 0, // no time limit: a program that never stops
  healEngine: 'endpoint', // program state sent to a server the link chooses…
  endpointUrl: 'http://localhost:1234/v1', // …on another local port than the user's
  endpointModel: 'attacker-model',
  maxAttempts: 10,
  securityCheck: false, // the findings that would reveal the program go quiet
  dnnCheck: false,
  securityMinSeverity: 'HIGH',
  securityMinConfidence: 'HIGH',
  theme: 'dark',
} as const;

/** The same as an old link writes it: the full settings object, every field set. */
export const LINK_TRUST_SETTINGS_FULL = {
  ...LINK_TRUST_SETTINGS, reuseAccepted: false, patchStrategies: 5, patchRounds: 1, webllmModel: 'x',
} as const;

/** A program such a link might carry (what it does once those settings are on is the point). */
export const LINK_TRUST_PROGRAM = 'import os\nprint(os.listdir("/"))\nwhile True:\n    pass\n';

/**
 * A link body (JSON) with settings of the wrong types and a prototype key: decoding must
 * drop them, never apply them (`__proto__` is an own key after JSON.parse).
 */
export const LINK_SETTINGS_WRONG_TYPES_JSON =
  '{"code":"print(1)\\n","settings":{"autoAccept":"true","timeLimitMs":"0","securityCheck":0,"__proto__":{"autoAccept":true},"constructor":{"autoAccept":true}}}';

// -- service worker: precache tampering --------------------------------------------------
// Any same-origin code can write Cache Storage: the page, its workers, and a stranger's
// Python program through Pyodide's `js` module. The attacker overwrites precached files
// (the app shell, a chunk) so that one Run turns into a lasting compromise of the origin.
// The service worker must never serve these bytes (web/offline/integrity.ts).

/** In every tampered payload: a page or response that shows it was served the tampered copy. */
export const PRECACHE_TAMPER_MARKER = 'HEAL-PRECACHE-TAMPERED-5c1e';

/** Replaces the app shell: would run the attacker's script on every later visit. */
export const tamperedIndexHtml = `<!doctype html><html><head><title>${PRECACHE_TAMPER_MARKER}</title></head>`
  + `<body><h1 id="tampered">${PRECACHE_TAMPER_MARKER}</h1><script src="./evil.js"></script></body></html>`;

/** Replaces a JS chunk: would run inside the app on every later visit. */
export const tamperedScript = `document.title = ${JSON.stringify(PRECACHE_TAMPER_MARKER)}; globalThis.${PRECACHE_TAMPER_MARKER.replaceAll('-', '_')} = true;\n`;

export interface PrecacheTamper {
  /** Path relative to the origin, e.g. '/' or '/assets/index-abc.js'. */
  path: string;
  body: string;
  /** Headers stored with it: the attacker picks them too. */
  headers: Record<string, string>;
}

/**
 * What the attacker runs in the page (pass to page.evaluate): overwrites the given entries in
 * every heal-precache-* cache, and returns the cache names it wrote to. Self-contained (no
 * closure), so it can be serialized into the page.
 */
export async function tamperPrecache(tampers: PrecacheTamper[]): Promise<string[]> {
  const written: string[] = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith('heal-precache-')) continue;
    const cache = await caches.open(name);
    for (const t of tampers) await cache.put(new URL(t.path, location.origin).href, new Response(t.body, { headers: t.headers }));
    written.push(name);
  }
  return written;
}

/**
 * The same attack from a program a stranger shares: one click on Run, and the program
 * (in the runner worker, through Pyodide's `js` module; JSPI's run_sync waits for the
 * promises) overwrites the cached app shell.
 */
export const tamperPrecacheProgram = `import js
from pyodide.ffi import run_sync

written = 0
for name in run_sync(js.caches.keys()):
    if name.startswith("heal-precache-"):
        cache = run_sync(js.caches.open(name))
        run_sync(cache.put(js.location.origin + "/", js.Response.new(${JSON.stringify(tamperedIndexHtml)})))
        written += 1
print("tampered caches:", written)
`;

/**
 * Not tampering but the policy that comes with it: on a static host the program's worker
 * gets no CSP unless the service worker adds one. A program that evaluates JavaScript in
 * the worker must be refused (no 'unsafe-eval' in script-src).
 */
export const workerEvalProgram = `import js
try:
    print("eval ran:", js.eval("6 * 7"))
except Exception as error:
    print("eval refused:", "EvalError" in str(error))
`;

// -- runner: state that must not leak from one run into the next -------------------------

// -- parser bombs: sources that crash a parser unless refused before parsing --------------
