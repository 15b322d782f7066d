// Source mutations for fuzzing the runner: text-level edits of Python programs that
// keep most of the program intact (delete / duplicate / swap statements, rename an
// identifier, change a literal, insert an endless loop). Pure and seeded: the same
// seed gives the same mutants. Mutants need not be valid Python — a syntax error is
// one of the outcomes the runner must handle.

import type { Rng } from './prng.ts';

export type MutationKind = 'delete' | 'duplicate' | 'swap' | 'rename' | 'literal' | 'loop';
export const MUTATION_KINDS: readonly MutationKind[] = ['delete', 'duplicate', 'swap', 'rename', 'literal', 'loop'];

export interface Mutation {
  kind: MutationKind;
  /** 1-based line of the edit in the source it was applied to. */
  line: number;
  detail: string;
}

export interface Mutant {
  source: string;
  mutations: Mutation[];
}

/** One logical line (a statement, possibly spanning physical lines through brackets or strings). */
export interface Statement {
  /** 0-based physical lines, inclusive. */
  start: number;
  end: number;
  indent: string;
  /** Ends with ':' (if/for/def/...): deleting or swapping it would orphan its block. */
  header: boolean;
}

type CharClass = 'code' | 'string' | 'comment';

/**
 * Classifies every character as code, string or comment, and finds where logical
 * lines start. A light scanner, not a tokenizer: string prefixes count as code and
 * f-string replacement fields as string, which is good enough to pick edit sites.
 */
export function scan(source: string): { classes: CharClass[]; statements: Statement[] } {
  const classes: CharClass[] = new Array(source.length);
  const lines = source.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  let depth = 0;
  let quote: string | null = null;
  let continued = false; // backslash continuation
  const statements: Statement[] = [];
  let current: Statement | null = null;
  for (let l = 0; l < lines.length; l++) {
    const text = lines[l]!;
    const base = lineStarts[l]!;
    const fresh = depth === 0 && quote === null && !continued;
    if (fresh && current) {
      statements.push(current);
      current = null;
    }
    const trimmed = text.trim();
    if (fresh && trimmed !== '' && !trimmed.startsWith('#')) {
      current = { start: l, end: l, indent: text.slice(0, text.length - text.trimStart().length), header: false };
    } else if (current) {
      current.end = l;
    }
    continued = false;
    let lastCode = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quote !== null) {
        classes[base + i] = 'string';
        if (c === '\\') {
          if (i + 1 < text.length) classes[base + i + 1] = 'string';
          i++;
        } else if (text.startsWith(quote, i)) {
          for (let k = 1; k < quote.length; k++) classes[base + i + k] = 'string';
          i += quote.length - 1;
          quote = null;
        }
        continue;
      }
      if (c === '#') {
        for (let k = i; k < text.length; k++) classes[base + k] = 'comment';
        break;
      }
      if (c === '"' || c === "'") {
        quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
        for (let k = 0; k < quote.length; k++) classes[base + i + k] = 'string';
        i += quote.length - 1;
        continue;
      }
      classes[base + i] = 'code';
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
      if (c === '\\' && i === text.length - 1) continued = true;
      if (c.trim() !== '') lastCode = c;
    }
    if (quote !== null && quote.length === 1) quote = null; // unterminated one-line string: give up on it
    if (base + text.length < source.length) classes[base + text.length] = 'code'; // the newline
    if (current && depth === 0 && quote === null && !continued && lastCode === ':') current.header = true;
  }
  if (current) statements.push(current);
  return { classes, statements };
}

const KEYWORDS = new Set([
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
  'match',
  'case',
  'type',
  '_',
]);

interface Token {
  start: number;
  text: string;
}

function codeTokens(source: string, classes: CharClass[], pattern: RegExp): Token[] {
  const tokens: Token[] = [];
  for (const m of source.matchAll(pattern)) {
    const start = m.index!;
    if (classes[start] !== 'code') continue;
    tokens.push({ start, text: m[0] });
  }
  return tokens;
}

function lineOf(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

function splice(source: string, start: number, length: number, text: string): string {
  return source.slice(0, start) + text + source.slice(start + length);
}

/** Applies one mutation of the given kind; null when the program offers no site for it. */
export function applyMutation(source: string, kind: MutationKind, rng: Rng): Mutant | null {
  const { classes, statements } = scan(source);
  const lines = source.split('\n');
  const simple = statements.filter((s) => !s.header);
  const block = (s: Statement) => lines.slice(s.start, s.end + 1);
  const rebuild = (parts: string[][]) => parts.flat().join('\n');
  const one = (mutation: Mutation, text: string): Mutant => ({ source: text, mutations: [mutation] });

  switch (kind) {
    case 'delete': {
      if (simple.length === 0) return null;
      const s = rng.pick(simple);
      return one({ kind, line: s.start + 1, detail: lines[s.start]!.trim() }, rebuild([lines.slice(0, s.start), lines.slice(s.end + 1)]));
    }
    case 'duplicate': {
      if (simple.length === 0) return null;
      const s = rng.pick(simple);
      return one({ kind, line: s.start + 1, detail: lines[s.start]!.trim() }, rebuild([lines.slice(0, s.end + 1), block(s), lines.slice(s.end + 1)]));
    }
    case 'swap': {
      // Neighbouring simple statements of one block (same indent, nothing in between).
      const pairs: [Statement, Statement][] = [];
      for (let i = 0; i + 1 < statements.length; i++) {
        const a = statements[i]!;
        const b = statements[i + 1]!;
        if (!a.header && !b.header && a.indent === b.indent && b.start === a.end + 1) pairs.push([a, b]);
      }
      if (pairs.length === 0) return null;
      const [a, b] = rng.pick(pairs);
      return one(
        { kind, line: a.start + 1, detail: `${lines[a.start]!.trim()} <-> ${lines[b.start]!.trim()}` },
        rebuild([lines.slice(0, a.start), block(b), block(a), lines.slice(b.end + 1)]),
      );
    }
    case 'rename': {
      const names = codeTokens(source, classes, /[A-Za-z_][A-Za-z0-9_]*/g).filter(
        (t) => !KEYWORDS.has(t.text) && !/['"]/.test(source[t.start + t.text.length] ?? '') && !/[\w.]/.test(source[t.start - 1] ?? ''),
      );
      if (names.length === 0) return null;
      const target = rng.pick(names);
      const renamed = `${target.text}_m${rng.int(100)}`;
      if (rng.next() < 0.5) {
        // One occurrence: usually a NameError / AttributeError for the heal path.
        return one(
          { kind, line: lineOf(source, target.start), detail: `${target.text} -> ${renamed} (once)` },
          splice(source, target.start, target.text.length, renamed),
        );
      }
      // Every occurrence (attributes included): often harmless, sometimes not (keyword arguments, builtins).
      let out = source;
      const all = codeTokens(source, classes, /[A-Za-z_][A-Za-z0-9_]*/g).filter((t) => t.text === target.text);
      for (const t of all.reverse()) out = splice(out, t.start, t.text.length, renamed);
      return one({ kind, line: lineOf(source, target.start), detail: `${target.text} -> ${renamed} (all ${all.length})` }, out);
    }
    case 'literal': {
      const numbers = codeTokens(source, classes, /(?<![\w.])\d+(\.\d+)?(?![\w.])/g);
      const strings: Token[] = [];
      for (const m of source.matchAll(/(["'])[^"'\n\\]*\1/g)) {
        const start = m.index!;
        const after = source[start + m[0].length] ?? '';
        if (classes[start] === 'string' && (start === 0 || classes[start - 1] !== 'string') && after !== '"' && after !== "'")
          strings.push({ start, text: m[0] });
      }
      const sites = [...numbers.map((t) => ({ t, number: true })), ...strings.map((t) => ({ t, number: false }))];
      if (sites.length === 0) return null;
      const { t, number } = rng.pick(sites);
      let replacement: string;
      if (number) {
        const value = Number(t.text);
        const isFloat = t.text.includes('.');
        const choices = isFloat ? [value + 0.5, 0, -value, value * 2] : [value + 1, value - 1, 0, -value, value * 1000];
        replacement = String(rng.pick(choices.filter((c) => c !== value)));
        if (isFloat && !replacement.includes('.')) replacement += '.0';
        if (replacement.startsWith('-')) replacement = `(${replacement})`;
      } else {
        const q = t.text[0]!;
        const choices = [`${q}${q}`, `${q}x${q}`, `${q}${t.text.slice(1, -1).toUpperCase()}${q}`].filter((c) => c !== t.text);
        replacement = rng.pick(choices);
      }
      return one({ kind, line: lineOf(source, t.start), detail: `${t.text} -> ${replacement}` }, splice(source, t.start, t.text.length, replacement));
    }
    case 'loop': {
      // Not before a continuation clause (else/elif/except/...) or between a decorator and its def.
      const sites = statements.filter((s) => !/^(elif|else|except|finally|case)\b/.test(lines[s.start]!.trim()) && !lines[s.start - 1]?.trim().startsWith('@'));
      if (sites.length === 0) return null;
      const s = rng.pick(sites);
      const loop = `${s.indent}while True: pass`;
      return one({ kind, line: s.start + 1, detail: loop.trim() }, rebuild([lines.slice(0, s.start), [loop], lines.slice(s.start)]));
    }
  }
}

export interface MutateOptions {
  /** Mutations per program: 1..max (default 2). */
  maxMutations?: number;
  /** Relative weights; the endless loop is rarer by default because every such run costs the time limit. */
  weights?: Partial<Record<MutationKind, number>>;
}

const DEFAULT_WEIGHTS: Record<MutationKind, number> = { delete: 3, duplicate: 3, swap: 3, rename: 3, literal: 3, loop: 1 };

function weightedKind(rng: Rng, weights: Record<MutationKind, number>): MutationKind {
  const total = MUTATION_KINDS.reduce((sum, k) => sum + weights[k], 0);
  let r = rng.next() * total;
  for (const k of MUTATION_KINDS) {
    r -= weights[k];
    if (r < 0) return k;
  }
  return MUTATION_KINDS[MUTATION_KINDS.length - 1]!;
}

/** One to maxMutations mutations in a row; the result always differs from the input (or is null). */
export function mutateProgram(source: string, rng: Rng, options: MutateOptions = {}): Mutant | null {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const count = 1 + rng.int(Math.max(1, options.maxMutations ?? 2));
  let current = source;
  const mutations: Mutation[] = [];
  for (let attempt = 0; mutations.length < count && attempt < count * 5; attempt++) {
    const mutant = applyMutation(current, weightedKind(rng, weights), rng);
    if (!mutant || mutant.source === current) continue;
    current = mutant.source;
    mutations.push(...mutant.mutations);
  }
  return mutations.length ? { source: current, mutations } : null;
}
