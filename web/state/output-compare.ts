// Expected vs actual output as side-by-side rows, under the same rule that decides CORRECT
// (workers/shared/output-compare.ts): a row is "same" exactly when the rule says the lines
// match, so the table never shows identical lines for a failed comparison.
import { diffArrays } from 'diff';
import { comparedLines, outputsMatch, type CompareRule, DEFAULT_COMPARE_RULE } from '../../workers/shared/output-compare.ts';

export type CompareKind = 'same' | 'changed' | 'missing' | 'extra';

export interface CompareRow {
  kind: CompareKind;
  /** 1-based line numbers, when the side has the line. */
  expectedLine?: number;
  actualLine?: number;
  /** The line's text as printed (without its line end). */
  expected?: string;
  actual?: string;
  /** Whether the line ended with a newline (the last line of a text may not). */
  expectedEnd?: boolean;
  actualEnd?: boolean;
}

interface Line {
  text: string;
  end: boolean;
}

function linesOf(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const lines = parts.map((part, i) => ({ text: part, end: i < parts.length - 1 }));
  if (lines.at(-1)!.text === '') lines.pop();
  return lines;
}

/** Rows pairing removed (expected-only) and added (actual-only) runs as "changed". */
export function compareOutputs(expected: string, actual: string, rule: CompareRule = DEFAULT_COMPARE_RULE): CompareRow[] {
  const exp = linesOf(expected);
  const act = linesOf(actual);
  // What the rule compares, line by line: lenient drops trailing whitespace and empty lines.
  const key = (lines: Line[], text: string) => (rule === 'strict' ? lines.map((l) => `${l.text}${l.end ? '\n' : ''}`) : comparedLines(text, rule));
  const expKeys = key(exp, expected);
  const actKeys = key(act, actual);
  const rows: CompareRow[] = [];
  let e = 0;
  let a = 0;
  const take = (side: 'expected' | 'actual', row: CompareRow) => {
    const lines = side === 'expected' ? exp : act;
    const index = side === 'expected' ? e++ : a++;
    const line = lines[index] ?? { text: '', end: true };
    if (side === 'expected') Object.assign(row, { expected: line.text, expectedEnd: line.end, expectedLine: index + 1 });
    else Object.assign(row, { actual: line.text, actualEnd: line.end, actualLine: index + 1 });
  };
  const parts = diffArrays(expKeys, actKeys);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const count = part.value.length;
    if (!part.added && !part.removed) {
      for (let j = 0; j < count; j++) {
        const row: CompareRow = { kind: 'same' };
        take('expected', row);
        take('actual', row);
        rows.push(row);
      }
    } else if (part.removed && parts[i + 1]?.added) {
      const added = parts[i + 1]!.value.length;
      for (let j = 0; j < Math.max(count, added); j++) {
        const row: CompareRow = { kind: 'changed' };
        if (j < count) take('expected', row);
        if (j < added) take('actual', row);
        if (j >= count) row.kind = 'extra';
        if (j >= added) row.kind = 'missing';
        rows.push(row);
      }
      i++;
    } else {
      for (let j = 0; j < count; j++) {
        const row: CompareRow = { kind: part.removed ? 'missing' : 'extra' };
        take(part.removed ? 'expected' : 'actual', row);
        rows.push(row);
      }
    }
  }
  return rows;
}

/** A line with its invisible characters shown: · for a space, → for a tab, ⏎ for its line end. */
export function visibleWhitespace(text: string, end = false): string {
  const shown = text
    .replace(/ /g, '·')
    .replace(/\t/g, '→')
    .replace(/\r/g, '␍')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/g, '⍽');
  return end ? `${shown}⏎` : shown;
}

/** A one-line explanation when outputs differ only in whitespace, under the rule in force. */
export function whitespaceHint(expected: string, actual: string, rule: CompareRule = DEFAULT_COMPARE_RULE): string | null {
  if (outputsMatch(expected, actual, rule)) return null;
  if (rule === 'strict' && outputsMatch(expected, actual, 'lenient')) {
    return 'Outputs differ only in trailing whitespace or the final newline (the strict comparison is on; the lenient one would accept this).';
  }
  if (expected.replace(/\s+/g, ' ').trim() === actual.replace(/\s+/g, ' ').trim()) return 'Outputs differ only in whitespace inside lines (shown as · and →).';
  return null;
}
