// The heal trace: one entry per answer to a pause (accepted or not). It travels in
// permalinks and exports, so reading it back validates everything and rejects garbage.
import type { LoopControl } from '../../../workers/protocol/runner.ts';

export type HealDecision = 'accepted' | 'rejected' | 'auto-accepted' | 'reused' | 'skipped' | 'raised';
export const HEAL_DECISIONS: readonly HealDecision[] = ['accepted', 'rejected', 'auto-accepted', 'reused', 'skipped', 'raised'];

/**
 * A decision at a pause that merged its handling code into the program (Accept, or
 * auto-accept). A 'reused' entry is not one: it is the runner running such code again.
 */
export function isMerged(decision: string): decision is 'accepted' | 'auto-accepted' {
  return decision === 'accepted' || decision === 'auto-accepted';
}

export interface HealTimings {
  engineMs: number;
  executorMs: number;
  mergeMs: number;
  /** Looking the candidates of the pause ahead, before this one was chosen (auto-accept with look-ahead). */
  lookAheadMs?: number;
}

export interface HealTraceEntry {
  pauseIndex: number;
  sid: number;
  line: number;
  endLine: number;
  errorType: string;
  message: string;
  /** Engine id ("rules", "webllm:Qwen2.5-Coder-1.5B", "replay", …). */
  engine: string;
  /** Empty when the trace was stored without prompts (rebuild them with buildHealPrompt). */
  systemPrompt: string;
  userPrompt: string;
  /** The engine's raw answer. */
  answer: string;
  /** What parseHealAnswer made of it (or what the user edited it to). */
  handlingCode: string;
  decision: HealDecision;
  rejection?: string;
  /** One-line summary of the state diff the handling code produced ("total: 0 → 10; + y = 2"). */
  diff?: string;
  timings: HealTimings;
  outcome?: { proceed?: boolean; correct?: boolean };
  /** A reused fix (decision 'reused'): how many times the runner ran it, and each time (the first ones). */
  reuse?: { count: number; totalMs: number; timesMs: number[] };
  /** The heal also ended the iteration ('continue') or the loop ('break') around the statement, or left its function ('return'). */
  control?: LoopControl;
  /** Why auto-accept chose this candidate (look-ahead), e.g. "its continuation prints the expected output". */
  choice?: string;
}

export interface SerializeTraceOptions {
  /** Leave out the prompts (they are rebuilt from the code and the pause); permalinks stay short. */
  dropPrompts?: boolean;
}

export const MAX_TRACE_ENTRIES = 10_000;

/** Plain JSON, compact: empty strings, zero timings, endLine == line and empty outcomes are left out. */
export function serializeTrace(entries: readonly HealTraceEntry[], options: SerializeTraceOptions = {}): unknown[] {
  return entries.map((e) => {
    const out: Record<string, unknown> = { pauseIndex: e.pauseIndex, sid: e.sid, line: e.line };
    if (e.endLine !== e.line) out.endLine = e.endLine;
    out.errorType = e.errorType;
    const strings: [string, string][] = [
      ['message', e.message],
      ['engine', e.engine],
    ];
    if (!options.dropPrompts) strings.push(['systemPrompt', e.systemPrompt], ['userPrompt', e.userPrompt]);
    strings.push(['answer', e.answer], ['handlingCode', e.handlingCode]);
    for (const [key, value] of strings) if (value) out[key] = value;
    out.decision = e.decision;
    if (e.rejection) out.rejection = e.rejection;
    if (e.diff) out.diff = e.diff;
    if (e.control) out.control = e.control;
    if (e.choice) out.choice = e.choice;
    const timings: Record<string, number> = {};
    for (const key of ['engineMs', 'executorMs', 'mergeMs', 'lookAheadMs'] as const) {
      const ms = Math.round((e.timings[key] ?? 0) * 10) / 10;
      if (ms) timings[key] = ms;
    }
    if (Object.keys(timings).length) out.timings = timings;
    const outcome: Record<string, boolean> = {};
    if (e.outcome?.proceed !== undefined) outcome.proceed = e.outcome.proceed;
    if (e.outcome?.correct !== undefined) outcome.correct = e.outcome.correct;
    if (Object.keys(outcome).length) out.outcome = outcome;
    return out;
  });
}

class Invalid extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function int(v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new Invalid();
  return v;
}

function str(v: unknown, fallback?: string): string {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string') throw new Invalid();
  return v;
}

function ms(v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Invalid();
  return v;
}

function entry(v: unknown): HealTraceEntry {
  if (!isObject(v)) throw new Invalid();
  const line = int(v.line, 1);
  const endLine = v.endLine === undefined ? line : int(v.endLine, line);
  const errorType = str(v.errorType);
  if (!/^[A-Za-z_][\w.]{0,199}$/.test(errorType)) throw new Invalid();
  const decision = str(v.decision) as HealDecision;
  if (!HEAL_DECISIONS.includes(decision)) throw new Invalid();
  if (v.timings !== undefined && !isObject(v.timings)) throw new Invalid();
  const t = (v.timings ?? {}) as Record<string, unknown>;
  const result: HealTraceEntry = {
    pauseIndex: int(v.pauseIndex, 0),
    sid: int(v.sid, 0),
    line,
    endLine,
    errorType,
    message: str(v.message, ''),
    engine: str(v.engine, ''),
    systemPrompt: str(v.systemPrompt, ''),
    userPrompt: str(v.userPrompt, ''),
    answer: str(v.answer, ''),
    handlingCode: str(v.handlingCode, ''),
    decision,
    timings: { engineMs: ms(t.engineMs), executorMs: ms(t.executorMs), mergeMs: ms(t.mergeMs) },
  };
  if (t.lookAheadMs !== undefined) result.timings.lookAheadMs = ms(t.lookAheadMs);
  if (v.rejection !== undefined) result.rejection = str(v.rejection);
  if (v.diff !== undefined) result.diff = str(v.diff);
  if (v.control !== undefined) {
    if (v.control !== 'continue' && v.control !== 'break' && v.control !== 'return') throw new Invalid();
    result.control = v.control;
  }
  if (v.choice !== undefined) result.choice = str(v.choice);
  if (v.outcome !== undefined) {
    if (!isObject(v.outcome)) throw new Invalid();
    const outcome: { proceed?: boolean; correct?: boolean } = {};
    for (const key of ['proceed', 'correct'] as const) {
      const b = v.outcome[key];
      if (b === undefined) continue;
      if (typeof b !== 'boolean') throw new Invalid();
      outcome[key] = b;
    }
    result.outcome = outcome;
  }
  return result;
}

/** The entries, or null when the value is not a trace (all or nothing: one bad entry rejects it). */
export function parseTrace(value: unknown): HealTraceEntry[] | null {
  if (!Array.isArray(value) || value.length > MAX_TRACE_ENTRIES) return null;
  try {
    return value.map(entry);
  } catch (error) {
    if (error instanceof Invalid) return null;
    throw error;
  }
}
