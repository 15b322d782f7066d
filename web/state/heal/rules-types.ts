// Rules for ZeroDivisionError (guard the division) and TypeError (the common messages:
// str concatenation, str/number operands, None, len of a number, float indices, calling a
// value, iterating an int, wrong call arguments).
import { chainAround, parenthesize, primaryBackward, primaryForward, splitOperands, textOf, tokenize } from './pytext.ts';
import {
  BUILTIN_FUNCTIONS,
  type Rule,
  type RuleInput,
  SEQUENCE_TYPES,
  type TextEdit,
  applyEdits,
  callsOf,
  candidate,
  finish,
  headerEnd,
  kindAt,
  operandType,
  simpleTarget,
  splitAssignment,
  splitArgs,
  subscripts,
} from './rules-support.ts';

const DIVISION = new Set(['/', '//', '%']);
const MULTIPLICATIVE_SPLIT = new Set(['*', '/', '//', '%', '@']);

/** Each term with a division becomes `(term if divisors else 0)`. */
function guardDivisions(input: RuleInput): string | null {
  const stmt = input.stmt;
  const end = headerEnd(stmt);
  const tokens = tokenize(stmt);
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  tokens.forEach((t, k) => {
    if (t.kind !== 'op' || !DIVISION.has(t.text) || t.start >= end) return;
    const range = chainAround(tokens, k, 'multiplicative');
    if (!range || seen.has(range.join())) return;
    seen.add(range.join());
    if (tokens[range[0]].kind === 'string') return; // '%' is string formatting here
    const parts = splitOperands(tokens, range[0], range[1], MULTIPLICATIVE_SPLIT);
    const divisors = parts
      .filter((p) => p.op && DIVISION.has(p.op))
      .map((p) => textOf(stmt, tokens, p.first, p.last))
      .filter((d) => !/^\d+(?:\.\d*)?$/.test(d) || Number(d) === 0);
    if (divisors.length === 0) return;
    const zero = parts.some((p) => p.op === '/') ? '0.0' : '0';
    const term = textOf(stmt, tokens, range[0], range[1]);
    edits.push({ start: tokens[range[0]].start, end: tokens[range[1]].end, text: `(${term} if ${divisors.map(parenthesize).join(' and ')} else ${zero})` });
  });
  edits.sort((a, b) => a.start - b.start || b.end - a.end);
  return edits.length ? applyEdits(stmt, edits) : null;
}

const zeroDivision: Rule = {
  id: 'zero-division',
  errors: ['ZeroDivisionError'],
  summary: 'ZeroDivisionError: x /= 0 (augmented) is skipped; otherwise each term with a division becomes (a / b if b else 0.0), 0 for // and %.',
  apply(input) {
    const a = splitAssignment(input.stmt);
    if (a && ['/=', '//=', '%='].includes(a.op))
      return candidate('zero-division-skip', `${a.targets} ${a.op} 0 is skipped; ${a.targets} keeps its value`, 'pass');
    const guarded = guardDivisions(input);
    return guarded ? candidate('zero-division-guard', 'a division by zero gives 0', finish(input, guarded)) : null;
  },
};

// -- TypeError -------------------------------------------------------------------

const NUMERIC = new Set(['int', 'float', 'bool']);

function numericStrKind(input: RuleInput, text: string): 'int' | 'float' | null {
  const t = text.trim();
  const repr = /^[A-Za-z_]\w*$/.test(t) ? input.value(t)?.repr : /^(?:'[^']*'|"[^"]*")$/.test(t) ? t : undefined;
  if (!repr) return null;
  if (/^(['"])\s*[-+]?\d+\s*\1$/.test(repr)) return 'int';
  if (/^(['"])\s*[-+]?(?:\d+\.\d*|\.\d+)\s*\1$/.test(repr)) return 'float';
  return null;
}

function concatStr(input: RuleInput): string | null {
  if (!/^can only concatenate str \(not "\w+"\) to str$/.test(input.message)) return null;
  const stmt = input.stmt;
  const a = splitAssignment(stmt);
  if (a?.op === '+=' && operandType(input, a.value) !== 'str') return `${a.targets} += str(${a.value})`;
  const tokens = tokenize(stmt);
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  tokens.forEach((t, k) => {
    if (t.kind !== 'op' || t.text !== '+' || t.start >= headerEnd(stmt)) return;
    const range = chainAround(tokens, k, 'additive');
    if (!range || seen.has(range.join())) return;
    seen.add(range.join());
    const parts = splitOperands(tokens, range[0], range[1], new Set(['+', '-']));
    if (parts.some((p) => p.op === '-')) return;
    const types = parts.map((p) => operandType(input, textOf(stmt, tokens, p.first, p.last)));
    if (!types.includes('str')) return;
    parts.forEach((p, i) => {
      if (types[i] !== 'str') edits.push({ start: tokens[p.first].start, end: tokens[p.last].end, text: `str(${textOf(stmt, tokens, p.first, p.last)})` });
    });
  });
  return edits.length ? applyEdits(stmt, edits) : null;
}

/** 'int' + '5' → int('5') when the str looks numeric; otherwise str() the number for +. */
function convertOperands(input: RuleInput): string | null {
  const m =
    /^unsupported operand type\(s\) for ([^:]+): '(\w+)' and '(\w+)'$/.exec(input.message) ??
    /^'([^']+)' not supported between instances of '(\w+)' and '(\w+)'$/.exec(input.message);
  if (!m) return null;
  const [, op, left, right] = m;
  if (!((left === 'str' && NUMERIC.has(right)) || (right === 'str' && NUMERIC.has(left)))) return null;
  const stmt = input.stmt;
  const a = splitAssignment(stmt);
  if (a && a.op === op) {
    // Augmented: only the value can be converted (the target keeps its type).
    const kind = right === 'str' ? numericStrKind(input, a.value) : null;
    return kind ? `${a.targets} ${a.op} ${kind}(${a.value})` : null;
  }
  const tokens = tokenize(stmt);
  const edits: TextEdit[] = [];
  tokens.forEach((t, k) => {
    if (t.kind !== 'op' || t.text !== op || t.start >= headerEnd(stmt)) return;
    const l = primaryBackward(tokens, k - 1);
    const r = primaryForward(tokens, k + 1);
    if (!l || !r) return;
    const sides = [l, r].map((range) => ({ range, text: textOf(stmt, tokens, ...range) }));
    const strSides = sides.filter((s) => operandType(input, s.text) === 'str');
    const numericSides = sides.filter((s) => NUMERIC.has(operandType(input, s.text) ?? ''));
    if (strSides.length === 0) return;
    for (const s of strSides) {
      const kind = numericStrKind(input, s.text);
      if (kind) edits.push({ start: tokens[s.range[0]].start, end: tokens[s.range[1]].end, text: `${kind}(${s.text})` });
    }
    if (edits.length === 0 && op === '+') {
      for (const s of numericSides) edits.push({ start: tokens[s.range[0]].start, end: tokens[s.range[1]].end, text: `str(${s.text})` });
    }
  });
  return edits.length ? applyEdits(stmt, edits) : null;
}

function noneDefault(input: RuleInput): { code: string; note: string } | null {
  if (!/'NoneType' object is not (?:subscriptable|iterable)|cannot unpack non-iterable NoneType object/.test(input.message)) return null;
  if (input.kind === 'For' || input.kind === 'AsyncFor') return { code: 'pass', note: 'looping over None runs no iteration' };
  const target = simpleTarget(input.stmt);
  if (target) return { code: `${target} = None`, note: `a value read from None is None` };
  const a = splitAssignment(input.stmt);
  const names =
    a && a.op === '='
      ? a.targets
          .replace(/^[([]|[)\]]$/g, '')
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean)
      : [];
  if (names.length > 1 && names.every((n) => /^[A-Za-z_]\w*$/.test(n))) {
    return { code: `${names.join(', ')} = ${names.map(() => 'None').join(', ')}`, note: 'unpacking None gives None for each name' };
  }
  return null;
}

/** int(x, base) of a number: the digits were meant, int(str(x), base). */
function intOfNumberWithBase(input: RuleInput): string | null {
  if (input.message !== "int() can't convert non-string with explicit base") return null;
  const edits = callsOf(input.stmt, (n) => n === 'int').flatMap((c) => {
    const args = splitArgs(input.stmt.slice(c.argsStart, c.argsEnd));
    if (args.length !== 2 || operandType(input, args[0]) === 'str') return [];
    return [{ start: c.argsStart, end: c.argsEnd, text: `str(${args[0]}), ${args[1]}` }];
  });
  return edits.length ? applyEdits(input.stmt, edits) : null;
}

function lenOfNumber(input: RuleInput): string | null {
  const type = /^object of type '(\w+)' has no len\(\)$/.exec(input.message)?.[1];
  if (!type || !NUMERIC.has(type)) return null;
  const calls = callsOf(input.stmt, (n) => n === 'len');
  const typed = calls.filter((c) => operandType(input, input.stmt.slice(c.argsStart, c.argsEnd)) === type);
  const chosen = typed.length ? typed : calls.length === 1 ? calls : [];
  if (chosen.length === 0) return null;
  return applyEdits(
    input.stmt,
    chosen.map((c) => ({ start: c.argsStart, end: c.argsEnd, text: `str(${input.stmt.slice(c.argsStart, c.argsEnd).trim()})` })),
  );
}

function integerIndex(input: RuleInput): string | null {
  const type = /^(?:list|tuple|string|str|bytes|bytearray) indices must be integers(?: or slices)?, not (\w+)$/.exec(input.message)?.[1];
  if (!type) return null;
  const end = headerEnd(input.stmt);
  const subs = subscripts(input.stmt).filter((s) => s.start < end && !s.isSlice);
  const sequence = subs.filter((s) => SEQUENCE_TYPES.has(kindAt(input, s.root, s.level) ?? ''));
  const candidates = sequence.length ? sequence : subs.length === 1 ? subs : [];
  const chosen = candidates.filter((s) => [type, undefined].includes(operandType(input, s.index)));
  if (chosen.length === 0) return null;
  return applyEdits(
    input.stmt,
    chosen.map((s) => ({ start: s.indexStart, end: s.indexEnd, text: `int(${s.index})` })),
  );
}

function notCallable(input: RuleInput): { code: string; note: string }[] {
  const type = /^'(\w+)' object is not callable$/.exec(input.message)?.[1];
  if (!type) return [];
  const calls = callsOf(input.stmt, (n) => input.value(n)?.type === type);
  if (calls.length === 0) return [];
  const out = [];
  const shadowed = calls.filter((c) => BUILTIN_FUNCTIONS.has(c.name));
  if (shadowed.length) {
    const code = applyEdits(
      input.stmt,
      shadowed.map((c) => ({ start: c.start, end: c.argsStart - 1, text: `__import__('builtins').${c.name}` })),
    );
    out.push({ code, note: `${shadowed[0].name} was rebound to a ${type}; call the builtin` });
  }
  const dropped = applyEdits(
    input.stmt,
    calls
      .map((c) => {
        const args = input.stmt.slice(c.argsStart, c.argsEnd).trim();
        // `x(y)` with a number x is usually math notation for x * (y).
        const text =
          args === '' ? c.name : NUMERIC.has(type) && splitArgs(args).length === 1 && !BUILTIN_FUNCTIONS.has(c.name) ? `${c.name} * (${args})` : null;
        return text === null ? null : { start: c.start, end: c.end, text };
      })
      .filter((e): e is TextEdit => e !== null),
  );
  if (dropped !== input.stmt) out.push({ code: dropped, note: `${calls[0].name} is a ${type} value, not a function: use the value` });
  return out;
}

function iterateInt(input: RuleInput): string | null {
  const type = /^'(\w+)' object is not iterable$/.exec(input.message)?.[1];
  if (type !== 'int') return null;
  const stmt = input.stmt;
  const end = headerEnd(stmt);
  const tokens = tokenize(stmt);
  const edits: TextEdit[] = [];
  tokens.forEach((t, k) => {
    if (t.kind !== 'name' || t.text !== 'in' || t.start >= end || tokens[k - 1]?.text === 'not') return;
    const range = primaryForward(tokens, k + 1);
    if (!range) return;
    const text = textOf(stmt, tokens, ...range);
    const after = tokens[range[1] + 1];
    // Only a loop's iterable: followed by ':' (for), a closing bracket or `if` (comprehension).
    if (after && !(after.text === ':' || after.kind === 'close' || after.text === 'if' || after.text === 'for')) return;
    if (operandType(input, text) === 'int') edits.push({ start: tokens[range[0]].start, end: tokens[range[1]].end, text: `range(${text})` });
  });
  return edits.length ? applyEdits(stmt, edits) : null;
}

const BAD_ARGUMENTS =
  /missing \d+ required (?:positional|keyword-only) arguments?|takes (?:from \d+ to )?\d+ positional arguments? but \d+ (?:was|were) given|got an unexpected keyword argument|got multiple values for argument/;

const typeError: Rule = {
  id: 'type',
  errors: ['TypeError'],
  summary:
    'TypeError: str() the operands of a str concatenation; int()/float() a numeric str operand (else str() for +); None reads give None; int(number, base) → int(str(number), base); len(number) → len(str(number)); int() a float index; call the shadowed builtin or use a non-callable value; for … in n → range(n); wrong call arguments → skip.',
  apply(input) {
    const out = [];
    const concat = concatStr(input);
    if (concat) out.push(candidate('type-concat-str', 'str() around the non-str operands', finish(input, concat)));
    const converted = convertOperands(input);
    if (converted) out.push(candidate('type-convert-operand', 'converted the operand to a matching type', finish(input, converted)));
    const none = noneDefault(input);
    if (none) out.push(candidate('type-none-default', none.note, none.code));
    const based = intOfNumberWithBase(input);
    if (based) out.push(candidate('type-int-base', 'int(x, base) of a number means its digits: int(str(x), base)', finish(input, based)));
    const len = lenOfNumber(input);
    if (len) out.push(candidate('type-len-number', 'the length of a number is the length of its digits', finish(input, len)));
    const index = integerIndex(input);
    if (index) out.push(candidate('type-index-int', 'int() around a non-integer index', finish(input, index)));
    for (const c of notCallable(input)) out.push(candidate('type-not-callable', c.note, finish(input, c.code)));
    const range = iterateInt(input);
    if (range) out.push(candidate('type-iterate-int', 'iterating over a number n means range(n)', finish(input, range)));
    if (BAD_ARGUMENTS.test(input.message)) {
      out.push(candidate('type-bad-arguments', 'a call with wrong arguments cannot be guessed: skipped', input.isReturn ? '__return__ = None' : 'pass'));
    }
    return out;
  },
};

export const TYPE_RULES: readonly Rule[] = [zeroDivision, typeError];
