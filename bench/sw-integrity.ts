// `npm run bench:sw-integrity`: what the service worker's integrity check costs
// (web/offline/integrity.ts: every precached file is hashed before each serve), in
// headless Chromium against the built site on a plain static server (e2e/static-server.ts).
//   - per large file: SHA-256 of its bytes (crypto.subtle, in the page: the same engine the
//     worker uses), a read of the same entry straight from Cache Storage, and a fetch through
//     the service worker, checked (read + hash + serve) and unchecked (the same build with the
//     serve-path check patched out of a copy of sw.js: the baseline);
//   - per app load: which precached files the page and its workers fetch (Playwright request
//     events), the SHA-256 time of those bytes, and reload → Python ready, checked and unchecked.
// Median of BENCH_SW_REPEATS (5). Writes bench/results/sw-integrity.json. Expects a built
// dist/ (the npm script builds first). HEAL_CHROMIUM overrides the browser.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { plainStaticServer } from '../e2e/static-server.ts';
import { median, printTable, round } from './stats.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const REPEATS = Number(process.env.BENCH_SW_REPEATS ?? 5);
const CHROMIUM = process.env.HEAL_CHROMIUM ?? '/usr/bin/chromium';

/** The precache manifest the build wrote into sw.js. */
function precachedPaths(): string[] {
  const line = readFileSync(join(dist, 'sw.js'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('const PRECACHE = '));
  if (!line) throw new Error('dist/sw.js has no PRECACHE line: build first (npm run build)');
  const manifest = JSON.parse(line.slice('const PRECACHE = '.length).replace(/;$/, '')) as { entries: { url: string }[] };
  return manifest.entries.map((e) => (e.url === './' ? '/' : e.url.slice(1)));
}

/** Milliseconds for one way of getting `path`'s bytes, measured in the page (strings: no tsx helpers in the page). */
async function timed(page: Page, what: 'digest' | 'cache-read' | 'sw-fetch', path: string): Promise<number> {
  return page.evaluate(`(async () => {
    const url = new URL(${JSON.stringify(path)}, location.origin).href;
    const cacheName = (await caches.keys()).find((n) => n.startsWith('heal-precache-'));
    if (${JSON.stringify(what)} === 'digest') {
      const bytes = await (await (await caches.open(cacheName)).match(url)).arrayBuffer();
      const t = performance.now();
      await crypto.subtle.digest('SHA-256', bytes);
      return performance.now() - t;
    }
    const t = performance.now();
    const response = ${JSON.stringify(what)} === 'cache-read' ? await (await caches.open(cacheName)).match(url) : await fetch(url);
    await response.arrayBuffer();
    return performance.now() - t;
  })()`);
}

/**
 * The same build with the check taken out of the serve path (the cached copy is served
 * as it is): the baseline. A copy of dist/ made of symlinks and a patched sw.js.
 */
function uncheckedBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'heal-sw-unchecked-'));
  for (const name of readdirSync(dist)) if (name !== 'sw.js') symlinkSync(join(dist, name), join(dir, name));
  const source = readFileSync(join(dist, 'sw.js'), 'utf8');
  const check = 'if (await sha256Hex(bytes) === entry.sha256) return {';
  if (!source.includes(check)) throw new Error(`dist/sw.js: the serve-path check "${check}" was not found (bench out of date with web/offline/integrity.ts)`);
  writeFileSync(join(dir, 'sw.js'), source.replace(check, 'if (true) return {'));
  return dir;
}

interface Variant {
  /** Navigation start → Python ready, page reloads with the worker in control (ms). */
  reload_ms: number;
  /** Per large file: fetch through the worker, whole body read (ms). */
  sw_fetch_ms: Record<string, number>;
  /** One load: precached files the page and its workers fetched (a file fetched by two workers counts twice). */
  fetched: string[];
}

async function measure(browser: Browser, dir: string, large: string[]): Promise<Variant> {
  const server = await plainStaticServer({}, dir);
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    // Installed (precache filled and verified), in control, and the shim's reload done.
    await page.waitForFunction(() => crossOriginIsolated && navigator.serviceWorker.controller !== null, undefined, { timeout: 180_000, polling: 500 });
    let fetched: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === server.origin) fetched.push(url.pathname);
    });
    const reloads: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      fetched = [];
      await page.reload();
      await page.waitForSelector('[data-phase="ready"]', { timeout: 120_000 });
      reloads.push(await page.evaluate(() => performance.now()));
    }
    const snapshot = [...fetched];
    const sw_fetch_ms: Record<string, number> = {};
    for (const path of large) {
      const runs: number[] = [];
      for (let i = 0; i < REPEATS; i++) runs.push(await timed(page, 'sw-fetch', path));
      sw_fetch_ms[path] = round(median(runs), 1);
    }
    return { reload_ms: round(median(reloads), 0), sw_fetch_ms, fetched: snapshot };
  } finally {
    await context.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const paths = precachedPaths();
  const size = (path: string) => readFileSync(join(dist, path === '/' ? 'index.html' : path)).length;
  const large = paths.filter((p) => size(p) > 2 ** 20).sort((a, b) => size(b) - size(a));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const unchecked = uncheckedBuild();
  try {
    const checked = await measure(browser, dist, large);
    const baseline = await measure(browser, unchecked, large);

    // Hashing alone, and a plain Cache Storage read, in a page of the checked build.
    const server = await plainStaticServer({}, dist);
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => crossOriginIsolated && navigator.serviceWorker.controller !== null, undefined, { timeout: 180_000, polling: 500 });
    const files = [];
    for (const path of large) {
      const digest: number[] = [];
      const read: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        digest.push(await timed(page, 'digest', path));
        read.push(await timed(page, 'cache-read', path));
      }
      files.push({
        path,
        mib: round(size(path) / 2 ** 20, 1),
        digest_ms: round(median(digest), 1),
        cache_read_ms: round(median(read), 1),
        sw_fetch_checked_ms: checked.sw_fetch_ms[path]!,
        sw_fetch_unchecked_ms: baseline.sw_fetch_ms[path]!,
      });
    }
    const perLoad: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      let total = 0;
      for (const path of checked.fetched) if (paths.includes(path)) total += await timed(page, 'digest', path);
      perLoad.push(total);
    }
    await context.close();
    await server.close();

    const loaded = checked.fetched.filter((p) => paths.includes(p));
    const load = {
      precached_fetches: loaded.length,
      mib_hashed: round(loaded.reduce((sum, p) => sum + size(p), 0) / 2 ** 20, 1),
      sha256_ms: round(median(perLoad), 0),
      reload_to_python_ready_checked_ms: checked.reload_ms,
      reload_to_python_ready_unchecked_ms: baseline.reload_ms,
    };
    printTable(`Precached files over 1 MiB (median of ${REPEATS}, ms)`, [
      ['file', 'MiB', 'SHA-256', 'Cache Storage read', 'through the worker, checked', 'through the worker, unchecked'],
      ...files.map((f) => [f.path, f.mib, f.digest_ms, f.cache_read_ms, f.sw_fetch_checked_ms, f.sw_fetch_unchecked_ms]),
    ]);
    printTable(`One app load (median of ${REPEATS})`, [
      ['precached fetches', 'MiB hashed', 'SHA-256 of them (ms)', 'reload → Python ready, checked (ms)', 'unchecked (ms)'],
      [load.precached_fetches, load.mib_hashed, load.sha256_ms, load.reload_to_python_ready_checked_ms, load.reload_to_python_ready_unchecked_ms],
    ]);
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(
      join(root, 'bench/results/sw-integrity.json'),
      JSON.stringify({ chromium: browser.version(), repeats: REPEATS, files, load, fetched: loaded }, null, 2),
    );
  } finally {
    await browser.close();
    rmSync(unchecked, { recursive: true, force: true });
  }
}

await main();
