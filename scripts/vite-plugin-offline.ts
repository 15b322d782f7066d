// Vite plugin: the CSP <meta> in index.html (static hosts), and after the build a
// service worker (dist/sw.js) generated from web/offline/sw-template.js with the
// list of built files to precache — public/pyodide (runtime + snapshot) included,
// since Vite copies it into the output before writeBundle.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { cspMetaTag } from '../web/offline/csp.ts';
import { precacheManifest, type BuiltFile } from '../web/offline/precache.ts';

export const SW_FILE = 'sw.js';
const TEMPLATE = new URL('../web/offline/sw-template.js', import.meta.url);

function listFiles(dir: string, root = dir): BuiltFile[] {
  const files: BuiltFile[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listFiles(full, root));
    else files.push({ path: relative(root, full).split(sep).join('/'), bytes: readFileSync(full) });
  }
  return files;
}

/** The service worker's text for a build output directory. */
export function serviceWorkerSource(outDir: string): { source: string; urls: number; bytes: number; version: string } {
  const manifest = precacheManifest(listFiles(outDir), SW_FILE);
  const template = readFileSync(TEMPLATE, 'utf8');
  // A change of the worker's own logic is a new version too (fresh cache, update banner).
  manifest.version = createHash('sha256').update(manifest.version).update(template).digest('hex').slice(0, 16);
  const header = `// Generated at build time by scripts/vite-plugin-offline.ts: ${manifest.urls.length} files, ${manifest.bytes} bytes.\n`
    + `const PRECACHE = ${JSON.stringify({ version: manifest.version, urls: manifest.urls })};\n`;
  return { source: header + template, urls: manifest.urls.length, bytes: manifest.bytes, version: manifest.version };
}

export function offline(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'heal-offline',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml: {
      order: 'pre',
      // After <meta charset> (which must come first), before any script or stylesheet.
      handler: (html) => (/<meta charset[^>]*>/i.test(html)
        ? html.replace(/<meta charset[^>]*>/i, (charset) => `${charset}\n    ${cspMetaTag()}`)
        : html.replace(/<head>/i, `<head>\n    ${cspMetaTag()}`)),
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        const outDir = join(config.root, config.build.outDir);
        const sw = serviceWorkerSource(outDir);
        writeFileSync(join(outDir, SW_FILE), sw.source);
        config.logger.info(`[heal-offline] ${SW_FILE}: precaches ${sw.urls} files (${(sw.bytes / 2 ** 20).toFixed(1)} MiB), version ${sw.version}`);
      },
    },
  };
}
