// Validators for the exported records: the list of problems ([] = valid). Written by hand
// against the README schemas (small, no dependency); tests check exports against them.
import { HEAL_DECISIONS } from '../heal/trace.ts';
import { EXPORT_SCHEMA_VERSION } from './records.ts';

export type RecordKind = 'heal' | 'repair' | 'bug_report';

type Check = (value: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const strOrNull: Check = (v) => v === null || typeof v === 'string';
const boolOrNull: Check = (v) => v === null || typeof v === 'boolean';
const int =
  (min: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min;
const oneOf =
  (values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const HEAL: Record<string, Check> = {
  record: oneOf(['heal']),
  schema: oneOf([EXPORT_SCHEMA_VERSION]),
  program_id: str,
  run: (v) => v === null || int(1)(v),
  pause_index: int(0),
  line: int(1),
  error_type: str,
  error_message: str,
  system_prompt: str,
  user_prompt: str,
  answer: str,
  handling_code: str,
  engine: str,
  decision: oneOf(HEAL_DECISIONS),
  rejection: strOrNull,
  reused_count: int(0),
  proceed: boolOrNull,
  correct: boolOrNull,
};

const STDIN_TEST: Record<string, Check> = { stdin: str, expected_stdout: strOrNull };
const CALL_TEST: Record<string, Check> = { call: str, expected: strOrNull };
const VALIDATION: Record<string, Check> = {
  plausible: (v) => typeof v === 'boolean',
  status: oneOf(['passed', 'wrong-output', 'error', 'timeout', 'unusable']),
  stdout: str,
  error_type: strOrNull,
  error_message: strOrNull,
  detail: strOrNull,
};

const REPAIR: Record<string, Check> = {
  record: oneOf(['repair']),
  schema: oneOf([EXPORT_SCHEMA_VERSION]),
  program_id: str,
  function_name: str,
  buggy_function: str,
  program: str,
  test: isObject,
  error_type: str,
  error_message: str,
  traceback: str,
  hint_handling_code: strOrNull,
  engine: str,
  fixed_function: strOrNull,
  validation: isObject,
  attempts: int(1),
};

const BUG_REPORT: Record<string, Check> = {
  bug_report_path: str,
  bug_report_text: str,
  diff_path: str,
  diff_text: str,
  source_code_path: str,
  line_number: int(1),
  code: str,
};

function checkFields(value: unknown, fields: Record<string, Check>, where: string): string[] {
  if (!isObject(value)) return [`${where}: not an object`];
  const problems: string[] = [];
  for (const [key, check] of Object.entries(fields)) {
    if (!(key in value)) problems.push(`${where}: missing ${key}`);
    else if (!check(value[key])) problems.push(`${where}: bad ${key} (${JSON.stringify(value[key])?.slice(0, 60)})`);
  }
  for (const key of Object.keys(value)) if (!(key in fields)) problems.push(`${where}: unexpected field ${key}`);
  return problems;
}

export function validateRecord(kind: RecordKind, value: unknown): string[] {
  if (kind === 'heal') return checkFields(value, HEAL, 'heal record');
  if (kind === 'bug_report') return checkFields(value, BUG_REPORT, 'bug-report record');
  const problems = checkFields(value, REPAIR, 'repair record');
  if (!isObject(value)) return problems;
  if (isObject(value.test)) problems.push(...checkFields(value.test, 'call' in value.test ? CALL_TEST : STDIN_TEST, 'repair record test'));
  if (isObject(value.validation)) problems.push(...checkFields(value.validation, VALIDATION, 'repair record validation'));
  return problems;
}

/** Every problem of a parsed JSONL file of one kind, with 1-based record numbers. */
export function validateRecords(kind: RecordKind, records: readonly unknown[]): string[] {
  return records.flatMap((r, i) => validateRecord(kind, r).map((p) => `record ${i + 1}: ${p}`));
}
