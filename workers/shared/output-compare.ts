// The one rule that decides whether a program printed the expected output (CORRECT): used by
// the runner client for every run, by the page's expected-vs-actual table and by bench:heal.
//
// lenient (the default, what online judges do): trailing whitespace at the end of each line
//   and trailing empty lines are ignored, so an expected output typed without its final
//   newline, or with a space after the last word, still matches;
// strict: the text must be identical, character for character.

export type CompareRule = 'lenient' | 'strict';

export const DEFAULT_COMPARE_RULE: CompareRule = 'lenient';

export const COMPARE_RULES: readonly CompareRule[] = ['lenient', 'strict'];

/** One sentence for settings, benchmarks and hints. */
export function describeRule(rule: CompareRule): string {
  return rule === 'strict'
    ? 'strict: the output must be identical, character for character'
    : 'lenient: trailing whitespace at line ends and trailing empty lines are ignored';
}

/** The lines the rule compares (lenient: a "\r" before a line end is trailing whitespace too). */
export function comparedLines(text: string, rule: CompareRule): string[] {
  const lines = text.split('\n');
  if (rule === 'strict') return lines;
  const trimmed = lines.map((line) => line.replace(/[ \t\r\f\v]+$/u, ''));
  while (trimmed.length && trimmed.at(-1) === '') trimmed.pop();
  return trimmed;
}

/** Whether `actual` is the expected output under the rule. */
export function outputsMatch(expected: string, actual: string, rule: CompareRule = DEFAULT_COMPARE_RULE): boolean {
  if (rule === 'strict') return expected === actual;
  if (expected === actual) return true;
  const a = comparedLines(expected, rule);
  const b = comparedLines(actual, rule);
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

export interface RunVerdict {
  /** The program finished without an unhandled error (exit code 0). */
  proceed: boolean;
  /** It also printed the expected output under the rule. */
  correct: boolean;
}

/** PROCEED and CORRECT of a run against its expected output. */
export function runVerdict(
  result: { status: string; exitCode?: number; stdout: string; truncated?: boolean },
  expected: string,
  rule: CompareRule = DEFAULT_COMPARE_RULE,
): RunVerdict {
  const proceed = result.status === 'finished' && (result.exitCode ?? 0) === 0;
  // Output past the cap was left out: what was printed cannot be checked.
  return { proceed, correct: proceed && !result.truncated && outputsMatch(expected, result.stdout, rule) };
}
