// Validation of a patched program on the test case, in the executor (an isolated Pyodide):
// a stdin test runs the whole program; a call test defines the program's functions and
// prints repr() of the call. `plausible` = no error and the output matches (when known).
import { outputsMatch } from '../../../workers/shared/output-compare.ts';
import type { ExecuteResult } from '../../../workers/protocol/executor.ts';
import type { ExecutorLike } from '../heal/session.ts';
import { whitespaceHint } from '../output-compare.ts';
import type { RepairTest } from './context.ts';

export type ValidationStatus = 'passed' | 'wrong-output' | 'error' | 'timeout';

export interface RepairValidation {
  plausible: boolean;
  status: ValidationStatus;
  stdout: string;
  /** The error of the run, when it raised (what the test records as the real error). */
  error?: { type: string; message: string; traceback: string };
  /** Why it is not plausible, in one line. */
  detail?: string;
  ms: number;
}

export const DEFAULT_VALIDATION_TIME_LIMIT_MS = 10_000;

/** Runs `program` on the test case in the executor. */
export async function runOnTest(
  executor: ExecutorLike,
  program: string,
  test: RepairTest,
  timeLimitMs = DEFAULT_VALIDATION_TIME_LIMIT_MS,
): Promise<ExecuteResult> {
  const request =
    test.kind === 'stdin'
      ? { source: '', pickle: null, handles: [], code: program, stdin: test.stdin }
      : { source: program, pickle: null, handles: [], code: `print(repr(${test.call}))`, stdin: '' };
  return executor.execute(request, { timeLimitMs });
}

/** What the test expects on stdout (a call test prints the repr and a newline), or null. */
export function expectedStdout(test: RepairTest): string | null {
  if (test.kind === 'stdin') return test.expectedStdout;
  return test.expected === null ? null : `${test.expected.replace(/\n$/, '')}\n`;
}

/** Judges one run of the test. */
export function judgeRun(result: ExecuteResult, test: RepairTest, ms: number): RepairValidation {
  const base = { stdout: result.stdout, ms };
  if (result.status !== 'ok') {
    const e = result.error;
    const error = e ? { type: e.type, message: e.message, traceback: e.formatted } : undefined;
    const status: ValidationStatus = result.status === 'timeout' ? 'timeout' : 'error';
    const detail = result.status === 'timeout' ? 'the program did not finish in time' : e ? `the program raised ${e.type}: ${e.message}` : 'the program failed';
    return error ? { plausible: false, status, error, detail, ...base } : { plausible: false, status, detail, ...base };
  }
  const expected = expectedStdout(test);
  if (expected !== null && !outputsMatch(expected, result.stdout)) {
    const hint = whitespaceHint(expected, result.stdout);
    return { plausible: false, status: 'wrong-output', detail: hint ?? 'the output differs from the expected output', ...base };
  }
  return { plausible: true, status: 'passed', ...base };
}

export async function validateRepair(executor: ExecutorLike, program: string, test: RepairTest, timeLimitMs?: number): Promise<RepairValidation> {
  const started = performance.now();
  const result = await runOnTest(executor, program, test, timeLimitMs);
  return judgeRun(result, test, performance.now() - started);
}
