// A test engine (tests and `npm run batch` only): answers from a script, in order, and
// records what it was asked. Works for any task's context.
import { streamText, type ChatMessage, type Engine, type GenerateOptions, type HealContext } from '../workers/shared/engine.ts';

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
