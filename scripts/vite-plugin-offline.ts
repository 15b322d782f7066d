// Vite plugin: the CSP <meta> in index.html (static hosts), and after the build a
// service worker (dist/sw.js) bundled from web/offline/sw.ts, headed by what it needs
// from the build: the files to precache with their SHA-256 and type — public/pyodide
// (runtime + snapshot) included, since Vite copies it into the output before
// writeBundle — and the CSP it adds as a header (web/offline/csp.ts, the one definition).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';
import { build, type Plugin, type ResolvedConfig, type Rolldown } from 'vite';
import { contentSecurityPolicy, cspMetaTag, type CspOptions } from '../web/offline/csp.ts';
import { precacheManifest, type BuiltFile } from '../web/offline/precache.ts';

export const SW_FILE = 'sw.js';
const ENTRY = fileURLToPath(new URL('../web/offline/sw.ts', import.meta.url));

function listFiles(dir: string, root = dir): BuiltFile[] {
  const files: BuiltFile[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listFiles(full, root));
    else files.push({ path: relative(root, full).split(sep).join('/'), bytes: readFileSync(full) });
  }
  return files;
}

/** web/offline/sw.ts and its imports as one classic script (a service worker that runs in every browser). */
async function bundleServiceWorker(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      minify: false,
      sourcemap: false,
      target: 'es2022',
      rolldownOptions: { input: ENTRY, output: { format: 'iife', entryFileNames: SW_FILE } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk' && o.isEntry);
  if (chunk?.type !== 'chunk') throw new Error(`[heal-offline] bundling ${ENTRY} gave no entry chunk`);
  return chunk.code;
}

/** The service worker's text for a build output directory. */
export async function serviceWorkerSource(
  outDir: string,
  cspOptions: CspOptions = {},
): Promise<{ source: string; urls: number; bytes: number; version: string }> {
  const manifest = precacheManifest(listFiles(outDir), SW_FILE);
  const code = await bundleServiceWorker();
  const csp = contentSecurityPolicy(cspOptions);
  // A change of the worker's own logic or of the policy is a new version too (fresh cache, update banner).
  manifest.version = createHash('sha256').update(manifest.version).update(code).update(csp).digest('hex').slice(0, 16);
  const header =
    `// Generated at build time by scripts/vite-plugin-offline.ts: ${manifest.entries.length} files, ${manifest.bytes} bytes.\n` +
    `const PRECACHE = ${JSON.stringify({ version: manifest.version, csp, entries: manifest.entries })};\n`;
  return { source: header + code, urls: manifest.entries.length, bytes: manifest.bytes, version: manifest.version };
}

/** `csp`: the build's policy options (its package hosts). */
export function offline(csp: CspOptions = {}): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'heal-offline',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml: {
      order: 'pre',
      // After <meta charset> (which must come first), before any script or stylesheet.
      handler: (html) =>
        /<meta charset[^>]*>/i.test(html)
          ? html.replace(/<meta charset[^>]*>/i, (charset) => `${charset}\n    ${cspMetaTag(csp)}`)
          : html.replace(/<head>/i, `<head>\n    ${cspMetaTag(csp)}`),
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        const outDir = join(config.root, config.build.outDir);
        const sw = await serviceWorkerSource(outDir, csp);
        writeFileSync(join(outDir, SW_FILE), sw.source);
        config.logger.info(
          `[heal-offline] ${SW_FILE}: precaches ${sw.urls} files (${(sw.bytes / 2 ** 20).toFixed(1)} MiB, each with its SHA-256), version ${sw.version}`,
        );
      },
    },
  };
}
