// The shared development corpora through the real runner worker:
// - semantics-dev: instrumentation preserves behaviour (every program, exact stdout);
// - heal-dev: every buggy program pauses with the recorded error type, at the
//   recorded line (RecursionError pauses at the outermost call of the cycle).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import type { RunnerClient } from '../workers/runner/client.ts';
import type { PauseContext } from '../workers/protocol/runner.ts';
import { readJsonl } from './pyodide-node.ts';

interface SemanticsRow {
  id: string;
  program: string;
  stdin: string;
  expected_stdout: string;
}
interface HealRow extends SemanticsRow {
  error_type: string;
  error_line: number;
}

let runner: RunnerClient;
beforeAll(async () => {
  runner = createNodeRunner();
  await runner.start();
}, 120_000);
afterAll(() => runner.dispose());

describe('semantics-dev corpus', () => {
  it('every program prints exactly its expected output when instrumented', async () => {
    const rows = readJsonl<SemanticsRow>('semantics-dev.jsonl');
    const broken: string[] = [];
    for (const row of rows) {
      let paused = false;
      const result = await runner.run(
        { code: row.program, stdin: row.stdin, expectedOutput: row.expected_stdout },
        {
          onPause: () => {
            paused = true;
            return { action: 'raise' };
          },
        },
        { timeLimitMs: 20_000 },
      );
      if (paused || !result.correct) broken.push(`${row.id}: ${result.status} ${result.error?.type ?? ''}`);
    }
    console.log(`semantics-dev: ${rows.length - broken.length}/${rows.length} preserved`);
    expect(rows.length).toBe(339);
    expect(broken).toEqual([]);
  }, 300_000);
});

describe('heal-dev corpus', () => {
  it('every buggy program pauses on its recorded error', async () => {
    const rows = readJsonl<HealRow>('heal-dev.jsonl');
    const misses: string[] = [];
    let lineHits = 0;
    for (const row of rows) {
      const pauses: PauseContext[] = [];
      const result = await runner.run(
        { code: row.program, stdin: row.stdin, expectedOutput: row.expected_stdout },
        {
          onPause: (context) => {
            pauses.push(context);
            return { action: 'raise' };
          },
        },
        { timeLimitMs: 20_000 },
      );
      const first = pauses[0];
      if (!first || first.error.type !== row.error_type || result.error?.type !== row.error_type) {
        misses.push(`${row.id}: paused ${first?.error.type ?? 'never'}, ended ${result.status}`);
        continue;
      }
      if (first.line <= row.error_line && row.error_line <= first.endLine) lineHits += 1;
      else if (row.error_type !== 'RecursionError') misses.push(`${row.id}: paused at ${first.line}, error at ${row.error_line}`);
    }
    console.log(`heal-dev: ${rows.length - misses.length}/${rows.length} paused on the recorded error; ${lineHits} at the recorded line`);
    expect(misses).toEqual([]);
  }, 300_000);
});
