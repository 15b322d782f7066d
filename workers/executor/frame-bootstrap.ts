// The executor's sandbox frame: an <iframe sandbox="allow-scripts" srcdoc=…> with an opaque
// origin, so code that escapes every Python-level guard still has no storage, caches,
// service worker, page or network (its own CSP says connect-src 'none'; the page's policy
// is inherited on top). Its only script is this bootstrap, allowed by its hash. It runs no
// untrusted code itself: it holds the worker source and Pyodide's files (handed over once by
// the page, since it cannot fetch; package files as the program needs them, each copied into
// every worker started after it arrived), compiles the WebAssembly module once, and starts a fresh
// Blob-URL worker for every request (each worker is one Python, used once), connected to the
// page by a MessagePort. Module workers from blob: URLs do not start in an opaque origin, so
// the worker is a classic script (see sandbox-source.ts). Messages from the workers are
// never read here.
//
// Keep FRAME_BOOTSTRAP byte-identical to what is hashed: web/offline/csp.ts adds
// FRAME_BOOTSTRAP_SHA256 to the page's script-src, and a unit test checks the hash.

export const FRAME_MESSAGE = 'heal-executor-frame';
export const START_MESSAGE = 'heal-executor-start';
export const SPAWN_MESSAGE = 'heal-executor-spawn';
export const TERMINATE_MESSAGE = 'heal-executor-terminate';
export const PACKAGES_MESSAGE = 'heal-executor-packages';

export const FRAME_BOOTSTRAP = `(() => {
  const tell = (event, id, reason) => parent.postMessage({ type: '${FRAME_MESSAGE}', event, id, reason }, '*');
  const workers = new Map();
  const ended = new Set();
  const packages = new Map();
  let setup;
  addEventListener('message', (message) => {
    const data = message.data;
    if (message.source !== parent || !data || typeof data.type !== 'string') return;
    if (data.type === '${START_MESSAGE}' && !setup) {
      const url = URL.createObjectURL(new Blob([data.source], { type: 'text/javascript' }));
      setup = WebAssembly.compile(data.files.wasm).then((module) => ({ url, module, files: data.files }), () => ({ url, module: null, files: data.files }));
      setup.then(() => tell('started'));
    } else if (data.type === '${SPAWN_MESSAGE}' && setup && typeof data.id === 'number' && !workers.has(data.id)) {
      const id = data.id;
      const port = data.port;
      setup.then(({ url, module, files }) => {
        if (ended.has(id)) return;
        const worker = new Worker(url, { name: 'python-executor' });
        workers.set(id, worker);
        worker.addEventListener('error', (e) => {
          e.preventDefault(); // reported to the page as this worker's exit, not as the frame's own error
          tell('exit', id, String(e.message || 'the executor worker failed').slice(0, 500));
        });
        const snapshot = files.snapshot ? files.snapshot.slice(0) : null;
        const stdlib = files.stdlib.slice(0);
        const wheels = [...packages].map(([fileName, bytes]) => ({ fileName, bytes: bytes.slice(0) }));
        const own = { wasm: module ? null : files.wasm.slice(0), stdlib, lock: files.lock, snapshot, packages: wheels };
        worker.postMessage({ files: own, module, port }, [port, stdlib, ...(snapshot ? [snapshot] : []), ...(own.wasm ? [own.wasm] : []), ...wheels.map((w) => w.bytes)]);
      });
    } else if (data.type === '${PACKAGES_MESSAGE}' && Array.isArray(data.files)) {
      for (const file of data.files) {
        if (file && typeof file.fileName === 'string' && file.bytes instanceof ArrayBuffer) packages.set(file.fileName, file.bytes);
      }
    } else if (data.type === '${TERMINATE_MESSAGE}' && typeof data.id === 'number') {
      ended.add(data.id);
      workers.get(data.id)?.terminate();
      workers.delete(data.id);
    }
  });
  tell('ready');
})();`;

/** base64 SHA-256 of FRAME_BOOTSTRAP (checked by workers/executor/frame-bootstrap.test.ts). */
export const FRAME_BOOTSTRAP_SHA256 = 'nc1xQCQZQKDVfUkbEWGwqQNl6HHw47PaGXv/axPZ2vA=';

/** The frame's own policy: nothing but the bootstrap, blob: workers and WebAssembly; no network. */
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
