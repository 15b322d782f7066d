// What every rule of the rules engine works from: the exact failing statement, the
// error, typed lookups into the paused state, neutral defaults read from reprs, and
// `finish`, which turns a rewritten statement into handling code (a failing `return X`
// becomes `__return__ = X`).
import { type Binding, type PauseContext, RETURN_BINDING } from '../../../workers/protocol/runner.ts';
import { errorHint, tokenize } from './pytext.ts';

export interface RuleInput {
  pause: PauseContext;
  source: string;
  /** The failing statement only (not its neighbours on the same line), dedented. */
  stmt: string;
  kind: string;
  isReturn: boolean;
  type: string;
  message: string;
  hint: ReturnType<typeof errorHint>;
  /** A value binding (not a module, function or class), locals first. */
  value(name: string): Binding | undefined;
  /** Any binding, locals first. */
  binding(name: string): Binding | undefined;
}

export interface Candidate {
  rule: string;
  /** One line for the review UI: what the rule did and why. */
  note: string;
  code: string;
}

export interface Rule {
  id: string;
  /** Error types the rule looks at. */
  errors: readonly string[];
  summary: string;
  apply(input: RuleInput): Candidate | Candidate[] | null;
}

const encoder = new TextEncoder();

/** Character index of a UTF-8 byte offset (CPython's col_offset) in one line. */
function charIndex(line: string, byteOffset: number): number {
  let bytes = 0;
  for (let i = 0; i < line.length; i++) {
    if (bytes >= byteOffset) return i;
    bytes += encoder.encode(line[i]).length;
    if (line.charCodeAt(i) >= 0xd800 && line.charCodeAt(i) < 0xdc00) i++; // surrogate pair: one code point
  }
  return line.length;
}

/**
 * The statement's own text, cut at its columns so `a = 1; b = xs[9]` gives `b = xs[9]`.
 * Falls back to the dedented lines the runner sent when the source does not match them.
 */
export function exactStatement(source: string, pause: PauseContext): string {
  const lines = source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .slice(pause.line - 1, pause.endLine);
  if (lines.length === 0 || lines.length !== pause.endLine - pause.line + 1) return pause.statement;
  const col = charIndex(lines[0], pause.col);
  const endCol = charIndex(lines.at(-1)!, pause.endCol);
  if (pause.endCol > 0) lines[lines.length - 1] = lines.at(-1)!.slice(0, endCol);
  lines[0] = lines[0].slice(col);
  for (let n = 1; n < lines.length; n++) lines[n] = lines[n].slice(Math.min(col, /^[ \t]*/.exec(lines[n])![0].length));
  const text = lines.join('\n').trimEnd();
  return text.trim() === '' ? pause.statement : text;
}

export function ruleInput(pause: PauseContext, source: string): RuleInput {
  const all = [...pause.state.locals, ...pause.state.globals];
  return {
    pause,
    source,
    stmt: source ? exactStatement(source, pause) : pause.statement,
    kind: pause.kind,
    isReturn: pause.kind === 'Return',
    type: pause.error.type,
    message: pause.error.message,
    hint: errorHint(pause.error.formatted),
    value: (name) => all.find((b) => b.name === name && b.kind === 'value'),
    binding: (name) => all.find((b) => b.name === name),
  };
}

/**
 * Handling code for a rewritten statement: `return X` becomes `__return__ = X` when the
 * failing statement is a return; `prelude` lines (imports) go first.
 */
export function finish(input: RuleInput, statement: string, prelude: string[] = []): string {
  let body = statement;
  if (input.isReturn) {
    const m = /^return(?!\w)[ \t]*/.exec(body);
    if (m) body = `${RETURN_BINDING} = ${body.slice(m[0].length).trim() === '' ? 'None' : body.slice(m[0].length)}`;
  }
  return [...prelude, body].join('\n');
}

export function candidate(rule: string, note: string, code: string): Candidate {
  return { rule, note, code };
}

// -- values seen in reprs ------------------------------------------------------

export const SEQUENCE_TYPES = new Set(['list', 'tuple', 'str', 'deque', 'range', 'bytes', 'bytearray']);
export const DICT_TYPES = new Set(['dict', 'OrderedDict']);

/** Neutral value for a type name: 0, 0.0, '', False, [], {}, (), set(); None otherwise. */
export function neutralFor(type: string | undefined): string {
  switch (type) {
    case 'int':
      return '0';
    case 'float':
      return '0.0';
    case 'str':
      return "''";
    case 'bool':
      return 'False';
    case 'list':
      return '[]';
    case 'dict':
      return '{}';
    case 'tuple':
      return '()';
    case 'set':
      return 'set()';
    case 'bytes':
      return "b''";
    default:
      return 'None';
  }
}

/** Type of the literal starting at `at` in a repr, or undefined. */
function literalKind(repr: string, at: number): string | undefined {
  const rest = repr.slice(at);
  if (/^-?\d+\.\d*(?:e[-+]?\d+)?|^-?\d+e[-+]?\d+|^-?(?:inf|nan)\b/.test(rest)) return 'float';
  if (/^-?\d/.test(rest)) return 'int';
  if (/^['"]/.test(rest)) return 'str';
  if (/^b['"]/.test(rest)) return 'bytes';
  if (/^(?:True|False)\b/.test(rest)) return 'bool';
  if (/^None\b/.test(rest)) return 'NoneType';
  if (rest.startsWith('[')) return 'list';
  if (rest.startsWith('(')) return 'tuple';
  if (rest.startsWith('{')) return /^\{[^{}[\]():]*:/.test(rest) || rest.startsWith('{}') ? 'dict' : 'set';
  return undefined;
}

/**
 * Types along the first elements of a repr: `[[1, 2], [3]]` → ['list', 'list', 'int'].
 * An empty container ends the list (its element type is unknown).
 */
export function nestedKinds(type: string, repr: string): string[] {
  if (type === 'str') return ['str', 'str'];
  const kinds = [type];
  // deque/defaultdict/Counter/OrderedDict reprs wrap a plain list or dict literal.
  const wrapper = /^(?:deque\(|defaultdict\(.*?,\s*|Counter\(|OrderedDict\()/.exec(repr);
  let at = wrapper ? wrapper[0].length : 0;
  const skipSpaces = () => {
    while (repr[at] === ' ') at++;
  };
  while (kinds.length <= 8) {
    const container = literalKind(repr, at);
    if (!container || !['list', 'tuple', 'set', 'dict'].includes(container)) break;
    at++;
    skipSpaces();
    if (/^[\])}]/.test(repr.slice(at))) break; // empty: element type unknown
    if (container === 'dict') {
      const colon = topLevelColon(repr, at);
      if (colon < 0) break;
      at = colon + 1;
      skipSpaces();
    }
    const element = literalKind(repr, at);
    if (!element) break;
    kinds.push(element);
  }
  return kinds;
}

function topLevelColon(repr: string, from: number): number {
  const tokens = tokenize(repr.slice(from));
  const colon = tokens.find((t) => t.kind === 'op' && t.text === ':' && t.depth === 0);
  return colon ? from + colon.start : -1;
}

/** Default for an element read at subscript level `level` of the binding (0 = its items). */
export function elementDefault(binding: Binding | undefined, level = 0): string {
  if (!binding) return 'None';
  if (binding.type === 'str') return "''";
  // 0 / 0.0 / '' for scalars, the empty container for nested containers, None otherwise.
  return neutralFor(nestedKinds(binding.type, binding.repr)[level + 1]);
}

/** Default for the elements of an expression: a name, or a subscript chain of one (`grid[i]`). */
export function expressionElementDefault(input: RuleInput, expr: string): string {
  const text = expr.trim();
  if (/^[A-Za-z_]\w*$/.test(text)) return elementDefault(input.value(text));
  const last = subscripts(text)
    .filter((s) => s.end === text.length)
    .at(-1);
  if (!last?.root) return 'None';
  return neutralFor(kindAt(input, last.root, last.level + 2));
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '//', '%', '**', '<', '>', '<=', '>=', '+=', '-=', '*=', '/=', '//=', '%=']);
const NUMERIC_CALLS = new Set(['max', 'min', 'abs', 'round', 'pow', 'divmod']);
const ITERABLE_CALLS = new Set(['sum', 'sorted', 'list', 'set', 'tuple', 'len', 'enumerate', 'reversed', 'zip', 'any', 'all']);

/**
 * A better default than None for an expression at [start, end) of the statement, from
 * how it is used: next to arithmetic or a comparison, or an argument of max/min → 0;
 * iterated (`in x`, `for … in x`, sum(x), sorted(x), …) → [].
 */
export function contextDefault(stmt: string, start: number, end: number, fallback: string): string {
  if (fallback !== 'None') return fallback;
  const tokens = tokenize(stmt);
  const before = tokens.filter((t) => t.end <= start).at(-1);
  const after = tokens.find((t) => t.start >= end);
  if ((before?.kind === 'op' && ARITHMETIC.has(before.text)) || (after?.kind === 'op' && ARITHMETIC.has(after.text))) return '0';
  if (before?.kind === 'name' && before.text === 'in') return '[]';
  if (before && (before.text === '(' || before.text === ',')) {
    // Find the call this argument belongs to.
    const open =
      before.text === '(' ? tokens.indexOf(before) : tokens.findLastIndex((t) => t.kind === 'open' && t.end <= start && t.depth === before.depth - 1);
    const callee = tokens[open - 1];
    if (callee?.kind === 'name' && tokens[open]?.text === '(') {
      const single = before.text === '(' && after?.text === ')';
      if (ITERABLE_CALLS.has(callee.text) && single) return '[]';
      if (NUMERIC_CALLS.has(callee.text) && !single) return '0';
    }
  }
  return fallback;
}

/** A repr that is a plain literal Python can read back (no truncation, no objects). */
export function isLiteralRepr(repr: string): boolean {
  if (repr.includes('…') || repr.includes('<') || repr.length > 200) return false;
  return /^(?:-?\d+(?:\.\d+)?(?:e[-+]?\d+)?|'[^'\\\n]*'|"[^"\\\n]*"|True|False|None)$/.test(repr);
}

// -- statement shapes ------------------------------------------------------------

export interface Assignment {
  targets: string;
  op: string;
  value: string;
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '//=', '%=', '**=', '@=', '&=', '|=', '^=', '>>=', '<<=']);

/** `targets op value` for a one-target assignment statement (the last `=` of a chain counts). */
export function splitAssignment(stmt: string): Assignment | null {
  const tokens = tokenize(stmt);
  if (tokens.some((t) => t.kind === 'newline')) return null;
  if (tokens[0]?.kind === 'name' && ['def', 'class', 'for', 'while', 'if', 'with', 'lambda', 'return'].includes(tokens[0].text)) return null;
  const op = tokens.findIndex((t) => t.kind === 'op' && t.depth === 0 && ASSIGN_OPS.has(t.text));
  if (op <= 0) return null;
  return { targets: stmt.slice(0, tokens[op].start).trim(), op: tokens[op].text, value: stmt.slice(tokens[op].end).trim() };
}

/** The name assigned by `name = …`, or null. */
export function simpleTarget(stmt: string): string | null {
  const a = splitAssignment(stmt);
  return a && a.op === '=' && /^[A-Za-z_]\w*$/.test(a.targets) ? a.targets : null;
}

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies edits; when two overlap the one found first (the outer one, if sorted so) wins. */
export function applyEdits(src: string, edits: TextEdit[]): string {
  const taken: TextEdit[] = [];
  for (const e of edits) if (!taken.some((t) => e.start < t.end && t.start < e.end)) taken.push(e);
  let out = src;
  for (const e of taken.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export interface Subscript {
  /** Token indices of `[` and `]`. */
  open: number;
  close: number;
  /** Text ranges in the statement. */
  start: number;
  end: number;
  base: string;
  index: string;
  /** Text range of the index expression (inside the brackets). */
  indexStart: number;
  indexEnd: number;
  /** The dotted name the chain starts from (`grid` in `grid[i][j]`), or null. */
  root: string | null;
  /** How many subscripts come between the root and this one (0 for `grid[i]`, 1 for `[j]`). */
  level: number;
  isSlice: boolean;
  /** Assigned to or deleted rather than read. */
  isTarget: boolean;
  /** The base or the index calls something (evaluating it twice could have side effects). */
  hasCall: boolean;
}

// Calls that are safe to evaluate twice inside a guard.
const PURE_CALLS = new Set(['len', 'abs', 'min', 'max', 'int', 'ord', 'chr', 'str', 'sum', 'round']);

/** Subscript trailers (`x[…]`) in a statement, outermost first. */
export function subscripts(stmt: string): Subscript[] {
  const tokens = tokenize(stmt);
  const assign = tokens.findIndex((t) => t.kind === 'op' && t.depth === 0 && ASSIGN_OPS.has(t.text));
  const isDel = tokens[0]?.kind === 'name' && tokens[0].text === 'del';
  const found: Subscript[] = [];
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k];
    const before = tokens[k - 1];
    if (t.text !== '[' || before.end !== t.start || !(before.kind === 'name' || before.kind === 'close' || before.kind === 'string')) continue;
    if (before.kind === 'name' && /^(?:if|in|not|and|or|return|else|is|yield|for|lambda)$/.test(before.text)) continue;
    const close = tokens.findIndex((c, i) => i > k && c.kind === 'close' && c.depth === t.depth);
    if (close < 0) continue;
    let first = k - 1;
    // Walk back over the base: dotted names and glued bracket groups.
    for (;;) {
      const cur = tokens[first];
      if (cur.kind === 'close') {
        let open = first - 1;
        while (open >= 0 && !(tokens[open].kind === 'open' && tokens[open].depth === cur.depth)) open--;
        if (open < 0) break;
        const prev = tokens[open - 1];
        if (prev && prev.end === tokens[open].start && (prev.kind === 'name' || prev.kind === 'close')) {
          first = open - 1;
          continue;
        }
        first = open;
        break;
      }
      const dot = tokens[first - 1];
      if (dot?.text === '.' && tokens[first - 2]?.kind === 'name') {
        first -= 2;
        continue;
      }
      break;
    }
    let rootEnd = first;
    while (tokens[rootEnd]?.kind === 'name' && tokens[rootEnd + 1]?.text === '.' && tokens[rootEnd + 2]?.kind === 'name') rootEnd += 2;
    const rootIsName = tokens[first].kind === 'name';
    let level = 0;
    let hasCall = false;
    let plainChain = rootIsName;
    for (let i = rootEnd + 1; i < k; i++) {
      const g = tokens[i];
      if (g.kind === 'open' && g.depth === tokens[k].depth) {
        if (g.text === '[') level++;
        else {
          plainChain = false;
          if (g.text === '(') hasCall = true;
        }
      } else if (g.depth === tokens[k].depth && g.kind !== 'close') plainChain = false;
    }
    const inner = tokens.slice(k + 1, close);
    for (let i = 0; i < inner.length - 1; i++) {
      if (inner[i + 1].text === '(' && inner[i].kind === 'name' && !PURE_CALLS.has(inner[i].text)) hasCall = true;
    }
    for (let i = first; i < k - 1; i++) {
      if (tokens[i + 1].text === '(' && tokens[i].kind === 'name' && tokens[i + 1].start === tokens[i].end && !PURE_CALLS.has(tokens[i].text)) hasCall = true;
    }
    found.push({
      open: k,
      close,
      start: tokens[first].start,
      end: tokens[close].end,
      base: stmt.slice(tokens[first].start, t.start),
      index: stmt.slice(t.end, tokens[close].start).trim(),
      indexStart: t.end,
      indexEnd: tokens[close].start,
      root: plainChain ? stmt.slice(tokens[first].start, tokens[rootEnd].end) : null,
      level: plainChain ? level : 0,
      isSlice: inner.some((x) => x.text === ':' && x.depth === t.depth + 1),
      isTarget: isDel || (assign > 0 && k < assign),
      hasCall,
    });
  }
  return found;
}

/** Offset where a compound statement's header ends (its body is left alone); the length otherwise. */
export function headerEnd(stmt: string): number {
  const newline = tokenize(stmt).find((t) => t.kind === 'newline');
  return newline ? newline.start : stmt.length;
}

/** The type at subscript `level` of a chain rooted at a state value (0 = the value itself); undefined when unknown. */
export function kindAt(input: RuleInput, root: string | null, level: number): string | undefined {
  if (!root) return undefined;
  const b = input.value(root);
  return b ? nestedKinds(b.type, b.repr)[level] : undefined;
}

/** Builtin functions a program may shadow or call through self. */
export const BUILTIN_FUNCTIONS = new Set([
  'abs',
  'all',
  'any',
  'divmod',
  'enumerate',
  'filter',
  'len',
  'map',
  'max',
  'min',
  'pow',
  'print',
  'range',
  'reversed',
  'round',
  'sorted',
  'sum',
  'zip',
  'int',
  'str',
  'list',
  'dict',
  'set',
  'tuple',
  'ord',
  'chr',
  'bin',
  'hex',
  'isinstance',
  'input',
  'float',
  'bool',
  'next',
  'iter',
  'format',
  'hash',
  'id',
  'type',
]);

/** The type of an operand when it can be told from its text or the state; undefined otherwise. */
export function operandType(input: RuleInput, text: string): string | undefined {
  const t = text.trim();
  if (/^[rRuUfF]*(?:'|")/.test(t)) return 'str';
  if (/^[bB][rR]?(?:'|")/.test(t)) return 'bytes';
  if (/^-?\d+$/.test(t)) return 'int';
  if (/^-?(?:\d+\.\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(t)) return 'float';
  if (/^[A-Za-z_]\w*$/.test(t)) return input.value(t)?.type;
  if (/^(?:str|repr|chr|format)\(/.test(t) || /^(?:'[^']*'|"[^"]*")\.(?:join|format)\(/.test(t)) return 'str';
  if (/^(?:len|ord|int)\(/.test(t)) return 'int';
  if (/^float\(/.test(t)) return 'float';
  return undefined;
}

/** Calls `name(...)` of plain names (not methods, not definitions) with their text ranges. */
export function callsOf(stmt: string, names: (name: string) => boolean): { name: string; start: number; argsStart: number; argsEnd: number; end: number }[] {
  const tokens = tokenize(stmt);
  const out = [];
  for (let k = 0; k < tokens.length - 1; k++) {
    const t = tokens[k];
    const open = tokens[k + 1];
    if (t.kind !== 'name' || open.text !== '(' || open.start !== t.end || !names(t.text)) continue;
    if (tokens[k - 1]?.text === '.' || tokens[k - 1]?.text === 'def' || tokens[k - 1]?.text === 'class') continue;
    const close = tokens.findIndex((c, i) => i > k + 1 && c.kind === 'close' && c.depth === open.depth);
    if (close < 0) continue;
    out.push({ name: t.text, start: t.start, argsStart: open.end, argsEnd: tokens[close].start, end: tokens[close].end });
  }
  return out;
}

/** Top-level comma-separated parts of an argument list. */
export function splitArgs(args: string): string[] {
  if (args.trim() === '') return [];
  const tokens = tokenize(args);
  const parts: string[] = [];
  let from = 0;
  for (const t of tokens) {
    if (t.kind === 'op' && t.text === ',' && t.depth === 0) {
      parts.push(args.slice(from, t.start).trim());
      from = t.end;
    }
  }
  const last = args.slice(from).trim();
  if (last) parts.push(last);
  return parts;
}

/**
 * Default for an expression that is the whole value of a tuple assignment (`a, b = expr`):
 * one None per target, so the unpacking itself succeeds; `fallback` otherwise.
 */
export function unpackingDefault(stmt: string, start: number, end: number, fallback: string): string {
  const a = splitAssignment(stmt);
  if (a?.op !== '=' || stmt.slice(start, end).trim() !== a.value) return fallback;
  const names = a.targets
    .replace(/^[([]|[)\]]$/g, '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names.length > 1 ? `(${names.map(() => 'None').join(', ')})` : fallback;
}
