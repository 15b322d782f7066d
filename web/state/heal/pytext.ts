// Light, honest Python text handling for heal answers and the rules engine: a tokenizer
// that knows strings, comments and brackets (enough to rewrite simple statements by
// token ranges), a code mask for word-boundary replacements outside string literals, and
// a physical-line view that says which lines start a logical line. Not a parser: callers
// only rewrite shapes they can recognise and leave everything else alone.

export type TokenKind = 'name' | 'number' | 'string' | 'op' | 'open' | 'close' | 'newline';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** Bracket depth before the token (an open bracket has the depth outside it). */
  depth: number;
}

export const KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

const OPERATORS = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '->',
  ':=',
  '**',
  '//',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
];
const STRING_PREFIX = /^(?:[rRbBuUfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;
const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_]/u;

interface StringSpan {
  end: number;
  /** [start, end) ranges inside the literal that are code: f-string replacement fields. */
  fields: [number, number][];
}

/** Scans a string literal whose opening quote is at `quote` (prefix letters before it). */
function scanString(src: string, quote: number, prefix: string): StringSpan {
  const q = src[quote];
  const triple = src.startsWith(q.repeat(3), quote);
  const formatted = /[fFtT]/.test(prefix);
  const fields: [number, number][] = [];
  let i = quote + (triple ? 3 : 1);
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (!triple && c === '\n') return { end: i, fields }; // unterminated: stop at the line end
    if (triple ? src.startsWith(q.repeat(3), i) : c === q) return { end: i + (triple ? 3 : 1), fields };
    if (formatted && c === '{') {
      if (src[i + 1] === '{') {
        i += 2;
        continue;
      }
      const close = scanField(src, i + 1);
      fields.push([i + 1, close]);
      i = close + 1;
      continue;
    }
    i++;
  }
  return { end: src.length, fields };
}

/** End (index of the closing brace) of an f-string replacement field starting at `from`. */
function scanField(src: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (c === '"' || c === "'") {
      i = scanString(src, i, '').end;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]'.includes(c)) depth--;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
    i++;
  }
  return src.length;
}

/** Tokens of Python source; comments and line continuations are skipped. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number) => {
    tokens.push({ kind, text: src.slice(start, end), start, end, depth });
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      if (depth === 0) push('newline', i, i + 1);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = scanString(src, i, '').end;
      push('string', i, end);
      i = end;
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < src.length && NAME_PART.test(src[j])) j++;
      const word = src.slice(i, j);
      if ((src[j] === '"' || src[j] === "'") && STRING_PREFIX.test(word)) {
        const end = scanString(src, j, word).end;
        push('string', i, end);
        i = end;
      } else {
        push('name', i, j);
        i = j;
      }
      continue;
    }
    const number = /^(?:0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?)/.exec(src.slice(i, i + 64));
    if (number && (/\d/.test(c) || (c === '.' && /\d/.test(src[i + 1] ?? '')))) {
      push('number', i, i + number[0].length);
      i += number[0].length;
      continue;
    }
    if ('([{'.includes(c)) {
      push('open', i, i + 1);
      depth++;
      i++;
      continue;
    }
    if (')]}'.includes(c)) {
      depth = Math.max(0, depth - 1);
      push('close', i, i + 1);
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i)) ?? c;
    push('op', i, i + op.length);
    i += op.length;
  }
  return tokens;
}

/**
 * Same length as `src`: string literal contents and comments become spaces (quotes,
 * prefixes and newlines stay; f-string replacement fields stay code), so a regex over the
 * mask only ever matches code.
 */
export function maskCode(src: string): string {
  const out = src.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '#') {
      const start = i;
      while (i < src.length && src[i] !== '\n') i++;
      blank(start, i);
      continue;
    }
    if (c === '"' || c === "'") {
      let p = i;
      while (p > 0 && /[rRbBuUfFtT]/.test(src[p - 1])) p--;
      const prefix = p < i && (p === 0 || !NAME_PART.test(src[p - 1])) ? src.slice(p, i) : '';
      const span = scanString(src, i, STRING_PREFIX.test(prefix) ? prefix : '');
      const open = src.startsWith(c.repeat(3), i) ? 3 : 1;
      const close = span.end - open >= i + open && src.startsWith(c.repeat(open), span.end - open) ? open : 0;
      let from = i + open;
      for (const [fs, fe] of span.fields) {
        blank(from, fs);
        from = fe;
      }
      blank(from, span.end - close);
      i = span.end;
      continue;
    }
    i++;
  }
  return out.join('');
}

export interface PhysicalLine {
  text: string;
  /** False when the line continues a logical line (open bracket, string, backslash). */
  logicalStart: boolean;
}

/** Physical lines with whether each one starts a logical line. */
export function physicalLines(src: string): PhysicalLine[] {
  const mask = maskCode(src);
  const lines = src.split('\n');
  const result: PhysicalLine[] = [];
  let depth = 0;
  let pos = 0;
  let continued = false;
  // A line that begins inside a multi-line string: the mask has no quote-free code there,
  // so track string state separately from the token stream.
  const inString = stringLineStarts(src);
  lines.forEach((text, n) => {
    result.push({ text, logicalStart: depth === 0 && !continued && !inString[n] });
    const masked = mask.slice(pos, pos + text.length);
    for (const ch of masked) {
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    }
    continued = /\\\s*$/.test(masked) && !inString[n + 1];
    pos += text.length + 1;
  });
  return result;
}

/** For each line index: does the line begin inside a (triple-quoted) string literal? */
function stringLineStarts(src: string): boolean[] {
  const starts: boolean[] = [false];
  for (const t of tokenize(src)) {
    if (t.kind !== 'string') continue;
    let line = src.slice(0, t.start).split('\n').length - 1;
    for (let k = t.start; k < t.end - 1; k++) if (src[k] === '\n') starts[++line] = true;
  }
  const count = src.split('\n').length;
  return Array.from({ length: count }, (_, n) => starts[n] === true);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces whole-word uses of `name` outside strings and comments. 'name' mode skips
 * attributes (`obj.name`) and keyword-argument names (`f(name=1)`); 'attribute' mode only
 * replaces `.name`.
 */
export function replaceIdentifier(src: string, name: string, replacement: string, mode: 'name' | 'attribute'): { text: string; count: number } {
  const mask = maskCode(src);
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`, 'gu');
  const hits: number[] = [];
  for (const m of mask.matchAll(re)) {
    const at = m.index;
    const before = mask.slice(0, at).trimEnd();
    const isAttribute = before.endsWith('.') && !before.endsWith('..');
    if (mode === 'attribute' ? !isAttribute : isAttribute) continue;
    if (mode === 'name') {
      const after = mask.slice(at + name.length);
      const keywordArg = /^\s*=(?!=)/.test(after) && /[(,]$/.test(before) && depthAt(mask, at) > 0;
      if (keywordArg) continue;
    }
    hits.push(at);
  }
  let text = src;
  for (const at of hits.reverse()) text = text.slice(0, at) + replacement + text.slice(at + name.length);
  return { text, count: hits.length };
}

function depthAt(mask: string, at: number): number {
  let depth = 0;
  for (let k = 0; k < at; k++) {
    if ('([{'.includes(mask[k])) depth++;
    else if (')]}'.includes(mask[k])) depth = Math.max(0, depth - 1);
  }
  return depth;
}

/** Index of the token closing the bracket opened at `open`, or -1. */
export function matchingClose(tokens: Token[], open: number): number {
  for (let k = open + 1; k < tokens.length; k++) {
    if (tokens[k].kind === 'close' && tokens[k].depth === tokens[open].depth) return k;
  }
  return -1;
}

/** Index of the token opening the bracket closed at `close`, or -1. */
export function matchingOpen(tokens: Token[], close: number): number {
  for (let k = close - 1; k >= 0; k--) {
    if (tokens[k].kind === 'open' && tokens[k].depth === tokens[close].depth) return k;
  }
  return -1;
}

const UNARY_AFTER = new Set([
  'return',
  'in',
  'not',
  'and',
  'or',
  'if',
  'else',
  'lambda',
  'yield',
  'is',
  'await',
  'assert',
  'del',
  'elif',
  'while',
  'for',
  'with',
]);

const CONSTANTS = new Set(['None', 'True', 'False']);

/** A token that can end an atom (so a following bracket is a call or subscript). */
function atomEnd(t: Token | undefined): boolean {
  if (t === undefined) return false;
  if (t.kind === 'name') return !KEYWORDS.has(t.text) || CONSTANTS.has(t.text);
  return t.kind === 'close' || t.kind === 'number' || t.kind === 'string';
}

/** Token range [first, last] of the primary (atom plus trailers) starting at `i`, or null. */
export function primaryForward(tokens: Token[], i: number): [number, number] | null {
  const t = tokens[i];
  if (!t) return null;
  let last: number;
  if (t.kind === 'open') {
    last = matchingClose(tokens, i);
    if (last < 0) return null;
  } else if (t.kind === 'string') {
    last = i;
    while (tokens[last + 1]?.kind === 'string') last++;
  } else if (t.kind === 'number' || (t.kind === 'name' && atomEnd(t))) {
    last = i;
  } else {
    return null;
  }
  for (;;) {
    const next = tokens[last + 1];
    if (next?.kind === 'open' && next.text !== '{' && next.start === tokens[last].end) {
      const close = matchingClose(tokens, last + 1);
      if (close < 0) return null;
      last = close;
    } else if (next?.kind === 'op' && next.text === '.' && tokens[last + 2]?.kind === 'name') {
      last += 2;
    } else {
      return [i, last];
    }
  }
}

/** Token range [first, last] of the primary ending at token `j`, or null. */
export function primaryBackward(tokens: Token[], j: number): [number, number] | null {
  let first = j;
  for (;;) {
    const t = tokens[first];
    if (!t) return null;
    if (t.kind === 'close') {
      const open = matchingOpen(tokens, first);
      if (open < 0) return null;
      const before = tokens[open - 1];
      // A call or subscript trailer when glued to an atom; otherwise a parenthesised atom.
      if (t.text !== '}' && atomEnd(before) && before.end === tokens[open].start) {
        first = open - 1;
        continue;
      }
      first = open;
    } else if (t.kind === 'string') {
      while (tokens[first - 1]?.kind === 'string') first--;
    } else if (!atomEnd(t)) {
      return null;
    }
    const dot = tokens[first - 1];
    if (dot?.kind === 'op' && dot.text === '.' && atomEnd(tokens[first - 2])) {
      first -= 2;
      continue;
    }
    return [first, j];
  }
}

const MULTIPLICATIVE = new Set(['*', '/', '//', '%', '@', '**']);
const ADDITIVE = new Set(['+', '-', ...MULTIPLICATIVE]);

function isUnary(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  if (t?.kind !== 'op' || !['-', '+', '~'].includes(t.text)) return false;
  const before = tokens[k - 1];
  return (
    before === undefined ||
    before.kind === 'op' ||
    before.kind === 'open' ||
    before.kind === 'newline' ||
    (before.kind === 'name' && UNARY_AFTER.has(before.text))
  );
}

/** [first, last] token range of the arithmetic chain around the binary operator at `op`. */
export function chainAround(tokens: Token[], op: number, level: 'multiplicative' | 'additive'): [number, number] | null {
  const ops = level === 'additive' ? ADDITIVE : MULTIPLICATIVE;
  let first = op;
  for (;;) {
    const left = primaryBackward(tokens, first - 1);
    if (!left) return null;
    first = left[0];
    while (isUnary(tokens, first - 1)) first--;
    const before = tokens[first - 1];
    if (before?.kind === 'op' && ops.has(before.text) && before.depth === tokens[op].depth) {
      first--;
      continue;
    }
    break;
  }
  let last = op;
  for (;;) {
    let start = last + 1;
    while (isUnary(tokens, start)) start++;
    const right = primaryForward(tokens, start);
    if (!right) return null;
    last = right[1];
    const after = tokens[last + 1];
    if (after?.kind === 'op' && ops.has(after.text)) {
      last++;
      continue;
    }
    break;
  }
  return [first, last];
}

/** Splits a token range at binary operators from `ops` at the range's own depth. */
export function splitOperands(tokens: Token[], first: number, last: number, ops: Set<string>): { op: string | null; first: number; last: number }[] {
  const parts: { op: string | null; first: number; last: number }[] = [];
  const depth = tokens[first].depth;
  let start = first;
  let op: string | null = null;
  for (let k = first; k <= last; k++) {
    const t = tokens[k];
    if (t.kind === 'op' && t.depth === depth && ops.has(t.text) && k > start && !isUnary(tokens, k)) {
      parts.push({ op, first: start, last: k - 1 });
      op = t.text;
      start = k + 1;
    }
  }
  parts.push({ op, first: start, last });
  return parts;
}

/** Source text of a token range. */
export function textOf(src: string, tokens: Token[], first: number, last: number): string {
  return src.slice(tokens[first].start, tokens[last].end);
}

/** Wraps an expression in parentheses unless it is a (signed) name, number, call or subscript. */
export function parenthesize(expr: string): string {
  const tokens = tokenize(expr);
  const signed = tokens[0]?.kind === 'op' && (tokens[0].text === '-' || tokens[0].text === '+') ? 1 : 0;
  const whole = tokens.length > signed ? primaryForward(tokens, signed) : null;
  return whole && whole[1] === tokens.length - 1 ? expr.trim() : `(${expr})`;
}

/** Removes the common leading indentation of non-blank lines. */
export function dedent(text: string): { text: string; by: number } {
  const lines = text.split('\n');
  const widths = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const by = widths.length ? Math.min(...widths) : 0;
  if (by === 0) return { text, by };
  return { text: lines.map((l) => l.slice(Math.min(by, /^ */.exec(l)![0].length))).join('\n'), by };
}

/** CPython's hint at the end of the error line: "Did you mean: 'x'?" or "Did you forget to import 'm'?". */
export function errorHint(formatted: string): { text: string; suggestion?: string; forgotImport?: string } | null {
  const last = formatted.trimEnd().split('\n').at(-1) ?? '';
  const mean = /Did you mean:? '([^']+)'\?\s*$/.exec(last) ?? /Did you mean:? '([^']+)'[^']*\?\s*$/.exec(last);
  if (mean) return { text: last.slice(last.lastIndexOf('Did you mean')).trim(), suggestion: mean[1] };
  const forgot = /Did you forget to import '([\w.]+)'\?\s*$/.exec(last);
  if (forgot) return { text: last.slice(last.lastIndexOf('Did you forget')).trim(), forgotImport: forgot[1] };
  return null;
}
