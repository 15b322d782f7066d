// The built-in rules engine: deterministic, no model, instant; the offline default and a
// real baseline. It reads the structured pause (HealContext), never the prompt.
//
// Every rule proposes zero or more candidates (rules-names, rules-containers,
// rules-types, rules-values say what each one does and when it does not apply).
// Candidates are checked like a model's answer (parseHealAnswer, no top-level return)
// and must differ from re-running the statement unchanged; the last resort is always
// `pass` (or `__return__ = None` for a failing return): skip the statement.
// Attempt n answers with the n-th candidate, so Retry after a rejection tries the next.
import { RETURN_BINDING } from '../../../workers/protocol/runner.ts';
import { parseHealAnswer } from './answer.ts';
import { type HealContext, type HealEngine, streamText, throwIfAborted } from '../../../workers/shared/engine.ts';
import { CONTAINER_RULES } from './rules-containers.ts';
import { NAME_RULES } from './rules-names.ts';
import { type Candidate, type Rule, finish, ruleInput } from './rules-support.ts';
import { TYPE_RULES } from './rules-types.ts';
import { VALUE_RULES } from './rules-values.ts';
import { mutationCandidates } from './rules-mutations.ts';

export type { Candidate, Rule } from './rules-support.ts';

/** All rules, in the order they are tried. */
export const RULES: readonly Rule[] = [...NAME_RULES, ...CONTAINER_RULES, ...TYPE_RULES, ...VALUE_RULES];

/** Every candidate for this pause, best first, ending with the skip fallback. */
export function ruleCandidates(context: HealContext): Candidate[] {
  const input = ruleInput(context.pause, context.source);
  const unchanged = finish(input, input.stmt);
  const fallback: Candidate = input.isReturn
    ? { rule: 'skip', note: 'no rule applies: the function returns None', code: `${RETURN_BINDING} = None` }
    : { rule: 'skip', note: 'no rule applies: the statement is skipped', code: 'pass' };
  const out: Candidate[] = [];
  for (const rule of RULES) {
    if (!rule.errors.includes(input.type)) continue;
    let proposed: Candidate[];
    try {
      const result = rule.apply(input);
      proposed = result === null ? [] : Array.isArray(result) ? result : [result];
    } catch {
      continue; // a rule that trips over an unusual statement simply does not apply
    }
    for (const raw of proposed) {
      const c = checked(raw);
      if (c && c.code !== unchanged && !out.some((o) => o.code === c.code)) out.push(c);
    }
  }
  if (!out.some((o) => o.code === fallback.code)) out.push(fallback);
  return out;
}

/** A candidate as a model's answer would be read (no top-level return, nothing salvaged); null when it is not one. */
function checked(raw: Candidate): Candidate | null {
  const c = {
    ...raw,
    code: raw.code
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n'),
  };
  const parsed = parseHealAnswer(`<code>\n${c.code}\n</code>`, { allowReturn: false });
  return parsed.ok && parsed.salvaged.length === 0 && parsed.code === c.code ? c : null;
}

/** Look-ahead's extra guesses (rules-mutations.ts), checked like the rules' candidates and new to them. */
export function lookAheadMutations(context: HealContext, taken: readonly Candidate[] = ruleCandidates(context)): Candidate[] {
  const input = ruleInput(context.pause, context.source);
  const unchanged = finish(input, input.stmt);
  const out: Candidate[] = [];
  for (const raw of mutationCandidates(input)) {
    const c = checked(raw);
    if (c && c.code !== unchanged && ![...taken, ...out].some((o) => o.code === c.code)) out.push(c);
  }
  return out;
}

/** The candidate for this attempt (attempt 1 = the best; past the end, the fallback). */
export function healByRules(context: HealContext): Candidate {
  const candidates = ruleCandidates(context);
  return candidates[Math.min(Math.max(1, context.attempt) - 1, candidates.length - 1)];
}

/**
 * The rules engine; it also lists every candidate at once, for look-ahead (skip included),
 * then its mutations, marked `late`: look-ahead tries them after skipping and the loop actions.
 */
export function createRulesEngine(): HealEngine & { candidates(context: HealContext): { code: string; label: string; late?: boolean }[] } {
  return {
    id: 'rules',
    label: 'Rules (built in, no model)',
    candidates: (context) => {
      const own = ruleCandidates(context);
      return [
        ...own.map((c) => ({ code: c.code, label: `rule ${c.rule}: ${c.note}` })),
        ...lookAheadMutations(context, own).map((c) => ({ code: c.code, label: `${c.rule}: ${c.note}`, late: true })),
      ];
    },
    async generate(_messages, options, context) {
      throwIfAborted(options.signal);
      if (!context) throw new Error('The rules engine needs the pause context.');
      const chosen = healByRules(context);
      return streamText(`Rule ${chosen.rule}: ${chosen.note}.\n<code>\n${chosen.code}\n</code>`, options, 1);
    },
  };
}
