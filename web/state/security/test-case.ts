// The test case for patch candidates: run the whole candidate in the isolated executor
// with the test's stdin and compare its stdout with the expected output under the rule
// CORRECT uses (workers/shared/output-compare.ts; lenient by default).
import type { ExecuteRequest, ExecuteResult } from '../../../workers/protocol/executor.ts';
import { outputsMatch, type CompareRule } from '../../../workers/shared/output-compare.ts';
import { compareOutputs, whitespaceHint } from '../output-compare.ts';
import type { TestOutcome } from './types.ts';

export function testOutcome(result: Pick<ExecuteResult, 'status' | 'error' | 'stdout'>, expected: string, rule?: CompareRule): TestOutcome {
  if (result.status === 'timeout') return { passed: false, detail: 'the program ran past the time limit' };
  if (result.status === 'error')
    return { passed: false, detail: `the program raised ${result.error?.type ?? 'an error'}: ${result.error?.message ?? ''}`.trim() };
  if (outputsMatch(expected, result.stdout, rule)) return { passed: true, detail: 'the output equals the expected output' };
  const hint = whitespaceHint(expected, result.stdout, rule);
  const first = compareOutputs(expected, result.stdout, rule).find((row) => row.kind !== 'same');
  const where = first?.expectedLine ?? first?.actualLine;
  const detail =
    hint ?? (first ? `line ${where}: expected ${JSON.stringify(first.expected ?? '')}, got ${JSON.stringify(first.actual ?? '')}` : 'the output differs');
  return { passed: false, detail: `the output differs from the expected output (${detail})` };
}

/** A runTest for runPatchLoop, or null when there is no expected output to compare with. */
export function createTestRunner(
  execute: (request: ExecuteRequest) => Promise<ExecuteResult>,
  testCase: { stdin: string; expected: string },
): ((program: string) => Promise<TestOutcome>) | null {
  if (testCase.expected === '') return null;
  return async (program) => testOutcome(await execute({ source: '', pickle: null, handles: [], code: program, stdin: testCase.stdin }), testCase.expected);
}
