// `npm run bench:stop`: how long Stop takes, as a person sees it — click on Stop in the built
// site (headless Chromium, cross-origin isolated) until the console says "Stopped." — for four
// kinds of loop. Median and p90 of `BENCH_REPEATS` (default 10) each; writes
// bench/results/stop.json as {busy_ms, sleep_ms, flood_ms, swallow_ms} (medians) plus details.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { pasteProgram, withPreviewPage } from './browser-driver.ts';
import { median, printTable, round } from './stats.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPEATS = Number(process.env.BENCH_REPEATS ?? 10);

/** Each loop prints a first line (so the test knows it runs) and then never ends by itself. */
export const STOP_LOOPS = {
  busy: 'print("started", flush=True)\nwhile True:\n    pass\n',
  sleep: 'import time\nprint("started", flush=True)\nwhile True:\n    time.sleep(0.5)\n',
  flood: 'print("started", flush=True)\ni = 0\nwhile True:\n    i += 1\n    print("line", i)\n',
  swallow: 'print("started", flush=True)\nwhile True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass\n',
} as const;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function stopOnce(page: Page, code: string): Promise<number> {
  await page.locator('[data-testid=phase][data-phase=ready]').waitFor({ timeout: 120_000 });
  await pasteProgram(page, code);
  await page
    .getByTestId('clear-output')
    .click()
    .catch(() => {});
  await page.getByTestId('run').click();
  await page.getByTestId('console').getByText('started').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(300); // let it settle into the loop
  // A string, not a function: tsx would add helpers (__name) the page does not have.
  const elapsed = (await page.evaluate(`new Promise((resolve) => {
    const output = document.querySelector('[data-testid=console]');
    const stop = document.querySelector('[data-testid=stop]');
    const started = performance.now();
    const done = () => output.textContent.includes('Stopped');
    const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(performance.now() - started); } });
    observer.observe(output, { childList: true, subtree: true, characterData: true });
    stop.click();
    if (done()) { observer.disconnect(); resolve(performance.now() - started); }
  })`)) as number;
  return elapsed;
}

async function main() {
  const figures: Record<string, { median: number; p90: number; all: number[] }> = {};
  await withPreviewPage('/', async (page) => {
    await page.locator('[data-editor-ready="true"]').waitFor({ timeout: 60_000 });
    for (const [kind, code] of Object.entries(STOP_LOOPS)) {
      const times: number[] = [];
      for (let i = 0; i < REPEATS; i++) times.push(await stopOnce(page, code));
      figures[kind] = { median: round(median(times), 1), p90: round(percentile(times, 90), 1), all: times.map((t) => round(t, 1)) };
    }
  });
  printTable(`Stop latency in Chromium, click → "Stopped." (ms; ${REPEATS} runs each; target ≤ 100, swallow ≤ 1,000)`, [
    ['loop', 'median', 'p90'],
    ...Object.entries(figures).map(([kind, f]) => [kind, f.median, f.p90]),
  ]);
  const results = {
    busy_ms: figures.busy!.median,
    sleep_ms: figures.sleep!.median,
    flood_ms: figures.flood!.median,
    swallow_ms: figures.swallow!.median,
    p90: Object.fromEntries(Object.entries(figures).map(([k, f]) => [k, f.p90])),
    repeats: REPEATS,
    measured_at: new Date().toISOString(),
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/stop.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results/stop.json');
}

await main();
