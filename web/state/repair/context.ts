// What a permanent repair knows: the buggy function, the test case, the real error of a
// real run (message and traceback), and the handling code a heal used as a hint. Built
// from a heal (the pause the user accepted) or from a generated failing test.
import type { ErrorInfo, PauseContext } from '../../../workers/protocol/runner.ts';
import type { RepairUnit } from '../../../workers/protocol/repair.ts';

/** A test case: a whole-program run on stdin, or one call to a function of the program. */
export type RepairTest =
  | { kind: 'stdin'; stdin: string /** null: unknown, only "runs without an error" is checked. */; expectedStdout: string | null }
  | { kind: 'call' /** A Python expression, e.g. `complement(0)`. */; call: string /** repr() of the expected result, or null. */; expected: string | null };

/** The failure as the program really raised it. */
export interface RepairFailure {
  line: number;
  endLine: number;
  /** Source text of the failing statement. */
  statement: string;
  /** AST node type of the failing statement ("Return", "Assign", …); "" when unknown. */
  kind: string;
  errorType: string;
  message: string;
  /** Python's rendering of the traceback (user frames). */
  traceback: string;
}

export interface RepairContext {
  /** The whole program as it ran. */
  source: string;
  /** The function to fix (or the top-level statement when the error is at module level). */
  unit: RepairUnit;
  failure: RepairFailure;
  test: RepairTest;
  /** Handling code a heal accepted for this failure, as a hint. */
  handlingCode?: string;
  /** Other heals the same run accepted (other statements), with their handling code. */
  otherHeals?: { failure: RepairFailure; handlingCode: string }[];
  /** 1 for the first answer, 2 after one rejection, … */
  attempt: number;
  /** Why the previous fix was rejected (not plausible, unusable answer). */
  rejection?: string;
}

export interface RepairFromHealInput {
  source: string;
  pause: PauseContext;
  unit: RepairUnit;
  test: RepairTest;
  handlingCode?: string;
  /** The run's other accepted heals (pause + handling code); the same statement twice counts once. */
  otherHeals?: { pause: PauseContext; handlingCode: string }[];
}

function failureOf(pause: PauseContext): RepairFailure {
  return {
    line: pause.line,
    endLine: pause.endLine,
    statement: pause.statement,
    kind: pause.kind,
    errorType: pause.error.type,
    message: pause.error.message,
    traceback: pause.error.formatted,
  };
}

/** The repair context for an accepted heal: the paused statement is the failure. */
export function repairContextFromHeal(input: RepairFromHealInput): RepairContext {
  const { pause } = input;
  const context: RepairContext = {
    source: input.source,
    unit: input.unit,
    failure: failureOf(pause),
    test: input.test,
    attempt: 1,
  };
  if (input.handlingCode !== undefined && input.handlingCode.trim() !== '') context.handlingCode = input.handlingCode;
  const seen = new Set([pause.sid]);
  const others = (input.otherHeals ?? []).filter((h) => h.handlingCode.trim() !== '' && !seen.has(h.pause.sid) && seen.add(h.pause.sid));
  if (others.length) context.otherHeals = others.map((h) => ({ failure: failureOf(h.pause), handlingCode: h.handlingCode }));
  return context;
}

/** The test case of the playground (stdin + expected output; empty expected output = unknown). */
export function stdinTest(stdin: string, expectedStdout: string | null | undefined): RepairTest {
  return { kind: 'stdin', stdin, expectedStdout: expectedStdout === undefined || expectedStdout === '' ? null : expectedStdout };
}

/** "stdin: …, expected output: …" / "call: f(0), expected: 1" for prompts and the UI. */
export function describeTest(test: RepairTest): string {
  if (test.kind === 'call') return `call: ${test.call}\nexpected result (repr): ${test.expected ?? '(unknown)'}`;
  const stdin = test.stdin === '' ? '(empty)' : `\n${test.stdin.replace(/\n?$/, '\n')}`;
  const expected = test.expectedStdout === null ? '(unknown: the program must finish without an error)' : `\n${test.expectedStdout.replace(/\n?$/, '\n')}`;
  return `stdin: ${stdin}\nexpected output: ${expected}`.replace(/\n+$/, '');
}

/** The repair context for a run that ended with an unhandled error (no heal accepted): the innermost frame failed. */
export function repairContextFromError(input: { source: string; error: ErrorInfo; unit: RepairUnit; test: RepairTest; handlingCode?: string }): RepairContext {
  const frame = input.error.traceback.at(-1);
  const line = frame?.line ?? input.error.line ?? input.unit.start_line;
  const context: RepairContext = {
    source: input.source,
    unit: input.unit,
    failure: {
      line,
      endLine: frame?.endLine ?? line,
      statement: frame?.text ?? '',
      kind: '',
      errorType: input.error.type,
      message: input.error.message,
      traceback: input.error.formatted,
    },
    test: input.test,
    attempt: 1,
  };
  if (input.handlingCode !== undefined && input.handlingCode.trim() !== '') context.handlingCode = input.handlingCode;
  return context;
}

/** The line a run's error points at (innermost user frame). */
export function errorLineOf(error: ErrorInfo): number | undefined {
  return error.traceback.at(-1)?.line ?? error.line;
}

/** The repair context for a generated failing test: its real error is the failure (no heal, no hint). */
export function repairContextFromTest(input: {
  source: string;
  test: RepairTest;
  error: { type: string; message: string; traceback: string; line?: number };
  unit: RepairUnit;
}): RepairContext {
  const line = input.error.line ?? input.unit.start_line;
  const statement = input.source.split('\n')[line - 1] ?? '';
  return {
    source: input.source,
    unit: input.unit,
    failure: { line, endLine: line, statement, kind: '', errorType: input.error.type, message: input.error.message, traceback: input.error.traceback },
    test: input.test,
    attempt: 1,
  };
}
