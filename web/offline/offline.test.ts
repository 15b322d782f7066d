import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspMetaTag } from './csp.ts';
import { precacheManifest, shouldPrecache } from './precache.ts';

const file = (path: string, text = path) => ({ path, bytes: new TextEncoder().encode(text) });

describe('precacheManifest', () => {
  const files = [file('index.html'), file('assets/main-1.js'), file('pyodide/pyodide.asm.wasm'), file('pyodide/snapshot.bin'), file('sw.js'), file('assets/main-1.js.map'), file('bench/browser/runtime.html'), file('assets/benchRuntime-x.js')];

  it('lists the app shell, chunks and the Pyodide runtime relative to the scope', () => {
    expect(precacheManifest(files).urls).toEqual(['./assets/main-1.js', './', './pyodide/pyodide.asm.wasm', './pyodide/snapshot.bin']);
    expect(precacheManifest(files).bytes).toBe(['index.html', 'assets/main-1.js', 'pyodide/pyodide.asm.wasm', 'pyodide/snapshot.bin'].join('').length);
  });

  it('versions by content: same files same version, any change a new one', () => {
    const v = precacheManifest(files).version;
    expect(precacheManifest([...files].reverse()).version).toBe(v);
    expect(precacheManifest(files.map((f) => (f.path === 'pyodide/snapshot.bin' ? file(f.path, 'new') : f))).version).not.toBe(v);
    expect(precacheManifest(files.map((f) => (f.path === 'sw.js' ? file(f.path, 'other') : f))).version).toBe(v);
  });

  it('skips the service worker, maps, the benchmark page and dot files', () => {
    for (const p of ['sw.js', 'a.js.map', 'bench/x.html', 'assets/benchRuntime-1.js', '.vite/manifest.json']) expect(shouldPrecache(p), p).toBe(false);
    expect(shouldPrecache('assets/editor.worker-1.js')).toBe(true);
  });
});

describe('content security policy', () => {
  it('allows no inline script or eval, wasm compilation, and only self + model hosts for connections', () => {
    const csp = contentSecurityPolicy();
    const script = /script-src ([^;]*)/.exec(csp)![1]!;
    expect(script.split(' ').sort()).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
    expect(/connect-src ([^;]*)/.exec(csp)![1]).toContain('https://huggingface.co');
    expect(/connect-src ([^;]*)/.exec(csp)![1]).toContain('https://raw.githubusercontent.com');
    expect(csp).toContain('frame-ancestors');
  });

  it('the meta form leaves out what a meta cannot carry and is attribute-safe', () => {
    const meta = cspMetaTag();
    expect(meta).toMatch(/^<meta http-equiv="Content-Security-Policy" content="[^"]+" \/>$/);
    expect(meta).not.toContain('frame-ancestors');
  });
});
