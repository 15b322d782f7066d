// JSON Lines: one record per line. Parsing reports every bad line with its number
// instead of stopping at the first, so a user sees what is wrong with a file at once.
import { errorText } from '../../../workers/shared/async.ts';

export function toJsonl(records: readonly unknown[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
}

export interface JsonlProblem {
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export function parseJsonl(text: string): { records: unknown[]; problems: JsonlProblem[] } {
  const records: unknown[] = [];
  const problems: JsonlProblem[] = [];
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((raw, i) => {
      if (raw.trim() === '') return;
      try {
        records.push(JSON.parse(raw));
      } catch (error) {
        problems.push({ line: i + 1, message: `not JSON: ${errorText(error)}` });
      }
    });
  return { records, problems };
}
