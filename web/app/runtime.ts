// Python's life on the page: the runner starting (and restarting after a hard stop or a
// crash), the run state machine every view and command reads, Stop, and the syntax
// markers checked as you type.
import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import type { RunnerInfo, SyntaxCheck } from '../../workers/protocol/runner.ts';
import { errorText } from '../../workers/shared/async.ts';
import type { EditorMarker } from '../state/editor-marker.ts';
import { canStop, initialRunState, isActive, transition, type RunEvent, type RunState } from '../state/run-state.ts';
import type { Notify } from './notices.ts';

export const SYNTAX_CHECK_DELAY_MS = 400;

export interface RuntimeRunner {
  start(): Promise<RunnerInfo>;
  stop(): void;
  checkSyntax(code: string): Promise<SyntaxCheck>;
}

export interface RuntimeDeps {
  runner: RuntimeRunner;
  notify: Notify;
  /** The program in the editor (its syntax is checked while nothing runs). */
  code: Accessor<string>;
  /** Called once Python is ready, e.g. to warm the executor so the first heal does not wait. */
  onReady?(): void;
}

export type Runtime = ReturnType<typeof createRuntime>;

export function createRuntime(deps: RuntimeDeps) {
  const [state, setState] = createSignal<RunState>(initialRunState);
  const [info, setInfo] = createSignal<RunnerInfo>();
  const [syntaxMarkers, setSyntaxMarkers] = createSignal<EditorMarker[]>([]);
  const send = (event: RunEvent) => setState((s) => transition(s, event));

  function start(): void {
    deps.runner.start().then(
      (runnerInfo) => {
        setInfo(runnerInfo);
        send({ type: 'loaded', blocking: runnerInfo.blocking });
        scheduleSyntaxCheck();
        deps.onReady?.();
      },
      (error: unknown) => {
        const message = errorText(error);
        send({ type: 'load-failed', message });
        deps.notify(
          'error',
          `Python could not start: ${message}. Your code is safe.`,
          {
            label: 'Try again',
            run: () => {
              send({ type: 'restarting' });
              start();
            },
          },
          { key: 'python-start' },
        );
      },
    );
  }

  /** After a hard stop or crash the worker restarts: loading until it is ready. */
  function restarted(): void {
    send({ type: 'restarting' });
    start();
  }

  function stop(): void {
    if (!canStop(state())) return;
    send({ type: 'stop' });
    deps.runner.stop();
  }

  // -- syntax markers as you type (not while a program runs: the worker is busy) --
  let syntaxTimer: ReturnType<typeof setTimeout> | undefined;
  function scheduleSyntaxCheck(): void {
    clearTimeout(syntaxTimer);
    syntaxTimer = setTimeout(async () => {
      if (state().phase !== 'ready') return;
      const source = deps.code();
      // A worker the watchdog replaced rejects; the restart itself shows as "loading".
      const check = await deps.runner.checkSyntax(source).catch(() => undefined);
      if (!check || source !== deps.code()) return; // stale
      const e = check.error;
      setSyntaxMarkers(
        e && e.line !== undefined
          ? [
              {
                line: e.line,
                col: e.col ?? 1,
                endLine: e.endLine,
                endCol: e.endCol,
                message: `${e.type}: ${e.message}`,
                severity: 'error',
                source: 'Python',
              },
            ]
          : [],
      );
    }, SYNTAX_CHECK_DELAY_MS);
  }
  createEffect(on(deps.code, scheduleSyntaxCheck, { defer: true }));
  createEffect(
    on(
      () => state().phase,
      (phase) => {
        if (phase === 'ready') scheduleSyntaxCheck();
      },
      { defer: true },
    ),
  );

  return {
    state,
    send,
    info,
    syntaxMarkers,
    start,
    restarted,
    stop,
    /** A program runs, waits for input or is paused: the editor must not change under it. */
    busy: () => isActive(state()),
  };
}
