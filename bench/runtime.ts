// `npm run bench:runtime`: instrumentation overhead (with sys.settrace and sys.monitoring
// line tracers as references), cold start (plain vs snapshot, Node and Chromium) and
// pause→resume round trip. Prints tables and writes bench/results/runtime.json.
// Expects a built dist/ (the npm script builds first).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';
import { measureColdStart, measureOverhead, measurePauseRoundTrip, type OverheadRow } from './runtime-node.ts';
import { median, printTable, round } from './stats.ts';
import { runBenchPage } from './browser-driver.ts';
import { nodePyodideDir } from '../workers/shared/spawn.node.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const COLD_REPEATS = Number(process.env.BENCH_COLD_REPEATS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 5190);

/** The public snapshot is made in Chromium (JSPI); Node needs one of its own, same imports. */
async function makeNodeSnapshot(): Promise<string> {
  const { preload } = JSON.parse(readFileSync(join(root, 'public/pyodide/snapshot.json'), 'utf8')) as { preload: string };
  const py = await loadPyodide({ indexURL: nodePyodideDir, _makeSnapshot: true });
  py.runPython(preload);
  const path = join(tmpdir(), 'heal-bench-node-snapshot.bin');
  writeFileSync(path, py.makeMemorySnapshot());
  return path;
}

interface BrowserResult {
  crossOriginIsolated: boolean;
  plain: { ms: number; blocking: string };
  snapshot: { ms: number; blocking: string };
  pause: { ms: number; blocking: string };
}

function measureChromium(): Promise<BrowserResult> {
  return runBenchPage<BrowserResult>(`/bench/browser/runtime.html?repeats=${COLD_REPEATS}`, PORT, 300_000);
}

async function main() {
  console.log(`Runtime benchmark (median of ${REPEATS} alternating runs; cold starts median of ${COLD_REPEATS})`);
  const overhead: OverheadRow[] = await measureOverhead(REPEATS);
  printTable('Overhead, Node: exec time of the plain run (ms) and the ratio to it, median of per-round ratios', [
    ['group', 'program', 'plain ms', 'instrumented', 'settrace no-op', 'monitoring LINE no-op'],
    ...overhead.map((r) => [r.group, r.program, r.plainMs, `${r.ratio}×`, `${r.settraceRatio}×`, `${r.monitoringRatio}×`]),
  ]);
  const group = (name: OverheadRow['group']) => overhead.filter((r) => r.group === name);
  const ratios = group('CPU-bound').map((r) => r.ratio);
  const handled = group('handled exceptions').map((r) => r.ratio);
  const referenceMedian = (rows: OverheadRow[], key: 'settraceRatio' | 'monitoringRatio') => round(median(rows.map((r) => r[key])), 3);

  const nodeSnapshot = await makeNodeSnapshot();
  const nodePlain = await measureColdStart(COLD_REPEATS, null);
  const nodeSnap = await measureColdStart(COLD_REPEATS, nodeSnapshot);
  if (!nodeSnap.fromSnapshot) throw new Error('Node snapshot did not load');
  const nodePause = await measurePauseRoundTrip(50);
  const browser = await measureChromium();

  printTable('Cold start to "Python ready" (ms, spawn → init done)', [
    ['host', 'plain', 'snapshot', 'ratio'],
    ['Node', nodePlain.ms, nodeSnap.ms, round(nodeSnap.ms / nodePlain.ms, 2)],
    ['Chromium', round(browser.plain.ms, 1), round(browser.snapshot.ms, 1), round(browser.snapshot.ms / browser.plain.ms, 2)],
  ]);
  printTable('Pause → resume round trip, no-op merge (ms, median of 50)', [
    ['host', 'blocking', 'ms'],
    ['Node', 'atomics', nodePause],
    ['Chromium', browser.pause.blocking, round(browser.pause.ms, 3)],
  ]);

  const results = {
    // CPU-bound programs (bench/programs/*.py)
    overhead_ratio_median: round(median(ratios), 3),
    overhead_ratio_max: round(Math.max(...ratios), 3),
    // programs that handle their own exceptions (bench/programs/handled/*.py)
    overhead_ratio_handled_median: round(median(handled), 3),
    overhead_ratio_handled_max: round(Math.max(...handled), 3),
    reference_ratio_median: {
      settrace: { cpu_bound: referenceMedian(group('CPU-bound'), 'settraceRatio'), handled: referenceMedian(group('handled exceptions'), 'settraceRatio') },
      monitoring: {
        cpu_bound: referenceMedian(group('CPU-bound'), 'monitoringRatio'),
        handled: referenceMedian(group('handled exceptions'), 'monitoringRatio'),
      },
    },
    overhead: overhead,
    cold_start_ms: {
      node_plain: nodePlain.ms,
      node_snapshot: nodeSnap.ms,
      chromium_plain: round(browser.plain.ms, 1),
      chromium_snapshot: round(browser.snapshot.ms, 1),
    },
    pause_resume_ms_median: nodePause,
    pause_resume_ms_chromium: round(browser.pause.ms, 3),
    chromium_blocking: browser.pause.blocking,
    chromium_cross_origin_isolated: browser.crossOriginIsolated,
    repeats: REPEATS,
    cold_repeats: COLD_REPEATS,
    measured_at: new Date().toISOString(),
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/runtime.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\noverhead ratio median ${results.overhead_ratio_median} (max ${results.overhead_ratio_max}); ` +
      `handled exceptions median ${results.overhead_ratio_handled_median} (max ${results.overhead_ratio_handled_max}); wrote bench/results/runtime.json`,
  );
}

await main();
