import { describe, expect, it } from 'vitest';
import { parseHealAnswer } from './answer.ts';
import { HEAL_SYSTEM_PROMPT, buildHealPrompt, markFailingLines, stateLines } from './prompt.ts';
import { pauseFixture } from '../../../test/pause-fixtures.ts';

describe('buildHealPrompt golden prompts', () => {
  it('NameError at module level, with the "Did you mean" hint', () => {
    const source = 'import math\nradius = 2.5\narea = math.pi * raduis ** 2\nprint(area)';
    const context = pauseFixture({
      source,
      line: 3,
      kind: 'Assign',
      type: 'NameError',
      message: "name 'raduis' is not defined",
      hint: "Did you mean: 'radius'?",
      globals: { math: ['module', "<module 'math'>"], radius: ['float', '2.5'] },
    });
    const prompt = buildHealPrompt({ source, context });
    expect(prompt.user).toBe(`Program:
import math
radius = 2.5
<error>
area = math.pi * raduis ** 2
</error>
print(area)

Error: NameError: name 'raduis' is not defined. Did you mean: 'radius'?
Function: none (module level)
Program state:
radius = 2.5`);
    expect(prompt.messages).toEqual([
      { role: 'system', content: HEAL_SYSTEM_PROMPT },
      { role: 'user', content: prompt.user },
    ]);
  });

  it('IndexError inside a loop in a function, on a retry', () => {
    const source = [
      'def pairs(xs):',
      '    out = []',
      '    for i in range(len(xs)):',
      '        out.append(xs[i] + xs[i + 1])',
      '    return out',
      '',
      'print(pairs([1, 2, 3]))',
    ].join('\n');
    const context = pauseFixture({
      source,
      line: 4,
      kind: 'Expr',
      function: 'pairs',
      type: 'IndexError',
      message: 'list index out of range',
      locals: { xs: ['list', '[1, 2, 3]'], out: ['list', '[3, 5]'], i: ['int', '2'] },
      globals: { pairs: ['function', '<function pairs at 0x1>'] },
    });
    const prompt = buildHealPrompt({ source, context, attempt: 2, rejection: 'the handling code raised IndexError: list index out of range' });
    expect(prompt.user).toBe(`Program:
def pairs(xs):
    out = []
    for i in range(len(xs)):
        <error>
        out.append(xs[i] + xs[i + 1])
        </error>
    return out

print(pairs([1, 2, 3]))

Error: IndexError: list index out of range
Function: pairs
Program state:
xs = [1, 2, 3]
out = [3, 5]
i = 2

Your previous answer was rejected: the handling code raised IndexError: list index out of range
Write a different answer.`);
  });

  it('a failing multi-line return', () => {
    const source = [
      'def complement(num):',
      "    bits = bin(num)[2:].lstrip('0')",
      "    return int(''.join('1' if b == '0' else '0'",
      '                       for b in bits), 2)',
      '',
      'print(complement(0))',
    ].join('\n');
    const context = pauseFixture({
      source,
      line: 3,
      endLine: 4,
      kind: 'Return',
      function: 'complement',
      type: 'ValueError',
      message: "invalid literal for int() with base 2: ''",
      locals: { num: ['int', '0'], bits: ['str', "''"] },
    });
    expect(buildHealPrompt({ source, context }).user).toBe(`Program:
def complement(num):
    bits = bin(num)[2:].lstrip('0')
    <error>
    return int(''.join('1' if b == '0' else '0'
                       for b in bits), 2)
    </error>

print(complement(0))

Error: ValueError: invalid literal for int() with base 2: ''
Function: complement
Program state:
num = 0
bits = ''`);
  });
});

describe('system prompt', () => {
  it('has task, goals, constraints and one example, in that order', () => {
    const at = ['TASK', 'GOALS', 'CONSTRAINTS', 'EXAMPLE'].map((h) => HEAL_SYSTEM_PROMPT.indexOf(`\n${h}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(HEAL_SYSTEM_PROMPT).toContain('__return__');
    expect(HEAL_SYSTEM_PROMPT).toContain('<code></code>');
    expect(HEAL_SYSTEM_PROMPT.match(/<error>/g)).toHaveLength(2); // the task's mention and the example's
  });

  it("the example's answer is a valid answer", () => {
    const answer = HEAL_SYSTEM_PROMPT.slice(HEAL_SYSTEM_PROMPT.lastIndexOf('<code>'));
    expect(parseHealAnswer(answer)).toEqual({ ok: true, code: 'if line.strip().isdigit():\n    ages.append(int(line))', salvaged: [] });
  });
});

describe('parts', () => {
  it('state: locals shadow globals, only values, capped with a count', () => {
    const b = (name: string, repr: string, scope: 'local' | 'global', kind: 'value' | 'function' = 'value') => ({ name, type: 'int', repr, scope, kind });
    expect(stateLines([b('x', '1', 'local')], [b('x', '2', 'global'), b('f', '<f>', 'global', 'function'), b('y', 'a\nb', 'global')])).toEqual([
      'x = 1',
      'y = a\\nb',
    ]);
    const many = Array.from({ length: 10 }, (_, i) => b(`v${i}`, '12345', 'local'));
    expect(stateLines(many, [], 30)).toEqual(['v0 = 12345', 'v1 = 12345', '… (8 more)']);
    expect(stateLines([], [])).toEqual(['(no variables)']);
  });

  it('marks the failing lines even at the ends of the file', () => {
    expect(markFailingLines('a\r\nb', 2, 9)).toBe('a\n<error>\nb\n</error>');
    expect(markFailingLines('\tx = y', 1, 1)).toBe('\t<error>\n\tx = y\n\t</error>');
  });

  it('ignores a rejection on the first attempt', () => {
    const source = 'x = 1 / 0';
    const context = pauseFixture({ source, line: 1, kind: 'Assign', type: 'ZeroDivisionError', message: 'division by zero' });
    expect(buildHealPrompt({ source, context, attempt: 1, rejection: 'old' }).user).not.toContain('rejected');
    expect(buildHealPrompt({ source, context, rejection: 'bad' }).user).toContain('rejected: bad');
  });
});
