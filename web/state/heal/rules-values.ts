// Rules for ValueError (int() of an empty or messy string, float(''), unpacking counts,
// max()/min() of nothing, list.remove/index of a missing item) and RecursionError (a
// neutral value of the recursive function's usual return type).
import { parenthesize, primaryBackward, textOf, tokenize } from './pytext.ts';
import {
  type Rule,
  type RuleInput,
  type TextEdit,
  applyEdits,
  callsOf,
  candidate,
  contextDefault,
  finish,
  headerEnd,
  neutralFor,
  simpleTarget,
  splitAssignment,
  splitArgs,
} from './rules-support.ts';

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

function intCalls(input: RuleInput, name: string) {
  const end = headerEnd(input.stmt);
  return callsOf(input.stmt, (n) => n === name).filter((c) => c.start < end);
}

function invalidInt(input: RuleInput): { code: string; note: string } | null {
  const m = /^invalid literal for int\(\) with base (\d+): (['"])(.*)\2$/.exec(input.message);
  if (!m) return null;
  const base = Number(m[1]);
  const literal = m[3];
  const calls = intCalls(input, 'int');
  const stmt = input.stmt;
  if (calls.length === 0) {
    // map(int, str(n)) over a negative number or a list's text: keep the digit characters.
    const mapped = /\bmap\(\s*int\s*,\s*/.exec(stmt);
    if (!mapped || base !== 10) return null;
    const start = mapped.index + mapped[0].length;
    // The iterable ends at the first comma or closing bracket outside its own brackets.
    let level = 0;
    const end = tokenize(stmt.slice(start)).find((t) => {
      if (t.kind === 'open') level++;
      else if (t.kind === 'close') level--;
      return level < 0 || (level === 0 && t.text === ',');
    });
    if (!end) return null;
    const iterable = stmt.slice(start, start + end.start).trim();
    return {
      code: applyEdits(stmt, [{ start, end: start + end.start, text: `filter(str.isdigit, ${iterable})` }]),
      note: 'map(int, …) over the digit characters only',
    };
  }
  if (literal.trim() === '') {
    // The classic: int('') (e.g. an empty join) means 0.
    if (calls.length === 1) {
      return { code: applyEdits(stmt, [{ start: calls[0].start, end: calls[0].end, text: '0' }]), note: `int('') is taken as 0` };
    }
    const edits = calls.map((c) => {
      const [first, ...rest] = splitArgs(stmt.slice(c.argsStart, c.argsEnd));
      return { start: c.argsStart, end: c.argsEnd, text: [`${parenthesize(first ?? "''")} or '0'`, ...rest].join(', ') };
    });
    return { code: applyEdits(stmt, edits), note: `int('') is taken as 0` };
  }
  if (base === 10 && /^\s*[-+]?(?:\d+\.\d*|\.\d+)(?:e[-+]?\d+)?\s*$/i.test(literal)) {
    const edits = calls
      .filter((c) => splitArgs(stmt.slice(c.argsStart, c.argsEnd)).length === 1)
      .map((c) => ({ start: c.start, end: c.end, text: `int(float(${stmt.slice(c.argsStart, c.argsEnd).trim()}))` }));
    return edits.length ? { code: applyEdits(stmt, edits), note: 'a decimal string goes through float() first' } : null;
  }
  if (base < 2 || base > 36) return null;
  const digits = base <= 10 ? DIGITS.slice(0, base) : DIGITS.slice(0, base) + DIGITS.slice(10, base).toUpperCase();
  const edits = calls.map((c) => {
    const [first, ...rest] = splitArgs(stmt.slice(c.argsStart, c.argsEnd));
    const filtered = `''.join(ch for ch in str(${first ?? "''"}) if ch in '${digits}') or '0'`;
    return { start: c.argsStart, end: c.argsEnd, text: [filtered, ...rest].join(', ') };
  });
  return { code: applyEdits(stmt, edits), note: `kept only the base-${base} digits (the sign is lost)` };
}

function emptyFloat(input: RuleInput): string | null {
  if (!/^could not convert string to float: (['"])\s*\1$/.test(input.message)) return null;
  const calls = intCalls(input, 'float');
  return calls.length === 1 ? applyEdits(input.stmt, [{ start: calls[0].start, end: calls[0].end, text: '0.0' }]) : null;
}

function unpackCount(input: RuleInput): string | null {
  const too = /^too many values to unpack \(expected (\d+)(?:, got \d+)?\)$/.exec(input.message);
  const few = /^not enough values to unpack \(expected (\d+), got \d+\)$/.exec(input.message);
  const n = Number((too ?? few)?.[1]);
  if (!n) return null;
  const fit = (value: string) => (too ? `list(${value})[:${n}]` : `(list(${value}) + [None] * ${n})[:${n}]`);
  const loop = /^for\s+(.+?)\s+in\s+(.+?):(\s*(?:#.*)?\n[\s\S]*)$/.exec(input.stmt);
  if (loop) return `for ${loop[1]} in (${fit('__heal_item')} for __heal_item in ${loop[2]}):${loop[3]}`;
  const a = splitAssignment(input.stmt);
  if (a?.op !== '=' || !a.targets.includes(',')) return null;
  return `${a.targets} = ${fit(a.value)}`;
}

function emptyMax(input: RuleInput): string | null {
  const fn = /^(max|min)\(\) (?:arg is an empty sequence|iterable argument is empty)$/.exec(input.message)?.[1];
  if (!fn) return null;
  const stmt = input.stmt;
  const edits = intCalls(input, fn)
    .filter((c) => {
      const args = splitArgs(stmt.slice(c.argsStart, c.argsEnd));
      return args.length === 1 && !args[0].startsWith('*');
    })
    .map((c) => ({ start: c.argsEnd, end: c.argsEnd, text: ', default=0' }));
  return edits.length ? applyEdits(stmt, edits) : null;
}

function missingItem(input: RuleInput): { code: string; note: string } | null {
  const stmt = input.stmt;
  if (/^list\.remove\(x\): x not in list$/.test(input.message)) {
    const m = /^([A-Za-z_][\w.]*)\.remove\(([^()]+|[^()]*\([^()]*\)[^()]*)\)$/.exec(stmt);
    return m ? { code: `if ${m[2]} in ${m[1]}:\n    ${stmt}`, note: 'remove only when present' } : null;
  }
  if (!/ is not in (?:list|tuple)$/.test(input.message)) return null;
  const tokens = tokenize(stmt);
  const edits: TextEdit[] = [];
  tokens.forEach((t, k) => {
    if (t.text !== 'index' || tokens[k - 1]?.text !== '.' || tokens[k + 1]?.text !== '(') return;
    const receiver = primaryBackward(tokens, k - 2);
    const close = tokens.findIndex((c, i) => i > k + 1 && c.kind === 'close' && c.depth === tokens[k + 1].depth);
    if (!receiver || close < 0) return;
    const args = splitArgs(stmt.slice(tokens[k + 1].end, tokens[close].start));
    const r = textOf(stmt, tokens, ...receiver);
    if (args.length !== 1 || r.includes('(')) return;
    const call = stmt.slice(tokens[receiver[0]].start, tokens[close].end);
    edits.push({ start: tokens[receiver[0]].start, end: tokens[close].end, text: `(${call} if ${parenthesize(args[0])} in ${r} else -1)` });
  });
  return edits.length ? { code: applyEdits(stmt, edits), note: 'the index of a missing item is -1' } : null;
}

const valueError: Rule = {
  id: 'value',
  errors: ['ValueError'],
  summary:
    "ValueError: int('') → 0, int('3.5') → int(float(…)), other int() literals keep only valid digits; float('') → 0.0; unpacking too many/few → slice/pad with None; max()/min() of nothing → default=0; list.remove/index of a missing item → skip/-1.",
  apply(input) {
    const out = [];
    const int = invalidInt(input);
    if (int) out.push(candidate('value-int-literal', int.note, finish(input, int.code)));
    const float = emptyFloat(input);
    if (float) out.push(candidate('value-float-empty', "float('') is taken as 0.0", finish(input, float)));
    const unpack = unpackCount(input);
    if (unpack) out.push(candidate('value-unpack', 'unpacked the expected number of values', unpack));
    const max = emptyMax(input);
    if (max) out.push(candidate('value-empty-max', 'max()/min() of nothing is 0', finish(input, max)));
    const item = missingItem(input);
    if (item) out.push(candidate('value-missing-item', item.note, finish(input, item.code)));
    return out;
  },
};

// -- RecursionError --------------------------------------------------------------

/** The function that recursed: the most repeated frame name, else the failing function. */
function recursiveFunction(input: RuleInput): string | null {
  const counts = new Map<string, number>();
  for (const f of input.pause.error.traceback) if (f.name !== '<module>') counts.set(f.name, (counts.get(f.name) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (best && best[1] >= 2) return best[0];
  return input.pause.function === '<module>' ? null : input.pause.function;
}

const ANNOTATION_KINDS: Record<string, string> = {
  int: 'int',
  float: 'float',
  str: 'str',
  bool: 'bool',
  list: 'list',
  List: 'list',
  dict: 'dict',
  Dict: 'dict',
  tuple: 'tuple',
  Tuple: 'tuple',
  set: 'set',
  Set: 'set',
};

function expressionKind(expr: string): string | undefined {
  const e = expr.trim();
  if (/^-?\d+$/.test(e)) return 'int';
  if (/^-?\d*\.\d+$|^float\(/.test(e)) return 'float';
  if (/^(?:True|False)$|^not\b/.test(e)) return 'bool';
  if (/^[rRuUfF]?['"]|^str\(|\.join\(/.test(e)) return 'str';
  if (/^\[|^(?:list|sorted)\(/.test(e)) return 'list';
  if (/^\{\}$|^\{[^{}]*:|^dict\(/.test(e)) return 'dict';
  if (/^\{|^set\(/.test(e)) return 'set';
  if (/^\(.*,.*\)$/.test(e)) return 'tuple';
  if (/^(?:len|sum|int|abs)\(/.test(e)) return 'int';
  return undefined;
}

/** The usual return type of `def name`: its annotation, else its literal-looking returns. */
export function returnKind(source: string, name: string): string | undefined {
  const lines = source.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^\\s*(?:async\\s+)?def\\s+${name}\\s*\\(`).test(l));
  if (at < 0) return undefined;
  const indent = /^\s*/.exec(lines[at])![0].length;
  let header = lines[at];
  for (let n = at + 1; !/:\s*(?:#.*)?$/.test(header) && n < lines.length; n++) header += lines[n];
  const annotation = /->\s*([A-Za-z_]\w*)/.exec(header)?.[1];
  if (annotation && ANNOTATION_KINDS[annotation]) return ANNOTATION_KINDS[annotation];
  const body: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() && /^\s*/.exec(line)![0].length <= indent) break;
    body.push(line);
  }
  // `return total` counts as the kind of what total is first assigned (`total = 0`).
  const assigned = (name: string) =>
    body
      .map((l) => new RegExp(`^\\s*${name}\\s*=(?!=)\\s*(.+?)\\s*(?:#.*)?$`).exec(l)?.[1])
      .map((e) => (e ? expressionKind(e) : undefined))
      .find(Boolean);
  const votes = new Map<string, number>();
  for (const line of body) {
    const ret = /^\s*return\s+(.+?)\s*(?:#.*)?$/.exec(line);
    if (!ret) continue;
    const kind = expressionKind(ret[1]) ?? (/^[A-Za-z_]\w*$/.test(ret[1]) ? assigned(ret[1]) : undefined);
    if (kind) votes.set(kind, (votes.get(kind) ?? 0) + 1);
  }
  return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
}

const recursion: Rule = {
  id: 'recursion',
  errors: ['RecursionError'],
  summary:
    "RecursionError: the recursive call's value is a neutral value of the function's usual return type (annotation or literal returns): __return__ = 0/''/[]/…, or calls in the statement replaced by it.",
  apply(input) {
    const fn = recursiveFunction(input);
    if (!fn) return null;
    const kind = returnKind(input.source, fn);
    const neutral = neutralFor(kind);
    const note = `${fn}() recursed too deep; its value is taken as ${neutral}${kind ? ` (it returns ${kind})` : ''}`;
    if (input.isReturn) return candidate('recursion-neutral', note, `__return__ = ${neutral}`);
    const stmt = input.stmt;
    const tokens = tokenize(stmt);
    const edits: TextEdit[] = [];
    tokens.forEach((t, k) => {
      if (t.kind !== 'name' || t.text !== fn || tokens[k + 1]?.text !== '(' || t.start >= headerEnd(stmt)) return;
      const close = tokens.findIndex((c, i) => i > k + 1 && c.kind === 'close' && c.depth === tokens[k + 1].depth);
      const dotted = tokens[k - 1]?.text === '.' && tokens[k - 2]?.kind === 'name';
      const start = dotted ? tokens[k - 2].start : t.start;
      if (close > 0) edits.push({ start, end: tokens[close].end, text: contextDefault(stmt, start, tokens[close].end, neutral) });
    });
    if (edits.length) return candidate('recursion-neutral', note, applyEdits(stmt, edits));
    const target = simpleTarget(stmt);
    return target ? candidate('recursion-neutral', note, `${target} = ${neutral}`) : null;
  },
};

export const VALUE_RULES: readonly Rule[] = [valueError, recursion];
