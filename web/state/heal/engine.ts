// The one interface every heal engine implements (WebLLM, endpoint, rules, replay,
// scripted). Engines receive chat messages like a chat model; the structured pause
// (HealContext) rides along so engines without a model never parse prompts.
import type { PauseContext } from '../../../workers/protocol/runner.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateOptions {
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
  /** Aborting rejects the pending generate() with an AbortError. */
  signal?: AbortSignal;
  /** Called with each new piece of text (a delta, not the accumulated answer). */
  onToken?(text: string): void;
}

/** What the heal session knows about the pause it asks an engine about. */
export interface HealContext {
  pause: PauseContext;
  /** The whole program source as it ran. */
  source: string;
  /** 1 for the first answer to this pause, 2 after one rejection, … */
  attempt: number;
  /** Why the previous answer to this pause was rejected. */
  rejection?: string;
}

/**
 * Every engine, for every task (heal, security patch, element infill, repair). `Context`
 * is the task's structured request: engines without a model (rules, replay) read it;
 * model engines (webllm, endpoint) only read the messages and are `Engine<unknown>`,
 * which fits every task's engine type.
 */
export interface Engine<Context = unknown> {
  id: string;
  label: string;
  /** Resolves with the full answer text (also streamed through options.onToken). */
  generate(messages: ChatMessage[], options: GenerateOptions, context?: Context): Promise<string>;
}

/** An engine that writes handling code at a pause. */
export type HealEngine = Engine<HealContext>;
/** An engine that only reads chat messages; usable for any task. */
export type ModelEngine = Engine<unknown>;

export function abortError(): Error {
  return new DOMException('The heal engine was cancelled.', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/**
 * Streams a finished answer through onToken in a few pieces, yielding between them so an
 * abort in the middle is honoured exactly like a model's stream would.
 */
export async function streamText(text: string, options: GenerateOptions, pieces = 4): Promise<string> {
  throwIfAborted(options.signal);
  const size = Math.max(1, Math.ceil(text.length / pieces));
  for (let at = 0; at < text.length; at += size) {
    await Promise.resolve();
    throwIfAborted(options.signal);
    options.onToken?.(text.slice(at, at + size));
  }
  return text;
}

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
