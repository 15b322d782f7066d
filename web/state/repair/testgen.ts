// "Generate a failing test": for a program without a test case, an engine proposes small
// tests (stdin + expected output, or a call + expected result); each is run in the
// executor and the first one that raises is kept with the error of that real run —
// the error message is never taken from the engine.
import type { ChatMessage, Engine } from '../../../workers/shared/engine.ts';
import { streamText, throwIfAborted } from '../../../workers/shared/engine.ts';
import type { ExecutorLike } from '../heal/session.ts';
import type { RepairTest } from './context.ts';
import { runOnTest } from './validate.ts';
import { errorText } from '../../../workers/shared/async.ts';
import type { RepairTestInputs } from '../../../workers/protocol/repair.ts';

export interface TestGenContext {
  source: string;
  /** Tests already tried that did not fail (feedback for a second answer). */
  tried: RepairTest[];
}

export const TEST_SYSTEM_PROMPT = `You write a small test that makes a Python program fail with an unhandled exception.
Answer with one or more tests, each as:
<test><stdin>input lines for the whole program</stdin><expected>what a correct program prints</expected></test>
or, to call one function directly:
<test><call>function_name(arguments)</call><expected>repr() of the correct result</expected></test>
Pick edge cases (empty input, zero, negative numbers, empty lists). Keep each test small.`;

export function buildTestPrompt(context: TestGenContext): { system: string; user: string; messages: ChatMessage[] } {
  const parts = [`Program:\n${context.source.replace(/\n$/, '')}`];
  if (context.tried.length) parts.push(`These tests did not make it fail:\n${context.tried.map(testText).join('\n')}`);
  const user = parts.join('\n\n');
  return {
    system: TEST_SYSTEM_PROMPT,
    user,
    messages: [
      { role: 'system', content: TEST_SYSTEM_PROMPT },
      { role: 'user', content: user },
    ],
  };
}

function tag(block: string, name: string): string | null {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'i').exec(block);
  return m ? m[1]! : null;
}

/** Each tag's text loses one leading newline (the tag on its own line); stdin keeps the rest as written. */
const trimTagNewline = (text: string) => text.replace(/^\n/, '');

export function testText(test: RepairTest): string {
  return test.kind === 'call'
    ? `<test><call>${test.call}</call><expected>${test.expected ?? ''}</expected></test>`
    : `<test><stdin>${test.stdin}</stdin><expected>${test.expectedStdout ?? ''}</expected></test>`;
}

/** The tests in an answer (empty <expected> = unknown); a clear reason when there are none. */
export function parseTestAnswer(text: string): { ok: true; tests: RepairTest[] } | { ok: false; reason: string } {
  const input = text.replace(/\r\n?/g, '\n');
  const blocks = [...input.matchAll(/<test>([\s\S]*?)(?:<\/test>|$)/gi)].map((m) => m[1]!);
  const tests: RepairTest[] = [];
  for (const block of blocks) {
    const expected = tag(block, 'expected');
    const call = tag(block, 'call');
    const stdin = tag(block, 'stdin');
    if (call !== null && call.trim() !== '') {
      tests.push({ kind: 'call', call: call.trim(), expected: expected === null || expected.trim() === '' ? null : expected.trim() });
    } else if (stdin !== null) {
      const out = expected === null ? null : trimTagNewline(expected);
      tests.push({ kind: 'stdin', stdin: trimTagNewline(stdin), expectedStdout: out === null || out === '' ? null : out });
    }
  }
  return tests.length
    ? { ok: true, tests }
    : { ok: false, reason: blocks.length ? 'no <call> or <stdin> in the <test> blocks' : 'the answer has no <test> block' };
}

// -- the rules engine: edge values for each top-level function, edge inputs for stdin --
const EDGE_VALUES = ['0', '-1', "''", '[]', 'None', '1'];
const EDGE_STDIN = ['', '0\n', '-1\n', 'abc\n'];

/** Top-level `def name(a, b):` with plain positional parameters (no defaults, *args, self). */
export function simpleFunctions(source: string): { name: string; arity: number }[] {
  const out: { name: string; arity: number }[] = [];
  for (const m of source.matchAll(/^def\s+([A-Za-z_]\w*)\s*\(([^()]*)\)\s*(?:->[^:]*)?:/gm)) {
    const params = m[2]!
      .split(',')
      .map((p) => p.split(':')[0]!.trim())
      .filter(Boolean);
    if (m[1]!.startsWith('_') || params.some((p) => p.includes('=') || p.startsWith('*') || p === '/')) continue;
    out.push({ name: m[1]!, arity: params.length });
  }
  return out;
}

/**
 * The rules engine: edge inputs for stdin, and edge arguments for each top-level function.
 * With `inputs` (the analysis worker's repairTestInputs), each parameter gets values of the kind
 * the function uses it as (`mean(xs)` → `mean([])`); without, the same edge value for every argument.
 */
export function createRulesTestEngine(inputs?: (source: string) => Promise<RepairTestInputs>): Engine<TestGenContext> {
  return {
    id: 'rules',
    label: 'Rules (edge values)',
    async generate(_messages, options, context) {
      throwIfAborted(options.signal);
      if (!context) throw new Error('The rules test engine needs the program.');
      const tests: RepairTest[] = [];
      if (/\binput\s*\(|sys\.stdin/.test(context.source)) for (const stdin of EDGE_STDIN) tests.push({ kind: 'stdin', stdin, expectedStdout: null });
      const inferred = inputs ? await inputs(context.source).catch(() => undefined) : undefined;
      if (inferred?.ok) {
        for (const fn of inferred.functions) for (const call of fn.calls) tests.push({ kind: 'call', call, expected: null });
      } else {
        for (const fn of simpleFunctions(context.source)) {
          if (fn.arity === 0) continue;
          for (const value of EDGE_VALUES) tests.push({ kind: 'call', call: `${fn.name}(${Array(fn.arity).fill(value).join(', ')})`, expected: null });
        }
      }
      const fresh = tests.filter((t) => !context.tried.some((u) => testText(u) === testText(t)));
      if (!fresh.length) throw new Error('The rules test engine has no edge case left to try.');
      return streamText(fresh.map(testText).join('\n'), options);
    },
  };
}

export interface GeneratedTest {
  test: RepairTest;
  /** The error of the real run of this test. */
  error: { type: string; message: string; traceback: string; line?: number };
  /** stdout before the error. */
  stdout: string;
}

export interface TestGenResult {
  found?: GeneratedTest;
  /** Every test run, with whether it failed. */
  tried: { test: RepairTest; failed: boolean; error?: string }[];
  answers: string[];
  problem?: string;
}

/** The line of the innermost program frame in the executor's rendering ("main.py", line N). */
export function programLine(traceback: string): number | undefined {
  const lines = [...traceback.matchAll(/File "(?:main\.py|<exec>|<handling code>)", line (\d+)/g)];
  const last = lines.at(-1);
  return last ? Number(last[1]) : undefined;
}

/** Asks the engine (up to `rounds` answers) and runs its tests until one fails. */
export async function generateFailingTest(
  deps: { engine: Engine<TestGenContext>; executor: ExecutorLike; rounds?: number; timeLimitMs?: number; signal?: AbortSignal },
  source: string,
): Promise<TestGenResult> {
  const result: TestGenResult = { tried: [], answers: [] };
  for (let round = 1; round <= (deps.rounds ?? 2); round++) {
    const context: TestGenContext = { source, tried: result.tried.map((t) => t.test) };
    let answer: string;
    try {
      answer = await deps.engine.generate(buildTestPrompt(context).messages, { signal: deps.signal }, context);
    } catch (error) {
      if (deps.signal?.aborted) throw error;
      result.problem = `the engine failed: ${errorText(error)}`;
      return result;
    }
    result.answers.push(answer);
    const parsed = parseTestAnswer(answer);
    if (!parsed.ok) {
      result.problem = `unusable answer: ${parsed.reason}`;
      continue;
    }
    for (const test of parsed.tests) {
      const run = await runOnTest(deps.executor, source, test, deps.timeLimitMs);
      const e = run.error;
      // Only the program's own errors count: a call that does not even compile is the test's fault.
      const failed = run.status === 'error' && e !== undefined && e.phase === 'code' && e.type !== 'SyntaxError';
      result.tried.push(failed ? { test, failed, error: `${e!.type}: ${e!.message}` } : { test, failed });
      if (failed) {
        const error: GeneratedTest['error'] = { type: e!.type, message: e!.message, traceback: e!.formatted };
        const line = programLine(e!.formatted);
        if (line !== undefined) error.line = line;
        result.found = { test, error, stdout: run.stdout };
        delete result.problem;
        return result;
      }
    }
    result.problem = 'none of the proposed tests made the program fail';
  }
  return result;
}
