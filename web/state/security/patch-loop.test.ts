import { describe, expect, it } from 'vitest';
import type { SecurityCheckResult, SecurityFinding } from '../../../workers/protocol/security.ts';
import { createScriptedEngine } from '../../../test/scripted-engine.ts';
import { parseProgram, parseStrategies } from './answer.ts';
import { compareFindings } from './compare.ts';
import { banditFeedback } from './feedback.ts';
import { runPatchLoop } from './patch-loop.ts';
import { testOutcome } from './test-case.ts';
import type { PatchLoopEvent, SecurityPatchContext } from './types.ts';

// A test double for the check: reports `yaml.load(` (B506) and `shell=True` (B602) by line.
function finding(test_id: string, test_name: string, line: number, source: string): SecurityFinding {
  return {
    test_id,
    test_name,
    issue_severity: test_id === 'B602' ? 'HIGH' : 'MEDIUM',
    issue_confidence: 'HIGH',
    issue_cwe: { id: 20, link: 'https://cwe.mitre.org/data/definitions/20.html' },
    issue_text: `${test_name} found`,
    filename: 'main.py',
    line_number: line,
    line_range: [line],
    col_offset: 0,
    end_col_offset: 10,
    code: `${line} ${source.split('\n')[line - 1]}`,
    more_info: 'https://bandit.readthedocs.io/',
    function: '<module>',
  };
}
async function check(source: string): Promise<SecurityCheckResult> {
  if (source.includes('def ('))
    return { findings: [], errors: [{ filename: 'main.py', reason: 'syntax error while parsing AST from file', line: 1 }], metrics: {}, ms: 1 };
  const findings = source
    .split('\n')
    .flatMap((line, i) => [
      ...(line.includes('yaml.load(') ? [finding('B506', 'yaml_load', i + 1, source)] : []),
      ...(line.includes('shell=True') ? [finding('B602', 'subprocess_popen_with_shell_equals_true', i + 1, source)] : []),
    ]);
  return { findings, errors: [], metrics: {}, ms: 1 };
}

const ORIGINAL = 'import yaml\ndata = yaml.load(text)\nprint(data)\n';
const STILL_BAD = 'import yaml\ndata = yaml.load(text, Loader=yaml.Loader)\nprint(data)\n';
const BREAKS = 'import yaml\ndata = yaml.safe_load(text)\n';
const CLEAN = 'import yaml\ndata = yaml.safe_load(text)\nprint(data)\n';
const passesTest = async (program: string) =>
  program.includes('print(data)') ? { passed: true, detail: 'same output' } : { passed: false, detail: 'expected 1 line, got none' };

describe('runPatchLoop', () => {
  it('refines a candidate that keeps the finding, rejects one that breaks the test, offers the clean one', async () => {
    const start = await check(ORIGINAL);
    const engine = createScriptedEngine<SecurityPatchContext>([
      'yaml.load can build arbitrary objects.',
      '1. Use yaml.safe_load\n2. Pass a safe Loader\n3. Use yaml.safe_load',
      `<code>\n${STILL_BAD}</code>`,
      `\`\`\`python\n${BREAKS}\`\`\``,
      `<code>${CLEAN}</code>`,
    ]);
    const events: PatchLoopEvent[] = [];
    const result = await runPatchLoop({
      engine,
      source: ORIGINAL,
      findings: start.findings,
      targets: start.findings,
      check,
      runTest: passesTest,
      onEvent: (e) => events.push(e),
    });
    expect(result.strategies).toEqual(['Use yaml.safe_load', 'Pass a safe Loader']);
    expect(result.candidates.map((c) => c.verdict)).toEqual(['refine', 'breaks-test', 'accepted']);
    expect(result.candidates[0]!.remaining.map((f) => f.test_id)).toEqual(['B506']);
    expect(result.candidates[1]!.test).toBe('failed');
    expect(result.best?.source).toBe(CLEAN);
    expect(result.best?.test).toBe('passed');
    expect(result.best?.round).toBe(3);
    // Round 2 refined the first candidate with Bandit's feedback; round 3 went back to it after the test broke.
    const rounds = engine.calls.slice(2).map((c) => c.context as Extract<SecurityPatchContext, { task: 'patch' }>);
    expect(rounds[1]!.source).toBe(STILL_BAD);
    expect(rounds[1]!.feedback).toContain('[B506:yaml_load]');
    expect(engine.calls[3]!.messages.at(-1)!.content).toContain('not accepted');
    expect(rounds[2]!.source).toBe(STILL_BAD);
    expect(rounds[2]!.feedback).toContain('The test case fails');
    expect(events.filter((e) => e.type === 'candidate')).toHaveLength(3);
  });

  it('moves to the next strategy when a round makes no progress, and cancels on abort', async () => {
    const start = await check(ORIGINAL);
    const engine = createScriptedEngine<SecurityPatchContext>([
      'why',
      '1. A\n2. B',
      `<code>${ORIGINAL}</code>`,
      'no code here, sorry.',
      `<code>${CLEAN}</code>`,
    ]);
    const result = await runPatchLoop({ engine, source: ORIGINAL, findings: start.findings, targets: start.findings, check, rounds: 2 });
    expect(result.candidates.map((c) => [c.strategyIndex, c.verdict])).toEqual([
      [0, 'no-change'],
      [1, 'no-program'],
      [1, 'accepted'],
    ]);
    expect(result.candidates[1]!.reason).toBe('the answer has no code, only prose');
    expect(result.best?.source).toBe(CLEAN);
    const controller = new AbortController();
    controller.abort();
    await expect(
      runPatchLoop({
        engine: createScriptedEngine<SecurityPatchContext>(['x']),
        source: ORIGINAL,
        findings: start.findings,
        targets: start.findings,
        check,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('treats a program that does not parse as a syntax error and feeds the reason back', async () => {
    const start = await check(ORIGINAL);
    const engine = createScriptedEngine<SecurityPatchContext>(['why', '1. Only one', '<code>def (:\n</code>', `<code>${CLEAN}</code>`]);
    const result = await runPatchLoop({ engine, source: ORIGINAL, findings: start.findings, targets: start.findings, check, strategies: 1 });
    expect(result.candidates.map((c) => c.verdict)).toEqual(['syntax-error', 'accepted']);
    expect((engine.calls[3]!.context as { feedback?: string }).feedback).toContain('does not parse');
  });

  it('keeps a candidate that fixes one of two findings as the best improvement when nothing is clean', async () => {
    const source = 'import yaml, subprocess\ndata = yaml.load(text)\nsubprocess.run(cmd, shell=True)\n';
    const half = 'import yaml, subprocess\ndata = yaml.safe_load(text)\nsubprocess.run(cmd, shell=True)\n';
    const start = await check(source);
    const engine = createScriptedEngine<SecurityPatchContext>(['why', '1. One', `<code>${half}</code>`, `<code>${half}</code>`]);
    const result = await runPatchLoop({ engine, source, findings: start.findings, targets: start.findings, check, strategies: 1 });
    expect(result.candidates.map((c) => c.verdict)).toEqual(['improved', 'no-change']);
    expect(result.best?.source).toBe(half);
    expect(result.best?.remaining.map((f) => f.test_id)).toEqual(['B602']);
  });
});

describe('answers, feedback and comparison', () => {
  it('parses strategy lists and programs', () => {
    expect(parseStrategies('Here:\n1) **Safe load**\n- Safe load\n2. Loader=SafeLoader', 3)).toEqual(['Safe load', 'Loader=SafeLoader']);
    expect(parseStrategies('<strategy>a</strategy><strategy>b</strategy>', 1)).toEqual(['a']);
    const fenced = parseProgram('Sure!\n```python\n    x = 1\n    y = 2\n```\nDone.');
    expect(fenced).toEqual({ ok: true, code: 'x = 1\ny = 2\n', salvaged: ['no <code> tags: used the markdown code block', 'dedented by 4'] });
    expect(parseProgram('<code></code>')).toEqual({ ok: false, reason: 'the answer has no program' });
  });

  it('writes Bandit-style feedback', async () => {
    const { findings } = await check(ORIGINAL);
    const text = banditFeedback(findings, ORIGINAL);
    expect(text).toContain('>> Issue: [B506:yaml_load] yaml_load found');
    expect(text).toContain('Severity: Medium   Confidence: High');
    expect(text).toContain('Location: main.py:2:0');
    expect(text).toContain('2\tdata = yaml.load(text)');
    expect(banditFeedback([])).toBe('No issues identified.');
  });

  it('matches findings across shifted lines and allows B603 after a shell fix', async () => {
    const before = 'import subprocess\nsubprocess.run("ls", shell=True)\ndata = yaml.load(a)\n';
    const after = 'import subprocess\nimport shlex\nsubprocess.run(["ls"])\ndata = yaml.load(a)\n';
    const b = await check(before);
    const a = { source: after, findings: [...(await check(after)).findings, { ...finding('B603', 'subprocess_without_shell_equals_true', 3, after) }] };
    const targets = b.findings.filter((f) => f.test_id === 'B602');
    const result = compareFindings({ source: before, findings: b.findings }, targets, a);
    expect(result.remaining).toEqual([]);
    expect(result.introduced).toEqual([]);
    expect(result.successors.map((f) => f.test_id)).toEqual(['B603']);
    const worse = compareFindings({ source: before, findings: b.findings }, targets, {
      source: before,
      findings: [...b.findings, finding('B999', 'x', 1, before)],
    });
    expect(worse.remaining.map((f) => f.test_id)).toEqual(['B602']);
    expect(worse.introduced.map((f) => f.test_id)).toEqual(['B999']);
  });
});

describe('testOutcome', () => {
  it('passes only on the exact expected output and says where it differs', () => {
    expect(testOutcome({ status: 'ok', stdout: 'a\nb\n' }, 'a\nb\n').passed).toBe(true);
    expect(testOutcome({ status: 'ok', stdout: 'a\nc\n' }, 'a\nb\n')).toEqual({
      passed: false,
      detail: 'the output differs from the expected output (line 2: expected "b", got "c")',
    });
    // The rule CORRECT uses: lenient by default (the final newline does not count), strict on request.
    expect(testOutcome({ status: 'ok', stdout: 'a' }, 'a\n').passed).toBe(true);
    expect(testOutcome({ status: 'ok', stdout: 'a' }, 'a\n', 'strict').detail).toContain('final newline');
    expect(
      testOutcome(
        { status: 'error', stdout: '', error: { type: 'ModuleNotFoundError', message: "No module named 'yaml'", formatted: '', phase: 'code' } },
        'x\n',
      ),
    ).toEqual({ passed: false, detail: "the program raised ModuleNotFoundError: No module named 'yaml'" });
    expect(testOutcome({ status: 'timeout', stdout: '' }, 'x\n').passed).toBe(false);
  });
});
