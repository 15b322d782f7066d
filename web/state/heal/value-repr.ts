// Python-style text for heal values (workers/protocol/heal-values.ts). The heal review is
// rendered from the merge answer itself, not from what the executor says about it, so that
// what the user reads is what the runner will merge. Builtin data looks as Python's repr
// shows it; objects the program already has (refs, handles, definitions) show as the name
// the program knows them by; instances of program classes as ClassName(attr=value, …).
// Capped like the runner's reprs (reprlib limits, 400 characters).

import type { HealFloat, HealValue } from '../../../workers/protocol/heal-values.ts';

export interface ValueNames {
  /** Repr and type of the paused program's value behind an opaque handle. */
  handle(n: number): { repr: string; type: string } | undefined;
  /** Repr and type of the paused program's binding a ref names. */
  binding?(name: string): { repr: string; type: string } | undefined;
}

const MAX_REPR = 400;
const MAX_LEVEL = 3;
const MAX_ITEMS = 12;
const MAX_DICT = 10;
const MAX_STRING = 160;
const FILL = '…';

export function pyFloat(value: HealFloat): string {
  if (value === 'nan' || value === 'inf' || value === '-inf') return value;
  if (value === '-0' || Object.is(value, -0)) return '-0.0';
  const [mantissa = '0', exp = '0'] = value.toExponential().split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exp);
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const rest = digits.slice(1);
    return `${sign}${digits[0]}${rest ? `.${rest}` : ''}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (exponent >= digits.length - 1) return `${sign}${digits}${'0'.repeat(exponent - digits.length + 1)}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

function quoteFor(text: string): string {
  return text.includes("'") && !text.includes('"') ? '"' : "'";
}

export function pyStr(text: string): string {
  const quote = quoteFor(text);
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (ch !== ' ' && /[\p{C}\p{Z}]/u.test(ch)) {
      out +=
        code <= 0xff
          ? `\\x${code.toString(16).padStart(2, '0')}`
          : code <= 0xffff
            ? `\\u${code.toString(16).padStart(4, '0')}`
            : `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return quote + out + quote;
}

function fromBase64(b64: string): Uint8Array {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function pyBytes(bytes: Uint8Array): string {
  const hasSingle = bytes.includes(0x27);
  const quote = hasSingle && !bytes.includes(0x22) ? '"' : "'";
  let out = '';
  for (const b of bytes) {
    if (b === 0x5c) out += '\\\\';
    else if (b === quote.charCodeAt(0)) out += `\\${quote}`;
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `b${quote}${out}${quote}`;
}

function capString(text: string): string {
  if (text.length <= MAX_STRING) return text;
  const keep = Math.floor((MAX_STRING - 3) / 2);
  return text.slice(0, keep) + FILL + text.slice(text.length - keep);
}

function lastPart(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

class Renderer {
  private readonly byId = new Map<number, HealValue>();
  private readonly open = new Set<number>();
  /** Ids of whole values bound to a name in the same answer: another value refers to them by that name. */
  readonly boundNames = new Map<number, string>();

  constructor(private readonly names: ValueNames) {}

  /** Index every id first: an alias may point at an object met later in reading order. */
  index(value: HealValue): void {
    const stack: unknown[] = [value];
    while (stack.length) {
      const v = stack.pop();
      if (Array.isArray(v)) {
        stack.push(...v);
        continue;
      }
      if (typeof v !== 'object' || v === null) continue;
      const rec = v as Record<string, unknown>;
      if (typeof rec.id === 'number' && rec.t !== 'alias') this.byId.set(rec.id, v as HealValue);
      for (const key of ['items', 'entries', 'attrs', 'args', 'factory']) if (rec[key] !== undefined) stack.push(rec[key]);
    }
  }

  render(value: HealValue, level: number): string {
    if (value === null) return 'None';
    if (value === true) return 'True';
    if (value === false) return 'False';
    if (typeof value === 'string') return capString(pyStr(value));
    if (typeof value === 'number') return String(value);
    const id = 'id' in value && typeof value.id === 'number' && value.t !== 'alias' ? value.id : undefined;
    if (id !== undefined) {
      if (this.open.has(id)) return this.recursive(value);
      this.open.add(id);
    }
    try {
      return this.renderTagged(value, level);
    } finally {
      if (id !== undefined) this.open.delete(id);
    }
  }

  private recursive(value: HealValue): string {
    if (typeof value !== 'object' || value === null) return '...';
    switch (value.t) {
      case 'list':
        return '[...]';
      case 'dict':
      case 'set':
        return '{...}';
      default:
        return '...';
    }
  }

  private seq(items: readonly HealValue[], level: number, max = MAX_ITEMS): string {
    if (level >= MAX_LEVEL && items.length) return FILL;
    const shown = items.slice(0, max).map((item) => this.render(item, level + 1));
    if (items.length > max) shown.push(FILL);
    return shown.join(', ');
  }

  private pairs(entries: readonly [HealValue, HealValue][], level: number): string {
    if (level >= MAX_LEVEL && entries.length) return FILL;
    const shown = entries.slice(0, MAX_DICT).map(([k, v]) => `${this.render(k, level + 1)}: ${this.render(v, level + 1)}`);
    if (entries.length > MAX_DICT) shown.push(FILL);
    return shown.join(', ');
  }

  private attrs(attrs: readonly [string, HealValue][] | undefined, level: number): string {
    return (
      (attrs ?? [])
        .slice(0, MAX_DICT)
        .map(([k, v]) => `${k}=${this.render(v, level + 1)}`)
        .join(', ') + ((attrs?.length ?? 0) > MAX_DICT ? `, ${FILL}` : '')
    );
  }

  private renderTagged(value: Exclude<HealValue, null | boolean | string | number>, level: number): string {
    switch (value.t) {
      case 'int':
        return value.v.length > 80 ? `${value.v.slice(0, 38)}${FILL}${value.v.slice(-38)}` : value.v;
      case 'float':
        return pyFloat(value.v);
      case 'complex': {
        const re = value.re,
          im = value.im;
        const imText = `${pyFloat(im)}j`.replace(/\.0j$/, 'j');
        if (re === 0 && !Object.is(re, -0)) return imText;
        const reText = pyFloat(re).replace(/\.0$/, '');
        return `(${reText}${imText.startsWith('-') ? '' : '+'}${imText})`;
      }
      case 'bytes':
        return capString(pyBytes(fromBase64(value.b64)));
      case 'bytearray':
        return `bytearray(${capString(pyBytes(fromBase64(value.b64)))})`;
      case 'list':
        return `[${this.seq(value.items, level)}]`;
      case 'tuple':
        return value.items.length === 1 ? `(${this.seq(value.items, level)},)` : `(${this.seq(value.items, level)})`;
      case 'set':
        return value.items.length ? `{${this.seq(value.items, level)}}` : 'set()';
      case 'frozenset':
        return value.items.length ? `frozenset({${this.seq(value.items, level)}})` : 'frozenset()';
      case 'dict':
        return `{${this.pairs(value.entries, level)}}`;
      case 'alias': {
        const bound = this.boundNames.get(value.id);
        if (bound !== undefined && !this.open.has(value.id)) return bound;
        const target = this.byId.get(value.id);
        return target === undefined ? '...' : this.render(target, level);
      }
      case 'ref':
        return value.name;
      case 'handle':
        return this.names.handle(value.n)?.repr ?? `<opaque value ${value.n}>`;
      case 'module':
        return `<module '${value.name}'>`;
      case 'stdlib':
        return `${value.module}.${value.name}`;
      case 'builtin':
      case 'global':
        return value.name;
      case 'enum':
        return `${lastPart(value.class)}.${value.member}`;
      case 'object': {
        const name = lastPart(value.class);
        const parts: string[] = [];
        if (value.items) parts.push(this.seq(value.items, level));
        if (value.entries) parts.push(`{${this.pairs(value.entries, level)}}`);
        const attrs = this.attrs(value.attrs, level);
        if (attrs) parts.push(attrs);
        return `${name}(${parts.filter(Boolean).join(', ')})`;
      }
      case 'std':
        return this.std(value, level);
    }
  }

  private std(value: Extract<HealValue, { t: 'std' }>, level: number): string {
    const args = value.args ?? [];
    const arg = (i: number) => this.render(args[i] ?? null, level + 1);
    const ints = () => args.map((a) => this.render(a, level + 1));
    switch (value.type) {
      case 'datetime.date':
        return `datetime.date(${ints().join(', ')})`;
      case 'datetime.time':
      case 'datetime.datetime': {
        const fields = ints().slice(0, value.type === 'datetime.time' ? 4 : 7);
        const minimum = value.type === 'datetime.time' ? 2 : 5;
        while (fields.length > minimum && fields.at(-1) === '0') fields.pop();
        const tz = args.at(-1);
        return `${value.type}(${fields.join(', ')}${tz !== null && tz !== undefined ? `, tzinfo=${this.render(tz, level + 1)}` : ''})`;
      }
      case 'datetime.timedelta': {
        const names = ['days', 'seconds', 'microseconds'];
        const parts = ints()
          .map((v, i) => (v === '0' ? '' : `${names[i]}=${v}`))
          .filter(Boolean);
        return `datetime.timedelta(${parts.join(', ')})`;
      }
      case 'datetime.timezone':
        return `datetime.timezone(${arg(0)}${args[1] !== null && args[1] !== undefined ? `, ${arg(1)}` : ''})`;
      case 'decimal.Decimal':
        return `Decimal(${arg(0)})`;
      case 'fractions.Fraction':
        return `Fraction(${arg(0)}, ${arg(1)})`;
      case 'uuid.UUID':
        return `UUID(${arg(0)})`;
      case 'pathlib.PurePosixPath':
      case 'pathlib.PosixPath':
        return `${lastPart(value.type)}(${arg(0)})`;
      case 'builtins.range':
        return args[2] !== undefined && this.render(args[2], level) !== '1' ? `range(${arg(0)}, ${arg(1)}, ${arg(2)})` : `range(${arg(0)}, ${arg(1)})`;
      case 'builtins.slice':
        return `slice(${arg(0)}, ${arg(1)}, ${arg(2)})`;
      case 're.Pattern':
        return `re.compile(${arg(0)}${this.render(args[1] ?? 0, level) !== '0' ? `, ${arg(1)}` : ''})`;
      case 'array.array':
        return `array(${arg(0)}, ${arg(1)})`;
      case 'collections.deque':
        return `deque([${this.seq(value.items ?? [], level)}]${value.maxlen != null ? `, maxlen=${value.maxlen}` : ''})`;
      case 'collections.OrderedDict':
      case 'collections.Counter':
        return `${lastPart(value.type)}({${this.pairs(value.entries ?? [], level)}})`;
      case 'collections.defaultdict':
        return `defaultdict(${this.render(value.factory ?? null, level + 1)}, {${this.pairs(value.entries ?? [], level)}})`;
      case 'types.SimpleNamespace':
        return `namespace(${this.attrs(value.attrs, level)})`;
      default:
        return `${value.type}(${ints().join(', ')})`;
    }
  }
}

function capRepr(text: string): string {
  return text.length <= MAX_REPR ? text : `${text.slice(0, MAX_REPR - 1)}…`;
}

/** Python-style, capped text of a heal value. */
export function healValueRepr(value: HealValue, names: ValueNames = { handle: () => undefined }): string {
  const renderer = new Renderer(names);
  renderer.index(value);
  return capRepr(renderer.render(value, 0));
}

/**
 * Texts for every value of one merge answer: ids are shared across its values, so a value
 * that contains another binding's object shows that binding's name (`pair = (accounts, first)`).
 */
export function healValueReprs(bindings: readonly { name: string; value: HealValue }[], names: ValueNames = { handle: () => undefined }): string[] {
  const renderer = new Renderer(names);
  for (const { name, value } of bindings) {
    renderer.index(value);
    if (typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'number' && value.t !== 'alias') {
      renderer.boundNames.set(value.id, name);
    }
  }
  return bindings.map(({ value }) => capRepr(renderer.render(value, 0)));
}

/** The Python type name of a heal value, as the variables table shows types. */
export function healValueType(value: HealValue, names: ValueNames = { handle: () => undefined }): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return 'int';
  switch (value.t) {
    case 'ref':
      return names.binding?.(value.name)?.type ?? 'object';
    case 'alias':
      return 'object';
    case 'handle':
      return names.handle(value.n)?.type ?? 'object';
    case 'stdlib':
    case 'builtin':
    case 'global':
      return 'function or class';
    case 'object':
    case 'enum':
      return lastPart(value.class);
    case 'std':
      return lastPart(value.type) === 'SimpleNamespace' ? 'SimpleNamespace' : lastPart(value.type);
    default:
      return value.t;
  }
}
