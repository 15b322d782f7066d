#!/usr/bin/env node
// Copies the Pyodide runtime from node_modules/pyodide into public/pyodide/ and
// builds a Pyodide memory snapshot (public/pyodide/snapshot.bin + snapshot.json).
//
// Snapshot maker (measured, see the infra report):
//   * A snapshot made in Node 20 loads in Chromium, but JSPI is baked into the
//     snapshot as "unsupported": run_sync() then raises "WebAssembly stack
//     switching not supported in this JavaScript runtime" even though
//     WebAssembly.Suspending exists. (A Node snapshot made with
//     --experimental-wasm-stack-switching is worse: fatal SuspendError in Chromium.)
//   * A snapshot made inside headless Chromium loads in Chromium with JSPI working.
// So the default maker is headless Chromium (via playwright-core) when a Chromium
// binary is found, else Node with `jspi: false` recorded in snapshot.json so the
// runtime can decide (plain load when it needs JSPI, or use the Atomics fallback).
//
// Environment:
//   HEAL_SNAPSHOT_MAKER = auto (default) | chromium | node | none
//   HEAL_CHROMIUM       = path to a Chromium binary (default /usr/bin/chromium, ...)
// Flags: --force (rebuild the snapshot), --quiet
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'node_modules', 'pyodide');
const DEST = path.join(ROOT, 'public', 'pyodide');
const FILES = ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json', 'pyodide.mjs'];
const PRELOAD = 'import ast, pickle, json, traceback, linecache, contextlib, io, reprlib, base64, types, time, weakref, copyreg, keyword, difflib, tokenize';
const SNAPSHOT_FORMAT = 1; // bump to force a rebuild when the recipe changes
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const argv = new Set(process.argv.slice(2));
const force = argv.has('--force');
const quiet = argv.has('--quiet');
const log = (...a) => {
  if (!quiet) console.log('[prepare-pyodide]', ...a);
};

function pyodideVersion() {
  return JSON.parse(fs.readFileSync(path.join(SRC, 'package.json'), 'utf8')).version;
}

function copyRuntime() {
  fs.mkdirSync(DEST, { recursive: true });
  let copied = 0;
  for (const name of FILES) {
    const from = path.join(SRC, name);
    const to = path.join(DEST, name);
    const s = fs.statSync(from);
    let d = null;
    try {
      d = fs.statSync(to);
    } catch {}
    if (d && d.size === s.size && Math.abs(d.mtimeMs - s.mtimeMs) < 2) continue; // utimes keeps ~ms precision
    fs.copyFileSync(from, to);
    fs.utimesSync(to, s.atime, s.mtime);
    copied++;
  }
  log(copied ? `copied ${copied} runtime file(s) to public/pyodide/` : 'runtime files up to date');
}

function recipeKey() {
  return createHash('sha256').update(`${SNAPSHOT_FORMAT}\n${PRELOAD}`).digest('hex').slice(0, 16);
}

function snapshotUpToDate(version) {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(DEST, 'snapshot.json'), 'utf8'));
    const size = fs.statSync(path.join(DEST, 'snapshot.bin')).size;
    if (meta.pyodideVersion !== version || meta.bytes !== size || meta.recipe !== recipeKey()) return false;
    const wanted = process.env.HEAL_SNAPSHOT_MAKER;
    if (wanted && wanted !== 'auto' && wanted !== meta.createdWith) return false;
    // A Node-made snapshot (no JSPI) is upgraded as soon as a Chromium is available.
    if ((!wanted || wanted === 'auto') && meta.createdWith === 'node' && findChromium()) return false;
    return true;
  } catch {
    return false;
  }
}

function findChromium() {
  const candidates = [
    process.env.HEAL_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

async function makeInNode() {
  const { loadPyodide } = await import(pathToFileURL(path.join(SRC, 'pyodide.mjs')).href);
  const t0 = performance.now();
  const py = await loadPyodide({ _makeSnapshot: true, indexURL: DEST + path.sep });
  py.runPython(PRELOAD);
  const bytes = py.makeMemorySnapshot();
  log(`node: snapshot made in ${Math.round(performance.now() - t0)} ms`);
  return { bytes, createdWith: 'node', jspi: false };
}

const MAKER_HTML = `<!doctype html><meta charset="utf-8"><title>snapshot maker</title>`;
const MAKER_WORKER = `
import { loadPyodide } from '/pyodide/pyodide.mjs';
const PRELOAD = ${JSON.stringify(PRELOAD)};
async function jspiWorks(py) {
  self.__healTick = () => new Promise((r) => setTimeout(() => r(7), 1));
  try { return String(await py.runPythonAsync('from pyodide.ffi import run_sync\\nimport js\\nrun_sync(js.__healTick())')) === '7'; }
  catch { return false; }
}
self.onmessage = async (e) => {
  try {
    if (e.data === 'make') {
      const t0 = performance.now();
      const py = await loadPyodide({ indexURL: '/pyodide/', _makeSnapshot: true });
      py.runPython(PRELOAD);
      const snap = py.makeMemorySnapshot();
      const r = await fetch('/__snapshot', { method: 'POST', body: snap });
      if (!r.ok) throw new Error('upload failed: ' + r.status);
      self.postMessage({ ok: true, bytes: snap.length, ms: performance.now() - t0 });
    } else {
      const t0 = performance.now();
      const py = await loadPyodide({ indexURL: '/pyodide/', _loadSnapshot: fetch('/__snapshot').then((r) => r.arrayBuffer()) });
      const ms = performance.now() - t0;
      const ast = py.runPython('import ast; ast.dump(ast.parse("x=1"))');
      self.postMessage({ ok: ast.startsWith('Module('), ms, jspi: await jspiWorks(py) });
    }
  } catch (err) { self.postMessage({ ok: false, error: String((err && err.stack) || err) }); }
};`;

async function makeInChromium(executablePath) {
  const { chromium } = await import('playwright-core');
  let uploaded = null;
  const types = { '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.zip': 'application/zip' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
    if (url.pathname === '/__snapshot' && req.method === 'POST') {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        uploaded = new Uint8Array(Buffer.concat(chunks));
        res.writeHead(200, headers).end('ok');
      });
      return;
    }
    if (url.pathname === '/__snapshot' && uploaded) return void res.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream' }).end(uploaded);
    if (url.pathname === '/') return void res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(MAKER_HTML);
    if (url.pathname === '/maker.mjs') return void res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(MAKER_WORKER);
    const name = url.pathname.startsWith('/pyodide/') ? url.pathname.slice('/pyodide/'.length) : '';
    if (FILES.includes(name)) {
      res.writeHead(200, { ...headers, 'Content-Type': types[path.extname(name)] ?? 'application/octet-stream' });
      fs.createReadStream(path.join(DEST, name)).pipe(res);
      return;
    }
    res.writeHead(404, headers).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const step = (what) =>
      page.evaluate(
        (what) =>
          new Promise((resolve) => {
            const w = new Worker('/maker.mjs', { type: 'module' });
            const timer = setTimeout(() => resolve({ ok: false, error: 'timeout after 120 s' }), 120_000);
            w.onmessage = (e) => {
              clearTimeout(timer);
              w.terminate();
              resolve(e.data);
            };
            w.onerror = (e) => resolve({ ok: false, error: `worker error: ${e.message}` });
            w.postMessage(what);
          }),
        what,
      );
    const made = await step('make');
    if (!made.ok || !uploaded) throw new Error(`chromium: making the snapshot failed: ${made.error}`);
    log(`chromium ${browser.version()}: snapshot made in ${Math.round(made.ms)} ms`);
    const check = await step('check');
    if (!check.ok) throw new Error(`chromium: the new snapshot does not load: ${check.error}`);
    log(`chromium: snapshot loads in ${Math.round(check.ms)} ms, JSPI run_sync ${check.jspi ? 'works' : 'does NOT work'}`);
    return { bytes: uploaded, createdWith: 'chromium', jspi: !!check.jspi, browser: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}

async function buildSnapshot(version) {
  const mode = process.env.HEAL_SNAPSHOT_MAKER ?? 'auto';
  if (mode === 'none') return log('snapshot skipped (HEAL_SNAPSHOT_MAKER=none)');
  let result;
  const chromiumPath = findChromium();
  if (mode === 'chromium' || (mode === 'auto' && chromiumPath)) {
    if (!chromiumPath) throw new Error('HEAL_SNAPSHOT_MAKER=chromium but no Chromium found (set HEAL_CHROMIUM)');
    try {
      result = await makeInChromium(chromiumPath);
    } catch (err) {
      if (mode === 'chromium') throw err;
      console.warn('[prepare-pyodide] chromium snapshot failed, falling back to node:', err.message ?? err);
    }
  } else if (mode === 'auto') {
    console.warn('[prepare-pyodide] no Chromium found: making the snapshot in Node (JSPI will be unavailable with it)');
  }
  result ??= await makeInNode();
  const tmp = path.join(DEST, 'snapshot.bin.tmp');
  await fsp.writeFile(tmp, result.bytes);
  await fsp.rename(tmp, path.join(DEST, 'snapshot.bin'));
  const meta = {
    pyodideVersion: version,
    bytes: result.bytes.length,
    createdWith: result.createdWith,
    jspi: result.jspi,
    ...(result.browser ? { browser: result.browser } : {}),
    recipe: recipeKey(),
    preload: PRELOAD,
  };
  await fsp.writeFile(path.join(DEST, 'snapshot.json'), `${JSON.stringify(meta, null, 2)}\n`);
  log(`wrote public/pyodide/snapshot.bin (${(result.bytes.length / 2 ** 20).toFixed(1)} MiB, ${result.createdWith}, jspi=${result.jspi})`);
}

const version = pyodideVersion();
copyRuntime();
if (!force && snapshotUpToDate(version)) {
  log('snapshot up to date');
} else {
  await buildSnapshot(version);
}
