// Turns an engine's answer into the fixed function's text: the first <code> block (or a
// markdown fence, or a bare answer that starts like a definition), cleaned and dedented.
// Whether it parses and defines the right function is checked by Python (repair.api).
import { dedent } from '../heal/pytext.ts';

export type RepairAnswer = { ok: true; code: string } | { ok: false; reason: string };

function block(text: string): string | null {
  const open = /<code\b[^>]*>/i.exec(text);
  if (open) {
    const rest = text.slice(open.index + open[0].length);
    const close = /<\/code\s*>/i.exec(rest);
    return close ? rest.slice(0, close.index) : rest;
  }
  const fence = /^[ \t]*```[\w+.-]*[ \t]*\n([\s\S]*?)(?:^[ \t]*```[ \t]*$|(?![\s\S]))/m.exec(text);
  if (fence) return fence[1]!;
  return null;
}

export function parseRepairAnswer(text: string, unitKind: 'function' | 'statement' = 'function'): RepairAnswer {
  const input = text.replace(/\r\n?/g, '\n');
  if (input.trim() === '') return { ok: false, reason: 'the answer is empty' };
  let body = block(input);
  if (body === null) {
    // A bare answer: from the first definition line on.
    const lines = input.split('\n');
    const first = lines.findIndex((l) => /^\s*(?:@|(?:async\s+)?def\s)/.test(l));
    if (first < 0 || unitKind !== 'function') return { ok: false, reason: 'the answer has no <code> block' };
    body = lines.slice(first).join('\n');
  }
  body = body.replace(/^\s*```[\w+.-]*[ \t]*\n/, '').replace(/\n?[ \t]*```\s*$/, '');
  const lines = body.split('\n').map((l) => l.replace(/^[ \t]+/, (ws) => ws.replace(/\t/g, '    ')).replace(/\s+$/, ''));
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines.at(-1) === '') lines.pop();
  const code = dedent(lines.join('\n')).text;
  if (code.trim() === '') return { ok: false, reason: 'the code block is empty' };
  if (unitKind === 'function' && !/^(?:@|(?:async\s+)?def\s)/m.test(code)) return { ok: false, reason: 'the answer does not define a function' };
  return { ok: true, code: `${code}\n` };
}
