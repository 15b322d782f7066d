// Each run starts from clean interpreter state (test/attacks.ts, "runner: state that must not
// leak"): with the real runner worker in Node, a program that changes builtins, standard modules,
// interpreter settings, the environment, the working directory or files leaves nothing behind
// for the next run, without the worker being restarted; a change nothing can undo (an audit hook)
// makes the client replace the worker before the next run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import type { RunnerClient, RunnerRestartReason } from '../workers/runner/client.ts';
import { AUDIT_HOOK, STATE_LEAKS, UNDOABLE_LEAK } from './attacks.ts';
import { nodeSnapshot } from '../workers/shared/node-snapshot.ts';

let runner: RunnerClient;
const restarts: (RunnerRestartReason | undefined)[] = [];

beforeAll(async () => {
  runner = createNodeRunner({ snapshot: await nodeSnapshot(), onRestart: (reason) => restarts.push(reason) });
  await runner.start();
}, 120_000);

afterAll(() => runner.dispose());

describe('a run leaves nothing behind for the next one', () => {
  it.each(STATE_LEAKS)('$name', async ({ leak, probe, visibleInItsOwnRun }) => {
    const before = runner.restarts;
    const clean = await runner.run({ code: probe });
    expect(clean.status).toBe('finished');
    const leaking = await runner.run({ code: leak + probe });
    expect(leaking.status).toBe('finished');
    if (visibleInItsOwnRun !== false) expect(leaking.stdout, 'the payload changes something').not.toBe(clean.stdout);
    const after = await runner.run({ code: probe });
    expect(after).toMatchObject({ status: 'finished', stdout: clean.stdout, stderr: clean.stderr });
    expect(after.restoreMs).toBeGreaterThan(0);
    expect(runner.restarts, 'restored in place, not by a restart').toBe(before);
  });

  it('Stop still interrupts a loop after a program ignored SIGINT', async () => {
    const ignoring = STATE_LEAKS.find((leak) => leak.name.startsWith('SIGINT'))!;
    await runner.run({ code: ignoring.leak });
    const before = runner.restarts;
    const pending = runner.run({ code: 'print("spinning")\nwhile True:\n    pass\n' });
    setTimeout(() => runner.stop(), 300);
    expect(await pending).toMatchObject({ status: 'stopped', stopReason: 'user', stdout: 'spinning\n' });
    expect(runner.restarts, 'stopped by the interrupt, not by replacing the worker').toBe(before);
  });

  it('a heal still merges into the program after a leaking run', async () => {
    await runner.run({ code: 'import builtins, json\nbuiltins.print = len\njson.dumps = len\n' });
    const result = await runner.run(
      { code: 'x = 1 / 0\nprint(x)\n' },
      {
        onPause: () => ({ action: 'merge', set: [{ name: 'x', value: 5 }] }),
      },
    );
    expect(result).toMatchObject({ status: 'finished', stdout: '5\n' });
    expect(result.heals).toEqual([expect.objectContaining({ action: 'merge', changed: ['x'] })]);
  });

  it('input() still reads stdin after a run replaced it', async () => {
    await runner.run({ code: 'import builtins\nbuiltins.input = lambda prompt="": "fake"\n' });
    const result = await runner.run({ code: 'print("hello", input())\n', stdin: 'Ada\n' });
    expect(result).toMatchObject({ status: 'finished', stdout: 'hello Ada\n' });
  });
});

describe('changes that cannot be undone in place', () => {
  it(`${UNDOABLE_LEAK.name}: the worker is replaced before the next run`, async () => {
    const clean = await runner.run({ code: UNDOABLE_LEAK.probe });
    expect(clean.stdout).toBe('imported 1.5\n');
    const leaking = await runner.run({ code: UNDOABLE_LEAK.leak + UNDOABLE_LEAK.probe });
    expect(leaking.stdout, 'the damage is real').toMatch(/^broken: /);
    expect(leaking.tainted).toEqual([expect.stringMatching(/files that cannot be put back: \/lib\/python\d+\.zip/)]);
    expect(leaking.notice).toMatch(/cannot be undone.*restarted so the next run starts clean/);
    expect(restarts.at(-1)).toBe('tainted');
    const after = await runner.run({ code: UNDOABLE_LEAK.probe });
    expect(after).toMatchObject({ status: 'finished', stdout: clean.stdout });
    expect(after.notice).toBeUndefined();
  }, 90_000);

  it('an audit hook is refused (it could never be removed)', async () => {
    const before = runner.restarts;
    const result = await runner.run({ code: AUDIT_HOOK.leak + AUDIT_HOOK.probe });
    expect(result).toMatchObject({ status: 'error', error: { type: 'RuntimeError', message: expect.stringMatching(/audit hooks are not available/) } });
    expect(await runner.run({ code: AUDIT_HOOK.probe })).toMatchObject({ status: 'finished', stdout: 'opened\n' });
    expect(runner.restarts).toBe(before);
  });
});
