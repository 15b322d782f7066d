// `npm run bench:heal-scale`: a loop that fails N times (KeyError on a dict, ZeroDivisionError
// in a function, AttributeError on None), auto-accept with reuse, rules engine, in Node and in
// Chromium (the built site's runner and sandboxed executor). Prints wall time, heals/s, program
// time, heal time and peak JS heap; writes bench/results/heal-scale.json. `--n 100,1000` picks sizes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import { pasteProgram, runBenchPage, withPreviewPage } from './browser-driver.ts';
import { measureScale, SCALE_PROGRAMS, type ScaleFigure } from './heal-scale-measure.ts';
import { median, printTable, round } from './stats.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { n: { type: 'string', default: '100,1000,10000,100000' }, 'node-only': { type: 'boolean', default: false } } });
const sizes = values.n!.split(',').map(Number);

type Row = ScaleFigure & { host: string; peak_heap_mb: number };

async function node(): Promise<Row[]> {
  const runner = createNodeRunner();
  const executor = createNodeExecutor();
  await Promise.all([runner.start(), executor.start()]);
  const rows: Row[] = [];
  try {
    for (const program of Object.keys(SCALE_PROGRAMS)) {
      for (const n of sizes) {
        let peak = process.memoryUsage().heapUsed;
        const sampler = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }, 50);
        const figure = await measureScale(runner, executor, program, n);
        clearInterval(sampler);
        rows.push({ ...figure, host: 'Node', peak_heap_mb: peak / 2 ** 20 });
      }
    }
  } finally {
    runner.dispose();
    executor.dispose();
  }
  return rows;
}

const rows = await node();
if (!values['node-only']) {
  const browser = await runBenchPage<(ScaleFigure & { peak_heap_mb: number })[]>(`/bench/browser/heal-scale.html?n=${sizes.join(',')}`);
  rows.push(...browser.map((figure) => ({ ...figure, host: 'Chromium' })));
}
/**
 * The page itself during a heal storm: the 10,000-failure KeyError loop with auto-accept in the
 * built site's UI, the longest main-thread task (PerformanceObserver, longtask) while it runs
 * and while its timeline entry opens the list of reuses.
 */
async function uiStorm(n: number): Promise<{ longest_task_ms: number; wall_ms: number; timeline_nodes: number }> {
  const observe = `window.__longest = 0; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); }).observe({ type: 'longtask', buffered: false });`;
  return withPreviewPage(
    '/',
    async (page) => {
      await page.locator('[data-editor-ready="true"]').waitFor({ timeout: 60_000 });
      await page.locator('[data-testid=phase][data-phase=ready]').waitFor({ timeout: 120_000 });
      await pasteProgram(page, SCALE_PROGRAMS['KeyError on a dict']!(n));
      await page.getByTestId('auto-accept').check();
      await page.waitForTimeout(1000); // let the editor settle: its tasks are not the storm's
      await page.evaluate('window.__longest = 0');
      const started = Date.now();
      await page.getByTestId('run').click();
      await page.getByTestId('last-status').getByText('finished').waitFor({ timeout: 120_000 });
      const wall = Date.now() - started;
      await page.getByTestId('reuse-toggle').click();
      await page.getByTestId('reuse-list').waitFor();
      await page.waitForTimeout(300);
      const nodes = await page.getByTestId('timeline').evaluate((timeline) => timeline.querySelectorAll('*').length);
      return { longest_task_ms: Number(await page.evaluate('window.__longest')), wall_ms: wall, timeline_nodes: nodes };
    },
    { initScript: observe },
  );
}

const ui = values['node-only'] ? null : await uiStorm(10_000);
if (ui)
  console.log(
    `The page during a 10,000-failure storm: longest main-thread task ${round(ui.longest_task_ms, 1)} ms, ${ui.timeline_nodes} timeline DOM nodes, ${round(ui.wall_ms / 1000, 1)} s to finish`,
  );

printTable('Heal at scale: auto-accept, reuse of the accepted fix in the runner (ms unless said)', [
  ['host', 'program', 'N', 'finished', 'last line', 'wall', 'heals/s', 'program', 'heal', 'first heal', 'peak heap MB'],
  ...rows.map((r) => [
    r.host,
    r.program,
    r.n,
    String(r.finished),
    String(r.printedLast),
    round(r.wall_ms, 1),
    Math.round(r.heals_per_s),
    round(r.program_ms, 1),
    round(r.heal_ms, 1),
    round(r.first_heal_ms, 1),
    round(r.peak_heap_mb, 1),
  ]),
]);
const at = (host: string, n: number) => rows.filter((r) => r.host === host && r.n === n);
const rate = (host: string) => Math.round(median(at(host, 10_000).map((r) => r.heals_per_s)));
const results = {
  heals_per_s_node: rate('Node'),
  heals_per_s_chromium: values['node-only'] ? null : rate('Chromium'),
  first_heal_ms: round(median(rows.map((r) => r.first_heal_ms).filter(Number.isFinite)), 1),
  n: 10_000,
  ui_storm: ui,
  rows,
  measured_at: new Date().toISOString(),
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/heal-scale.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `\n10,000 heals: ${results.heals_per_s_node} heals/s in Node, ${results.heals_per_s_chromium} in Chromium; first heal ${results.first_heal_ms} ms (median); wrote bench/results/heal-scale.json`,
);
