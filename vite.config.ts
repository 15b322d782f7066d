import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { offline } from './scripts/vite-plugin-offline.ts';
import { contentSecurityPolicy } from './web/offline/csp.ts';
import { packageHostsFromEnv } from './web/offline/package-hosts.ts';

/**
 * Package hosts, fixed at build time (HEAL_PACKAGE_BASE_URL, HEAL_PYPI_URL, HEAL_PYPI_FILES_URL):
 * the CSP's connect-src allows exactly these, and the app uses them unless Settings say otherwise.
 */
const packageHosts = packageHostsFromEnv(process.env);

/**
 * Cross-origin isolation (COOP/COEP) is on by default so SharedArrayBuffer,
 * Atomics.wait and the Pyodide interrupt buffer are available.
 * HEAL_NO_ISOLATION=1 turns the headers off (tests run both configurations).
 */
const isolated = process.env.HEAL_NO_ISOLATION !== '1';

const isolationHeaders: Record<string, string> = isolated
  ? {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    }
  : {};

/**
 * Pyodide's loader hangs silently when the .wasm is not served as application/wasm.
 * sirv (used by both dev and preview) already does this; the middleware makes it explicit
 * and also sets the isolation headers on every response, whichever middleware answers.
 */
function servingHeaders(): Plugin {
  const middleware = (req: { url?: string }, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    const pathname = (req.url ?? '').split('?')[0] ?? '';
    if (pathname.endsWith('.wasm')) res.setHeader('Content-Type', 'application/wasm');
    for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
    res.setHeader('Content-Security-Policy', contentSecurityPolicy({ packages: packageHosts }));
    next();
  };
  return {
    name: 'heal-serving-headers',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}

export default defineConfig({
  root: '.',
  publicDir: 'public',
  plugins: [solid(), servingHeaders(), offline({ packages: packageHosts })],
  define: {
    'import.meta.env.HEAL_PACKAGE_BASE_URL': JSON.stringify(packageHosts.indexUrl),
    'import.meta.env.HEAL_PYPI_URL': JSON.stringify(packageHosts.pypiUrl ?? ''),
  },
  optimizeDeps: {
    exclude: ['pyodide'],
  },
  worker: {
    format: 'es',
    rolldownOptions: {
      // pyodide.mjs imports node:fs, node:url, ... behind runtime checks for Node;
      // in the browser bundle they are stubbed. Silence the six harmless warnings.
      onLog(level, log, handler) {
        if (/externalized for browser compatibility, imported by ".*\/pyodide\//.test(log.message ?? '')) return;
        handler(level, log);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    headers: isolationHeaders,
  },
  preview: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    headers: isolationHeaders,
  },
  build: {
    outDir: 'dist',
    rolldownOptions: {
      // The runtime benchmark page ships beside the app (bench/browser/runtime.html).
      input: {
        main: 'index.html',
        benchRuntime: 'bench/browser/runtime.html',
        benchLlm: 'bench/browser/llm.html',
        benchExecutor: 'bench/browser/executor.html',
        benchHealScale: 'bench/browser/heal-scale.html',
      },
    },
    emptyOutDir: true,
    target: 'es2022',
    // public/pyodide (runtime + 30 MiB snapshot) is copied verbatim to dist/pyodide.
    chunkSizeWarningLimit: 2048,
  },
});
