// A heal trace entry for tests: an auto-accepted KeyError heal at line 3, fields overridable.
import type { HealTraceEntry } from '../web/state/heal/trace.ts';

export function traceEntry(over: Partial<HealTraceEntry> = {}): HealTraceEntry {
  return {
    pauseIndex: 0,
    sid: 1,
    line: 3,
    endLine: 3,
    errorType: 'KeyError',
    message: "'k'",
    engine: 'rules',
    systemPrompt: 's',
    userPrompt: 'u',
    answer: 'a',
    handlingCode: 'value = 0',
    decision: 'auto-accepted',
    timings: { engineMs: 0, executorMs: 0, mergeMs: 0 },
    ...over,
  };
}
