// Rules for names: NameError (CPython's suggestion, missing imports), AttributeError
// (suggestion, methods from other languages, builtins called through self, None), and
// UnboundLocalError (initialise the local, then run the statement), and an import of a module
// the browser cannot provide (skipping it is offered only with what that costs said plainly).
import { missingModuleFromError, skipImportWarning } from '../../../workers/shared/packages/unavailable.ts';
import { replaceIdentifier } from './pytext.ts';
import { BUILTIN_FUNCTIONS, type Rule, type RuleInput, candidate, finish, isLiteralRepr, simpleTarget } from './rules-support.ts';

/** Standard-library modules a program may have forgotten to import (all present in Pyodide). */
export const STDLIB_MODULES = new Set([
  'math',
  're',
  'collections',
  'itertools',
  'functools',
  'heapq',
  'bisect',
  'string',
  'random',
  'json',
  'sys',
  'os',
  'datetime',
  'copy',
  'operator',
  'statistics',
  'fractions',
  'decimal',
  'typing',
  'time',
  'cmath',
  'array',
  'textwrap',
  'enum',
  'dataclasses',
  'unicodedata',
  'struct',
  'hashlib',
  'base64',
  'pprint',
  'contextlib',
  'io',
  'queue',
  'calendar',
  'secrets',
  'uuid',
  'numbers',
  'abc',
  'inspect',
  'traceback',
  'csv',
  'difflib',
  'fnmatch',
  'glob',
]);

/** Names that come from a standard module, and conventional aliases. numpy/pandas are not available. */
export const IMPORT_FOR: Readonly<Record<string, string>> = (() => {
  const table: Record<string, string> = { hq: 'import heapq as hq' };
  const from = (module: string, names: string) => {
    for (const name of names.split(' ')) table[name] = `from ${module} import ${name}`;
  };
  from('collections', 'defaultdict deque Counter OrderedDict namedtuple ChainMap');
  from('heapq', 'heappush heappop heapify heappushpop heapreplace nlargest nsmallest');
  from('functools', 'lru_cache cache reduce partial cmp_to_key total_ordering');
  from('typing', 'List Dict Set Tuple Optional Union Any Callable Iterable Iterator Deque DefaultDict FrozenSet Sequence');
  from('math', 'inf pi sqrt gcd lcm floor ceil log log2 log10 isqrt comb perm factorial');
  from('bisect', 'bisect_left bisect_right insort');
  from('itertools', 'permutations combinations combinations_with_replacement product accumulate chain groupby zip_longest islice pairwise');
  from('string', 'ascii_lowercase ascii_uppercase ascii_letters digits punctuation');
  from('random', 'randint choice shuffle');
  from('copy', 'deepcopy');
  from('operator', 'itemgetter attrgetter');
  from('fractions', 'Fraction');
  from('decimal', 'Decimal');
  from('dataclasses', 'dataclass');
  for (const module of STDLIB_MODULES) table[module] = `import ${module}`;
  return table;
})();

const IDENTIFIER = /^[A-Za-z_]\w*$/;

function missingName(message: string): string | null {
  return /name '(\w+)' is not defined/.exec(message)?.[1] ?? null;
}

// JavaScript's Math functions that are Python builtins; the rest live in the math module.
const JS_MATH_BUILTINS = new Set(['min', 'max', 'abs', 'round', 'pow']);

/** console.log / System.out.println → print; Math.max → max, Math.floor → math.floor. */
function foreignName(input: RuleInput, name: string): { code: string; note: string; prelude: string[] } | null {
  const stmt = input.stmt;
  if (name === 'console' && /\bconsole\.(?:log|error|info)\s*\(/.test(stmt)) {
    return { code: stmt.replace(/\bconsole\.(?:log|error|info)\s*\(/g, 'print(').replace(/;\s*$/, ''), note: 'console.log is print in Python', prelude: [] };
  }
  if (name === 'System' && /\bSystem\.out\.print(?:ln)?\s*\(/.test(stmt)) {
    return {
      code: stmt.replace(/\bSystem\.out\.print(?:ln)?\s*\(/g, 'print(').replace(/;\s*$/, ''),
      note: 'System.out.println is print in Python',
      prelude: [],
    };
  }
  if (name === 'Math' && /\bMath\.\w+/.test(stmt)) {
    let usesModule = false;
    const code = stmt.replace(/\bMath\.(\w+)/g, (_, fn: string) => {
      if (JS_MATH_BUILTINS.has(fn)) return fn;
      usesModule = true;
      return fn === 'PI' ? 'math.pi' : fn === 'E' ? 'math.e' : `math.${fn}`;
    });
    const prelude = usesModule && input.binding('math')?.kind !== 'module' ? ['import math'] : [];
    return { code, note: "JavaScript's Math: builtins and the math module", prelude };
  }
  return null;
}

const nameError: Rule = {
  id: 'name',
  errors: ['NameError'],
  summary:
    'NameError: import a forgotten module or standard name; console.log/Math.max from JavaScript → print/max; CPython\'s "Did you mean" name; a module spelled in another case (Math → math).',
  apply(input) {
    const name = missingName(input.message);
    if (!name) return null;
    const out = [];
    if (input.hint?.forgotImport) {
      out.push(
        candidate(
          'name-import',
          `imported ${input.hint.forgotImport} (CPython: ${input.hint.text})`,
          finish(input, input.stmt, [`import ${input.hint.forgotImport}`]),
        ),
      );
    }
    const line = IMPORT_FOR[name];
    if (line) out.push(candidate('name-import', `added \`${line}\``, finish(input, input.stmt, [line])));
    const foreign = foreignName(input, name);
    if (foreign) out.push(candidate('name-foreign', foreign.note, finish(input, foreign.code, foreign.prelude)));
    const suggestion = input.hint?.suggestion;
    if (suggestion && IDENTIFIER.test(suggestion)) {
      const fixed = replaceIdentifier(input.stmt, name, suggestion, 'name');
      if (fixed.count) out.push(candidate('name-suggestion', `replaced ${name} with ${suggestion} (CPython: ${input.hint!.text})`, finish(input, fixed.text)));
    }
    const lower = name.toLowerCase();
    if (lower !== name && STDLIB_MODULES.has(lower)) {
      const fixed = replaceIdentifier(input.stmt, name, lower, 'name');
      const prelude = input.binding(lower)?.kind === 'module' ? [] : [`import ${lower}`];
      if (fixed.count) out.push(candidate('name-module-case', `${name} is the ${lower} module`, finish(input, fixed.text, prelude)));
    }
    return out;
  },
};

function missingAttribute(message: string): { owner: string; attr: string; module: boolean } | null {
  const m = /^(?:'(\w+)' object|type object '(\w+)'|module '([\w.]+)') has no attribute '(\w+)'/.exec(message);
  return m ? { owner: m[1] ?? m[2] ?? m[3], attr: m[4], module: m[3] !== undefined } : null;
}

/** Methods under the names other languages use. */
const METHOD_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  list: { push: 'append', add: 'append', push_back: 'append', addAll: 'extend', size: '__len__', length: '__len__' },
  set: { append: 'add', push: 'add', contains: '__contains__' },
  deque: { push: 'append', push_back: 'append', push_front: 'appendleft', pop_front: 'popleft', pop_back: 'pop', add: 'append' },
  str: { toLowerCase: 'lower', toUpperCase: 'upper', trim: 'strip', contains: '__contains__', length: '__len__', size: '__len__' },
  dict: { put: '__setitem__', containsKey: '__contains__', has_key: '__contains__', getOrDefault: 'get' },
};

const SELF_ALIASES: Readonly<Record<string, string>> = { length: 'len', size: 'len' };

/**
 * self.min(…) → min(…): a builtin (or standard-library name) called as a method. Every
 * such call in the statement is rewritten, as long as the program defines no method of
 * that name (then self.name would be right).
 */
function selfBuiltins(input: RuleInput, attr: string): { code: string; note: string; prelude: string[] } | null {
  const target = (name: string) => SELF_ALIASES[name] ?? (BUILTIN_FUNCTIONS.has(name) || IMPORT_FOR[name]?.startsWith('from') ? name : null);
  if (!target(attr)) return null;
  const prelude = new Set<string>();
  const code = input.stmt.replace(/\bself\s*\.\s*(\w+)(?=\s*\()/g, (whole, name: string) => {
    const to = target(name);
    if (!to || new RegExp(`\\bdef\\s+${name}\\s*\\(`).test(input.source)) return whole;
    if (!BUILTIN_FUNCTIONS.has(to)) prelude.add(IMPORT_FOR[to]);
    return to;
  });
  return code === input.stmt ? null : { code, note: `self.${attr}(…) → ${target(attr)}(…)`, prelude: [...prelude] };
}

const attributeError: Rule = {
  id: 'attribute',
  errors: ['AttributeError'],
  summary:
    'AttributeError: CPython\'s "Did you mean" attribute; list.push → append and similar; self.min(…) → min(…) (builtin or standard import); .getNext() → .next; x = None.attr → x = None.',
  apply(input) {
    const missing = missingAttribute(input.message);
    if (!missing) return null;
    const { owner, attr } = missing;
    const out = [];
    const suggestion = input.hint?.suggestion;
    if (suggestion && IDENTIFIER.test(suggestion)) {
      const fixed = replaceIdentifier(input.stmt, attr, suggestion, 'attribute');
      if (fixed.count) out.push(candidate('attribute-suggestion', `.${attr} → .${suggestion} (CPython: ${input.hint!.text})`, finish(input, fixed.text)));
    }
    const alias = METHOD_ALIASES[owner]?.[attr];
    if (alias) {
      const fixed = replaceIdentifier(input.stmt, attr, alias, 'attribute');
      if (fixed.count) out.push(candidate('attribute-method-alias', `${owner} has no .${attr}; Python calls it .${alias}`, finish(input, fixed.text)));
    }
    const selfBuiltin = selfBuiltins(input, attr);
    if (selfBuiltin) out.push(candidate('attribute-self-builtin', selfBuiltin.note, finish(input, selfBuiltin.code, selfBuiltin.prelude)));
    const getter = /^get([A-Z]\w*)$/.exec(attr);
    if (getter) {
      const field = getter[1][0].toLowerCase() + getter[1].slice(1);
      const code = input.stmt.replace(new RegExp(`\\.\\s*${attr}\\s*\\(\\s*\\)`, 'g'), `.${field}`);
      if (code !== input.stmt) out.push(candidate('attribute-getter', `.${attr}() is a Java-style getter: .${field}`, finish(input, code)));
    }
    const target = simpleTarget(input.stmt);
    if (owner === 'NoneType' && target) out.push(candidate('attribute-none', `reading .${attr} of None: ${target} = None`, `${target} = None`));
    return out;
  },
};

function unboundName(message: string): string | null {
  return /(?:cannot access local variable|local variable) '(\w+)'/.exec(message)?.[1] ?? null;
}

const unboundLocal: Rule = {
  id: 'unbound-local',
  errors: ['UnboundLocalError'],
  summary:
    'UnboundLocalError: give the local the value of the global of the same name (a literal for scalars, the same object otherwise), else 0, then run the statement.',
  apply(input: RuleInput) {
    const name = unboundName(input.message);
    if (!name) return null;
    const global = input.pause.state.globals.find((b) => b.name === name && b.kind === 'value');
    let init: string;
    let note: string;
    if (global) {
      // Scalars as literals (exact); containers by name, keeping the global's object (aliasing).
      init = isLiteralRepr(global.repr) ? global.repr : name;
      note = `${name} starts from the global ${name}`;
    } else {
      init = '0';
      note = `${name} was read before assignment; starts at 0`;
    }
    return candidate('unbound-local', note, finish(input, input.stmt, [`${name} = ${init}`]));
  },
};

const missingModule: Rule = {
  id: 'missing-module',
  errors: ['ModuleNotFoundError', 'ImportError'],
  summary:
    'ModuleNotFoundError on an import: the module is not available in the browser; the only handling is to skip the import, and the note says that everything using the module will then fail.',
  apply(input: RuleInput) {
    const name = missingModuleFromError(input.type, input.message);
    if (!name || (input.kind !== 'Import' && input.kind !== 'ImportFrom')) return null;
    return candidate('skip-import', `'${name}' cannot be imported here; ${skipImportWarning(name)}`, 'pass');
  },
};

export const NAME_RULES: readonly Rule[] = [nameError, attributeError, unboundLocal, missingModule];
