// Permanent repair end to end in Node: a real heal (runner + executor) of the
// binary-complement example, the repair package in the analysis worker, scripted and
// rules repair engines, validation in the executor, failing-test generation, export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import { createNodeAnalysis } from '../workers/analysis/node-analysis.ts';
import type { RunnerClient } from '../workers/runner/client.ts';
import type { ExecutorClient } from '../workers/executor/client.ts';
import type { AnalysisClient } from '../workers/analysis/client.ts';
import type { PauseContext } from '../workers/protocol/runner.ts';
import { HealSession, defaultHealSettings } from '../web/state/heal/session.ts';
import { createScriptedEngine } from './scripted-engine.ts';
import { repairContextFromHeal, repairContextFromTest, stdinTest, type RepairContext } from '../web/state/repair/context.ts';
import { createRulesRepairEngine, guardStatement } from '../web/state/repair/rules.ts';
import { repairPermanently, unitForLine } from '../web/state/repair/session.ts';
import { createRulesTestEngine, generateFailingTest, parseTestAnswer, type TestGenContext } from '../web/state/repair/testgen.ts';
import { healRecords, repairRecord, bugReportRecord } from '../web/state/export/records.ts';
import { parseJsonl, toJsonl } from '../web/state/export/jsonl.ts';
import { validateRecord, validateRecords } from '../web/state/export/schema.ts';
import { COMPLEMENT, COMPLEMENT_EXPECTED as EXPECTED } from './fixtures.ts';

const FIXED = `def complement(n):
    width = max(1, n.bit_length())
    flipped = "".join("1" if (n >> i) & 1 == 0 else "0" for i in reversed(range(width)))
    return int(flipped, 2)
`;

let runner: RunnerClient;
let executor: ExecutorClient;
let analysis: AnalysisClient;
let healed: { context: RepairContext; session: HealSession; pause: PauseContext };

beforeAll(async () => {
  runner = createNodeRunner();
  executor = createNodeExecutor();
  analysis = createNodeAnalysis();
  await Promise.all([runner.start(), executor.start(), analysis.start()]);
  // The heal the user accepted: the complement of 0 is 1.
  const session = new HealSession(COMPLEMENT, createScriptedEngine(['<code>\n__return__ = 1\n</code>']), executor, {
    ...defaultHealSettings,
    autoAccept: true,
  });
  const result = await runner.run({ code: COMPLEMENT, expectedOutput: EXPECTED }, { onPause: (c) => session.autoHeal(c) });
  expect(result.correct).toBe(true);
  const entry = session.trace[0]!;
  const pause = session.pauses.get(entry.pauseIndex)!;
  const unit = await unitForLine(analysis, COMPLEMENT, pause.line);
  healed = {
    session,
    pause,
    context: repairContextFromHeal({ source: COMPLEMENT, pause, unit, test: stdinTest('', EXPECTED), handlingCode: entry.handlingCode }),
  };
}, 180_000);
afterAll(() => {
  runner.dispose();
  executor.dispose();
  analysis.dispose();
});

const deps = (engine: Parameters<typeof repairPermanently>[0]['engine'], maxAttempts = 1) => ({ engine, analysis, executor, maxAttempts });

describe('permanent repair (Node, real Pyodide)', () => {
  it('builds the context from the real pause: function, statement, error and traceback', () => {
    const { context } = healed;
    expect(context.unit).toMatchObject({ kind: 'function', qualname: 'complement', start_line: 1, end_line: 4 });
    expect(context.failure).toMatchObject({ line: 4, kind: 'Return', errorType: 'ValueError', message: "invalid literal for int() with base 2: ''" });
    expect(context.failure.traceback).toContain('line 4');
    expect(context.handlingCode).toBe('__return__ = 1');
  });

  it('a scripted fix of the binary-complement example is plausible', async () => {
    const engine = createScriptedEngine<RepairContext>([`Here is the fix:\n<code>\n${FIXED}</code>`]);
    const result = await repairPermanently(deps(engine), healed.context);
    expect(result.plausible).toBe(true);
    expect(result.best!.validation).toMatchObject({ status: 'passed', stdout: EXPECTED });
    expect(result.best!.patched).toBe(FIXED + COMPLEMENT.slice(COMPLEMENT.indexOf('\n\n\nfor')).replace(/^\n/, ''));
    // The prompt carries the execution data.
    const user = engine.calls[0]!.messages[1]!.content;
    expect(user).toContain("Error: ValueError: invalid literal for int() with base 2: ''");
    expect(user).toContain('<error>');
    expect(user).toContain('__return__ = 1');
    expect(user).toContain('expected output: \n5 -> 2');
  });

  it('the rules engine guards the failing statement with the accepted handling code: plausible', async () => {
    const guarded = guardStatement(healed.context, '__return__ = 1');
    expect(guarded).toBe(`def complement(n):
    width = n.bit_length()
    flipped = "".join("1" if (n >> i) & 1 == 0 else "0" for i in reversed(range(width)))
    try:
        return int(flipped, 2)
    except ValueError:
        __return__ = 1
        return __return__
`);
    const result = await repairPermanently(deps(createRulesRepairEngine()), healed.context);
    expect(result.plausible).toBe(true);
    expect(result.best!.validation!.stdout).toBe(EXPECTED);
  });

  it('a wrong patch is reported not plausible; the retry gets the reason', async () => {
    const wrong = COMPLEMENT.slice(0, COMPLEMENT.indexOf('\n\n\nfor') + 1).replace('return int(flipped, 2)', 'return int(flipped or "0", 2)');
    const raising = FIXED.replace('max(1, n.bit_length())', 'n.bit_length() / 0');
    const engine = createScriptedEngine<RepairContext>([
      `<code>\n${wrong}</code>`,
      (ctx) => {
        expect(ctx?.rejection).toMatch(/not plausible: the output differs/);
        return `<code>\n${raising}</code>`;
      },
    ]);
    const result = await repairPermanently(deps(engine, 2), healed.context);
    expect(result.plausible).toBe(false);
    expect(result.attempts.map((a) => a.validation?.status)).toEqual(['wrong-output', 'error']);
    expect(result.attempts[0]!.validation!.stdout).toBe('5 -> 2\n0 -> 0\n10 -> 5\n');
    expect(result.attempts[1]!.validation!.error).toMatchObject({ type: 'ZeroDivisionError' });
  });

  it('an answer that renames the function or does not parse is refused with the reason', async () => {
    const engine = createScriptedEngine<RepairContext>(['<code>\ndef other(n):\n    return 1\n</code>', '<code>\ndef complement(n:\n</code>']);
    const result = await repairPermanently(deps(engine, 2), healed.context);
    expect(result.plausible).toBe(false);
    expect(result.attempts[0]!.problem).toMatch(/must define the function complement/);
    expect(result.attempts[1]!.problem).toMatch(/does not parse/);
  });
});

describe('failing-test generation records the real error', () => {
  const PROGRAM = COMPLEMENT.slice(0, COMPLEMENT.indexOf('\n\n\nfor') + 1);

  it('a scripted call test: the error comes from running it, not from the engine', async () => {
    const engine = createScriptedEngine<TestGenContext>([
      '<test><call>complement(5)</call><expected>2</expected></test>\n<test><call>complement(0)</call><expected>1</expected></test> (this raises IndexError)',
    ]);
    const result = await generateFailingTest({ engine, executor }, PROGRAM);
    expect(result.tried.map((t) => t.failed)).toEqual([false, true]);
    expect(result.found!.test).toEqual({ kind: 'call', call: 'complement(0)', expected: '1' });
    expect(result.found!.error).toMatchObject({ type: 'ValueError', message: "invalid literal for int() with base 2: ''", line: 4 });
  });

  it('a stdin test for a program reading input; the rules engine finds an edge value by itself', async () => {
    const reader = 'n = int(input())\nprint(100 // n)\n';
    const engine = createScriptedEngine<TestGenContext>([
      '<test><stdin>4\n</stdin><expected>25\n</expected></test>',
      '<test>\n<stdin>0\n</stdin>\n<expected></expected>\n</test>',
    ]);
    const result = await generateFailingTest({ engine, executor }, reader);
    expect(result.found!.test).toEqual({ kind: 'stdin', stdin: '0\n', expectedStdout: null });
    expect(result.found!.error.type).toBe('ZeroDivisionError');
    expect(engine.calls[1]!.messages[1]!.content).toContain('did not make it fail');
    const rules = await generateFailingTest({ engine: createRulesTestEngine(), executor }, PROGRAM);
    expect(rules.found!.test).toMatchObject({ kind: 'call', call: 'complement(0)' });
    expect(rules.found!.error.message).toBe("invalid literal for int() with base 2: ''");
  });

  it('the rules engine tries arguments of the kind the function uses (types from the body and defaults)', async () => {
    const mean = 'def mean(xs, start=0):\n    return sum(xs, start) / len(xs)\n\nprint(mean([1, 2, 3]))\n';
    const inferred = createRulesTestEngine((source) => analysis.call('repairTestInputs', source));
    const result = await generateFailingTest({ engine: inferred, executor }, mean);
    // mean(0) would only say "int is not iterable": the empty list is the real failure.
    expect(result.found!.test).toEqual({ kind: 'call', call: 'mean([])', expected: null });
    expect(result.found!.error).toMatchObject({ type: 'ZeroDivisionError', line: 2 });
    expect(result.tried.map((t) => t.test)).not.toContainEqual(expect.objectContaining({ call: 'mean(0)' }));
  });

  it('a generated test drives a repair: the fix is validated on the call test', async () => {
    const tests = createScriptedEngine<TestGenContext>(['<test><call>complement(0)</call><expected>1</expected></test>']);
    const found = (await generateFailingTest({ engine: tests, executor }, PROGRAM)).found!;
    const unit = await unitForLine(analysis, PROGRAM, found.error.line!);
    const context = repairContextFromTest({ source: PROGRAM, test: found.test, error: found.error, unit });
    expect(context.failure).toMatchObject({ line: 4, statement: '    return int(flipped, 2)', errorType: 'ValueError' });
    const good = await repairPermanently(deps(createScriptedEngine<RepairContext>([`<code>\n${FIXED}</code>`])), context);
    expect(good.best!.validation).toMatchObject({ plausible: true, stdout: '1\n' });
    const wrong = await repairPermanently(deps(createScriptedEngine<RepairContext>(['<code>\ndef complement(n):\n    return 0\n</code>'])), context);
    expect(wrong.best!.validation).toMatchObject({ plausible: false, status: 'wrong-output', stdout: '0\n' });
    await expect(createRulesRepairEngine().generate([], {}, context)).rejects.toThrow(/needs handling code/);
  });

  it('parses test answers and says why none are usable', () => {
    expect(parseTestAnswer('no tests here')).toEqual({ ok: false, reason: 'the answer has no <test> block' });
    expect(parseTestAnswer('<test><expected>1</expected></test>')).toMatchObject({ ok: false });
  });
});

describe('export records match the schemas', () => {
  it('heal and repair records from real runs, and a bug-report record, survive JSONL and validate', async () => {
    const heal = healRecords(healed.session.trace.map((t) => ({ ...t, outcome: { proceed: true, correct: true } })));
    expect(heal).toHaveLength(1);
    expect(heal[0]).toMatchObject({ handling_code: '__return__ = 1', decision: 'auto-accepted', engine: 'scripted', proceed: true, correct: true });
    expect(heal[0]!.user_prompt).toContain('<error>');
    const rules = await repairPermanently(deps(createRulesRepairEngine()), healed.context);
    const repair = repairRecord(rules, 'complement');
    const bug = bugReportRecord({
      id: 'B602 line 3',
      reportText: 'subprocess call with shell=True',
      diffText: '--- a\n+++ b\n',
      line: 3,
      code: 'subprocess.call(cmd, shell=True)',
    });
    expect(bug.bug_report_path).toBe('bug_reports/B602_line_3.txt');
    for (const [kind, records] of [
      ['heal', heal],
      ['repair', [repair]],
      ['bug_report', [bug]],
    ] as const) {
      const parsed = parseJsonl(toJsonl(records));
      expect(parsed.problems).toEqual([]);
      expect(parsed.records).toEqual(records);
      expect(validateRecords(kind, parsed.records)).toEqual([]);
    }
    expect(repair).toMatchObject({
      function_name: 'complement',
      error_type: 'ValueError',
      test: { stdin: '', expected_stdout: EXPECTED },
      validation: { plausible: true, status: 'passed' },
    });
    expect(repair.fixed_function).toContain('except ValueError:');
  });

  it('validators and the parser report what is wrong', () => {
    const parsed = parseJsonl('{"a": 1}\nnot json\n\n');
    expect(parsed.problems).toEqual([{ line: 2, message: expect.stringMatching(/^not JSON/) }]);
    expect(validateRecord('bug_report', { bug_report_path: 'x' })).toContain('bug-report record: missing diff_text');
    expect(validateRecord('heal', { ...healRecords(healed.session.trace)[0], decision: 'maybe' })).toEqual([expect.stringMatching(/bad decision/)]);
  });
});
