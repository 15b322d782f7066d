// `npm run bench:reliability -- --programs 2000 --seed 1 --time-limit 1000`
// The fuzz of test/fuzz.test.ts at a larger scale: mutated semantics-dev programs run
// plain and instrumented (accept-all heals). Prints the counts and writes
// bench/results/reliability.json. Unrecovered crashes and output mismatches must be 0.
// `--from N --programs N+1` reruns mutant N alone (ids end in #<corpus cycle index>).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import { runFuzz, type FuzzProgram } from '../test/fuzz/driver.ts';
import { formatFuzzReport, summarizeFuzz } from '../test/fuzz/report.ts';
import { printTable, round } from './stats.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    programs: { type: 'string', default: '2000' },
    from: { type: 'string', default: '0' },
    seed: { type: 'string', default: '20261203' },
    'time-limit': { type: 'string', default: '1000' },
    'max-mutations': { type: 'string', default: '2' },
    set: { type: 'string', default: join(root, '../shared/corpora/semantics-dev.jsonl') },
  },
});

const programs = Number(values.programs);
const seed = Number(values.seed);
const timeLimitMs = Number(values['time-limit']);
if (!(programs > 0) || !Number.isFinite(seed) || !(timeLimitMs > 0)) throw new Error('--programs, --seed and --time-limit must be positive numbers');

const corpus = readFileSync(values.set!, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as FuzzProgram);
const executor = createNodeExecutor();
await executor.start();
const started = performance.now();
const outcomes = await runFuzz(() => createNodeRunner(), executor, corpus, {
  seed,
  programs,
  timeLimitMs,
  from: Number(values.from),
  maxMutations: Number(values['max-mutations']),
  onOutcome: (_o, i) => {
    if ((i + 1) % 100 === 0) console.log(`  ${i + 1}/${programs} (${round((performance.now() - started) / 1000, 1)} s)`);
  },
});
executor.dispose();
const seconds = (performance.now() - started) / 1000;
const report = summarizeFuzz(outcomes, 20);
printTable(
  `Reliability fuzz: ${programs} mutants of ${corpus.length} programs, seed ${seed}, time limit ${timeLimitMs} ms (${round(seconds, 1)} s, ${round((1000 * seconds) / programs, 0)} ms per mutant)`,
  [
    ['finished', 'error', 'stopped', 'heals', 'recovered crashes', 'unrecovered', 'comparable', 'mismatches'],
    [report.finished, report.error, report.stopped, report.heals, report.recoveredCrashes, report.unrecovered, report.comparable, report.mismatches],
  ],
);
console.log(formatFuzzReport(report));
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(
  join(root, 'bench/results/reliability.json'),
  `${JSON.stringify(
    {
      programs: report.programs,
      unrecovered: report.unrecovered,
      mismatches: report.mismatches,
      recovered_crashes: report.recoveredCrashes,
      finished: report.finished,
      error: report.error,
      stopped: report.stopped,
      heals: report.heals,
      comparable: report.comparable,
      seed,
      time_limit_ms: timeLimitMs,
      seconds: round(seconds, 1),
      error_types: report.errorTypes,
      mutation_kinds: report.mutationKinds,
      examples: report.examples,
    },
    null,
    2,
  )}\n`,
);
console.log('wrote bench/results/reliability.json');
process.exitCode = report.unrecovered || report.mismatches ? 1 : 0;
