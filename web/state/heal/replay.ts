// The replay engine: answers a link's recorded heals with their handling code, without
// any model. Only the explicit "Run the recorded heals" decision uses it, and every answer
// is still reviewed before it merges.
import { isMerged } from './trace.ts';
import { streamText, throwIfAborted, type HealEngine } from '../../../workers/shared/engine.ts';

/**
 * A recorded heal. HealTraceEntry fits: only entries whose handling code was used
 * (decision accepted, auto-accepted or reused) are replayed.
 */
export interface ReplayRecord {
  pauseIndex: number;
  sid: number;
  errorType: string;
  handlingCode: string;
  decision?: string;
}

/** Handling code that ran in the program: merged at its pause, or reused by the runner. */
const replayable = (decision: string | undefined) => decision === undefined || isMerged(decision) || decision === 'reused';

/**
 * Answers with recorded handling code. Key, in order:
 *  1. the record with the same (pauseIndex, sid, errorType) — the run replays as recorded;
 *  2. otherwise the first record with the same (sid, errorType) not used yet — the run
 *     diverged (code edited, other input) but the same statement fails the same way.
 * Each record answers once; no match rejects with an error saying so.
 */
export function createReplayEngine(records: readonly ReplayRecord[]): HealEngine {
  const usable = records.filter((r) => r.handlingCode.trim() !== '' && replayable(r.decision));
  const used = new Set<ReplayRecord>();
  return {
    id: 'replay',
    label: 'Replay recorded heals',
    async generate(_messages, options, context) {
      throwIfAborted(options.signal);
      if (!context) throw new Error('The replay engine needs the pause context.');
      const { pauseIndex, sid, error } = context.pause;
      const free = usable.filter((r) => !used.has(r) && r.sid === sid && r.errorType === error.type);
      const record = free.find((r) => r.pauseIndex === pauseIndex) ?? free[0];
      if (!record) throw new Error(`No recorded heal for pause #${pauseIndex} (${error.type} at line ${context.pause.line}).`);
      used.add(record);
      return streamText(`<code>\n${record.handlingCode.replace(/\n+$/, '')}\n</code>`, options);
    },
  };
}
