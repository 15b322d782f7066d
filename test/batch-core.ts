// One row of a batch (heal-dev schema) through heal and permanent repair: the program runs
// in the real runner with auto-accepted heals; the first accepted heal (its real pause
// and handling code) becomes a repair context; the repair is validated in the executor on
// the row's test case. Returns the dataset records (web/state/export/records.ts).
import type { RunRequest, RunResult, PauseAnswer, PauseContext } from '../workers/protocol/runner.ts';
import { HealSession, defaultHealSettings, withMergeTimings, withReuses, type ExecutorLike } from '../web/state/heal/session.ts';
import type { Engine, HealEngine } from '../workers/shared/engine.ts';
import { createScriptedEngine } from '../test/scripted-engine.ts';
import { createRulesEngine } from '../web/state/heal/rules.ts';
import { errorLineOf, repairContextFromError, repairContextFromHeal, stdinTest, type RepairContext } from '../web/state/repair/context.ts';
import { createRulesRepairEngine } from '../web/state/repair/rules.ts';
import { repairPermanently, unitForLine, type RepairAnalysis, type RepairResult } from '../web/state/repair/session.ts';
import { healRecords, repairRecord, type HealRecord, type RepairRecord } from '../web/state/export/records.ts';
import { errorText } from '../workers/shared/async.ts';

export interface BatchRow {
  id: string;
  origin?: string;
  program: string;
  stdin: string;
  expected_stdout: string;
  error_type?: string;
}

export interface RowEngines {
  heal: HealEngine;
  repair: Engine<RepairContext>;
}

export interface BatchDeps {
  runner: {
    run(request: RunRequest, handlers: { onPause(context: PauseContext): Promise<PauseAnswer> }, options?: { timeLimitMs?: number }): Promise<RunResult>;
  };
  executor: ExecutorLike;
  analysis: RepairAnalysis;
  /** Fresh engines for each row (scripted engines answer per row). */
  engines(row: BatchRow): RowEngines;
  maxAttempts?: number;
  timeLimitMs?: number;
}

export interface RowOutcome {
  heal: HealRecord[];
  repair: RepairRecord | null;
  result: RunResult;
  /** Why no repair was attempted (the program did not fail, no function found). */
  repairSkipped?: string;
  repairResult?: RepairResult;
}

const MERGED = new Set(['accepted', 'auto-accepted']);

export async function processRow(deps: BatchDeps, row: BatchRow): Promise<RowOutcome> {
  const engines = deps.engines(row);
  const settings = { ...defaultHealSettings, autoAccept: true, maxAttempts: deps.maxAttempts ?? 3 };
  const session = new HealSession(row.program, engines.heal, deps.executor, settings);
  const result = await deps.runner.run(
    { code: row.program, stdin: row.stdin, expectedOutput: row.expected_stdout },
    { onPause: (context) => session.autoHeal(context) },
    { timeLimitMs: deps.timeLimitMs ?? 10_000 },
  );
  const outcome = result.proceed === undefined ? undefined : { proceed: result.proceed, correct: Boolean(result.correct) };
  const trace = withReuses(withMergeTimings(session.trace, result.heals), result.reuses).map((t) => ({ ...t, outcome }));
  const heal = healRecords(trace, { programId: row.id });

  const test = stdinTest(row.stdin, row.expected_stdout);
  const accepted = session.trace.find((t) => MERGED.has(t.decision));
  const pause = accepted ? session.pauses.get(accepted.pauseIndex) : undefined;
  const line = pause?.line ?? (result.error ? errorLineOf(result.error) : undefined);
  if (line === undefined) return { heal, repair: null, result, repairSkipped: 'the program raised no error' };
  let unit;
  try {
    unit = await unitForLine(deps.analysis, row.program, line);
  } catch (error) {
    return { heal, repair: null, result, repairSkipped: errorText(error) };
  }
  const otherHeals = session.trace
    .filter((t) => MERGED.has(t.decision) && t !== accepted && session.pauses.has(t.pauseIndex))
    .map((t) => ({ pause: session.pauses.get(t.pauseIndex)!, handlingCode: t.handlingCode }));
  const context = pause
    ? repairContextFromHeal({ source: row.program, pause, unit, test, handlingCode: accepted!.handlingCode, otherHeals })
    : repairContextFromError({ source: row.program, error: result.error!, unit, test });
  const repairResult = await repairPermanently(
    { engine: engines.repair, analysis: deps.analysis, executor: deps.executor, maxAttempts: 1, timeLimitMs: deps.timeLimitMs },
    context,
  );
  return { heal, repair: repairRecord(repairResult, row.id), result, repairResult };
}

/** A scripted-file: {"<row id>" | "*": {"heal": [answers…], "repair": [answers…]}}. */
export interface ScriptFile {
  [rowId: string]: { heal?: string[]; repair?: string[] };
}

export function parseScriptFile(text: string): ScriptFile {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('a scripted file is a JSON object keyed by row id (or "*")');
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    const e = entry as Record<string, unknown>;
    for (const key of ['heal', 'repair']) {
      if (e?.[key] !== undefined && (!Array.isArray(e[key]) || !(e[key] as unknown[]).every((a) => typeof a === 'string'))) {
        throw new Error(`"${id}".${key} must be a list of answer strings`);
      }
    }
  }
  return value as ScriptFile;
}

/** `rules` or `scripted-file:<path>` (already read as `script`). */
export function enginesFor(name: string, script?: ScriptFile): (row: BatchRow) => RowEngines {
  if (name === 'rules') {
    const heal = createRulesEngine();
    const repair = createRulesRepairEngine();
    return () => ({ heal, repair });
  }
  if (name.startsWith('scripted-file:') && script) {
    return (row) => {
      const answers = script[row.id] ?? script['*'] ?? {};
      return {
        heal: createScriptedEngine(answers.heal ?? [], 'scripted'),
        repair: createScriptedEngine<RepairContext>(answers.repair ?? [], 'scripted'),
      };
    };
  }
  throw new Error(`unknown engine ${name} (rules, scripted-file:<path>)`);
}
