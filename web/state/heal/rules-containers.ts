// Rules for containers: IndexError (guard reads, one-past-the-end assignment appends,
// pop from empty) and KeyError (get/setdefault with a default, augmented updates, del).
import { parenthesize, primaryBackward, textOf, tokenize } from './pytext.ts';
import {
  DICT_TYPES,
  type Rule,
  type RuleInput,
  SEQUENCE_TYPES,
  type Subscript,
  type TextEdit,
  applyEdits,
  candidate,
  contextDefault,
  elementDefault,
  expressionElementDefault,
  finish,
  headerEnd,
  kindAt,
  neutralFor,
  splitAssignment,
  subscripts,
  unpackingDefault,
} from './rules-support.ts';

/** Subscripts the rule may rewrite: reads in the statement's header, no slices, no calls evaluated twice. */
function readSubscripts(input: RuleInput): Subscript[] {
  const end = headerEnd(input.stmt);
  return subscripts(input.stmt).filter((s) => s.start < end && !s.isSlice && !s.isTarget && !s.hasCall);
}

/** Subscripts whose base is of a wanted kind; else the only one whose base type is unknown. */
function pick(input: RuleInput, subs: Subscript[], wanted: Set<string>): Subscript[] {
  const known = subs.filter((s) => wanted.has(kindAt(input, s.root, s.level) ?? ''));
  if (known.length) return known;
  const unknown = subs.filter((s) => kindAt(input, s.root, s.level) === undefined);
  return unknown.length === 1 ? unknown : [];
}

/** Groups subscripts of one chain (`grid[i][j]`) together, outermost chains first. */
function chains(subs: Subscript[]): Subscript[][] {
  const byStart = new Map<number, Subscript[]>();
  for (const s of subs) byStart.set(s.start, [...(byStart.get(s.start) ?? []), s]);
  return [...byStart.values()].map((c) => c.sort((a, b) => a.level - b.level)).sort((a, b) => a[0].start - b[0].start);
}

const READ_INDEX = /^(list|tuple|string|str|deque|range|bytearray|bytes|array) index out of range$/;

function guardIndexReads(input: RuleInput): string | null {
  const kind = READ_INDEX.exec(input.message)?.[1];
  if (!kind) return null;
  const edits: TextEdit[] = [];
  for (const chain of chains(pick(input, readSubscripts(input), SEQUENCE_TYPES))) {
    const last = chain.at(-1)!;
    const binding = last.root ? input.value(last.root) : undefined;
    const fallback = binding ? elementDefault(binding, last.level) : kind === 'string' || kind === 'str' ? "''" : 'None';
    const conditions = chain.map((s) => `-len(${s.base}) <= ${parenthesize(s.index)} < len(${s.base})`);
    const expr = input.stmt.slice(chain[0].start, last.end);
    const value = contextDefault(input.stmt, chain[0].start, last.end, unpackingDefault(input.stmt, chain[0].start, last.end, fallback));
    edits.push({ start: chain[0].start, end: last.end, text: `(${expr} if ${conditions.join(' and ')} else ${value})` });
  }
  return edits.length ? applyEdits(input.stmt, edits) : null;
}

function appendAtEnd(input: RuleInput): string | null {
  if (input.message !== 'list assignment index out of range') return null;
  const a = splitAssignment(input.stmt);
  const target = subscripts(input.stmt).filter((s) => s.isTarget);
  if (a?.op !== '=' || target.length !== 1 || input.stmt.slice(target[0].start, target[0].end) !== a.targets || target[0].isSlice) return null;
  const { base, index } = target[0];
  return `if ${parenthesize(index)} == len(${base}):\n    ${base}.append(${a.value})`;
}

function guardPops(input: RuleInput): string | null {
  const empty = /pop from (?:an )?empty|^index out of range$/.test(input.message);
  if (!empty && input.message !== 'pop index out of range') return null;
  const stmt = input.stmt;
  const tokens = tokenize(stmt);
  const edits: TextEdit[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const open = tokens[k + 1];
    if (t.kind !== 'name' || open?.text !== '(' || open.start !== t.end) continue;
    const close = tokens.findIndex((c, i) => i > k + 1 && c.kind === 'close' && c.depth === open.depth);
    if (close < 0) continue;
    const args = stmt.slice(open.end, tokens[close].start).trim();
    let receiver: string;
    let start: number;
    if ((t.text === 'pop' || t.text === 'popleft') && tokens[k - 1]?.text === '.') {
      const range = primaryBackward(tokens, k - 2);
      if (!range) continue;
      receiver = textOf(stmt, tokens, ...range);
      start = tokens[range[0]].start;
    } else if (t.text === 'heappop' && empty) {
      receiver = args;
      start = tokens[k - 1]?.text === '.' && tokens[k - 2]?.kind === 'name' ? tokens[k - 2].start : t.start;
    } else {
      continue;
    }
    if (receiver.includes('(')) continue; // evaluating a call twice could have side effects
    const call = stmt.slice(start, tokens[close].end);
    const condition = empty || args === '' ? receiver : `-len(${receiver}) <= ${parenthesize(args)} < len(${receiver})`;
    const value = contextDefault(stmt, start, tokens[close].end, unpackingDefault(stmt, start, tokens[close].end, expressionElementDefault(input, receiver)));
    edits.push({ start, end: tokens[close].end, text: `(${call} if ${condition} else ${value})` });
  }
  return edits.length ? applyEdits(stmt, edits) : null;
}

const indexError: Rule = {
  id: 'index',
  errors: ['IndexError'],
  summary:
    'IndexError: guard sequence reads (seq[i] if -len(seq) <= i < len(seq) else default by element type); seq[len(seq)] = v appends; pop/heappop on empty gives the default.',
  apply(input) {
    const out = [];
    const appended = appendAtEnd(input);
    if (appended) out.push(candidate('index-append', 'assignment one past the end appends', appended));
    const popped = guardPops(input);
    if (popped) out.push(candidate('index-pop', 'pop from an empty sequence gives a default', finish(input, popped)));
    const guarded = guardIndexReads(input);
    if (guarded) out.push(candidate('index-guard', 'out-of-range reads give a default of the element type', finish(input, guarded)));
    return out;
  },
};

const MUTATING = new Set(['append', 'extend', 'add', 'update', 'insert', 'appendleft', 'setdefault']);

function dictReads(input: RuleInput): string | null {
  const stmt = input.stmt;
  const end = headerEnd(stmt);
  const all = subscripts(stmt).filter((s) => s.start < end && !s.isSlice && !s.hasCall);
  // Reads, plus the inner levels of a target chain (`d[k][j] = v` reads d[k]).
  const reads = all.filter((s) => !s.isTarget || all.some((o) => o.isTarget && o.start === s.start && o.level > s.level));
  const edits: TextEdit[] = [];
  for (const chain of chains(pick(input, reads, DICT_TYPES))) {
    const root = chain[0];
    const members = all.filter((s) => s.start === root.start).sort((a, b) => a.level - b.level);
    const lastGuarded = chain.at(-1)!;
    const chainIsTarget = members.some((o) => o.isTarget);
    let text = members[0].base;
    for (const s of members) {
      if (s.level > lastGuarded.level) break;
      if (!chain.includes(s)) {
        text += `[${s.index}]`;
        continue;
      }
      const deeper = members.some((o) => o.level > s.level);
      const next = kindAt(input, s.root, s.level + 1);
      if (deeper) {
        // An inner level: a container; when the chain is assigned to, create it in place.
        text += `.${chainIsTarget ? 'setdefault' : 'get'}(${s.index}, ${next === 'list' ? '[]' : '{}'})`;
        continue;
      }
      const method = /^\s*\.\s*(\w+)\s*\(/.exec(stmt.slice(s.end))?.[1];
      if (method && MUTATING.has(method)) {
        // d[k].append(x) must land in d: setdefault, not get.
        const container = next && next !== 'NoneType' ? neutralFor(next) : method === 'add' ? 'set()' : method === 'update' ? '{}' : '[]';
        text += `.setdefault(${s.index}, ${container})`;
      } else {
        text += `.get(${s.index}, ${s === lastGuarded ? contextDefault(stmt, root.start, s.end, neutralFor(next)) : neutralFor(next)})`;
      }
    }
    edits.push({ start: root.start, end: lastGuarded.end, text });
  }
  return edits.length ? applyEdits(stmt, edits) : null;
}

function augmentedKey(input: RuleInput): string | null {
  const a = splitAssignment(input.stmt);
  if (!a || a.op === '=') return null;
  const target = subscripts(input.stmt).find((s) => s.isTarget && input.stmt.slice(s.start, s.end) === a.targets);
  if (!target || target.isSlice || target.level > 0) return null;
  const op = a.op.slice(0, -1);
  const values = kindAt(input, target.root, 1);
  const neutral = neutralFor(values);
  const identity = op === '*' || op === '**' ? '1' : (op === '+' || op === '-') && neutral !== 'None' ? neutral : '0';
  return `${a.targets} = ${target.base}.get(${target.index}, ${identity}) ${op} ${parenthesize(a.value)}`;
}

function keyMethods(input: RuleInput): string | null {
  const del = /^del\s+([A-Za-z_][\w.]*)\[([^[\]]+)\]$/.exec(input.stmt);
  if (del) return `${del[1]}.pop(${del[2]}, None)`;
  let changed = false;
  const text = input.stmt.replace(/\b([A-Za-z_]\w*)\.(pop|remove)\(([^(),]+)\)/g, (whole, name: string, method: string, arg: string) => {
    const type = input.value(name)?.type;
    if (method === 'pop' && type && DICT_TYPES.has(type)) {
      changed = true;
      return `${name}.pop(${arg}, None)`;
    }
    if (method === 'remove' && (type === 'set' || type === 'frozenset')) {
      changed = true;
      return `${name}.discard(${arg})`;
    }
    return whole;
  });
  return changed ? text : null;
}

const keyError: Rule = {
  id: 'key',
  errors: ['KeyError'],
  summary:
    'KeyError: d[k] op= v → d[k] = d.get(k, 0) op v; reads → d.get(k, default by value type) (setdefault when mutated); del d[k] / d.pop(k) → d.pop(k, None); set.remove → discard.',
  apply(input) {
    const out = [];
    const aug = augmentedKey(input);
    if (aug) out.push(candidate('key-augmented', 'a missing key starts from the neutral value', aug));
    const method = keyMethods(input);
    if (method) out.push(candidate('key-method', 'removing a missing key is a no-op', finish(input, method)));
    const read = dictReads(input);
    if (read) out.push(candidate('key-get', 'a missing key reads as a default of the value type', finish(input, read)));
    return out;
  },
};

export const CONTAINER_RULES: readonly Rule[] = [indexError, keyError];
