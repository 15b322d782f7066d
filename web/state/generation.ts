// Generation settings per task: how hot, how long, where to stop. Heal answers are short
// and must be exact; security patches rewrite a few lines and want some variety across
// the K strategies; infill proposes many short candidates (diversity matters most);
// repair rewrites a function; look-ahead asks a model for several heal samples, which are
// only worth looking ahead when they differ. Engines that ignore options (rules, replay) are unaffected.
import type { GenerateOptions } from '../../workers/shared/engine.ts';

export type GenerationTask = 'heal' | 'heal-samples' | 'security-patch' | 'infill' | 'repair';

export type GenerationDefaults = Required<Pick<GenerateOptions, 'temperature' | 'maxTokens' | 'stop'>>;

const DEFAULTS: Record<GenerationTask, GenerationDefaults> = {
  // The answer is `<code>…</code>`: stop at the closing tag instead of rambling on.
  heal: { temperature: 0.2, maxTokens: 512, stop: ['</code>'] },
  // Samples 2..K of a pause for look-ahead (the first is the usual heal answer).
  'heal-samples': { temperature: 0.8, maxTokens: 512, stop: ['</code>'] },
  'security-patch': { temperature: 0.4, maxTokens: 1024, stop: [] },
  // Several short candidates in one answer, one per line.
  infill: { temperature: 0.8, maxTokens: 256, stop: [] },
  repair: { temperature: 0.2, maxTokens: 1024, stop: [] },
};

/** A fresh copy of the task's defaults (callers may add signal / onToken). */
export function generationOptions(task: GenerationTask): GenerationDefaults {
  const d = DEFAULTS[task];
  return { temperature: d.temperature, maxTokens: d.maxTokens, stop: [...d.stop] };
}

/**
 * OpenAI-style APIs drop the stop string that ended the answer. When a closing tag was a
 * stop string and the answer opened that tag without closing it, put it back so the answer
 * stays well-formed (and the parser need not "salvage" it).
 */
export function restoreClosingStop(answer: string, stop: readonly string[] | undefined): string {
  for (const s of stop ?? []) {
    const tag = /^<\/([A-Za-z][\w-]*)>$/.exec(s)?.[1];
    if (!tag) continue;
    const opens = answer.match(new RegExp(`<${tag}\\b[^>]*>`, 'gi'))?.length ?? 0;
    const closes = answer.match(new RegExp(`</${tag}\\s*>`, 'gi'))?.length ?? 0;
    if (opens > closes) return `${answer.replace(/\s+$/, '')}\n${s}`;
  }
  return answer;
}
