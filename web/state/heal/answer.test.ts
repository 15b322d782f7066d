import { describe, expect, it } from 'vitest';
import { looksLikeCode, parseHealAnswer } from './answer.ts';

const ok = (code: string, salvaged: string[] = []) => ({ ok: true, code, salvaged });

describe('parseHealAnswer: clean and messy answers', () => {
  it('a clean <code> block', () => {
    expect(parseHealAnswer('<code>\nx = 1\ny = x + 1\n</code>')).toEqual(ok('x = 1\ny = x + 1'));
  });

  it('prose around the block, uppercase tags, only the first block', () => {
    expect(parseHealAnswer('Sure! Here is the fix:\n<CODE>\nx = 1\n</CODE>\nThis works because…\n<code>y = 2</code>')).toEqual(ok('x = 1'));
  });

  it('a missing closing tag', () => {
    expect(parseHealAnswer('<code>\ntotal = sum(xs)\n')).toEqual(ok('total = sum(xs)', ['added the missing </code>']));
  });

  it('<code> inside a markdown fence, and a fence inside <code>', () => {
    expect(parseHealAnswer('```html\n<code>\nx = 1\n</code>\n```')).toEqual(ok('x = 1'));
    expect(parseHealAnswer('<code>\n```python\nx = 1\n```\n</code>')).toEqual(ok('x = 1', ['removed markdown fences']));
  });

  it('a markdown fence without tags, with prose around it', () => {
    expect(parseHealAnswer('The variable is misspelled.\n```python\nprint(length)\n```\nHope this helps!')).toEqual(
      ok('print(length)', ['no <code> tags: used the markdown code block']),
    );
  });

  it('an unclosed markdown fence', () => {
    expect(parseHealAnswer('```py\nx = 0\n')).toEqual(ok('x = 0', ['no <code> tags: used the markdown code block']));
  });

  it('CRLF line endings and indentation copied from the original', () => {
    expect(parseHealAnswer('<code>\r\n        if xs:\r\n            y = xs[0]\r\n</code>')).toEqual(
      ok('if xs:\n    y = xs[0]', ['converted CRLF line endings', 'dedented by 8']),
    );
  });

  it('tabs', () => {
    expect(parseHealAnswer('<code>\n\tfor x in xs:\n\t\ttotal += x\n</code>')).toEqual(
      ok('for x in xs:\n    total += x', ['expanded tabs to 4 spaces', 'dedented by 4']),
    );
  });

  it('first line on the tag, the rest indented like the original', () => {
    expect(parseHealAnswer('<code>x = 1\n        y = 2\n        z = 3</code>')).toEqual(ok('x = 1\ny = 2\nz = 3', ['dedented the lines after the first by 8']));
  });

  it('a bare code answer and a bare answer with prose lines', () => {
    expect(parseHealAnswer('result = a / b if b else 0')).toEqual(ok('result = a / b if b else 0', ['no <code> tags: took the whole answer as code']));
    expect(parseHealAnswer('The fix is:\nimport math\nx = math.sqrt(4)\nThat is all.')).toEqual(
      ok('import math\nx = math.sqrt(4)', ['no <code> tags: took the code lines and dropped the prose']),
    );
  });

  it('inline backticks, a stray language line, echoed <error> tags, an empty first block', () => {
    expect(parseHealAnswer('<code>`x = 1`</code>')).toEqual(ok('x = 1', ['removed inline backticks']));
    expect(parseHealAnswer('<code>python\nx = 1\n</code>')).toEqual(ok('x = 1', ['removed a stray language name']));
    expect(parseHealAnswer('<code>\n<error>\nx = 1\n</error>\n</code>')).toEqual(ok('x = 1', ['removed echoed <error> tags']));
    expect(parseHealAnswer('I put it in <code></code>:\n<code>\nx = 1\n</code>')).toEqual(ok('x = 1', ['skipped 1 empty <code> block']));
  });

  it('a <code lang> attribute and a comment-only line are fine', () => {
    expect(parseHealAnswer('<code lang="python">\n# default when empty\nx = 0\n</code>')).toEqual(ok('# default when empty\nx = 0'));
  });
});

describe('parseHealAnswer: rejections', () => {
  it('empty answers and empty blocks', () => {
    expect(parseHealAnswer('   \n')).toEqual({ ok: false, reason: 'the answer is empty' });
    expect(parseHealAnswer('<code>\n\n</code>')).toEqual({ ok: false, reason: 'the <code> block is empty' });
  });

  it('prose only, with or without tags', () => {
    expect(parseHealAnswer('I cannot fix this error because the data is missing.')).toEqual({ ok: false, reason: 'the answer has no code, only prose' });
    expect(parseHealAnswer('<code>There is not enough information to fix this.</code>')).toEqual({ ok: false, reason: 'the answer has no code, only prose' });
  });

  it('yield, break and continue at the top level, saying which', () => {
    expect(parseHealAnswer('<code>yield x</code>')).toMatchObject({ ok: false, reason: expect.stringContaining('`yield`') });
    expect(parseHealAnswer('<code>if x > 3:\n    break</code>')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^`break` outside a loop \(line 2\)/),
    });
    expect(parseHealAnswer('<code>x = 1; continue</code>')).toMatchObject({ ok: false, reason: expect.stringContaining('`continue`') });
  });

  it('a return inside a top-level block, and any top-level return when not allowed', () => {
    expect(parseHealAnswer('<code>if not xs:\n    return 0\n__return__ = xs[0]</code>')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('`return` inside a top-level block (line 2)'),
    });
    expect(parseHealAnswer('<code>return 0</code>', { allowReturn: false })).toMatchObject({ ok: false, reason: expect.stringContaining('not a return') });
  });
});

describe('parseHealAnswer: control flow that is fine', () => {
  it('allows return/yield in nested defs and break/continue in loops', () => {
    const code =
      'def helper(v):\n    if v:\n        return v\n    yield 1\nfor x in xs:\n    if x:\n        continue\n    while True:\n        break\nd = {"return": 1}  # return';
    expect(parseHealAnswer(`<code>\n${code}\n</code>`)).toEqual(ok(code));
  });

  it('rewrites a final top-level return as __return__ and drops unreachable lines', () => {
    expect(parseHealAnswer('<code>\nreturn 0\n</code>')).toEqual(ok('__return__ = 0', ['rewrote the top-level return as __return__ = …']));
    expect(parseHealAnswer('<code>\nreturn\n</code>')).toEqual(ok('__return__ = None', ['rewrote the top-level return as __return__ = …']));
    expect(parseHealAnswer('<code>\nx = 1\nreturn (x +\n    1)\nprint("never")\n</code>')).toEqual(
      ok('x = 1\n__return__ = (x +\n    1)', ['rewrote the top-level return as __return__ = …', 'dropped 1 unreachable line after the return']),
    );
  });

  it('does not mistake a word in a string for a keyword', () => {
    expect(parseHealAnswer('<code>msg = "break the loop"\nprint("""\nreturn\n""")</code>')).toEqual(ok('msg = "break the loop"\nprint("""\nreturn\n""")'));
  });
});

describe('looksLikeCode', () => {
  it.each([
    ['x = 1', true],
    ['xs[i] += 2', true],
    ['a, b = b, a', true],
    ['import math', true],
    ['from math import inf', true],
    ['if x > 0:', true],
    ['print(total)', true],
    ['pass', true],
    ['return', true],
    ['total', true],
    ['Here is the fixed code:', false],
    ['The answer is x = 1', false],
    ['Sorry', false],
    ['for example, this works.', false],
  ])('%s → %s', (line, expected) => {
    expect(looksLikeCode(line)).toBe(expected);
  });
});
