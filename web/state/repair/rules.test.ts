import { describe, expect, it } from 'vitest';
import type { RepairUnit } from '../../../workers/protocol/repair.ts';
import type { RepairContext, RepairFailure } from './context.ts';
import { createRulesRepairEngine, guardStatements, guardedException } from './rules.ts';
import { parseRepairAnswer } from './answer.ts';
import { buildRepairPrompt } from './prompt.ts';

const unit: RepairUnit = {
  kind: 'function',
  name: 'check',
  qualname: 'Solution.check',
  start_line: 10,
  end_line: 15,
  indent: '    ',
  text: '    def check(self, m):\n        seen = set()\n        for x in m:\n            if x in seen or x in other:\n                return False\n        return total / len(m)\n',
};
const failure = (line: number, endLine: number, errorType: string, kind: string): RepairFailure => ({
  line,
  endLine,
  statement: '',
  kind,
  errorType,
  message: 'm',
  traceback: '',
});

describe('rules repair (guards)', () => {
  it('guards several healed statements of one function, bottom up, with a return for a healed return', () => {
    const text = guardStatements(unit, [
      { failure: failure(13, 14, 'NameError', 'If'), handlingCode: 'pass' },
      { failure: failure(15, 15, 'ZeroDivisionError', 'Return'), handlingCode: '__return__ = 0.0' },
    ]);
    expect(text).toBe(`    def check(self, m):
        seen = set()
        for x in m:
            try:
                if x in seen or x in other:
                    return False
            except NameError:
                pass
        try:
            return total / len(m)
        except ZeroDivisionError:
            __return__ = 0.0
            return __return__
`);
  });

  it('guards a statement around a guarded one; skips heals outside the unit; other errors use Exception', () => {
    const text = guardStatements(unit, [
      { failure: failure(14, 14, 'JSONDecodeError', 'Return'), handlingCode: 'return True' },
      { failure: failure(13, 14, 'NameError', 'If'), handlingCode: 'pass' },
      { failure: failure(3, 3, 'KeyError', 'Assign'), handlingCode: 'x = 1' },
    ])!;
    expect(text).toBe(`    def check(self, m):
        seen = set()
        for x in m:
            try:
                if x in seen or x in other:
                    try:
                        return False
                    except Exception:
                        return True
            except NameError:
                pass
        return total / len(m)
`);
    expect(guardedException('KeyError')).toBe('KeyError');
    expect(guardStatements(unit, [{ failure: failure(3, 3, 'KeyError', 'Assign'), handlingCode: 'x = 1' }])).toBeNull();
  });

  it('the rules engine needs handling code and answers once', async () => {
    const context: RepairContext = {
      source: '',
      unit,
      failure: failure(15, 15, 'ZeroDivisionError', 'Return'),
      test: { kind: 'stdin', stdin: '', expectedStdout: null },
      attempt: 1,
    };
    const engine = createRulesRepairEngine();
    await expect(engine.generate([], {}, context)).rejects.toThrow(/needs handling code/);
    const answer = await engine.generate([], {}, { ...context, handlingCode: '__return__ = 0' });
    const parsed = parseRepairAnswer(answer);
    expect(parsed.ok && parsed.code.startsWith('def check(self, m):\n    seen = set()')).toBe(true);
    await expect(engine.generate([], {}, { ...context, handlingCode: 'pass', attempt: 2 })).rejects.toThrow(/only one fix/);
    expect(buildRepairPrompt({ ...context, handlingCode: '__return__ = 0' }).user).toContain(
      '        <error>\n        return total / len(m)\n        </error>',
    );
  });
});

describe('parseRepairAnswer', () => {
  it('takes the code block, a fence or a bare definition; refuses prose', () => {
    expect(parseRepairAnswer('Fix:\n```python\n    def f():\n        return 1\n```')).toEqual({ ok: true, code: 'def f():\n    return 1\n' });
    expect(parseRepairAnswer('Sure.\ndef f():\n\treturn 1\n')).toEqual({ ok: true, code: 'def f():\n    return 1\n' });
    expect(parseRepairAnswer('I would add a check.')).toEqual({ ok: false, reason: 'the answer has no <code> block' });
    expect(parseRepairAnswer('<code>\nx = 1\n</code>')).toEqual({ ok: false, reason: 'the answer does not define a function' });
    expect(parseRepairAnswer('<code>\nprint(1)\n</code>', 'statement')).toEqual({ ok: true, code: 'print(1)\n' });
  });
});
