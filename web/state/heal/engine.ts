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
