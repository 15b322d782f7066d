// Attacks on look-ahead heals (test/attacks.ts, "look-ahead"): a candidate runs before anyone
// accepted it, next to honest candidates. Real runner and real executor in Node. Each test
// fails if the attack works: one candidate rewriting what another candidate's look-ahead
// reports, leaving something behind for the next candidate or the paused program, or holding
// up the proposal the user reviews while its look-ahead spins.
import { describe, expect, it } from 'vitest';
import { useRunnerAndExecutor } from './node-workers.ts';
import { HealSession, defaultHealSettings, type LookedAhead } from '../web/state/heal/session.ts';
import { createRulesEngine } from '../web/state/heal/rules.ts';
import type { HealCandidate } from '../web/state/heal/lookahead.ts';
import type { PauseContext } from '../workers/protocol/runner.ts';
import {
  CANDIDATE_FORGES_OTHER_OUTCOMES,
  CANDIDATE_PLANTS_A_FILE,
  CANDIDATE_SPINS_IN_C,
  LOOKAHEAD_PLANT_OBSERVER,
  LOOKAHEAD_TARGET_PROGRAM,
} from './attacks.ts';

const workers = useRunnerAndExecutor();

const SKIP: HealCandidate = { code: 'pass', label: 'skip the statement' };
const CONTINUE: HealCandidate = { code: 'pass', control: 'continue', label: 'continue' };

/** Runs `code` to its one pause, looks `candidates` ahead there, then skips; returns the look-ahead and the run. */
async function lookAheadAtThePause(code: string, candidates: HealCandidate[]) {
  const session = new HealSession(code, createRulesEngine(), workers.executor, defaultHealSettings, { stdin: '', expectedOutput: 'a,b\n' });
  const looked: LookedAhead[] = [];
  const result = await workers.runner.run(
    { code },
    {
      onPause: async (context: PauseContext) => {
        looked.push(await session.lookAhead(context, candidates));
        return session.decide(context, await session.proposeCandidate(context, SKIP), 'accepted');
      },
    },
  );
  return { looked: looked[0]!, result };
}

describe('look-ahead attacks (Node, real runner and executor)', () => {
  it('a candidate cannot rewrite the outcomes of the candidates before it or the code of those after it', async () => {
    const { looked, result } = await lookAheadAtThePause(LOOKAHEAD_TARGET_PROGRAM, [
      SKIP,
      { code: CANDIDATE_FORGES_OTHER_OUTCOMES, label: 'model sample 1' },
      CONTINUE,
    ]);
    const outcomes = looked.verdicts.map((v) => v.outcome);
    // The honest candidates' continuations, as they really are.
    expect(outcomes[0]).toMatchObject({ status: 'finished', stdout: 'a,b\n' });
    expect(outcomes[2]).toMatchObject({ status: 'finished', stdout: 'a,b\n' });
    expect(looked.verdicts[0]!.correct).toBe(true);
    expect(looked.verdicts[2]!.correct).toBe(true);
    for (const o of outcomes) expect(JSON.stringify(o)).not.toMatch(/FORGED|ForgedError/);
    expect(result).toMatchObject({ status: 'finished', stdout: 'a,b\n' });
  }, 120_000);

  it('a file one candidate writes is not there for the next candidate, the next look-ahead, or the paused program', async () => {
    const { looked, result } = await lookAheadAtThePause(LOOKAHEAD_PLANT_OBSERVER, [{ code: CANDIDATE_PLANTS_A_FILE, label: 'model sample 1' }, SKIP]);
    // The planting candidate's own continuation sees its file (that is its own business) …
    expect(looked.verdicts[0]!.outcome).toMatchObject({ status: 'finished', stdout: 'a,b True\n' });
    // … the honest one after it must not.
    expect(looked.verdicts[1]!.outcome).toMatchObject({ status: 'finished', stdout: 'a,b False\n' });
    // Nor the real run (the look-ahead never touches it) …
    expect(result).toMatchObject({ status: 'finished', stdout: 'a,b False\n' });
    // … nor a later look-ahead.
    const again = await lookAheadAtThePause(LOOKAHEAD_PLANT_OBSERVER, [SKIP]);
    expect(again.looked.verdicts[0]!.outcome.stdout).toBe('a,b False\n');
  }, 120_000);

  it('a look-ahead spinning in C code does not hold up the proposal the user reviews (Accept stays available)', async () => {
    const code = LOOKAHEAD_TARGET_PROGRAM;
    const session = new HealSession(code, createRulesEngine(), workers.executor, defaultHealSettings, { stdin: '', expectedOutput: null });
    const events: string[] = [];
    let looking: Promise<unknown> | undefined;
    const result = await workers.runner.run(
      { code },
      {
        onPause: async (context) => {
          // What the page does at a pause with look-ahead on: the look-ahead in the background, then the proposal.
          looking = workers.executor
            .lookAhead(
              {
                code,
                stdin: '',
                pauseIndex: 0,
                decisions: [],
                candidates: [{ code: CANDIDATE_SPINS_IN_C }, { code: 'pass' }],
              },
              { timeLimitMs: 25_000 },
            )
            .then((r) => {
              events.push(`look-ahead ${r.outcomes.map((o) => o.status).join(',')}`);
            });
          const proposal = await session.proposeCandidate(context, SKIP);
          events.push(`proposal ${proposal.execution?.status}`);
          return session.decide(context, proposal, 'accepted');
        },
      },
    );
    expect(result).toMatchObject({ status: 'finished', stdout: 'a,b\n' });
    // The proposal came while the look-ahead was still spinning.
    expect(events[0]).toBe('proposal ok');
    await looking;
    // Only the spinning candidate is cut; the honest one is still looked ahead.
    expect(events[1]).toBe('look-ahead cut,finished');
  }, 150_000);
});

describe('look-ahead attacks: after the pause is answered', () => {
  it("candidates spinning in C code stop when the pause is answered, instead of burning CPU until each one's limit", async () => {
    const stop = new AbortController();
    const started = performance.now();
    const looking = workers.executor.lookAhead(
      {
        code: LOOKAHEAD_TARGET_PROGRAM,
        stdin: '',
        pauseIndex: 0,
        decisions: [],
        candidates: [{ code: CANDIDATE_SPINS_IN_C }, { code: CANDIDATE_SPINS_IN_C }, { code: CANDIDATE_SPINS_IN_C }],
      },
      { timeLimitMs: 60_000, signal: stop.signal },
    );
    // The user accepts something else while the first candidate spins.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    stop.abort();
    const result = await looking;
    // Far less than the 3 × 60 s the spinning candidates would have taken.
    expect(performance.now() - started).toBeLessThan(45_000);
    expect(result.outcomes.map((o) => o.status)).toEqual(['stopped', 'stopped', 'stopped']);
    // The executor still works.
    const after = await workers.executor.lookAhead({ code: LOOKAHEAD_TARGET_PROGRAM, stdin: '', pauseIndex: 0, decisions: [], candidates: [{ code: 'pass' }] });
    expect(after.outcomes[0]).toMatchObject({ status: 'finished', stdout: 'a,b\n' });
  }, 120_000);
});
