// The heal controller in Node, against a fake runner (a script of pauses that awaits the
// controller's answers, as the real runner's worker does) and a fake executor (the state
// change each handling code makes). The engines are the real chooser; only the model is scripted.
import { describe, expect, it } from 'vitest';
import { createSignal } from 'solid-js';
import type { ExecuteRequest, ExecuteResult } from '../../workers/protocol/executor.ts';
import type { LookAheadOutcome, LookAheadRequest, LookAheadResult } from '../../workers/protocol/lookahead.ts';
import type { HealValue } from '../../workers/protocol/heal-values.ts';
import type { HealRecord, PauseAnswer, PauseContext, RunRequest, RunResult } from '../../workers/protocol/runner.ts';
import type { RunHandlers, RunOptions } from '../../workers/runner/client.ts';
import { normalizeSettings, type Settings } from '../state/settings.ts';
import { transition, type RunState } from '../state/run-state.ts';
import type { HealTraceEntry } from '../state/heal/trace.ts';
import { createScriptedEngine, type ScriptedAnswer } from '../../test/scripted-engine.ts';
import { pauseFixture } from '../../test/pause-fixtures.ts';
import { traceEntry } from '../../test/trace-entry.ts';
import type { HealContext } from '../../workers/shared/engine.ts';
import { createRunConsole } from './console.ts';
import { createEngines } from './engines.ts';
import { createHealController } from './heal.ts';

/** A link's recorded heal of the ZeroDivisionError at line 3 of SOURCE. */
function recordedHeal(handlingCode: string, decision: HealTraceEntry['decision']): HealTraceEntry {
  return traceEntry({ sid: 3, errorType: 'ZeroDivisionError', message: '', systemPrompt: '', userPrompt: '', answer: '', handlingCode, decision });
}

const SOURCE = 'total = 0\nfor d in [1, 0, 2]:\n    total += 10 // d\nprint(total)\n';
const pauseAt = (pauseIndex: number, type = 'ZeroDivisionError'): PauseContext =>
  pauseFixture({
    source: SOURCE,
    line: 3,
    kind: 'AugAssign',
    type,
    message: 'integer division or modulo by zero',
    pauseIndex,
    sid: 3,
    globals: { total: ['int', '10'], d: ['int', '0'] },
  });

type RunScript = (handlers: RunHandlers, request: RunRequest) => Promise<Partial<RunResult>>;

/** A runner whose program is a script: it pauses where the script says and records every answer. */
function fakeRunner(script: RunScript) {
  const answers: PauseAnswer[] = [];
  const runs: { request: RunRequest; options?: RunOptions }[] = [];
  return {
    info: { restarted: false } as unknown,
    answers,
    runs,
    async run(request: RunRequest, handlers: RunHandlers = {}, options?: RunOptions): Promise<RunResult> {
      runs.push({ request, options });
      const recording: RunHandlers = {
        ...handlers,
        onPause: async (context) => {
          const answer = await handlers.onPause!(context);
          answers.push(answer);
          return answer;
        },
      };
      const result = await script(recording, request);
      return { status: 'finished', stdout: '', stderr: '', truncated: false, heals: [], durationMs: 1, pausedMs: 0, ...result };
    },
  };
}

/** One pause; the program goes on (prints) when the answer merges, ends with the error when it raises. */
const onePause: RunScript = async (handlers) => {
  handlers.onOutput?.([['stdout', 'before\n']], false);
  const answer = await handlers.onPause!(pauseAt(0));
  if (answer.action !== 'merge') return { status: 'error', heals: [heal(answer)] };
  handlers.onOutput?.([['stdout', 'after\n']], false);
  return { heals: [heal(answer)] };
};

function heal(answer: PauseAnswer, action: HealRecord['action'] = answer.action === 'merge' ? 'merge' : 'raise'): HealRecord {
  const changed = answer.action === 'merge' ? (answer.set ?? []).map((b) => b.name) : [];
  return { sid: 3, line: 3, endLine: 3, errorType: 'ZeroDivisionError', message: 'integer division or modulo by zero', action, changed, roundTripMs: 40 };
}

/** `name = <int>` handling code binds that name; anything else raises NameError in the "executor". */
function fakeExecutor() {
  const requests: ExecuteRequest[] = [];
  return {
    requests,
    async execute(request: ExecuteRequest): Promise<ExecuteResult> {
      requests.push(request);
      const base = { stdout: '', stderr: '', outputTruncated: false, unmerged: [], execMs: 1, totalMs: 2, preludeSkipped: [], warnings: [] };
      const match = /^(\w+) = (\d+)\s*$/.exec(request.code);
      if (!match) {
        return { ...base, status: 'error', error: { type: 'NameError', message: 'name is not defined', formatted: 'NameError\n', phase: 'code' } };
      }
      return { ...base, status: 'ok', merge: { action: 'merge', set: [{ name: match[1]!, value: Number(match[2]) as HealValue }] } };
    },
  };
}

function setup(options: { answers?: ScriptedAnswer<HealContext>[]; script?: RunScript; settings?: Partial<Settings> } = {}) {
  const [settings, setSettings] = createSignal(normalizeSettings({ healEngine: 'rules', ...options.settings }));
  const [state, setState] = createSignal<RunState>({ phase: 'ready', blocking: 'jspi' });
  const stops: number[] = [];
  const runtime = {
    state,
    send: (event: Parameters<typeof transition>[1]) => setState((s) => transition(s, event)),
    stop: () => {
      stops.push(1);
      runtime.send({ type: 'stop' });
      stopRun?.();
    },
  };
  let stopRun: (() => void) | undefined;
  const notices: { kind: string; text: string }[] = [];
  const notify = (kind: string, text: string) => {
    notices.push({ kind, text });
    return notices.length;
  };
  const model = createScriptedEngine<HealContext>(options.answers ?? [], 'scripted');
  // The real chooser; "rules" is swapped for the scripted model so answers are known.
  const chooser = createEngines({ settings, models: { engine: () => undefined, status: () => 'idle' }, notify, openModelManager: () => {} });
  const engines = {
    heal: (replay?: Parameters<typeof chooser.heal>[0]) => (replay || settings().healEngine === 'off' ? chooser.heal(replay) : model),
    label: chooser.label,
  };
  const runner = fakeRunner(options.script ?? onePause);
  const executor = fakeExecutor();
  const runConsole = createRunConsole();
  let runStarts = 0;
  const [code, setCode] = createSignal(SOURCE);
  const heal = createHealController({
    runner,
    executor,
    runtime,
    console: runConsole,
    settings,
    engines,
    notify,
    request: () => ({ code: code(), stdin: '', expectedOutput: null }),
    code,
    onRunStart: () => {
      runStarts++;
    },
  });
  return {
    heal,
    runner,
    executor,
    model,
    state,
    notices,
    runConsole,
    setSettings,
    setCode,
    runStarts: () => runStarts,
    stops,
    onStop: (stop: () => void) => {
      stopRun = stop;
    },
  };
}

/** Lets the controller's promises (engine, executor) settle until `ready()` holds. */
async function until(ready: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const decisions = (trace: HealTraceEntry[]) => trace.map((t) => t.decision);
const consoleText = (c: ReturnType<typeof createRunConsole>) =>
  c
    .output()
    .entries.map((e) => e.text)
    .join('');

describe('heal controller', () => {
  it('pause → proposal from the engine and the executor → Accept merges exactly the reviewed answer', async () => {
    const t = setup({ answers: ['<code>\ntotal = 7\n</code>'] });
    const done = t.heal.run();
    await until(() => t.heal.proposal() !== undefined, 'a proposal');
    expect(t.runStarts()).toBe(1);
    expect(t.state().phase).toBe('paused');
    expect(t.heal.healing()).toBe(true);
    const proposal = t.heal.proposal()!;
    expect(proposal).toMatchObject({ attempt: 1, code: 'total = 7', execution: { status: 'ok' } });
    expect(t.executor.requests).toEqual([expect.objectContaining({ source: SOURCE, code: 'total = 7' })]);
    expect(t.model.calls[0]!.context?.pause.pauseIndex).toBe(0);
    expect(t.runner.answers).toEqual([]); // nothing merges before Accept

    t.heal.accept();
    await done;
    expect(t.runner.answers).toEqual([{ ...proposal.execution!.merge, reuse: 'total = 7' }]);
    expect(t.state().phase).toBe('ready');
    expect(consoleText(t.runConsole)).toBe('before\nafter\n');
    expect(decisions(t.heal.trace())).toEqual(['accepted']);
    expect(t.heal.trace()[0]).toMatchObject({ handlingCode: 'total = 7', diff: expect.stringContaining('total'), engine: 'scripted' });
    expect(t.heal.lastRun()?.pauses.get(0)?.line).toBe(3);
    expect(t.heal.proposal()).toBeUndefined();
  });

  it('Reject keeps the program paused; Retry asks again with the reason; End answers raise', async () => {
    const t = setup({
      answers: ['<code>\ntotal = 1\n</code>', (context) => `<code>\ntotal = ${context?.attempt}${context?.rejection === 'too small' ? '0' : ''}\n</code>`],
      script: async (handlers) => {
        const answer = await handlers.onPause!(pauseAt(0));
        return { status: answer.action === 'merge' ? 'finished' : 'error' };
      },
    });
    const done = t.heal.run();
    await until(() => t.heal.proposal() !== undefined);
    t.heal.retry('too small');
    expect(t.heal.proposal()).toBeUndefined();
    expect(t.state().phase).toBe('paused');
    await until(() => t.heal.proposal()?.attempt === 2, 'the second attempt');
    expect(t.model.calls[1]!.context).toMatchObject({ attempt: 2, rejection: 'too small' });
    expect(t.heal.proposal()!.code).toBe('total = 20');
    expect(decisions(t.heal.trace())).toEqual(['rejected']);
    expect(t.heal.trace()[0]!.rejection).toBe('too small');

    t.heal.reject('still wrong');
    expect(t.heal.proposal()).toBeUndefined();
    expect(t.state().phase).toBe('paused'); // rejecting never ends the pause
    expect(t.runner.answers).toEqual([]);
    t.heal.end();
    await done;
    expect(t.runner.answers).toEqual([{ action: 'raise' }]);
    expect(decisions(t.heal.trace())).toEqual(['rejected', 'rejected']);
  });

  it('edit: the edited handling code runs in the executor and becomes what Accept merges', async () => {
    const t = setup({ answers: ['<code>\ntotal = 1\n</code>'] });
    const done = t.heal.run();
    await until(() => t.heal.proposal() !== undefined);
    await t.heal.runEdited('total = 99\n');
    expect(t.executor.requests.map((r) => r.code)).toEqual(['total = 1', 'total = 99\n']);
    expect(t.heal.proposal()).toMatchObject({ code: 'total = 99\n', execution: { merge: { set: [{ name: 'total', value: 99 }] } } });
    t.heal.accept();
    await done;
    expect(t.runner.answers[0]).toMatchObject({ action: 'merge', set: [{ name: 'total', value: 99 }], reuse: 'total = 99\n' });
    expect(t.heal.trace()[0]).toMatchObject({ decision: 'accepted', handlingCode: 'total = 99\n' });
  });

  it('Skip answers an empty merge (the statement is skipped); the shown proposal is recorded as skipped', async () => {
    const t = setup({ answers: ['<code>\ntotal = 5\n</code>'] });
    const done = t.heal.run();
    await until(() => t.heal.proposal() !== undefined);
    t.heal.skip();
    await done;
    expect(t.runner.answers).toEqual([{ action: 'merge' }]);
    expect(t.heal.trace()[0]).toMatchObject({ decision: 'skipped', handlingCode: 'total = 5' });
    expect(t.heal.trace()[0]!.diff).toBeUndefined();
  });

  it('auto-accept merges the first proposal that runs cleanly, without a review', async () => {
    const t = setup({ answers: ['<code>\nundefined_name\n</code>', '<code>\ntotal = 3\n</code>'], settings: { autoAccept: true } });
    await t.heal.run();
    expect(t.runner.answers).toEqual([{ action: 'merge', set: [{ name: 'total', value: 3 }], reuse: 'total = 3' }]);
    expect(decisions(t.heal.trace())).toEqual(['rejected', 'auto-accepted']);
    expect(t.heal.trace()[0]!.rejection).toMatch(/NameError/);
  });

  it('auto-accept with no clean proposal leaves the decision to the user', async () => {
    const t = setup({ answers: ['<code>\nnope\n</code>'], settings: { autoAccept: true, maxAttempts: 1 } });
    const done = t.heal.run();
    await until(() => t.notices.some((n) => n.text.startsWith('No handling code')), 'the warning');
    expect(t.state().phase).toBe('paused');
    t.heal.end();
    await done;
    expect(t.runner.answers).toEqual([{ action: 'raise' }]);
  });

  it("reuse: the accepted code travels with the merge; the runner's reuses show once in the timeline", async () => {
    const t = setup({
      answers: ['<code>\ntotal = 10\n</code>'],
      script: async (handlers) => {
        const answer = await handlers.onPause!(pauseAt(0));
        // The runner reuses the accepted code for the same statement and error type: no more pauses.
        return {
          heals: [heal(answer)],
          reuses: [
            { sid: 3, line: 3, endLine: 3, errorType: 'ZeroDivisionError', message: 'm', count: 2, totalMs: 0.2, changed: ['total'], timesMs: [0.1, 0.1] },
          ],
        };
      },
    });
    const done = t.heal.run();
    await until(() => t.heal.proposal() !== undefined);
    t.heal.accept();
    await done;
    expect(t.runner.answers[0]).toMatchObject({ reuse: 'total = 10' });
    expect(decisions(t.heal.trace())).toEqual(['accepted', 'reused']);
    expect(t.heal.trace()[1]).toMatchObject({ engine: 'reuse', diff: 'reused 2 times (changed total)' });
    expect(t.heal.trace()[0]!.timings.mergeMs).toBeGreaterThan(0);
  });

  it('reuse off: the merge carries no code, so every pause asks again', async () => {
    const t = setup({ answers: ['<code>\ntotal = 10\n</code>'], settings: { reuseAccepted: false } });
    const done = t.heal.run();
    await until(() => t.heal.proposal() !== undefined);
    t.heal.accept();
    await done;
    expect(t.runner.answers[0]).not.toHaveProperty('reuse');
  });

  it("replay: a link's recorded heals are shown, run only after the explicit decision, and each waits for Accept", async () => {
    const t = setup({ answers: ['<code>\ntotal = 1\n</code>'], settings: { autoAccept: true } });
    const recorded = recordedHeal('total = 42', 'accepted');
    t.heal.showRecorded(SOURCE, [recorded]);
    expect(t.heal.trace()).toEqual([recorded]);
    expect(t.heal.replaying()).toBe(false);

    // Without the decision Run uses the chosen engine (auto-accept applies to it).
    await t.heal.run();
    expect(t.model.calls).toHaveLength(1);
    expect(t.runner.answers.at(-1)).toMatchObject({ set: [{ name: 'total', value: 1 }] });
    expect(t.executor.requests.map((r) => r.code)).toEqual(['total = 1']);

    t.heal.startReplay();
    expect(t.heal.replaying()).toBe(true);
    expect(t.notices.at(-1)!.text).toMatch(/replays the recorded heals/);
    const done = t.heal.run();
    await until(() => t.heal.proposal() !== undefined);
    expect(t.heal.engineLabel()).toBe('the recorded heals');
    expect(t.heal.proposal()!.code).toBe('total = 42');
    expect(t.model.calls).toHaveLength(1); // no model asked
    expect(t.state().phase).toBe('paused'); // auto-accept never applies to recorded heals
    expect(t.runner.answers).toHaveLength(1);
    t.heal.accept();
    await done;
    expect(t.runner.answers.at(-1)).toMatchObject({ set: [{ name: 'total', value: 42 }] });
    expect(t.heal.trace()[0]).toMatchObject({ engine: 'replay', decision: 'accepted' });

    // Editing the program ends the replay: the recording belongs to the link's code.
    t.heal.codeChanged(SOURCE);
    expect(t.heal.replaying()).toBe(true);
    t.heal.codeChanged(`${SOURCE}# edited\n`);
    expect(t.heal.replaying()).toBe(false);
    expect(t.heal.recorded()).toBeUndefined();
    t.heal.startReplay(); // nothing recorded any more: no replay
    expect(t.heal.replaying()).toBe(false);
  });

  it('healing off: a pause gets no session and Skip answers the runner directly', async () => {
    const t = setup({ settings: { healEngine: 'off' } });
    const done = t.heal.run();
    await until(() => t.state().phase === 'paused');
    expect(t.heal.healing()).toBe(false);
    expect(t.heal.proposal()).toBeUndefined();
    t.heal.skip();
    await done;
    expect(t.runner.answers).toEqual([{ action: 'merge' }]);
    expect(t.heal.trace()).toEqual([]);
    expect(t.heal.lastRun()).toBeUndefined();
  });

  it('input() waits for a line; a stopped run says why; Run does nothing while a run is active', async () => {
    const t = setup({
      settings: { timeLimitMs: 2000 },
      script: async (handlers) => {
        const line = await handlers.onInput!('name? ');
        handlers.onOutput?.([['stdout', `hi ${line}\n`]], false);
        return { status: 'stopped', stopReason: 'time-limit' };
      },
    });
    const done = t.heal.run();
    await until(() => t.state().phase === 'awaiting-input');
    expect(t.state().prompt).toBe('name? ');
    await t.heal.run(); // ignored: not ready
    expect(t.runner.runs).toHaveLength(1);
    expect(t.runner.runs[0]!.options).toEqual({ timeLimitMs: 2000 });
    t.heal.input('Ada');
    await done;
    expect(consoleText(t.runConsole)).toBe('hi Ada\nStopped: the time limit (2 s) was reached.\n');
    expect(t.state().phase).toBe('ready');
  });

  it("the request carries the comparison rule; a stop names the user's line", async () => {
    const t = setup({
      settings: { outputCompare: 'strict' },
      script: async () => ({ status: 'stopped', stopReason: 'user', stoppedAt: { line: 3, endLine: 3, name: 'spin', text: 'time.sleep(1)' } }),
    });
    await t.heal.run();
    expect(t.runner.runs[0]!.request.compare).toBe('strict');
    expect(consoleText(t.runConsole)).toBe('Stopped. It was at line 3 in spin: time.sleep(1).\n');
  });

  it('the heals of every run are kept for Export, by run', async () => {
    const t = setup({ answers: ['<code>\ntotal = 10\n</code>', '<code>\ntotal = 20\n</code>'] });
    for (const run of [1, 2]) {
      const done = t.heal.run();
      await until(() => t.heal.proposal() !== undefined, `proposal of run ${run}`);
      t.heal.accept();
      await done;
    }
    expect(t.heal.history().map((h) => [h.run, decisions(h.entries)])).toEqual([
      [1, ['accepted']],
      [2, ['accepted']],
    ]);
    expect(t.heal.trace()).toHaveLength(1); // the timeline shows the last run
  });

  it('editing while paused offers "Stop and run the edited code": the old run stops, the new code runs', async () => {
    const t = setup({
      settings: { healEngine: 'off' },
      script: async (handlers) => {
        const stopped = new Promise<PauseAnswer>((resolve) => t.onStop(() => resolve({ action: 'stop' })));
        const answer = await Promise.race([handlers.onPause!(pauseAt(0)), stopped]);
        return answer.action === 'stop' ? { status: 'stopped', stopReason: 'user' } : {};
      },
    });
    const first = t.heal.run();
    await until(() => t.state().phase === 'paused');
    expect(t.heal.editedWhileActive()).toBe(false);
    t.setCode(`${SOURCE}print("edited")\n`);
    expect(t.heal.editedWhileActive()).toBe(true);
    const restarted = t.heal.restartEdited();
    await first;
    await until(() => t.state().phase === 'paused', 'the edited run pauses');
    expect(t.stops).toHaveLength(1);
    expect(t.runner.runs.map((r) => r.request.code.endsWith('print("edited")\n'))).toEqual([false, true]);
    expect(t.heal.editedWhileActive()).toBe(false);
    t.heal.end();
    await restarted;
  });
});

describe('heal controller with look-ahead', () => {
  it('looks the candidates ahead in the background; choosing one makes it the proposal Accept merges', async () => {
    const t = setup({ answers: Array.from({ length: 4 }, () => () => '<code>\ntotal = 7\n</code>'), settings: { lookAhead: true } });
    const lookAheads: LookAheadRequest[] = [];
    const executor = t.executor as ReturnType<typeof fakeExecutor> & { lookAhead(request: LookAheadRequest): Promise<LookAheadResult> };
    executor.lookAhead = async (request) => {
      lookAheads.push(request);
      // `total = 7` runs into a later error; skipping the statement finishes.
      const outcome = (code: string): LookAheadOutcome => ({
        status: code === 'pass' ? 'finished' : 'error',
        stdout: 'out\n',
        truncated: false,
        laterPauses: 0,
        statementsAfter: 3,
        ms: 1,
        nondeterministic: [],
        ...(code === 'pass' ? {} : { error: { type: 'TypeError', message: 'm', line: 4 } }),
      });
      return { outcomes: request.candidates.map((c) => outcome(c.code)), imports: [], totalMs: 5 };
    };
    const done = t.heal.run();
    await until(() => t.heal.proposal() !== undefined && t.heal.lookAhead()?.looked !== undefined, 'a proposal and a look-ahead');
    expect(t.heal.proposal()!.code).toBe('total = 7'); // the engine's proposal does not wait for the look-ahead
    expect(lookAheads).toEqual([
      expect.objectContaining({ code: SOURCE, stdin: '', pauseIndex: 0, decisions: [], candidates: [{ code: 'total = 7' }, { code: 'pass' }] }),
    ]);
    const view = t.heal.lookAhead()!;
    expect(view.looked!.choice.order).toEqual([1, 0]);
    expect(view.looked!.verdicts.map((v) => v.proceed)).toEqual([false, true]);
    expect(t.runner.answers).toEqual([]); // nothing merges from a look-ahead

    await t.heal.chooseCandidate(0);
    await until(() => t.heal.proposal()?.attempt === 1 && t.heal.busy() === null, 'the chosen candidate');
    expect(t.heal.proposal()!.code).toBe('total = 7');
    t.heal.accept();
    await done;
    expect(t.runner.answers[0]).toMatchObject({ action: 'merge', set: [{ name: 'total', value: 7 }] });
    expect(t.heal.lookAhead()).toBeUndefined();
  });

  it("attack: a link's recorded heals with look-ahead and auto-accept on never run ahead and never merge unreviewed", async () => {
    // The user took the link's settings (look ahead, auto-accept); its recorded heal is the attacker's code.
    const t = setup({ answers: ['<code>\ntotal = 1\n</code>'], settings: { autoAccept: true, lookAhead: true } });
    const lookAheads: LookAheadRequest[] = [];
    const executor = t.executor as ReturnType<typeof fakeExecutor> & { lookAhead(request: LookAheadRequest): Promise<LookAheadResult> };
    executor.lookAhead = async (request) => {
      lookAheads.push(request);
      return {
        outcomes: request.candidates.map(() => ({
          status: 'finished',
          stdout: '',
          truncated: false,
          laterPauses: 0,
          statementsAfter: 0,
          ms: 0,
          nondeterministic: [],
        })),
        imports: [],
        totalMs: 0,
      };
    };
    const recorded = recordedHeal('total = 66', 'auto-accepted');
    t.heal.showRecorded(SOURCE, [recorded]);
    expect(t.executor.requests).toEqual([]); // showing a link runs nothing
    t.heal.startReplay();
    const done = t.heal.run();
    await until(() => t.heal.proposal() !== undefined, 'the recorded heal as a proposal');
    t.heal.lookAheadNow(); // the on-demand button, pressed anyway
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lookAheads).toEqual([]); // the recorded code never ran ahead
    expect(t.heal.lookAhead()).toBeUndefined();
    expect(t.state().phase).toBe('paused'); // not auto-accepted
    expect(t.runner.answers).toEqual([]);
    expect(t.model.calls).toHaveLength(0);
    t.heal.accept();
    await done;
    expect(t.runner.answers[0]).toMatchObject({ set: [{ name: 'total', value: 66 }] });
    expect(t.heal.trace()[0]).toMatchObject({ engine: 'replay', decision: 'accepted' });
  });

  it('answering the pause stops its look-ahead still running in the background', async () => {
    const t = setup({ answers: Array.from({ length: 4 }, () => () => '<code>\ntotal = 7\n</code>'), settings: { lookAhead: true } });
    const signals: AbortSignal[] = [];
    const executor = t.executor as ReturnType<typeof fakeExecutor> & {
      lookAhead(request: LookAheadRequest, options?: { signal?: AbortSignal }): Promise<LookAheadResult>;
    };
    // A look-ahead that only ends when it is stopped (candidates spinning until their limit).
    executor.lookAhead = (request, options) =>
      new Promise((resolve) => {
        signals.push(options!.signal!);
        options!.signal!.addEventListener('abort', () =>
          resolve({
            outcomes: request.candidates.map(() => ({
              status: 'stopped',
              stdout: '',
              truncated: false,
              laterPauses: 0,
              statementsAfter: 0,
              ms: 0,
              nondeterministic: [],
            })),
            imports: [],
            totalMs: 0,
          }),
        );
      });
    const done = t.heal.run();
    await until(() => t.heal.proposal() !== undefined && signals.length === 1, 'a proposal while the look-ahead runs');
    expect(signals[0]!.aborted).toBe(false);
    t.heal.accept();
    await done;
    expect(signals[0]!.aborted).toBe(true);
    expect(t.notices.filter((n) => n.kind === 'error')).toEqual([]);
  });
});
