// The executor's sandbox frame: an <iframe sandbox="allow-scripts" srcdoc=…> with an opaque
// origin, so code that escapes every Python-level guard still has no storage, caches,
// service worker, page or network (its own CSP says connect-src 'none'; the page's policy
// is inherited on top). Its only script is this bootstrap, allowed by its hash: it turns the
// worker source the page posts into a Blob-URL worker and hands it the runtime files and a
// MessagePort to the page. Module workers from blob: URLs do not start in an opaque origin,
// so the worker is a classic script (see sandbox-source.ts).
//
// Keep FRAME_BOOTSTRAP byte-identical to what is hashed: web/offline/csp.ts adds
// FRAME_BOOTSTRAP_SHA256 to the page's script-src, and a unit test checks the hash.

export const FRAME_MESSAGE = 'heal-executor-frame';
export const START_MESSAGE = 'heal-executor-start';

export const FRAME_BOOTSTRAP = `(() => {
  let started = false;
  const tell = (event, reason) => parent.postMessage({ type: '${FRAME_MESSAGE}', event, reason }, '*');
  addEventListener('message', (message) => {
    const data = message.data;
    if (started || message.source !== parent || !data || data.type !== '${START_MESSAGE}') return;
    started = true;
    const url = URL.createObjectURL(new Blob([data.source], { type: 'text/javascript' }));
    const worker = new Worker(url, { name: 'python-executor' });
    worker.addEventListener('error', (e) => tell('exit', String(e.message || 'the executor worker failed to start').slice(0, 500)));
    const buffers = Object.values(data.files).filter((f) => f instanceof ArrayBuffer);
    worker.postMessage({ files: data.files, port: data.port }, [data.port, ...buffers]);
  });
  tell('ready');
})();`;

/** base64 SHA-256 of FRAME_BOOTSTRAP (checked by workers/executor/frame-bootstrap.test.ts). */
export const FRAME_BOOTSTRAP_SHA256 = 'bep1vXgzndSWoBhtBWlM4b02k1CNhuUceXXjMQxLK1g=';

/** The frame's own policy: nothing but the bootstrap, a blob: worker and WebAssembly; no network. */
export const FRAME_CSP = [
  "default-src 'none'",
  `script-src 'sha256-${FRAME_BOOTSTRAP_SHA256}' 'wasm-unsafe-eval'`,
  'worker-src blob:',
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The srcdoc of the sandbox frame. */
export function frameDocument(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}"></head><body><script>${FRAME_BOOTSTRAP}</script></body></html>`;
}
