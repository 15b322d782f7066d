// Scores the Keras-lite check and rules-engine infill on a JSONL set with the dnn-dev
// schema (../shared/corpora/dnn-dev.jsonl). Shared by `npm run bench:dnn` (through the
// analysis worker) and test/keras-lite.test.ts (in-process Pyodide).
import type { DnnAnalysis, DnnElement, DnnElementKind } from '../workers/protocol/dnn.ts';
import type { Engine } from '../workers/shared/engine.ts';
import { runInfill, type DnnPython } from '../web/state/dnn/infill.ts';
import type { InfillContext } from '../web/state/dnn/rules-engine.ts';

export interface DnnChange {
  element: DnnElementKind;
  kind: 'changed' | 'added' | 'removed';
  line: number | null;
  buggy_text: string | null;
  fixed_text: string | null;
}

export interface DnnRow {
  id: string;
  buggy: string;
  fixed: string;
  element_changes: DnnChange[];
  primary: Omit<DnnChange, 'kind'> & { kind?: string };
  element_only: boolean;
}

export interface SampleScore {
  id: string;
  located: number;
  locatable: number;
  /** Changed elements whose fixed text equals a fixed-program element and differs from the buggy one. */
  standardOk: number;
  standardTotal: number;
  /** Rank (0-based) of the first finding on a ground-truth element; null when none. */
  localisedRank: number | null;
  /** Best rules candidate for the primary change equals the fix (after standardisation). */
  smc: boolean;
  /** Some ranked candidate for some changed element equals its fix. */
  anyRankMatch: boolean;
  candidates: number;
  kept: number;
  ms: number;
}

const unquote = (s: string) => s.replace(/^['"]|['"]$/g, '');

/** The element of the buggy program a change is about (same kind, on its line, same text). */
export async function locate(python: DnnPython, row: DnnRow, analysis: DnnAnalysis, change: DnnChange): Promise<DnnElement | undefined> {
  if (change.line === null || change.buggy_text === null) return undefined;
  const line = change.line;
  const want = change.element === 'activation' ? unquote(change.buggy_text) : change.buggy_text;
  const onLine = analysis.elements.filter((e) => e.kind === change.element && ((e.span.line <= line && line <= e.span.endLine) || e.usedAt?.includes(line)));
  for (const e of onLine) {
    const text = e.kind === 'activation' ? unquote(e.text) : e.text;
    if (text === want) return e;
  }
  for (const e of onLine.filter((x) => x.implicit)) {
    if (e.standard === (await python.call('dnnStandardise', change.element, change.buggy_text, row.buggy))) return e;
  }
  return undefined;
}

// A learning rate sits inside the optimizer expression: flagging it localises an optimizer change.
const RELATED: Partial<Record<DnnElementKind, DnnElementKind[]>> = { optimizer: ['learning_rate'], learning_rate: ['optimizer'] };

export async function scoreSample(python: DnnPython, engine: Engine<InfillContext>, row: DnnRow, options: { infill?: boolean } = {}): Promise<SampleScore> {
  const started = performance.now();
  const analysis = await python.call('dnnAnalyze', row.buggy);
  const fixed = await python.call('dnnAnalyze', row.fixed);
  const score: SampleScore = {
    id: row.id,
    located: 0,
    locatable: 0,
    standardOk: 0,
    standardTotal: 0,
    localisedRank: null,
    smc: false,
    anyRankMatch: false,
    candidates: 0,
    kept: 0,
    ms: 0,
  };
  const located = new Map<DnnChange, DnnElement>();
  for (const change of row.element_changes) {
    if (change.line === null || change.buggy_text === null) continue;
    score.locatable++;
    const element = await locate(python, row, analysis, change);
    if (element) {
      score.located++;
      located.set(change, element);
    }
  }
  analysis.findings.forEach((f, rank) => {
    if (score.localisedRank !== null || f.kind === null) return;
    const hit = row.element_changes.some(
      (c) => c.line !== null && (c.element === f.kind || RELATED[c.element]?.includes(f.kind!)) && f.span.line <= c.line && c.line <= f.span.endLine,
    );
    if (hit) score.localisedRank = rank;
  });
  for (const change of row.element_changes) {
    if (change.kind !== 'changed' || change.buggy_text === null || change.fixed_text === null) continue;
    score.standardTotal++;
    const buggy = await python.call('dnnStandardise', change.element, change.buggy_text, row.buggy);
    const fix = await python.call('dnnStandardise', change.element, change.fixed_text, row.fixed);
    if (buggy !== fix && fixed.elements.some((e) => e.kind === change.element && e.standard === fix)) score.standardOk++;
    const element = located.get(change);
    if (!element || options.infill === false) continue;
    let result;
    try {
      result = await runInfill({ python, engine }, { source: row.buggy, elementId: element.id });
    } catch (error) {
      if (/no candidates/.test(String(error))) continue; // the rules know nothing for this element
      throw error;
    }
    score.candidates += result.generated;
    score.kept += result.kept;
    const want = await python.call('dnnStandardise', change.element, change.fixed_text, row.buggy);
    const kept = result.candidates.filter((c) => c.kept);
    if (kept.some((c) => c.standard === want)) score.anyRankMatch = true;
    const isPrimary = change.line === row.primary.line && change.element === row.primary.element && change.buggy_text === row.primary.buggy_text;
    if (isPrimary && kept[0]?.standard === want) score.smc = true;
  }
  score.ms = performance.now() - started;
  return score;
}
