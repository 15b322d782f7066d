// Dataset records (README "Dataset export"): heal records (prompt → handling code →
// outcome), repair records (buggy function, failing test, real error, fix, validation)
// and bug-report records (a security report and the diff that fixes it).
import { isMerged, type HealDecision, type HealTraceEntry } from '../heal/trace.ts';
import type { RepairTest } from '../repair/context.ts';
import type { RepairResult } from '../repair/session.ts';
import type { ValidationStatus } from '../repair/validate.ts';

export const EXPORT_SCHEMA_VERSION = 1;

export interface HealRecord {
  record: 'heal';
  schema: number;
  /** Which program (a corpus row id, or "playground"). */
  program_id: string;
  /** Which run of the session (1-based), when the records of several runs are exported together; null: not known. */
  run: number | null;
  pause_index: number;
  line: number;
  error_type: string;
  error_message: string;
  system_prompt: string;
  user_prompt: string;
  /** The engine's raw answer. */
  answer: string;
  handling_code: string;
  engine: string;
  decision: HealDecision;
  /** Why the answer was rejected (decision "rejected"). */
  rejection: string | null;
  /** Further runs of this accepted code by the runner (same statement and error type). */
  reused_count: number;
  /** The whole run: finished without an unhandled error / also printed the expected output. null: unknown. */
  proceed: boolean | null;
  correct: boolean | null;
}

export type TestRecord = { stdin: string; expected_stdout: string | null } | { call: string; expected: string | null };

export interface RepairRecord {
  record: 'repair';
  schema: number;
  program_id: string;
  /** "complement", "Solution.solve"; "<module>" for a top-level statement. */
  function_name: string;
  buggy_function: string;
  /** The program as it ran (the function in context). */
  program: string;
  test: TestRecord;
  error_type: string;
  error_message: string;
  traceback: string;
  /** Handling code of the accepted heal given as a hint; null without one. */
  hint_handling_code: string | null;
  engine: string;
  /** The proposed fixed function; null when no usable answer came back. */
  fixed_function: string | null;
  validation: {
    plausible: boolean;
    /** passed | wrong-output | error | timeout | unusable (no patched program to run). */
    status: ValidationStatus | 'unusable';
    stdout: string;
    error_type: string | null;
    error_message: string | null;
    detail: string | null;
  };
  attempts: number;
}

export interface BugReportRecord {
  bug_report_path: string;
  bug_report_text: string;
  diff_path: string;
  diff_text: string;
  source_code_path: string;
  /** 1-based line the report points at. */
  line_number: number;
  /** The source line(s) the report points at. */
  code: string;
}

export type ExportRecord = HealRecord | RepairRecord | BugReportRecord;

export interface HealRecordOptions {
  programId?: string;
  /** The run of the session these entries belong to. */
  run?: number;
  /** Keep entries that reused accepted code (no prompt, no engine answer); default false. */
  includeReused?: boolean;
}

/** One record per engine answer in the trace; a fix's reuses count on the decision that accepted it. */
export function healRecords(trace: readonly HealTraceEntry[], options: HealRecordOptions = {}): HealRecord[] {
  const reusedAfter = new Map<HealTraceEntry, number>();
  trace.forEach((e, i) => {
    if (e.decision !== 'reused') return;
    const accepted = trace
      .slice(0, i)
      .reverse()
      .find((d) => d.sid === e.sid && d.errorType === e.errorType && isMerged(d.decision));
    if (accepted) reusedAfter.set(accepted, (reusedAfter.get(accepted) ?? 0) + (e.reuse?.count ?? 1));
  });
  return trace
    .filter((e) => options.includeReused || e.decision !== 'reused')
    .map((e) => ({
      record: 'heal',
      schema: EXPORT_SCHEMA_VERSION,
      program_id: options.programId ?? 'playground',
      run: options.run ?? null,
      pause_index: e.pauseIndex,
      line: e.line,
      error_type: e.errorType,
      error_message: e.message,
      system_prompt: e.systemPrompt,
      user_prompt: e.userPrompt,
      answer: e.answer,
      handling_code: e.handlingCode,
      engine: e.engine,
      decision: e.decision,
      rejection: e.rejection ?? null,
      reused_count: reusedAfter.get(e) ?? 0,
      proceed: e.outcome?.proceed ?? null,
      correct: e.outcome?.correct ?? null,
    }));
}

export function testRecord(test: RepairTest): TestRecord {
  return test.kind === 'call' ? { call: test.call, expected: test.expected } : { stdin: test.stdin, expected_stdout: test.expectedStdout };
}

export function repairRecord(result: RepairResult, programId = 'playground'): RepairRecord {
  const { context, best } = result;
  const v = best?.validation;
  return {
    record: 'repair',
    schema: EXPORT_SCHEMA_VERSION,
    program_id: programId,
    function_name: context.unit.qualname,
    buggy_function: context.unit.text,
    program: context.source,
    test: testRecord(context.test),
    error_type: context.failure.errorType,
    error_message: context.failure.message,
    traceback: context.failure.traceback,
    hint_handling_code: context.handlingCode ?? null,
    engine: result.engine,
    fixed_function: best?.fixed ?? result.attempts.find((a) => a.fixed !== undefined)?.fixed ?? null,
    validation: {
      plausible: result.plausible,
      status: v?.status ?? 'unusable',
      stdout: v?.stdout ?? '',
      error_type: v?.error?.type ?? null,
      error_message: v?.error?.message ?? null,
      detail: v ? (v.detail ?? null) : (result.attempts.at(-1)?.problem ?? null),
    },
    attempts: result.attempts.length,
  };
}

export interface BugReportInput {
  /** The report text (e.g. the security check's finding, verbalised). */
  reportText: string;
  /** A unified diff that fixes it. */
  diffText: string;
  line: number;
  /** The source line(s) the report points at. */
  code: string;
  /** Names the files: bug_reports/<id>.txt, diffs/<id>.diff. */
  id: string;
  sourcePath?: string;
}

/** A bug-report record (the secloop helper builds the report and the diff). */
export function bugReportRecord(input: BugReportInput): BugReportRecord {
  const safe = input.id.replace(/[^\w.-]+/g, '_') || 'report';
  return {
    bug_report_path: `bug_reports/${safe}.txt`,
    bug_report_text: input.reportText,
    diff_path: `diffs/${safe}.diff`,
    diff_text: input.diffText,
    source_code_path: input.sourcePath ?? 'main.py',
    line_number: input.line,
    code: input.code,
  };
}
