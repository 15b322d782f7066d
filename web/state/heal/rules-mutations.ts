// Mutations of the failing statement for look-ahead only: small edits of the kind program
// repair tools try first (PAR's and GenProg's expression templates), each a guess that only a
// continuation can confirm. Auto-accept without look-ahead never takes one (they come after
// skipping the statement); with look-ahead they are tried last, so a tie goes to the others.
// When every execution of the statement fails, an accepted mutation (reused at each failure)
// acts like the same edit to the program.
import { parenthesize } from './pytext.ts';
import { type Candidate, type RuleInput, applyEdits, candidate, finish, headerEnd, subscripts } from './rules-support.ts';

/** At most this many mutations per pause: each one costs a look-ahead run. */
const MAX_MUTATIONS = 3;

const INTEGER = /^-?\d+$/;

/** `i + 1` → `i`, `i + 2` → `i + 1`, `i - 1` → `i - 2`, `3` → `2`, `-2` → `-1`, else `(e) - 1`; null for 0 and -1. */
export function indexMinusOne(index: string): string | null {
  const text = index.trim();
  if (INTEGER.test(text)) {
    const n = Number(text);
    // A negative index out of range is too far left: one step towards -1.
    if (n < 0) return n + 1 < 0 ? String(n + 1) : null;
    return n > 0 ? String(n - 1) : null;
  }
  const sum = /^(.*\S)\s*([+-])\s*(\d+)$/s.exec(text);
  if (sum && !/[+\-*/%<>=&|^,]\s*$/.test(sum[1]!)) {
    const [, left, op, digits] = sum as unknown as [string, string, string, string];
    const n = Number(digits);
    if (op === '+') return n === 1 ? left : `${left} + ${n - 1}`;
    return `${left} - ${n + 1}`;
  }
  return `${parenthesize(text)} - 1`;
}

/** IndexError: each subscript of the statement's header read or written one place lower. */
function indexShift(input: RuleInput): Candidate[] {
  if (!/index out of range/.test(input.message)) return [];
  const end = headerEnd(input.stmt);
  const out: Candidate[] = [];
  for (const s of subscripts(input.stmt).filter((x) => x.start < end && !x.isSlice)) {
    const shifted = indexMinusOne(s.index);
    if (shifted === null) continue;
    const code = applyEdits(input.stmt, [{ start: s.indexStart, end: s.indexEnd, text: shifted }]);
    out.push(candidate('mutation index-shift', `off by one? ${s.base}[${s.index}] → ${s.base}[${shifted}]`, finish(input, code)));
  }
  return out;
}

const NOT_A_CONTAINER = /object is not (?:subscriptable|iterable)$|has no len\(\)$/;

/** TypeError on a value that is not a container: a subscript too many (`sum(xs[0])` for `sum(xs)`). */
function dropSubscript(input: RuleInput): Candidate[] {
  if (!NOT_A_CONTAINER.test(input.message)) return [];
  const end = headerEnd(input.stmt);
  const out: Candidate[] = [];
  for (const s of subscripts(input.stmt).filter((x) => x.start < end && !x.isSlice && !x.isTarget)) {
    const code = applyEdits(input.stmt, [{ start: s.start, end: s.end, text: s.base }]);
    out.push(candidate('mutation drop-subscript', `one subscript too many? ${s.base}[${s.index}] → ${s.base}`, finish(input, code)));
  }
  return out;
}

/** The mutations for this pause, at most MAX_MUTATIONS, in the order above. */
export function mutationCandidates(input: RuleInput): Candidate[] {
  const byType: Record<string, ((input: RuleInput) => Candidate[])[]> = { IndexError: [indexShift], TypeError: [dropSubscript] };
  const out: Candidate[] = [];
  for (const mutate of byType[input.type] ?? []) {
    try {
      for (const c of mutate(input)) if (!out.some((o) => o.code === c.code) && c.code !== input.stmt) out.push(c);
    } catch {
      // a statement the mutation cannot read is left alone
    }
  }
  return out.slice(0, MAX_MUTATIONS);
}
