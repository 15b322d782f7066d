// The run state machine shown in the status bar and driving which commands are enabled.
// Pure: (state, event) → state. Events that make no sense in a state are ignored.

import type { BlockingMode, PauseContext, RunResult } from '../../workers/protocol/runner.ts';

export type RunPhase =
  | 'loading' // Python is starting
  | 'load-failed'
  | 'ready'
  | 'running'
  | 'awaiting-input'
  | 'paused' // stopped at an unhandled error, waiting for the user's decision
  | 'stopping';

export interface RunState {
  phase: RunPhase;
  /** Set while paused. */
  pause?: PauseContext;
  /** The prompt while awaiting input. */
  prompt?: string;
  /** The last finished run. */
  lastResult?: RunResult;
  loadError?: string;
  blocking?: BlockingMode;
}

export type RunEvent =
  | { type: 'loaded'; blocking: BlockingMode }
  | { type: 'load-failed'; message: string }
  | { type: 'restarting' }
  | { type: 'run' }
  | { type: 'input-requested'; prompt: string }
  | { type: 'input-answered' }
  | { type: 'paused'; context: PauseContext }
  | { type: 'resumed' }
  | { type: 'stop' }
  | { type: 'finished'; result: RunResult };

export const initialRunState: RunState = { phase: 'loading' };

const ACTIVE: RunPhase[] = ['running', 'awaiting-input', 'paused', 'stopping'];

export function isActive(state: RunState): boolean {
  return ACTIVE.includes(state.phase);
}

export function canRun(state: RunState): boolean {
  return state.phase === 'ready';
}

/** Why the editor cannot change now (reset, restore, patches…): a program runs. */
export const STOP_FIRST = 'Stop the program first: the editor cannot change while it runs.';

export function canStop(state: RunState): boolean {
  return state.phase === 'running' || state.phase === 'awaiting-input' || state.phase === 'paused';
}

export function transition(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'loaded':
      return state.phase === 'loading' ? { ...state, phase: 'ready', blocking: event.blocking, loadError: undefined } : state;
    case 'load-failed':
      return state.phase === 'loading' ? { ...state, phase: 'load-failed', loadError: event.message } : state;
    case 'restarting':
      return isActive(state) ? state : { ...state, phase: 'loading' };
    case 'run':
      return state.phase === 'ready' ? { phase: 'running', blocking: state.blocking, lastResult: state.lastResult } : state;
    case 'input-requested':
      return state.phase === 'running' ? { ...state, phase: 'awaiting-input', prompt: event.prompt } : state;
    case 'input-answered':
      return state.phase === 'awaiting-input' ? { ...state, phase: 'running', prompt: undefined } : state;
    case 'paused':
      return state.phase === 'running' ? { ...state, phase: 'paused', pause: event.context } : state;
    case 'resumed':
      return state.phase === 'paused' ? { ...state, phase: 'running', pause: undefined } : state;
    case 'stop':
      return canStop(state) ? { ...state, phase: 'stopping' } : state;
    case 'finished':
      return isActive(state) ? { phase: 'ready', blocking: state.blocking, lastResult: event.result } : state;
  }
}
