// Candidate values from an infill answer: <candidate> tags first; otherwise the lines of a
// code block or of the answer. Each is trimmed, stripped of a copied `keyword=` and of
// list bullets, bounded in length and number; duplicates are dropped.
import type { DnnElementKind } from '../../../workers/protocol/dnn.ts';

export const MAX_CANDIDATE_CHARS = 300;
export const MAX_PARSED = 8;

const KEYWORDS: Partial<Record<DnnElementKind, RegExp>> = {
  activation: /^activation\s*=\s*/,
  initializer: /^(?:kernel_initializer|init)\s*=\s*/,
  loss: /^loss\s*=\s*/,
  optimizer: /^optimizer\s*=\s*/,
  learning_rate: /^(?:learning_rate|lr)\s*=\s*/,
  metrics: /^metrics\s*=\s*/,
  batch_size: /^batch_size\s*=\s*/,
  epochs: /^(?:epochs|nb_epoch)\s*=\s*/,
};

function clean(text: string, kind: DnnElementKind): string {
  let t = text
    .trim()
    .replace(/^(?:[-*•]|\d+[.)])\s+/, '')
    .replace(/^`+|`+$/g, '')
    .trim();
  t = t.replace(/,$/, '').trim();
  const keyword = KEYWORDS[kind];
  if (keyword) t = t.replace(keyword, '');
  return t;
}

export function parseInfillAnswer(answer: string, kind: DnnElementKind): string[] {
  const tagged = [...answer.matchAll(/<candidate>([\s\S]*?)(?:<\/candidate>|$)/gi)].map((m) => m[1]);
  let raw: string[];
  if (tagged.length) raw = tagged;
  else {
    const fence = /```[\w-]*\n([\s\S]*?)(?:```|$)/.exec(answer);
    raw = (fence ? fence[1] : answer).split('\n');
  }
  const out: string[] = [];
  for (const piece of raw) {
    const t = clean(piece, kind);
    if (!t || t.length > MAX_CANDIDATE_CHARS || t.includes('<mask>') || out.includes(t)) continue;
    out.push(t);
    if (out.length >= MAX_PARSED) break;
  }
  return out;
}

export function formatCandidates(texts: readonly string[]): string {
  return texts.map((t) => `<candidate>${t}</candidate>`).join('\n');
}
