// The modules a program imports, found without running or parsing it in Python: one pass over
// the text that skips strings and comments, joins continued lines, and reads every `import a.b`
// and `from a.b import c` statement at any depth (inside functions, `if`, `try`). Linear in the
// text, so a parser bomb costs nothing here, and a program with a syntax error elsewhere still
// gets its packages. An import inside a `try` whose handlers catch ImportError (or
// ModuleNotFoundError, Exception, a bare except) is optional: the program copes without it.

export interface FoundImport {
  /** The dotted module as written: "matplotlib.pyplot"; relative imports are left out. */
  module: string;
  /** The top-level package ("matplotlib"): what decides which distribution provides it. */
  top: string;
  /** For `from m import a, b`: the imported names (they may be submodules). */
  names: string[];
  line: number;
  /** Inside a try whose handlers catch ImportError. */
  optional: boolean;
}

interface LogicalLine {
  /** Text with every string literal replaced by "" and comments removed. */
  text: string;
  indent: number;
  line: number;
}

const STRING_PREFIX = /^(?:[rRbBuUfFtT]{0,2})$/;

/** Splits the source into logical lines (brackets and backslashes joined), strings blanked. */
function logicalLines(source: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let text = '';
  let depth = 0;
  let line = 1;
  let startLine = 1;
  let indent = 0;
  let atLineStart = true;
  const n = source.length;
  let i = 0;
  const end = () => {
    if (text.trim()) lines.push({ text, indent, line: startLine });
    text = '';
    atLineStart = true;
  };
  while (i < n) {
    const c = source[i]!;
    if (atLineStart) {
      let width = 0;
      while (i < n && (source[i] === ' ' || source[i] === '\t' || source[i] === '\f')) {
        width += source[i] === '\t' ? 8 - (width % 8) : 1;
        i++;
      }
      indent = width;
      startLine = line;
      atLineStart = false;
      continue;
    }
    if (c === '#') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      i++;
      line++;
      if (depth === 0) end();
      else text += ' ';
      continue;
    }
    if (c === '\\' && (source[i + 1] === '\n' || source[i + 1] === '\r')) {
      i += source[i + 1] === '\r' && source[i + 2] === '\n' ? 3 : 2;
      line++;
      text += ' ';
      continue;
    }
    if (c === '"' || c === "'") {
      // The prefix (r, b, f, rb, …) is already in `text`; drop it with the literal.
      const prefix = /[A-Za-z]{0,2}$/.exec(text)![0];
      const isPrefix = STRING_PREFIX.test(prefix) && !/[\w]/.test(text.charAt(text.length - prefix.length - 1));
      if (isPrefix && prefix) text = text.slice(0, text.length - prefix.length);
      const raw = isPrefix && /[rR]/.test(prefix);
      const triple = source.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      i += quote.length;
      while (i < n) {
        const d = source[i]!;
        if (d === '\\' && !raw) {
          if (source[i + 1] === '\n') line++;
          i += 2;
          continue;
        }
        if (d === '\\' && raw) {
          if (source[i + 1] === '\n') line++;
          i += 2;
          continue;
        }
        if (source.startsWith(quote, i)) {
          i += quote.length;
          break;
        }
        if (d === '\n') {
          line++;
          if (!triple) break; // an unterminated string ends at the line end
        }
        i++;
      }
      text += '""';
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    text += c;
    i++;
  }
  end();
  return lines;
}

const COMPOUND = /^(?:try|else|finally|except\*?|if|elif|while|for|async\s+for|with|async\s+with|def|async\s+def|class|match|case)\b/;
const NAME = '[A-Za-z_][\\w]*';
const DOTTED = `${NAME}(?:\\s*\\.\\s*${NAME})*`;
const IMPORT = /^import\s+(.+)$/s;
const FROM = new RegExp(`^from\\s+(\\.*)\\s*(${DOTTED})?\\s+import\\s+(.+)$`, 's');
const IMPORT_ERRORS = /\b(?:ImportError|ModuleNotFoundError|Exception|BaseException)\b/;

/** The body after a compound statement's header colon, when the body is on the same line. */
function splitHeader(statement: string): { header: string; body: string } | null {
  let depth = 0;
  for (let i = 0; i < statement.length; i++) {
    const c = statement[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ':' && depth === 0 && statement[i + 1] !== '=') {
      return { header: statement.slice(0, i).trim(), body: statement.slice(i + 1).trim() };
    }
  }
  return null;
}

function clean(name: string): string {
  return name.replace(/\s+/g, '');
}

/** The imports of one simple statement. */
function importsOf(statement: string, line: number, optional: boolean): FoundImport[] {
  const found: FoundImport[] = [];
  const plain = IMPORT.exec(statement);
  if (plain) {
    for (const part of plain[1]!.split(',')) {
      const match = new RegExp(`^\\s*(${DOTTED})(?:\\s+as\\s+${NAME})?\\s*$`).exec(part);
      if (!match) continue;
      const module = clean(match[1]!);
      found.push({ module, top: module.split('.')[0]!, names: [], line, optional });
    }
    return found;
  }
  const from = FROM.exec(statement);
  if (from && !from[1] && from[2]) {
    const module = clean(from[2]);
    if (module === '__future__') return found;
    const names = from[3]!
      .replace(/[()]/g, ' ')
      .split(',')
      .map((part) => /^\s*([A-Za-z_]\w*)/.exec(part)?.[1])
      .filter((name): name is string => name !== undefined && name !== '*');
    found.push({ module, top: module.split('.')[0]!, names, line, optional });
  }
  return found;
}

interface Block {
  indent: number;
  /** Set for a try: its index into `tries`. */
  tryId?: number;
}

/** Every import in the program, in source order. */
export function findImports(source: string): FoundImport[] {
  const pending: { imports: FoundImport[]; tries: number[] }[] = [];
  const catchesImportErrors: boolean[] = [];
  const stack: Block[] = [];
  /** The try whose clauses may still follow, by the indentation of its header. */
  const openTry = new Map<number, number>();

  for (const logical of logicalLines(source)) {
    while (stack.length && stack[stack.length - 1]!.indent >= logical.indent) stack.pop();
    for (const statement of logical.text.split(';')) {
      let rest = statement.trim();
      let inlineTry: number | undefined;
      if (!rest) continue;
      const keyword = COMPOUND.exec(rest)?.[0];
      if (keyword) {
        const split = splitHeader(rest);
        if (keyword.startsWith('except')) {
          const id = openTry.get(logical.indent);
          const caught = split ? split.header.slice(keyword.length).trim() : '';
          if (id !== undefined && (!caught || IMPORT_ERRORS.test(caught))) catchesImportErrors[id] = true;
        } else if (keyword !== 'else' && keyword !== 'finally') {
          openTry.delete(logical.indent);
        }
        let tryId: number | undefined;
        if (keyword === 'try') {
          tryId = catchesImportErrors.push(false) - 1;
          openTry.set(logical.indent, tryId);
        }
        if (!split) continue;
        if (split.body) {
          rest = split.body;
          inlineTry = tryId;
        } else {
          stack.push({ indent: logical.indent, tryId });
          continue;
        }
      } else {
        openTry.delete(logical.indent);
      }
      const imports = importsOf(rest, logical.line, false);
      if (!imports.length) continue;
      const tries = stack.filter((block) => block.tryId !== undefined).map((block) => block.tryId!);
      if (inlineTry !== undefined) tries.push(inlineTry);
      pending.push({ imports, tries });
    }
  }
  return pending.flatMap(({ imports, tries }) => {
    const optional = tries.some((id) => catchesImportErrors[id]);
    return imports.map((found) => ({ ...found, optional }));
  });
}

/** The distinct top-level names, each marked optional only when every import of it is. */
export function topLevelImports(found: readonly FoundImport[]): Map<string, { optional: boolean; line: number }> {
  const tops = new Map<string, { optional: boolean; line: number }>();
  for (const entry of found) {
    const seen = tops.get(entry.top);
    if (!seen) tops.set(entry.top, { optional: entry.optional, line: entry.line });
    else if (!entry.optional) tops.set(entry.top, { optional: false, line: seen.optional ? entry.line : seen.line });
  }
  return tops;
}
