import { describe, expect, it } from 'vitest';
import { canRun, canStop, initialRunState, transition, type RunEvent, type RunState } from './run-state.ts';
import type { PauseContext, RunResult } from '../../workers/protocol/runner.ts';

const result: RunResult = { status: 'finished', stdout: '', stderr: '', truncated: false, heals: [], durationMs: 1, pausedMs: 0 };
const context = { sid: 1, line: 2 } as PauseContext;

function replay(...events: RunEvent[]): RunState {
  return events.reduce(transition, initialRunState);
}

describe('run state machine', () => {
  it('goes loading → ready → running → paused → running → ready', () => {
    let s = replay({ type: 'loaded', blocking: 'jspi' });
    expect(s.phase).toBe('ready');
    expect(canRun(s)).toBe(true);
    s = transition(s, { type: 'run' });
    expect([s.phase, canRun(s), canStop(s)]).toEqual(['running', false, true]);
    s = transition(s, { type: 'paused', context });
    expect(s).toMatchObject({ phase: 'paused', pause: context });
    s = transition(s, { type: 'resumed' });
    expect(s.pause).toBeUndefined();
    s = transition(s, { type: 'finished', result });
    expect(s).toMatchObject({ phase: 'ready', lastResult: result, blocking: 'jspi' });
  });

  it('ignores events that make no sense in the current phase', () => {
    const loading = replay();
    expect(transition(loading, { type: 'run' })).toBe(loading);
    const ready = replay({ type: 'loaded', blocking: 'atomics' });
    expect(transition(ready, { type: 'paused', context })).toBe(ready);
    expect(transition(ready, { type: 'stop' })).toBe(ready);
    expect(transition(ready, { type: 'finished', result })).toBe(ready);
  });

  it('input waits and stopping', () => {
    let s = replay({ type: 'loaded', blocking: 'jspi' }, { type: 'run' }, { type: 'input-requested', prompt: 'n? ' });
    expect(s).toMatchObject({ phase: 'awaiting-input', prompt: 'n? ' });
    s = transition(s, { type: 'stop' });
    expect(s.phase).toBe('stopping');
    expect(canStop(s)).toBe(false);
    expect(transition(s, { type: 'finished', result }).phase).toBe('ready');
  });

  it('a load failure is reported and a restart goes back to loading', () => {
    const failed = replay({ type: 'load-failed', message: 'timeout' });
    expect(failed).toMatchObject({ phase: 'load-failed', loadError: 'timeout' });
    expect(transition(failed, { type: 'restarting' }).phase).toBe('loading');
  });
});
