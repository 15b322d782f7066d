// Fuzzing the runner (bounded, seeded): mutated corpus programs run plain and
// instrumented with an engine that accepts every heal. Every run must end, every
// crash must be recovered, and where the plain run is clean the instrumented run
// must print the same. The larger run is `npm run bench:reliability`.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import type { ExecutorClient } from '../workers/executor/client.ts';
import { runFuzz, type FuzzProgram } from './fuzz/driver.ts';
import { formatFuzzReport, summarizeFuzz } from './fuzz/report.ts';

const corpus: FuzzProgram[] = readFileSync(new URL('../../shared/corpora/semantics-dev.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as FuzzProgram);

const PROGRAMS = Number(process.env.HEAL_FUZZ_PROGRAMS ?? 80);
const SEED = Number(process.env.HEAL_FUZZ_SEED ?? 20261203);

let executor: ExecutorClient;
beforeAll(async () => {
  executor = createNodeExecutor();
  await executor.start();
}, 120_000);
afterAll(() => executor.dispose());

describe('fuzz: mutated programs through the runner', () => {
  it(`${PROGRAMS} mutants end, crashes are recovered, clean programs print the same instrumented`, async () => {
    const outcomes = await runFuzz(() => createNodeRunner(), executor, corpus, { seed: SEED, programs: PROGRAMS, timeLimitMs: 1000 });
    const report = summarizeFuzz(outcomes);
    console.log(`fuzz seed ${SEED}\n${formatFuzzReport(report)}`);
    expect(report.programs).toBe(PROGRAMS);
    expect(report.finished + report.error + report.stopped).toBe(PROGRAMS);
    expect(report.unrecovered).toBe(0);
    expect(report.mismatches).toBe(0);
    // The fuzz must exercise the interesting paths, not only clean runs.
    expect(report.comparable).toBeGreaterThan(0);
    expect(report.heals).toBeGreaterThan(0);
    expect(report.stopped).toBeGreaterThan(0);
  }, 240_000);
});
