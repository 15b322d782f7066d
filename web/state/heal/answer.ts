// Turns an engine's answer into handling code. Models wrap code in many ways (tags,
// fences, prose, indentation copied from the original); what can be salvaged is, and
// `salvaged` says what was changed so the review UI and traces stay honest.
import { RETURN_BINDING } from '../../../workers/protocol/runner.ts';
import { dedent, maskCode, physicalLines } from './pytext.ts';

export type HealAnswer = { ok: true; code: string; salvaged: string[] } | { ok: false; reason: string };

export interface ParseAnswerOptions {
  /** false when the failing statement is not a `return`: a top-level return is then an error. Default true. */
  allowReturn?: boolean;
}

const HEADER = /^(?:async\s+)?(def|class|for|while|if|elif|else|try|except|finally|with|match|case)\b.*:$/;

/** A light guess whether one line is Python rather than prose. */
export function looksLikeCode(line: string): boolean {
  const t = line.trim();
  if (t === '' || t.startsWith('#')) return false;
  return (
    (HEADER.test(t) && (!/^for\b/.test(t) || /\bin\b/.test(t))) ||
    (/^(?:return|raise|del|assert|global|nonlocal|yield)\b/.test(t) && !/[.!?]$/.test(t)) ||
    /^(?:pass|break|continue|return)$/.test(t) ||
    /^import\s+[\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*$/.test(t) ||
    /^from\s+[\w.]+\s+import\s+/.test(t) ||
    /^[A-Za-z_][\w.]*(?:\[.*\])*\s*(?:[-+*/%@&|^]|\*\*|\/\/|>>|<<)?=(?!=)/.test(t) ||
    /^[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+\s*=(?!=)/.test(t) ||
    (/^[A-Za-z_][\w.]*\s*\(.*\)?$/.test(t) && !/[.!?]$/.test(t)) ||
    (/^[\w.]+$/.test(t) && !/^[A-Z][a-z]+$/.test(t)) ||
    /^["'[({]/.test(t) ||
    /^[)\]}]/.test(t) ||
    /[([{,\\]$/.test(t)
  );
}

interface Extracted {
  body: string;
  salvaged: string[];
}

function extract(text: string): Extracted | { reason: string } {
  const salvaged: string[] = [];
  const opens = [...text.matchAll(/<code\b[^>]*>/gi)];
  if (opens.length > 0) {
    let skipped = 0;
    for (const open of opens) {
      const from = open.index + open[0].length;
      const rest = text.slice(from);
      const close = /<\/code\s*>/i.exec(rest);
      const next = /<code\b[^>]*>/i.exec(rest);
      const end = close && (!next || close.index < next.index) ? close.index : next ? next.index : rest.length;
      const body = rest.slice(0, end);
      if (stripFences(body, []).trim() === '') {
        skipped++;
        continue;
      }
      if (!close || (next && next.index < close.index)) salvaged.push('added the missing </code>');
      if (skipped) salvaged.push(`skipped ${skipped} empty <code> block${skipped > 1 ? 's' : ''}`);
      return { body, salvaged };
    }
    return { reason: 'the <code> block is empty' };
  }
  const fence = /^[ \t]*```[\w+.-]*[ \t]*\n([\s\S]*?)(?:^[ \t]*```[ \t]*$|(?![\s\S]))/m.exec(text);
  if (fence) {
    salvaged.push('no <code> tags: used the markdown code block');
    return { body: fence[1], salvaged };
  }
  // A bare answer: keep the lines from the first to the last one that looks like code.
  const lines = text.split('\n');
  const first = lines.findIndex(looksLikeCode);
  if (first < 0) return { reason: text.trim() === '' ? 'the answer is empty' : 'the answer has no code, only prose' };
  const last = lines.length - 1 - [...lines].reverse().findIndex(looksLikeCode);
  const trimmed = lines.slice(0, first).some((l) => l.trim()) || lines.slice(last + 1).some((l) => l.trim());
  salvaged.push(trimmed ? 'no <code> tags: took the code lines and dropped the prose' : 'no <code> tags: took the whole answer as code');
  return { body: lines.slice(first, last + 1).join('\n'), salvaged };
}

function stripFences(body: string, salvaged: string[]): string {
  let out = body;
  const inline = /^\s*`([^`\n]+)`\s*$/.exec(out);
  if (inline) {
    salvaged.push('removed inline backticks');
    return inline[1];
  }
  const opening = /^\s*```[\w+.-]*[ \t]*\n/.exec(out);
  if (opening) {
    out = out.slice(opening[0].length);
    out = out.replace(/\n?[ \t]*```[ \t]*\s*$/, '');
    salvaged.push('removed markdown fences');
  }
  return out;
}

/** Cleans the extracted block: fences, echoed tags, tabs, blank edges, indentation. */
function clean(body: string, salvaged: string[]): string {
  let lines = stripFences(body, salvaged).split('\n');
  const tagLines = lines.filter((l) => /^\s*<\/?error>\s*$/i.test(l)).length;
  if (tagLines) {
    lines = lines.filter((l) => !/^\s*<\/?error>\s*$/i.test(l));
    salvaged.push('removed echoed <error> tags');
  }
  const nonBlank = lines.findIndex((l) => l.trim() !== '');
  if (nonBlank >= 0 && /^\s*(?:python3?|py)\s*$/i.test(lines[nonBlank])) {
    lines.splice(nonBlank, 1);
    salvaged.push('removed a stray language name');
  }
  if (lines.some((l) => /^ *\t/.test(l))) {
    lines = lines.map((l) => l.replace(/^[ \t]+/, (ws) => ws.replace(/\t/g, '    ')));
    salvaged.push('expanded tabs to 4 spaces');
  }
  lines = lines.map((l) => l.replace(/\s+$/, ''));
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines.at(-1) === '') lines.pop();
  const { text, by } = dedent(lines.join('\n'));
  if (by > 0) salvaged.push(`dedented by ${by}`);
  return fixHangingFirstLine(text, salvaged);
}

/** `<code>x = 1\n    y = 2</code>`: the first line sat on the tag; the rest kept the original indentation. */
function fixHangingFirstLine(text: string, salvaged: string[]): string {
  const lines = text.split('\n');
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  if (rest.length === 0 || /^\s/.test(lines[0]) || HEADER.test(lines[0].trim()) || /[([{,\\]$/.test(lines[0])) return text;
  if (
    !physicalLines(text)
      .slice(1)
      .every((l) => !l.logicalStart || l.text.trim() === '' || /^\s/.test(l.text))
  )
    return text;
  const { text: tail, by } = dedent(lines.slice(1).join('\n'));
  if (by === 0) return text;
  salvaged.push(`dedented the lines after the first by ${by}`);
  return `${lines[0]}\n${tail}`;
}

interface Scope {
  indent: number;
  kind: string;
}

/** Rejects (or, for a final column-0 `return`, rewrites) control flow that needs an enclosing def or loop. */
function checkTopLevel(code: string, allowReturn: boolean, salvaged: string[]): HealAnswer {
  const lines = physicalLines(code);
  const mask = maskCode(code).split('\n');
  const stack: Scope[] = [];
  for (let n = 0; n < lines.length; n++) {
    const { text, logicalStart } = lines[n];
    const masked = mask[n];
    if (!logicalStart || masked.trim() === '') continue;
    const indent = /^ */.exec(text)![0].length;
    while (stack.length && stack.at(-1)!.indent >= indent) stack.pop();
    const scopes = [...stack];
    const header = /^\s*(?:async\s+)?(def|class|for|while|if|elif|else|try|except|finally|with|match|case)\b/.exec(masked);
    if (header && /:/.test(masked)) {
      scopes.push({ indent, kind: header[1] });
      if (/:\s*$/.test(masked)) stack.push({ indent, kind: header[1] });
    }
    const inDef = scopes.some((s) => s.kind === 'def');
    const inLoop = scopes.some((s) => s.kind === 'for' || s.kind === 'while');
    const where = `line ${n + 1}`;
    const statementStart = (word: string) => new RegExp(`(?:^\\s*|[:;]\\s*)${word}\\b`).test(masked);
    if (!inDef && /\byield\b/.test(masked)) return { ok: false, reason: `\`yield\` at the top level of the code (${where}); handling code is not a function` };
    for (const word of ['break', 'continue']) {
      if (!inLoop && statementStart(word))
        return { ok: false, reason: `\`${word}\` outside a loop (${where}); handling code replaces one statement and cannot leave the enclosing loop` };
    }
    if (!inDef && statementStart('return')) {
      if (!allowReturn) return { ok: false, reason: `\`return\` at the top level of the code (${where}), but the failing statement is not a return` };
      if (indent > 0 || scopes.length > 0)
        return { ok: false, reason: `\`return\` inside a top-level block (${where}); assign the value to ${RETURN_BINDING} instead` };
      // Everything after this logical line is unreachable once the function returns.
      let keep = 0;
      while (n + 1 + keep < lines.length && !lines[n + 1 + keep].logicalStart) keep++;
      const dropped = lines.slice(n + 1 + keep).filter((l) => l.text.trim() !== '' && !l.text.trim().startsWith('#')).length;
      const value = text.replace(/^return(?!\w)\s*/, '');
      const rewritten =
        masked.replace(/^return(?!\w)\s*/, '').trim() === ''
          ? `${RETURN_BINDING} = None${value.trim() ? `  ${value.trim()}` : ''}`
          : `${RETURN_BINDING} = ${value}`;
      const code2 = [...lines.slice(0, n).map((l) => l.text), rewritten, ...lines.slice(n + 1, n + 1 + keep).map((l) => l.text)].join('\n');
      salvaged.push(`rewrote the top-level return as ${RETURN_BINDING} = …`);
      if (dropped > 0) salvaged.push(`dropped ${dropped} unreachable line${dropped > 1 ? 's' : ''} after the return`);
      return { ok: true, code: code2, salvaged };
    }
  }
  return { ok: true, code, salvaged };
}

export function parseHealAnswer(text: string, options: ParseAnswerOptions = {}): HealAnswer {
  const salvaged: string[] = [];
  let input = text;
  if (/\r/.test(input)) {
    input = input.replace(/\r\n?/g, '\n');
    salvaged.push('converted CRLF line endings');
  }
  if (input.trim() === '') return { ok: false, reason: 'the answer is empty' };
  const extracted = extract(input);
  if ('reason' in extracted) return { ok: false, reason: extracted.reason };
  salvaged.push(...extracted.salvaged);
  const code = clean(extracted.body, salvaged);
  if (code.trim() === '') return { ok: false, reason: 'the code block is empty' };
  if (!code.split('\n').some(looksLikeCode)) return { ok: false, reason: 'the answer has no code, only prose' };
  return checkTopLevel(code, options.allowReturn ?? true, salvaged);
}
