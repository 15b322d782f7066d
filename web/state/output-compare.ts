// Expected vs actual output as side-by-side rows (line diff by jsdiff).
import { diffLines } from 'diff';

export type CompareKind = 'same' | 'changed' | 'missing' | 'extra';

export interface CompareRow {
  kind: CompareKind;
  /** 1-based line numbers, when the side has the line. */
  expectedLine?: number;
  actualLine?: number;
  expected?: string;
  actual?: string;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Rows pairing removed (expected-only) and added (actual-only) runs as "changed". */
export function compareOutputs(expected: string, actual: string): CompareRow[] {
  const rows: CompareRow[] = [];
  let e = 0;
  let a = 0;
  const parts = diffLines(expected, actual);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const lines = splitLines(part.value);
    if (!part.added && !part.removed) {
      for (const line of lines) rows.push({ kind: 'same', expectedLine: ++e, actualLine: ++a, expected: line, actual: line });
    } else if (part.removed && parts[i + 1]?.added) {
      const added = splitLines(parts[i + 1]!.value);
      for (let j = 0; j < Math.max(lines.length, added.length); j++) {
        const row: CompareRow = { kind: 'changed' };
        if (j < lines.length) { row.expected = lines[j]; row.expectedLine = ++e; }
        if (j < added.length) { row.actual = added[j]; row.actualLine = ++a; }
        if (row.expected === undefined) row.kind = 'extra';
        if (row.actual === undefined) row.kind = 'missing';
        rows.push(row);
      }
      i++;
    } else if (part.removed) {
      for (const line of lines) rows.push({ kind: 'missing', expectedLine: ++e, expected: line });
    } else {
      for (const line of lines) rows.push({ kind: 'extra', actualLine: ++a, actual: line });
    }
  }
  return rows;
}

/** A one-line explanation when outputs differ only in whitespace or the final newline. */
export function whitespaceHint(expected: string, actual: string): string | null {
  if (expected === actual) return null;
  if (expected.trimEnd() === actual.trimEnd()) return 'Outputs differ only in trailing whitespace or the final newline.';
  if (expected.replace(/\s+/g, ' ').trim() === actual.replace(/\s+/g, ' ').trim()) return 'Outputs differ only in whitespace.';
  return null;
}
