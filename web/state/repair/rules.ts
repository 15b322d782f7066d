// The built-in repair engine (no model): makes a heal permanent by wrapping the failing
// statement in a guard that runs the accepted handling code when that error happens:
//     try:
//         <failing statement>
//     except <ErrorType>:
//         <handling code>
//         return __return__        (when the failing statement was a return)
// Handling code replaced the statement for one execution; the guard does the same on
// every execution, so the heal's behaviour becomes part of the source.
import { RETURN_BINDING } from '../../../workers/protocol/runner.ts';
import { streamText, throwIfAborted, type Engine } from '../../../workers/shared/engine.ts';
import { maskCode } from '../heal/pytext.ts';
import type { RepairUnit } from '../../../workers/protocol/repair.ts';
import type { RepairContext, RepairFailure } from './context.ts';

/** Exceptions every program can name in an `except` without importing anything. */
const BUILTIN_EXCEPTIONS = new Set([
  'ArithmeticError',
  'AssertionError',
  'AttributeError',
  'BufferError',
  'EOFError',
  'Exception',
  'FloatingPointError',
  'ImportError',
  'IndexError',
  'KeyError',
  'LookupError',
  'MemoryError',
  'ModuleNotFoundError',
  'NameError',
  'NotImplementedError',
  'OSError',
  'OverflowError',
  'RecursionError',
  'ReferenceError',
  'RuntimeError',
  'StopIteration',
  'SyntaxError',
  'TypeError',
  'UnboundLocalError',
  'UnicodeDecodeError',
  'UnicodeEncodeError',
  'UnicodeError',
  'ValueError',
  'ZeroDivisionError',
  'FileNotFoundError',
  'PermissionError',
  'TimeoutError',
]);

/** The except clause's class: the error's own when it is a builtin, else Exception. */
export function guardedException(errorType: string): string {
  return BUILTIN_EXCEPTIONS.has(errorType) ? errorType : 'Exception';
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

interface Guard {
  failure: RepairFailure;
  handlingCode: string;
}

/** Wraps lines [first, last] (0-based, of `lines`) in try/except running the handling code. */
function wrap(lines: string[], first: number, last: number, guard: Guard): string[] {
  const indent = indentOf(lines[first]!);
  const inner = `${indent}    `;
  const statement = lines.slice(first, last + 1).map((l) => (l.trim() ? `    ${l}` : l));
  const code = guard.handlingCode;
  const handler = code
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (l.trim() ? `${inner}${l}` : l));
  // A heal of a `return` hands its value over in __return__; the guard returns it.
  const setsReturn = new RegExp(`\\b${RETURN_BINDING}\\b`).test(maskCode(code));
  const returns = /^\s*return\b/m.test(maskCode(code));
  if (guard.failure.kind === 'Return' && setsReturn && !returns) handler.push(`${inner}return ${RETURN_BINDING}`);
  return [
    ...lines.slice(0, first),
    `${indent}try:`,
    ...statement,
    `${indent}except ${guardedException(guard.failure.errorType)}:`,
    ...handler,
    ...lines.slice(last + 1),
  ];
}

/**
 * The unit's text with each healed statement inside it wrapped in try/except running its
 * handling code. Bottom up (inner first), so earlier line numbers stay valid; a statement
 * that contains guarded ones (an `if` whose test failed, around a healed body line) grows
 * by the lines those guards added; a partial overlap is left alone. Null when the main
 * failure is not inside the unit.
 */
export function guardStatements(unit: RepairUnit, guards: readonly Guard[]): string | null {
  const inside = (g: Guard) => g.failure.line >= unit.start_line && g.failure.endLine <= unit.end_line;
  if (!guards.length || !inside(guards[0]!)) return null;
  let lines = unit.text.replace(/\n$/, '').split('\n');
  const done: { line: number; endLine: number; added: number }[] = [];
  const order = guards.filter(inside).sort((a, b) => b.failure.line - a.failure.line || a.failure.endLine - b.failure.endLine);
  for (const guard of order) {
    const { line, endLine } = guard.failure;
    const overlapping = done.filter((d) => d.line <= endLine && line <= d.endLine);
    if (overlapping.some((d) => d.line === line && d.endLine === endLine)) continue; // the same statement
    if (!overlapping.every((d) => line <= d.line && d.endLine <= endLine)) continue;
    const grown = endLine + overlapping.reduce((sum, d) => sum + d.added, 0);
    const before = lines.length;
    lines = wrap(lines, line - unit.start_line, grown - unit.start_line, guard);
    done.push({ line, endLine, added: lines.length - before });
  }
  return `${lines.join('\n')}\n`;
}

/** The guarded unit for the context's failure (and the run's other heals in the same unit). */
export function guardStatement(context: RepairContext, handlingCode: string): string | null {
  return guardStatements(context.unit, [{ failure: context.failure, handlingCode }, ...(context.otherHeals ?? [])]);
}

/** Answers with the guarded function; needs the heal's handling code as its hint. */
export function createRulesRepairEngine(): Engine<RepairContext> {
  return {
    id: 'rules',
    label: 'Rules (guard the failing statement with the accepted handling code)',
    async generate(_messages, options, context) {
      throwIfAborted(options.signal);
      if (!context) throw new Error('The rules repair engine needs the repair context.');
      if (!context.handlingCode) throw new Error('The rules repair engine needs handling code from an accepted heal.');
      if (context.attempt > 1) throw new Error('The rules repair engine has only one fix (the guard).');
      const fixed = guardStatement(context, context.handlingCode);
      if (fixed === null) throw new Error(`The failing line ${context.failure.line} is not inside ${context.unit.qualname}.`);
      return streamText(`<code>\n${fixed}</code>`, options);
    },
  };
}
