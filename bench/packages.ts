// `npm run bench:packages`: packages on demand in the built site, headless Chromium, against the
// local package index (test/package-index.ts) on 127.0.0.1:
//   - cold_ms: Run → the program's first statement after its imports prints, in a fresh browser
//     context (the lock and the wheels are downloaded, checked, cached, installed);
//   - warm_ms: the same after a reload (the files come from Cache Storage, checked again);
//   - detect_ms: import detection (findImports) on a 2,000-line program, in Node (target ≤ 20 ms).
// Medians of BENCH_REPEATS (3) cold/warm pairs and of 50 detections. Writes
// bench/results/packages.json as {"cold_ms", "warm_ms", "detect_ms"} (plus the samples).
// Environment: BENCH_PACKAGES_PORT (5330), BENCH_REPEATS, HEAL_CHROMIUM. Expects a built dist/.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { findImports } from '../workers/shared/packages/imports.ts';
import { startPackageIndex } from '../test/package-index.ts';
import { median, printTable, round } from './stats.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PACKAGES_PORT ?? 5330);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const CHROMIUM = process.env.HEAL_CHROMIUM ?? '/usr/bin/chromium';
const PROGRAM = 'import heal_data\nimport heal_demo\nprint("first statement", heal_demo.answer())\n';

/** A 2,000-line program in the shape of real ones: imports at the top and inside functions, strings, comments. */
function bigProgram(): string {
  const lines: string[] = ['import os, sys', 'from collections import Counter', 'import numpy as np', 'import pandas as pd', ''];
  for (let i = 0; lines.length < 2000; i++) {
    lines.push(`def step_${i}(values, scale=${i}):`, `    """Scale values (${i}): 'import fake' in a docstring."""`);
    if (i % 25 === 0) lines.push('    import json  # a late import');
    lines.push(`    total = sum(v * scale for v in values)  # comment ${i}`, `    label = f"step {i}: {total}"`, '    return total, label', '');
  }
  return lines.slice(0, 2000).join('\n');
}

function measureDetection(): { median: number; samples: number[] } {
  const source = bigProgram();
  for (let i = 0; i < 10; i++) findImports(source); // warm the JIT
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    findImports(source);
    samples.push(performance.now() - started);
  }
  return { median: median(samples), samples };
}

async function waitForServer(url: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up`);
}

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('[data-phase="ready"]', { timeout: 120_000 });
  await page.waitForSelector('[data-editor-ready="true"]', { timeout: 60_000 });
}

async function paste(page: Page, code: string): Promise<void> {
  await page.locator('.code-editor .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, code);
}

/** Clicks Run and returns the milliseconds until the console shows `marker`. */
async function runToFirstStatement(page: Page, marker: string): Promise<number> {
  return page.evaluate(
    (text) =>
      new Promise<number>((resolve, reject) => {
        const console = document.querySelector('[data-testid="console"]')!;
        const started = performance.now();
        const timer = setTimeout(() => reject(new Error('the program did not print in 120 s')), 120_000);
        new MutationObserver((_, observer) => {
          if (console.textContent?.includes(text)) {
            observer.disconnect();
            clearTimeout(timer);
            resolve(performance.now() - started);
          }
        }).observe(console, { subtree: true, childList: true, characterData: true });
        (document.querySelector('[data-testid="run"]') as HTMLButtonElement).click();
      }),
    marker,
  );
}

const detection = measureDetection();
const index = await startPackageIndex();
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const cold: number[] = [];
const warm: number[] = [];
try {
  const url = `http://127.0.0.1:${PORT}/`;
  await waitForServer(url);
  for (let i = 0; i < REPEATS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await ready(page);
    await page.locator('[data-testid="packages-settings"] summary').click();
    await page.fill('[data-testid="package-index-url"]', index.indexUrl);
    await page.press('[data-testid="package-index-url"]', 'Enter');
    await paste(page, PROGRAM);
    cold.push(await runToFirstStatement(page, 'first statement'));
    await page.waitForSelector('[data-phase="ready"]');
    await page.reload();
    await ready(page);
    warm.push(await runToFirstStatement(page, 'first statement')); // the autosave kept code and settings
    await context.close();
  }
} finally {
  await browser.close();
  await index.close();
  try {
    process.kill(-server.pid!);
  } catch {
    /* already gone */
  }
}

const result = {
  cold_ms: round(median(cold), 1),
  warm_ms: round(median(warm), 1),
  detect_ms: round(detection.median, 2),
  samples: { cold_ms: cold.map((v) => round(v, 1)), warm_ms: warm.map((v) => round(v, 1)), detect_ms: detection.samples.map((v) => round(v, 2)) },
  program: PROGRAM,
  repeats: REPEATS,
  measured_at: new Date().toISOString(),
};
printTable('Packages (ms, medians): Run → first statement; import detection on 2,000 lines', [
  ['cold (download)', 'warm (cache)', 'detect'],
  [String(result.cold_ms), String(result.warm_ms), String(result.detect_ms)],
]);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/packages.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log('wrote bench/results/packages.json');
