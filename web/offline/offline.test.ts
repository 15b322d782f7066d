import { FRAME_BOOTSTRAP_SHA256 } from '../../workers/executor/frame-bootstrap.ts';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspMetaTag } from './csp.ts';
import { contentTypeOf, precacheManifest, shouldPrecache } from './precache.ts';

const file = (path: string, text = path) => ({ path, bytes: new TextEncoder().encode(text) });

describe('precacheManifest', () => {
  const files = [
    file('index.html'),
    file('assets/main-1.js'),
    file('pyodide/pyodide.asm.wasm'),
    file('pyodide/snapshot.bin'),
    file('sw.js'),
    file('assets/main-1.js.map'),
    file('bench/browser/runtime.html'),
    file('assets/benchRuntime-x.js'),
  ];

  it('lists the app shell, chunks and the Pyodide runtime relative to the scope', () => {
    expect(precacheManifest(files).entries.map((e) => e.url)).toEqual(['./assets/main-1.js', './', './pyodide/pyodide.asm.wasm', './pyodide/snapshot.bin']);
    expect(precacheManifest(files).bytes).toBe(['index.html', 'assets/main-1.js', 'pyodide/pyodide.asm.wasm', 'pyodide/snapshot.bin'].join('').length);
  });

  it("carries each file's SHA-256 (what the worker verifies against) and the type it is served with", () => {
    const entries = precacheManifest(files).entries;
    // SHA-256("index.html"), from sha256sum.
    expect(entries.find((e) => e.url === './')).toEqual({
      url: './',
      sha256: '0eb547304658805aad788d320f10bf1f292797b5e6d745a3bf617584da017051',
      type: 'text/html; charset=utf-8',
    });
    expect(entries.find((e) => e.url === './pyodide/pyodide.asm.wasm')?.type).toBe('application/wasm');
    expect(entries.find((e) => e.url === './assets/main-1.js')?.type).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('pyodide/snapshot.bin')).toBe('application/octet-stream');
    expect(contentTypeOf('assets/codicon-1.TTF')).toBe('font/ttf');
  });

  it('versions by content: same files same version, any change a new one', () => {
    const v = precacheManifest(files).version;
    expect(precacheManifest([...files].reverse()).version).toBe(v);
    expect(precacheManifest(files.map((f) => (f.path === 'pyodide/snapshot.bin' ? file(f.path, 'new') : f))).version).not.toBe(v);
    expect(precacheManifest(files.map((f) => (f.path === 'sw.js' ? file(f.path, 'other') : f))).version).toBe(v);
  });

  it('skips the service worker, maps, the benchmark page and dot files', () => {
    for (const p of [
      'sw.js',
      'a.js.map',
      'bench/x.html',
      'assets/benchRuntime-1.js',
      'assets/benchLlm-2.js',
      'assets/benchExecutor-3.js',
      '.vite/manifest.json',
    ])
      expect(shouldPrecache(p), p).toBe(false);
    expect(shouldPrecache('assets/editor.worker-1.js')).toBe(true);
  });
});

describe('content security policy', () => {
  it("allows no inline script but the sandbox frame's bootstrap (by hash), no eval, wasm compilation, and only self + model hosts for connections", () => {
    const csp = contentSecurityPolicy();
    const script = /script-src ([^;]*)/.exec(csp)![1]!;
    expect(script.split(' ').sort()).toEqual(["'self'", `'sha256-${FRAME_BOOTSTRAP_SHA256}'`, "'wasm-unsafe-eval'"]);
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
