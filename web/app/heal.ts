// The heal controller: one run of the program and every decision at its pauses. Run starts
// a heal session (state/heal/session.ts) with the chosen engine; each pause asks it for a
// proposal (or, with auto-accept, merges the first one that runs cleanly); the user accepts,
// rejects, retries with a reason, edits and re-runs the handling code, skips the statement
// or ends with the traceback. A link's recorded heals replay only after startReplay(), and
// each replayed heal still waits for Accept. Accepted fixes are reused by the runner itself
// (the merge answer carries their code); the timeline groups those reuses. The heals of every
// run of the session are kept (history) for Export; editing the code during a run offers
// "Stop and run the edited code" (restartEdited). With look-ahead on, every candidate of a
// pause is run ahead in a disposable executor worker in the background (never blocking the
// decision); choosing one makes it the proposal, reviewed and accepted as any other.
// No DOM: the same controller runs in Node against a fake runner and executor (app/heal.test.ts).
import { batch, createSignal, type Accessor } from 'solid-js';
import type { PauseAnswer, PauseContext, RunRequest, RunResult, TraceFrame } from '../../workers/protocol/runner.ts';
import type { RunHandlers, RunOptions } from '../../workers/runner/client.ts';
import { errorText } from '../../workers/shared/async.ts';
import type { HealEngine } from '../../workers/shared/engine.ts';
import type { ReplayRecord } from '../state/heal/replay.ts';
import { HealSession, withMergeTimings, withReuses, type ExecutorLike, type LookedAhead, type Proposal } from '../state/heal/session.ts';
import type { HealCandidate } from '../state/heal/lookahead.ts';
import type { HealTraceEntry } from '../state/heal/trace.ts';
import { canRun, isActive, type RunEvent, type RunState } from '../state/run-state.ts';
import type { Settings } from '../state/settings.ts';
import type { Notify } from './notices.ts';
import type { RunConsole } from './console.ts';

/** Time limit for one proposal's handling code in the executor. */
export const EXECUTOR_TIME_LIMIT_MS = 10_000;

/** What the last run left for repairs: its source and test case, and the pause behind each heal. */
export interface HealRunRecord {
  source: string;
  stdin: string;
  expectedOutput: string | null;
  pauses: ReadonlyMap<number, PauseContext>;
}

export interface HealRunner {
  run(request: RunRequest, handlers?: RunHandlers, options?: RunOptions): Promise<RunResult>;
  /** Undefined while the worker restarts (after a hard stop or a crash). */
  readonly info?: unknown;
}

/** The heal decisions of one run of the session, for Export (grouped by run). */
export interface HealRunHistory {
  /** 1-based, in the order the runs started. */
  run: number;
  code: string;
  entries: HealTraceEntry[];
}

/** "Stopped." and the user's line it was at (never an interpreter frame). */
export function stoppedText(result: Pick<RunResult, 'stopReason' | 'stoppedAt'>, timeLimitMs: number): string {
  const at = (frame: TraceFrame | undefined) =>
    frame ? ` at line ${frame.line}${frame.name !== '<module>' ? ` in ${frame.name}` : ''}${frame.text ? `: ${frame.text}` : ''}` : '';
  return result.stopReason === 'time-limit'
    ? `Stopped: the time limit (${timeLimitMs / 1000} s) was reached${at(result.stoppedAt)}.\n`
    : `Stopped.${result.stoppedAt ? ` It was${at(result.stoppedAt)}.` : ''}\n`;
}

export interface HealDeps {
  runner: HealRunner;
  executor: ExecutorLike;
  runtime: { state: Accessor<RunState>; send(event: RunEvent): void; stop?(): void };
  console: Pick<RunConsole, 'start' | 'append' | 'system' | 'setError'>;
  /** The program and test case to run now. */
  request(): { code: string; stdin: string; expectedOutput: string | null };
  /** The program in the editor now (a run of an older version is offered a restart). */
  code?: Accessor<string>;
  settings: Accessor<Settings>;
  engines: { heal(replay?: readonly ReplayRecord[]): HealEngine | undefined; label(replay?: readonly ReplayRecord[]): string };
  notify: Notify;
  /** Told when Run starts (e.g. link notices stop saying "not run"). */
  onRunStart?(): void;
  /** A pause the engine is not asked about: an import of a module the browser cannot provide (the pause panel says so). */
  holdsPause?(context: PauseContext): boolean;
}

/** The look-ahead of the current pause: its candidates, then where each one leads. */
export interface LookAheadView {
  pauseIndex: number;
  candidates: HealCandidate[];
  looked?: LookedAhead;
  running: boolean;
  error?: string;
}

/** A link's recorded heals, for the program they were recorded on. */
export interface RecordedHeals {
  code: string;
  entries: HealTraceEntry[];
}

export type HealController = ReturnType<typeof createHealController>;

export function createHealController(deps: HealDeps) {
  const { send, state } = deps.runtime;
  const [proposal, setProposal] = createSignal<Proposal>();
  const [busy, setBusy] = createSignal<string | null>(null);
  const [trace, setTrace] = createSignal<HealTraceEntry[]>([]);
  const [lastRun, setLastRun] = createSignal<HealRunRecord>();
  const [healing, setHealing] = createSignal(false);
  const [lookAhead, setLookAhead] = createSignal<LookAheadView>();
  // Heals recorded in an opened link: shown in the timeline, run only after the explicit
  // "Run the recorded heals" decision (replaying); every replayed heal is reviewed.
  const [recorded, setRecorded] = createSignal<RecordedHeals>();
  const [replaying, setReplaying] = createSignal(false);
  const replayTrace = () => (replaying() ? recorded()?.entries : undefined);
  // The code the current (or last) run started with, and the heals of every run of the session.
  const [runCode, setRunCode] = createSignal<string>();
  const [history, setHistory] = createSignal<HealRunHistory[]>([]);
  let runs = 0;
  let running: Promise<void> | undefined;
  const engineLabel = () => deps.engines.label(replayTrace());

  let session: HealSession | undefined;
  let pauseContext: PauseContext | undefined;
  let answerPause: ((answer: PauseAnswer) => void) | undefined;
  let answerInput: ((line: string | null) => void) | undefined;
  const syncTrace = () => session && setTrace([...session.trace]);

  function run(): Promise<void> {
    if (!canRun(state())) return Promise.resolve();
    running = runOnce().finally(() => {
      running = undefined;
    });
    return running;
  }

  async function runOnce(): Promise<void> {
    deps.onRunStart?.();
    const settings = deps.settings();
    const request: RunRequest = { ...deps.request(), compare: settings.outputCompare };
    const runNumber = ++runs;
    setRunCode(request.code);
    const engine = deps.engines.heal(replayTrace());
    session = engine
      ? new HealSession(
          request.code,
          engine,
          deps.executor,
          {
            // Recorded heals from a link are never merged unreviewed, whatever the setting.
            autoAccept: settings.autoAccept && !replaying(),
            maxAttempts: settings.maxAttempts,
            reuseAccepted: settings.reuseAccepted,
            executorTimeLimitMs: EXECUTOR_TIME_LIMIT_MS,
            // The test case's expected output, when there is one, is what a continuation is judged by.
            lookAhead: settings.lookAhead && !replaying() ? 'expected' : 'off',
          },
          { stdin: request.stdin ?? '', expectedOutput: request.expectedOutput ?? null, compare: settings.outputCompare },
        )
      : undefined;
    setHealing(session !== undefined);
    setTrace([]);
    setLastRun(undefined);
    batch(() => {
      send({ type: 'run' });
      deps.console.start(performance.now());
    });
    const result = await deps.runner.run(
      request,
      {
        onOutput: (chunks, truncated) => deps.console.append(chunks, truncated),
        onPause: (context) =>
          new Promise<PauseAnswer>((resolve) => {
            send({ type: 'paused', context });
            pauseContext = context;
            answerPause = (answer) => {
              answerPause = undefined;
              pauseContext = undefined;
              batch(() => {
                setProposal(undefined);
                setLookAhead(undefined);
                setBusy(null);
                send({ type: 'resumed' });
              });
              resolve(answer);
            };
            void startHealing(context);
          }),
        onInput: (prompt) =>
          new Promise<string | null>((resolve) => {
            send({ type: 'input-requested', prompt });
            answerInput = (line) => {
              answerInput = undefined;
              // A look-ahead re-runs the program from the start: it reads what was typed too.
              if (line !== null) session?.typed(`${line}\n`);
              send({ type: 'input-answered' });
              resolve(line);
            };
          }),
      },
      { timeLimitMs: settings.timeLimitMs },
    );
    const expectedOutput = request.expectedOutput ?? null;
    answerPause = answerInput = undefined;
    const healed = session;
    session = undefined;
    batch(() => {
      setProposal(undefined);
      setLookAhead(undefined);
      setBusy(null);
      setHealing(false);
      if (healed) {
        setLastRun({ source: request.code, stdin: request.stdin ?? '', expectedOutput, pauses: healed.pauses });
        const outcome = result.proceed === undefined ? undefined : { proceed: result.proceed, correct: result.correct };
        const entries = withReuses(withMergeTimings(healed.trace, result.heals), result.reuses).map((t) => ({ ...t, outcome }));
        setTrace(entries);
        if (entries.length) setHistory((list) => [...list, { run: runNumber, code: request.code, entries }]);
      }
      if (result.status === 'stopped') deps.console.system(stoppedText(result, settings.timeLimitMs));
      deps.console.setError(result.status === 'error' ? result.error : undefined);
      if (result.notice) deps.notify('warning', result.notice);
      send({ type: 'finished', result });
      // A hard stop or a crash restarts the worker: show loading until it is back.
      if (!deps.runner.info) send({ type: 'restarting' });
    });
  }

  async function startHealing(context: PauseContext): Promise<void> {
    const current = session;
    if (!current || deps.holdsPause?.(context)) return;
    try {
      if (current.settings.autoAccept && current.settings.lookAhead !== 'off' && current.canLookAhead) {
        setBusy(`Looking ahead at the candidates of ${engineLabel()}…`);
        const { answer, looked } = await current.autoHealByLookAhead(context);
        syncTrace();
        if (answer.action === 'merge' && pauseContext === context) {
          answerPause?.(answer);
          return;
        }
        setLookAhead({ pauseIndex: context.pauseIndex, candidates: looked.candidates, looked, running: false });
        setBusy(null);
        deps.notify('warning', `No candidate for ${context.error.type} at line ${context.line} ran cleanly; decide below.`);
        return;
      }
      if (current.settings.autoAccept) {
        setBusy(`Healing with ${engineLabel()}…`);
        const answer = await current.autoHeal(context);
        syncTrace();
        if (answer.action === 'merge' && pauseContext === context) {
          answerPause?.(answer);
          return;
        }
        setBusy(null);
        deps.notify('warning', `No handling code for ${context.error.type} at line ${context.line} ran cleanly; decide below.`);
        return;
      }
      if (current.settings.lookAhead !== 'off') void lookAheadAt(context);
      await propose(context, 1);
    } catch (error) {
      setBusy(null);
      deps.notify('error', `The heal engine failed: ${errorText(error)}`);
    }
  }

  async function propose(context: PauseContext, attempt: number, rejection?: string): Promise<void> {
    if (!session) return;
    setProposal(undefined);
    setBusy(`Asking ${engineLabel()} for handling code…`);
    const next = await session.propose(context, attempt, rejection);
    if (pauseContext !== context) return;
    batch(() => {
      setProposal(next);
      setBusy(null);
    });
  }

  /**
   * Looks every candidate of this pause ahead, in the background: the decision never waits
   * for it (Accept, Skip and End stay available).
   */
  async function lookAheadAt(context: PauseContext): Promise<void> {
    const current = session;
    // A link's recorded heals answer each pause once: asking the replay engine for samples would use them up.
    if (!current?.canLookAhead || pauseContext !== context || replaying()) return;
    setLookAhead({ pauseIndex: context.pauseIndex, candidates: [], running: true });
    try {
      const { candidates } = await current.candidates(context);
      if (pauseContext !== context) return;
      setLookAhead({ pauseIndex: context.pauseIndex, candidates, running: true });
      // Shown best first by the test case's expected output when there is one.
      const looked = await current.lookAhead(context, candidates, 'expected');
      if (pauseContext !== context) return;
      setLookAhead({ pauseIndex: context.pauseIndex, candidates, looked, running: false });
    } catch (error) {
      if (pauseContext !== context) return;
      setLookAhead((view) => view && { ...view, running: false, error: errorText(error) });
    }
  }

  /** A looked-ahead candidate becomes the proposal: run in the executor, its diff shown, Accept merges it. */
  async function chooseCandidate(index: number): Promise<void> {
    const view = lookAhead();
    const context = pauseContext;
    const candidate = view?.candidates[index];
    if (!session || !context || !candidate || view.pauseIndex !== context.pauseIndex) return;
    setProposal(undefined);
    setBusy('Running the chosen candidate in the executor…');
    const next = await session.proposeCandidate(context, candidate);
    if (pauseContext !== context) return;
    batch(() => {
      setProposal(next);
      setBusy(null);
    });
  }

  /** Merges the proposal's state change into the paused program, which goes on. */
  function accept(): void {
    const p = proposal();
    if (!session || !p || !pauseContext) return;
    const answer = session.decide(pauseContext, p, 'accepted');
    syncTrace();
    answerPause?.(answer);
  }

  /** Records the rejection; the program stays paused. With retry, asks again with the reason. */
  function reject(reason: string, retry = false): void {
    const p = proposal();
    const context = pauseContext;
    if (!session || !p || !context) return;
    session.decide(context, p, 'rejected', reason);
    syncTrace();
    setProposal(undefined);
    if (retry) void propose(context, p.attempt + 1, reason).catch((e: unknown) => deps.notify('error', String(e)));
  }

  /** Runs the user's edit of the handling code in the executor; it becomes the proposal. */
  async function runEdited(codeText: string): Promise<void> {
    const p = proposal();
    const context = pauseContext;
    if (!session || !p || !context) return;
    setBusy('Running your handling code in the executor…');
    const { execution, executorMs } = await session.execute(context, codeText);
    if (pauseContext !== context) return;
    batch(() => {
      setProposal({ ...p, code: codeText, execution, executorMs });
      setBusy(null);
    });
  }

  /** Skip the statement (an empty merge) or end with the traceback; a shown proposal is recorded as such. */
  function answer(pauseAnswer: PauseAnswer): void {
    const p = proposal();
    if (session && pauseContext && p) {
      session.decide(pauseContext, { ...p, execution: undefined }, pauseAnswer.action === 'raise' ? 'raised' : 'skipped');
      syncTrace();
    }
    if (session && pauseContext && pauseAnswer.action === 'merge') session.skipped(pauseContext);
    answerPause?.(pauseAnswer);
  }

  // -- a link's recorded heals ------------------------------------------------------
  /** Shows a link's recorded heals in the timeline (null: the link had none). Nothing runs. */
  function showRecorded(code: string, entries: HealTraceEntry[] | null): void {
    batch(() => {
      setRecorded(entries?.length ? { code, entries } : undefined);
      setReplaying(false);
    });
    setTrace(entries ?? []);
    setLastRun(undefined);
  }

  /** The explicit decision to replay a link's recorded heals (each one is still reviewed before it merges). */
  function startReplay(): void {
    if (!recorded()) return;
    setReplaying(true);
    deps.notify('info', 'The next Run replays the recorded heals: each one runs in the isolated executor and waits for your Accept.', [], { key: 'replay' });
  }

  /** Replay belongs to the link's program: editing the code ends it. */
  function codeChanged(code: string): void {
    const current = recorded();
    if (current && code !== current.code)
      batch(() => {
        setRecorded(undefined);
        setReplaying(false);
      });
  }

  /** A run is active, but of another version of the code than the editor's. */
  const editedWhileActive = () => {
    const ran = runCode();
    return deps.code !== undefined && ran !== undefined && isActive(state()) && deps.code() !== ran;
  };

  /** "Stop and run the edited code": stops the active run, waits for it to end, runs the editor's code. */
  async function restartEdited(): Promise<void> {
    if (isActive(state())) {
      if (state().phase !== 'stopping') deps.runtime.stop?.();
      await running;
      // A hard stop restarts Python: the run waits until it is back (canRun).
      for (let i = 0; i < 600 && !canRun(state()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await run();
  }

  return {
    run,
    /** A line typed at an input() prompt; null is EOF. */
    input: (line: string | null) => answerInput?.(line),
    proposal,
    lookAhead,
    lookAheadNow: () => pauseContext && void lookAheadAt(pauseContext),
    chooseCandidate: (index: number) => void chooseCandidate(index).catch((e: unknown) => deps.notify('error', errorText(e))),
    busy,
    trace,
    lastRun,
    /** A heal session runs (the engine is not off): pauses get a heal review. */
    healing,
    engineLabel,
    accept,
    reject: (reason: string) => reject(reason, false),
    retry: (reason: string) => reject(reason, true),
    runEdited,
    skip: () => answer({ action: 'merge' }),
    end: () => answer({ action: 'raise' }),
    answer,
    recorded,
    replaying,
    showRecorded,
    startReplay,
    stopReplay: () => void setReplaying(false),
    codeChanged,
    /** The code the current (or last) run started with. */
    runCode,
    editedWhileActive,
    restartEdited,
    /** Every run's heal decisions this session (runs without any are left out), for Export. */
    history,
  };
}
