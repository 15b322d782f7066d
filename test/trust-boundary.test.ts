// The trust boundary between handling code and the paused program, with the REAL runner and
// executor in Node: whatever the executor answers (even after the handling code switched off
// every Python-level guard and rewrote the executor's own code), nothing runs in the runner
// that the answer chose, nothing is half-merged, and one proposal cannot reach the next.
// Payloads: test/attacks.ts.
import { describe, expect, it } from 'vitest';
import { requestFromPause, type ExecuteResult } from '../workers/protocol/executor.ts';
import type { PauseAnswer, PauseContext, RunResult } from '../workers/protocol/runner.ts';
import {
  HANDLING_FORGES_ITS_ANSWER,
  HANDLING_POISONS_THE_NEXT_PROPOSAL,
  HANDLING_REGISTERS_REDUCERS,
  MALICIOUS_MERGE_ANSWERS,
  MERGE_TARGET_PROGRAM,
} from './attacks.ts';
import { useRunnerAndExecutor } from './node-workers.ts';

const workers = useRunnerAndExecutor();

/** Nothing the attacks aim for is left in the runner's interpreter. */
async function runnerIsClean(): Promise<void> {
  const probe = await workers.runner.run({ code: 'import builtins\nprint(getattr(builtins, "PWNED", False))\n' });
  expect(probe.stdout).toBe('False\n');
}

async function healWith(code: string, handling: string[]): Promise<{ run: RunResult; results: ExecuteResult[]; pauses: PauseContext[] }> {
  const results: ExecuteResult[] = [];
  const pauses: PauseContext[] = [];
  const run = await workers.runner.run(
    { code },
    {
      onPause: async (context): Promise<PauseAnswer> => {
        pauses.push(context);
        let answer: PauseAnswer = { action: 'raise' };
        for (const text of handling) {
          const result = await workers.executor.execute(requestFromPause(code, context, text));
          results.push(result);
          if (result.merge) answer = result.merge;
        }
        return answer;
      },
    },
  );
  return { run, results, pauses };
}

describe('merge answers are data: the runner refuses anything else and changes nothing', () => {
  for (const { name, answer } of MALICIOUS_MERGE_ANSWERS) {
    it(name, async () => {
      const run = await workers.runner.run({ code: MERGE_TARGET_PROGRAM }, { onPause: () => answer as PauseAnswer });
      expect(run.stderr).toContain('merge refused, nothing was changed');
      expect(run).toMatchObject({ status: 'error', error: { type: 'NameError', line: 3 } });
      expect(run.stdout).toBe('');
      expect(run.heals).toEqual([expect.objectContaining({ action: 'raise', changed: [] })]);
      await runnerIsClean();
    });
  }
});

describe("handling code that switches the executor's guards off", () => {
  it('forging its own answer gets a data value at most: the runner refuses the forged callable', async () => {
    const { run, results } = await healWith(MERGE_TARGET_PROGRAM, [HANDLING_FORGES_ITS_ANSWER]);
    expect(results[0]!.merge?.set?.[0]?.value).toEqual({ t: 'builtin', name: 'exec' });
    expect(run.stderr).toContain("merge refused, nothing was changed: builtin 'exec'");
    expect(run.stdout).toBe('');
    await runnerIsClean();
  });

  it('copyreg reducers registered in the executor have no effect on what the runner builds', async () => {
    const { run } = await healWith(MERGE_TARGET_PROGRAM, [HANDLING_REGISTERS_REDUCERS]);
    expect(run).toMatchObject({ status: 'finished', stdout: 'value namespace(a=[1]) pwned False\n' });
    await runnerIsClean();
  });

  it('poisoning its interpreter does not reach the next proposal (a fresh Python each time)', async () => {
    const { run, results } = await healWith(MERGE_TARGET_PROGRAM, [HANDLING_POISONS_THE_NEXT_PROPOSAL, 'value = 7\n']);
    // The poisoned request answers garbage about itself, which the page refuses…
    expect(results[0]!.status).toBe('error');
    expect(results[0]!.merge).toBeUndefined();
    // …and the next proposal runs in a new interpreter, unaffected.
    expect(results[1]!.merge).toEqual({ action: 'merge', set: [{ name: 'value', value: 7 }] });
    expect(run).toMatchObject({ status: 'finished', stdout: 'value 7 pwned False\n' });
  });
});
