// Heal values: the data-only format in which a heal's new values travel from the executor
// (untrusted: it runs the handling code) through the page to the runner. The format and
// the runner's decoder are defined in workers/shared/py/_heal_common/heal_values.py; this is the page's
// side: the types, and a validator that every executor answer passes before the page shows
// it or hands it to the runner. The review is rendered from the validated answer itself,
// so what the user sees is what the runner will merge.

export type HealFloat = number | 'nan' | 'inf' | '-inf' | '-0';

export type HealValue =
  | null
  | boolean
  | string
  /** int, safe-integer range; larger ones are tagged */
  | number
  | { t: 'int'; v: string }
  | { t: 'float'; v: HealFloat }
  | { t: 'complex'; re: HealFloat; im: HealFloat }
  | { t: 'bytes'; b64: string }
  | { t: 'bytearray'; b64: string; id: number }
  | { t: 'list' | 'set'; items: HealValue[]; id: number }
  | { t: 'tuple' | 'frozenset'; items: HealValue[]; id?: number }
  | { t: 'dict'; entries: [HealValue, HealValue][]; id: number }
  | { t: 'alias'; id: number }
  | { t: 'ref'; name: string }
  | { t: 'handle'; n: number }
  | { t: 'module'; name: string }
  | { t: 'stdlib'; module: string; name: string }
  | { t: 'builtin'; name: string }
  | { t: 'global'; name: string }
  | { t: 'object'; class: string; attrs?: [string, HealValue][]; items?: HealValue[]; entries?: [HealValue, HealValue][]; id?: number }
  | { t: 'enum'; class: string; member: string }
  | HealStdValue;

export interface HealStdValue {
  t: 'std';
  type: string;
  args?: HealValue[];
  items?: HealValue[];
  entries?: [HealValue, HealValue][];
  attrs?: [string, HealValue][];
  factory?: HealValue;
  maxlen?: number | null;
  id?: number;
}

/** One name the merge binds (or, inPlace, whose live object it changes). */
export interface MergeBinding {
  name: string;
  value: HealValue;
  inPlace?: boolean;
}

/** What handling code printed, in order; it becomes part of the program's output at the merge. */
export type HealOutputChunk = [stream: 'stdout' | 'stderr', text: string];

/**
 * The data-only merge answer for a pause. Skipping the statement is `{ action: 'merge' }`.
 * `output` and `stdinConsumed` make the heal behave like a statement of the program: what
 * the handling code printed joins the program's output, and the characters it read of the
 * remaining test-case input (PauseContext.stdin) are consumed there.
 */
export interface DataMerge {
  action: 'merge';
  set?: MergeBinding[];
  delete?: string[];
  output?: HealOutputChunk[];
  stdinConsumed?: number;
}

/** Most text a merge answer may print (the executor caps each stream at 100,000 characters). */
export const MAX_MERGE_OUTPUT = 1_000_000;

export const MAX_VALUE_DEPTH = 200;
export const MAX_VALUE_NODES = 500_000;

const TAGS = new Set([
  'int',
  'float',
  'complex',
  'bytes',
  'bytearray',
  'list',
  'set',
  'tuple',
  'frozenset',
  'dict',
  'alias',
  'ref',
  'handle',
  'module',
  'stdlib',
  'builtin',
  'global',
  'object',
  'enum',
  'std',
]);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const isDunder = (name: string) => name.startsWith('__') && name.endsWith('__');

/** A name a merge may bind or delete: an identifier, no dunders except __return__, nothing of ours. */
export function isBindableName(name: unknown): name is string {
  return typeof name === 'string' && IDENTIFIER.test(name) && !name.startsWith('__heal') && (name === '__return__' || !isDunder(name));
}

class Invalid extends Error {}

function isFloat(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || v === 'nan' || v === 'inf' || v === '-inf' || v === '-0';
}

function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Invalid('not an object');
  return value as Record<string, unknown>;
}

/** Checks the structure only (the runner's decoder decides what it accepts); throws Invalid. */
function checkValue(value: unknown, depth: number, budget: { nodes: number }): void {
  budget.nodes += 1;
  if (budget.nodes > MAX_VALUE_NODES) throw new Invalid(`more than ${MAX_VALUE_NODES} values`);
  if (depth > MAX_VALUE_DEPTH) throw new Invalid(`nested deeper than ${MAX_VALUE_DEPTH} levels`);
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Invalid('a plain number must be a safe integer');
    return;
  }
  const v = record(value);
  const tag = v.t;
  if (typeof tag !== 'string' || !TAGS.has(tag)) throw new Invalid(`unknown value tag ${JSON.stringify(tag)}`);
  const next = depth + 1;
  const list = (key: string, required: boolean) => {
    const items = v[key];
    if (items === undefined && !required) return;
    if (!Array.isArray(items)) throw new Invalid(`${tag} needs ${key}`);
    for (const item of items) checkValue(item, next, budget);
  };
  const pairs = (key: string, required: boolean, keyIsName = false) => {
    const entries = v[key];
    if (entries === undefined && !required) return;
    if (!Array.isArray(entries)) throw new Invalid(`${tag} needs ${key}`);
    for (const entry of entries) {
      if (!Array.isArray(entry) || entry.length !== 2) throw new Invalid('an entry is a pair');
      if (keyIsName) {
        if (typeof entry[0] !== 'string' || !IDENTIFIER.test(entry[0]) || isDunder(entry[0])) throw new Invalid('bad attribute name');
      } else {
        checkValue(entry[0], next, budget);
      }
      checkValue(entry[1], next, budget);
    }
  };
  const id = (required: boolean) => {
    if (v.id === undefined && !required) return;
    if (!Number.isSafeInteger(v.id) || (v.id as number) < 0) throw new Invalid('bad id');
  };
  const name = (key: string, pattern: RegExp) => {
    if (typeof v[key] !== 'string' || !pattern.test(v[key] as string)) throw new Invalid(`bad ${key}`);
  };
  switch (tag) {
    case 'int':
      if (typeof v.v !== 'string' || !/^-?\d{1,4300}$/.test(v.v)) throw new Invalid('bad int');
      return;
    case 'float':
      if (!isFloat(v.v)) throw new Invalid('bad float');
      return;
    case 'complex':
      if (!isFloat(v.re) || !isFloat(v.im)) throw new Invalid('bad complex');
      return;
    case 'bytes':
    case 'bytearray':
      if (typeof v.b64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v.b64)) throw new Invalid('bad base64');
      id(tag === 'bytearray');
      return;
    case 'list':
    case 'set':
    case 'tuple':
    case 'frozenset':
      id(tag === 'list' || tag === 'set');
      list('items', true);
      return;
    case 'dict':
      id(true);
      pairs('entries', true);
      return;
    case 'alias':
      id(true);
      return;
    case 'ref':
      if (!isBindableName(v.name)) throw new Invalid('bad ref');
      return;
    case 'handle':
      if (!Number.isSafeInteger(v.n)) throw new Invalid('bad handle');
      return;
    case 'module':
      name('name', DOTTED);
      return;
    case 'stdlib':
      name('module', DOTTED);
      name('name', IDENTIFIER);
      return;
    case 'builtin':
    case 'global':
      name('name', IDENTIFIER);
      return;
    case 'enum':
      name('class', DOTTED);
      name('member', IDENTIFIER);
      return;
    case 'object':
      name('class', DOTTED);
      id(false);
      pairs('attrs', false, true);
      list('items', false);
      pairs('entries', false);
      return;
    case 'std':
      name('type', DOTTED);
      id(false);
      list('args', false);
      list('items', false);
      pairs('entries', false);
      pairs('attrs', false, true);
      if (v.factory !== undefined) checkValue(v.factory, next, budget);
      if (v.maxlen !== undefined && v.maxlen !== null && !Number.isSafeInteger(v.maxlen)) throw new Invalid('bad maxlen');
      return;
  }
}

export type Validated<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A merge answer exactly as the format allows, or why not. */
export function validateDataMerge(value: unknown): Validated<DataMerge> {
  try {
    const v = record(value);
    if (v.action !== 'merge') throw new Invalid('action must be "merge"');
    for (const key of Object.keys(v)) if (!['action', 'set', 'delete', 'output', 'stdinConsumed'].includes(key)) throw new Invalid(`unexpected field ${key}`);
    const budget = { nodes: 0 };
    const names = new Set<string>();
    const set: MergeBinding[] = [];
    if (v.set !== undefined) {
      if (!Array.isArray(v.set)) throw new Invalid('set must be a list');
      for (const raw of v.set) {
        const entry = record(raw);
        for (const key of Object.keys(entry)) if (!['name', 'value', 'inPlace'].includes(key)) throw new Invalid(`unexpected binding field ${key}`);
        if (!isBindableName(entry.name) || names.has(entry.name)) throw new Invalid(`${JSON.stringify(entry.name)} cannot be bound (or is bound twice)`);
        if (!('value' in entry)) throw new Invalid(`${entry.name} has no value`);
        if (entry.inPlace !== undefined && typeof entry.inPlace !== 'boolean') throw new Invalid('inPlace must be a boolean');
        names.add(entry.name);
        checkValue(entry.value, 0, budget);
        set.push({ name: entry.name, value: entry.value as HealValue, ...(entry.inPlace ? { inPlace: true } : {}) });
      }
    }
    const deleted: string[] = [];
    if (v.delete !== undefined) {
      if (!Array.isArray(v.delete)) throw new Invalid('delete must be a list');
      for (const name of v.delete) {
        if (!isBindableName(name) || name === '__return__') throw new Invalid(`${JSON.stringify(name)} cannot be deleted`);
        deleted.push(name);
      }
    }
    const output: HealOutputChunk[] = [];
    if (v.output !== undefined) {
      if (!Array.isArray(v.output)) throw new Invalid('output must be a list');
      let size = 0;
      for (const chunk of v.output) {
        if (!Array.isArray(chunk) || chunk.length !== 2 || (chunk[0] !== 'stdout' && chunk[0] !== 'stderr') || typeof chunk[1] !== 'string') {
          throw new Invalid('each output chunk is ["stdout" or "stderr", text]');
        }
        size += chunk[1].length;
        if (size > MAX_MERGE_OUTPUT) throw new Invalid('too much output');
        output.push([chunk[0], chunk[1]]);
      }
    }
    const consumed = v.stdinConsumed;
    if (consumed !== undefined && !(typeof consumed === 'number' && Number.isSafeInteger(consumed) && consumed >= 0)) {
      throw new Invalid('stdinConsumed must be a count of characters');
    }
    return {
      ok: true,
      value: {
        action: 'merge',
        ...(set.length ? { set } : {}),
        ...(deleted.length ? { delete: deleted } : {}),
        ...(output.length ? { output } : {}),
        ...(consumed ? { stdinConsumed: consumed } : {}),
      },
    };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: error.message };
    throw error;
  }
}
