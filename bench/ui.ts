// `npm run bench:ui`: page load in headless Chromium against the built site (vite preview).
// Median of BENCH_UI_REPEATS (3) fresh browser contexts (empty cache each time) of:
//   - editor interactive: navigation start → the editor element exists
//     (BENCH_UI_EDITOR_SELECTOR, default [data-editor-ready="true"]);
//   - Python ready: navigation start → [data-phase="ready"];
//   - JavaScript received before the editor is interactive: every JS response (page and
//     its workers, from Playwright's request events with their resource timing) whose loading
//     finished before that moment, counted as the gzip -9 size of its body read from the
//     build folder: vite preview does not compress, so the bytes on the wire (recorded too,
//     as wire_bytes: body + headers, the same figure as CDP's encodedDataLength) are the raw
//     size.
// Prints a table and writes bench/results/ui.json. Expects a built dist/ (the npm script
// builds first). Environment: BENCH_UI_PORT (5320), BENCH_UI_REPEATS, BENCH_UI_PATH (/),
// BENCH_UI_EDITOR_SELECTOR, BENCH_UI_OUT_DIR (serve another build folder), HEAL_CHROMIUM.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { median, printTable, round } from './stats.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_UI_PORT ?? 5320);
const REPEATS = Number(process.env.BENCH_UI_REPEATS ?? 3);
const PAGE_PATH = process.env.BENCH_UI_PATH ?? '/';
const EDITOR_SELECTOR = process.env.BENCH_UI_EDITOR_SELECTOR ?? '[data-editor-ready="true"]';
const PYTHON_SELECTOR = '[data-phase="ready"]';
const OUT_DIR = resolve(root, process.env.BENCH_UI_OUT_DIR ?? 'dist');
const CHROMIUM = process.env.HEAL_CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.BENCH_UI_TIMEOUT_MS ?? 120_000);

interface JsFile {
  url: string;
  finished_ms: number;
  raw_bytes: number;
  gz_bytes: number;
  wire_bytes: number;
}

interface Run {
  editor_interactive_ms: number;
  python_ready_ms: number;
  js_before_interactive_kb_gz: number;
  js_before_interactive_kb_raw: number;
  js_total_kb_gz: number;
  cross_origin_isolated: boolean;
  js_before_interactive: JsFile[];
}

/**
 * Init script: records, in page time (ms since navigation start), when each selector first
 * matches. A string, not a function: tsx (esbuild keepNames) would wrap named inner
 * functions in a `__name` helper that does not exist in the page.
 */
function watchSelectorsScript(selectors: string[]): string {
  return `(() => {
    const selectors = ${JSON.stringify(selectors)};
    const seen = (window.__benchSeen = {});
    const check = () => {
      for (const selector of selectors) {
        if (seen[selector] === undefined && document.querySelector(selector)) seen[selector] = performance.now();
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  })();`;
}

const gzCache = new Map<string, { raw: number; gz: number }>();
/** Sizes of the response body, from the build folder (vite preview serves it verbatim). */
function bodySizes(url: string): { raw: number; gz: number } | undefined {
  const { pathname } = new URL(url);
  const file = join(OUT_DIR, decodeURIComponent(pathname));
  if (!file.startsWith(OUT_DIR) || !existsSync(file)) return undefined;
  let sizes = gzCache.get(file);
  if (!sizes) {
    const body = readFileSync(file);
    sizes = { raw: body.length, gz: gzipSync(body, { level: 9 }).length };
    gzCache.set(file, sizes);
  }
  return sizes;
}

async function measureOnce(browser: Browser, url: string): Promise<Run> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: watchSelectorsScript([EDITOR_SELECTOR, PYTHON_SELECTOR]) });
    // Playwright reports the requests of dedicated workers too (the runner worker's
    // pyodide.asm.mjs); a page-level CDP Network session would not see them.
    const finished: Promise<{ url: string; js: boolean; endEpochMs: number; wireBytes: number }>[] = [];
    page.on('requestfinished', (request) => {
      finished.push(
        (async () => {
          const timing = request.timing();
          const sizes = await request.sizes().catch(() => ({ responseBodySize: 0, responseHeadersSize: 0 }));
          const type = request.resourceType();
          const js = type === 'script' || /\.m?js(\?|$)/.test(new URL(request.url()).pathname);
          return { url: request.url(), js, endEpochMs: timing.startTime + timing.responseEnd, wireBytes: sizes.responseBodySize + sizes.responseHeadersSize };
        })(),
      );
    });
    await page.goto(url);
    const seen = async () => page.evaluate(() => (window as unknown as { __benchSeen: Record<string, number> }).__benchSeen);
    await page.waitForFunction(
      ([a, b]) => {
        const s = (window as unknown as { __benchSeen: Record<string, number> }).__benchSeen;
        return s[a!] !== undefined && s[b!] !== undefined;
      },
      [EDITOR_SELECTOR, PYTHON_SELECTOR],
      { timeout: TIMEOUT_MS, polling: 100 },
    );
    const marks = await seen();
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    const crossOriginIsolated = await page.evaluate(() => globalThis.crossOriginIsolated);
    const interactive = marks[EDITOR_SELECTOR]!;

    const files: JsFile[] = [];
    let totalGz = 0;
    for (const f of await Promise.all(finished)) {
      if (!f.js || f.url.startsWith('data:')) continue;
      const sizes = bodySizes(f.url);
      const gz = sizes?.gz ?? f.wireBytes;
      totalGz += gz;
      const finishedMs = f.endEpochMs - timeOrigin;
      if (finishedMs > interactive) continue;
      files.push({
        url: new URL(f.url).pathname,
        finished_ms: round(finishedMs, 1),
        raw_bytes: sizes?.raw ?? f.wireBytes,
        gz_bytes: gz,
        wire_bytes: f.wireBytes,
      });
    }
    files.sort((a, b) => a.finished_ms - b.finished_ms);
    return {
      editor_interactive_ms: round(interactive, 1),
      python_ready_ms: round(marks[PYTHON_SELECTOR]!, 1),
      js_before_interactive_kb_gz: round(files.reduce((s, f) => s + f.gz_bytes, 0) / 1024, 1),
      js_before_interactive_kb_raw: round(files.reduce((s, f) => s + f.raw_bytes, 0) / 1024, 1),
      js_total_kb_gz: round(totalGz / 1024, 1),
      cross_origin_isolated: crossOriginIsolated,
      js_before_interactive: files,
    };
  } finally {
    await context.close();
  }
}

async function waitForServer(url: string, server: ReturnType<typeof spawn>) {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${server.exitCode} (port ${PORT} in use?)`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`vite preview did not answer on ${url}`);
}

async function main() {
  if (!existsSync(join(OUT_DIR, 'index.html'))) throw new Error(`${OUT_DIR} has no build: run npm run build first`);
  const args = ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', OUT_DIR];
  const server = spawn('npx', args, { cwd: root, stdio: 'ignore', detached: true });
  const stopServer = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.once('SIGINT', () => {
    stopServer();
    process.exit(130);
  });
  let browser: Browser | undefined;
  try {
    const url = `http://127.0.0.1:${PORT}${PAGE_PATH}`;
    await waitForServer(url, server);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const runs: Run[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await measureOnce(browser, url));

    const med = (key: 'editor_interactive_ms' | 'python_ready_ms' | 'js_before_interactive_kb_gz' | 'js_before_interactive_kb_raw' | 'js_total_kb_gz') =>
      round(median(runs.map((r) => r[key])), 1);
    console.log(`UI load benchmark: ${url} (median of ${REPEATS} fresh contexts; editor = ${EDITOR_SELECTOR})`);
    printTable('Page load (ms since navigation start; JS = gzip -9 of bodies received before the editor is interactive)', [
      ['run', 'editor interactive ms', 'Python ready ms', 'JS before interactive KB gz', 'KB raw', 'files'],
      ...runs.map((r, i) => [
        i + 1,
        r.editor_interactive_ms,
        r.python_ready_ms,
        r.js_before_interactive_kb_gz,
        r.js_before_interactive_kb_raw,
        r.js_before_interactive.length,
      ]),
      ['median', med('editor_interactive_ms'), med('python_ready_ms'), med('js_before_interactive_kb_gz'), med('js_before_interactive_kb_raw'), ''],
    ]);
    const medianRun = [...runs].sort((a, b) => a.editor_interactive_ms - b.editor_interactive_ms)[runs.length >> 1]!;
    printTable('JS received before the editor was interactive (median run)', [
      ['file', 'finished ms', 'KB gz', 'KB raw'],
      ...medianRun.js_before_interactive.map((f) => [f.url, f.finished_ms, round(f.gz_bytes / 1024, 1), round(f.raw_bytes / 1024, 1)]),
    ]);

    const results = {
      editor_interactive_ms: med('editor_interactive_ms'),
      python_ready_ms: med('python_ready_ms'),
      js_before_interactive_kb_gz: med('js_before_interactive_kb_gz'),
      js_before_interactive_kb_raw: med('js_before_interactive_kb_raw'),
      js_total_kb_gz: med('js_total_kb_gz'),
      js_size_method:
        'gzip -9 (node:zlib) of each JS response body, read from the build folder; vite preview serves it uncompressed (wire_bytes = body + headers as received)',
      editor_selector: EDITOR_SELECTOR,
      python_selector: PYTHON_SELECTOR,
      page: PAGE_PATH,
      cross_origin_isolated: runs.every((r) => r.cross_origin_isolated),
      repeats: REPEATS,
      runs: runs.map(({ js_before_interactive, ...rest }) => ({ ...rest, js_files_before_interactive: js_before_interactive.length })),
      js_before_interactive_median_run: medianRun.js_before_interactive,
      measured_at: new Date().toISOString(),
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/ui.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('\nwrote bench/results/ui.json');
  } finally {
    await browser?.close();
    stopServer();
  }
}

await main();
