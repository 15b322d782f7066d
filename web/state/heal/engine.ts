// The engines of the heal session that are data, not models: scripted answers (tests and
// tools) and the replay of recorded heals. The engine interface is workers/shared/engine.ts.
import { streamText, throwIfAborted, type ChatMessage, type Engine, type GenerateOptions, type HealContext, type HealEngine } from '../../../workers/shared/engine.ts';

export type ScriptedAnswer<Context = HealContext> = string | ((context: Context | undefined, messages: ChatMessage[]) => string);

export interface ScriptedEngine<Context = HealContext> extends Engine<Context> {
  /** Every call, in order (tests assert on what the engine was asked). */
  readonly calls: { messages: ChatMessage[]; options: GenerateOptions; context?: Context }[];
}

/** Answers in order, one per call; rejects once the script runs out. Works for any task's context. */
export function createScriptedEngine<Context = HealContext>(answers: ScriptedAnswer<Context>[], id = 'scripted'): ScriptedEngine<Context> {
  const calls: ScriptedEngine<Context>['calls'] = [];
  return {
    id,
    label: 'Scripted answers',
    calls,
    async generate(messages, options, context) {
      calls.push({ messages, options, context });
      const next = answers[calls.length - 1];
      if (next === undefined) throw new Error(`The scripted engine has no answer #${calls.length}.`);
      return streamText(typeof next === 'function' ? next(context, messages) : next, options);
    },
  };
}

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

const REPLAYABLE = new Set(['accepted', 'auto-accepted', 'reused']);

/**
 * Answers with recorded handling code. Key, in order:
 *  1. the record with the same (pauseIndex, sid, errorType) — the run replays as recorded;
 *  2. otherwise the first record with the same (sid, errorType) not used yet — the run
 *     diverged (code edited, other input) but the same statement fails the same way.
 * Each record answers once; no match rejects with an error saying so.
 */
export function createReplayEngine(records: readonly ReplayRecord[]): HealEngine {
  const usable = records.filter((r) => r.handlingCode.trim() !== '' && (r.decision === undefined || REPLAYABLE.has(r.decision)));
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
