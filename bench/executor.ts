// `npm run bench:executor`: the executor's cost inside its boundary, Node and Chromium (the
// built site: a sandboxed frame per request). Cold start, warm round trip (a spare ready),
// back to back. Prints a table and writes bench/results/executor.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import { nodeSnapshotPath } from '../workers/shared/node-snapshot.ts';
import { runBenchPage } from './browser-driver.ts';
import { measureExecutor, type ExecutorFigures } from './executor-measure.ts';
import { printTable, round } from './stats.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

await nodeSnapshotPath();
const node = await measureExecutor(() => createNodeExecutor(), REPEATS);
const chromium = await runBenchPage<ExecutorFigures>(`/bench/browser/executor.html?repeats=${REPEATS}`);
printTable(`Executor: a fresh Python per request (ms, medians; ${REPEATS} cold starts, ${REPEATS * 2} requests)`, [
  ['host', 'isolation', 'snapshot', 'cold start', '(in the worker)', 'warm round trip', 'back to back'],
  ...(
    [
      ['Node', node],
      ['Chromium', chromium],
    ] as const
  ).map(([host, f]) => [
    host,
    f.isolation,
    String(f.fromSnapshot),
    round(f.cold_start_ms, 1),
    round(f.load_inside_ms, 1),
    round(f.warm_round_trip_ms, 1),
    round(f.back_to_back_ms, 1),
  ]),
]);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(
  join(root, 'bench/results/executor.json'),
  `${JSON.stringify({ node, chromium, repeats: REPEATS, measured_at: new Date().toISOString() }, null, 2)}\n`,
);
console.log('wrote bench/results/executor.json');
