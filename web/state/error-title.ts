// A plain-language title for a Python error, shown above the expandable traceback.
import type { ErrorInfo } from '../../workers/protocol/runner.ts';

const EXPLANATIONS: Record<string, string> = {
  ZeroDivisionError: 'Division by zero',
  NameError: 'A name is used but was never defined',
  UnboundLocalError: 'A local variable is used before it gets a value',
  TypeError: 'An operation got a value of the wrong type',
  ValueError: 'A value has the right type but an unusable content',
  IndexError: 'An index is outside the sequence',
  KeyError: 'A dictionary key is missing',
  AttributeError: 'An object has no such attribute',
  RecursionError: 'Recursion went too deep',
  ModuleNotFoundError: 'A module cannot be imported here',
  ImportError: 'An import failed',
  EOFError: 'input() found no more input',
  SyntaxError: 'The program is not valid Python',
  IndentationError: 'The indentation is inconsistent',
  AssertionError: 'An assert statement failed',
  FileNotFoundError: 'A file does not exist',
  OverflowError: 'A number is too large',
  StopIteration: 'An iterator was exhausted',
  WorkerCrashed: 'Python crashed',
  MemoryError: 'Python ran out of memory',
};

export interface ErrorTitle {
  title: string;
  /** Where it happened, e.g. "line 4, in average". */
  where: string | null;
  detail: string;
}

export function friendlyErrorTitle(error: ErrorInfo): ErrorTitle {
  const title = EXPLANATIONS[error.type] ?? error.type;
  const frame = error.traceback.at(-1);
  const line = error.line ?? frame?.line;
  let where: string | null = null;
  if (line !== undefined) {
    where = `line ${line}`;
    if (frame && frame.name !== '<module>') where += `, in ${frame.name}`;
    if (error.col !== undefined && error.type.endsWith('Error') && !frame) where += `, column ${error.col}`;
  }
  const detail = error.message ? `${error.type}: ${error.message}` : error.type;
  return { title, where, detail };
}
