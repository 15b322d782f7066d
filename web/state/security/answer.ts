// Parses the engine's answers: a list of strategies, and a whole program. Like the heal
// answer parser, it salvages common wrappings (fences, missing tags) and says so.
import { looksLikeCode } from '../heal/answer.ts';
import { dedent } from '../heal/pytext.ts';

export type ProgramAnswer = { ok: true; code: string; salvaged: string[] } | { ok: false; reason: string };

const ITEM = /^\s*(?:\d+\s*[.):]|[-*•])\s+(.+?)\s*$/;

/** Up to `count` distinct strategies from a numbered or bulleted list (or <strategy> tags). */
export function parseStrategies(text: string, count: number): string[] {
  const tagged = [...text.matchAll(/<strategy>([\s\S]*?)<\/strategy>/gi)].map((m) => m[1]!.trim());
  const listed = tagged.length
    ? tagged
    : text
        .split('\n')
        .map((l) => ITEM.exec(l)?.[1])
        .filter((s): s is string => Boolean(s));
  const items = listed.length ? listed : text.trim() ? [text.trim().split('\n')[0]!] : [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const clean = item.replace(/\*\*/g, '').trim();
    const key = clean.toLowerCase().replace(/\W+/g, ' ').trim();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
    if (out.length === count) break;
  }
  return out;
}

/** The whole program from `<code>…</code>`, else a fenced block, else the bare answer. */
export function parseProgram(text: string): ProgramAnswer {
  const salvaged: string[] = [];
  let body: string;
  const tagged = /<code\b[^>]*>([\s\S]*?)(?:<\/code\s*>|$)/i.exec(text);
  const fence = /```[\w+.-]*[ \t]*\n([\s\S]*?)(?:\n[ \t]*```|$)/.exec(text);
  if (tagged && tagged[1]!.trim()) {
    body = tagged[1]!;
    if (!/<\/code\s*>/i.test(text)) salvaged.push('added the missing </code>');
    const inner = /^\s*```[\w+.-]*[ \t]*\n([\s\S]*?)\n?[ \t]*```\s*$/.exec(body);
    if (inner) {
      body = inner[1]!;
      salvaged.push('removed markdown fences');
    }
  } else if (fence && fence[1]!.trim()) {
    body = fence[1]!;
    salvaged.push('no <code> tags: used the markdown code block');
  } else if (text.trim() && !tagged) {
    if (!text.split('\n').some(looksLikeCode)) return { ok: false, reason: 'the answer has no code, only prose' };
    body = text;
    salvaged.push('no <code> tags: took the whole answer as the program');
  } else {
    return { ok: false, reason: 'the answer has no program' };
  }
  const lines = body
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''));
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines.at(-1) === '') lines.pop();
  const { text: code, by } = dedent(lines.join('\n'));
  if (by > 0) salvaged.push(`dedented by ${by}`);
  return { ok: true, code: `${code}\n`, salvaged };
}
