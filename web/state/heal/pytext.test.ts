import { describe, expect, it } from 'vitest';
import {
  chainAround,
  dedent,
  errorHint,
  maskCode,
  parenthesize,
  physicalLines,
  primaryBackward,
  primaryForward,
  replaceIdentifier,
  splitOperands,
  textOf,
  tokenize,
} from './pytext.ts';

describe('tokenize', () => {
  it('keeps strings (with prefixes) whole, skips comments and tracks depth', () => {
    const src = 'x = f\'{a}\' + b"y" # c\nz = (1,\n 2)';
    const tokens = tokenize(src);
    expect(tokens.map((t) => t.text)).toEqual(['x', '=', "f'{a}'", '+', 'b"y"', '\n', 'z', '=', '(', '1', ',', '2', ')']);
    expect(tokens.find((t) => t.text === '2')?.depth).toBe(1);
    expect(tokens.filter((t) => t.kind === 'newline')).toHaveLength(1);
  });

  it('reads multi-character operators and numbers', () => {
    expect(tokenize('a //= 2**-3.5e1').map((t) => `${t.kind}:${t.text}`)).toEqual(['name:a', 'op://=', 'number:2', 'op:**', 'op:-', 'number:3.5e1']);
  });
});

describe('maskCode', () => {
  it('blanks string contents and comments but keeps f-string fields', () => {
    const src = 'print("a[0]", f"{xs[1]}") # xs[2]';
    const mask = maskCode(src);
    expect(mask).toHaveLength(src.length);
    expect(mask).not.toContain('a[0]');
    expect(mask).toContain('xs[1]');
    expect(mask).not.toContain('xs[2]');
  });
});

describe('replaceIdentifier', () => {
  it('replaces names, not attributes, strings, keyword arguments or longer words', () => {
    const src = 'print(lengt, obj.lengt, "lengt", lengths, f"{lengt}", g(lengt=lengt))';
    const r = replaceIdentifier(src, 'lengt', 'length', 'name');
    expect(r.text).toBe('print(length, obj.lengt, "lengt", lengths, f"{length}", g(lengt=length))');
    expect(r.count).toBe(3);
  });

  it('replaces only attributes in attribute mode', () => {
    expect(replaceIdentifier('push(x); xs.push(x)', 'push', 'append', 'attribute').text).toBe('push(x); xs.append(x)');
  });
});

describe('primaries and chains', () => {
  const src = 'total = -a.b[i](2) * c / d ** 2 + e';
  const tokens = tokenize(src);
  const at = (text: string) => tokens.findIndex((t) => t.text === text);

  it('finds a primary forward and backward', () => {
    const fwd = primaryForward(tokens, at('a'))!;
    expect(textOf(src, tokens, ...fwd)).toBe('a.b[i](2)');
    const back = primaryBackward(tokens, at('*') - 1)!;
    expect(textOf(src, tokens, ...back)).toBe('a.b[i](2)');
    expect(primaryForward(tokens, at('='))).toBeNull();
  });

  it('finds the multiplicative and additive chains around an operator', () => {
    expect(textOf(src, tokens, ...chainAround(tokens, at('/'), 'multiplicative')!)).toBe('-a.b[i](2) * c / d ** 2');
    const additive = chainAround(tokens, at('+'), 'additive')!;
    expect(textOf(src, tokens, ...additive)).toBe('-a.b[i](2) * c / d ** 2 + e');
    const parts = splitOperands(tokens, additive[0], additive[1], new Set(['+', '-']));
    expect(parts.map((p) => [p.op, textOf(src, tokens, p.first, p.last)])).toEqual([
      [null, '-a.b[i](2) * c / d ** 2'],
      ['+', 'e'],
    ]);
  });

  it('does not treat a keyword before brackets as a call', () => {
    const s = 'return x in (a, b)';
    const t = tokenize(s);
    expect(textOf(s, t, ...primaryBackward(t, t.length - 1)!)).toBe('(a, b)');
  });

  it('parenthesizes compound expressions only', () => {
    expect(parenthesize('xs[i]')).toBe('xs[i]');
    expect(parenthesize('f(a, b)')).toBe('f(a, b)');
    expect(parenthesize('a + b')).toBe('(a + b)');
  });
});

describe('physicalLines', () => {
  it('marks continuation lines inside brackets, strings and after a backslash', () => {
    const src = 'x = (1,\n2)\ns = """a\nreturn b"""\ny = 1 + \\\n  2\nreturn y';
    expect(physicalLines(src).map((l) => l.logicalStart)).toEqual([true, false, true, false, true, false, true]);
  });
});

describe('dedent and errorHint', () => {
  it('dedents by the common indentation', () => {
    expect(dedent('    a\n\n      b')).toEqual({ text: 'a\n\n  b', by: 4 });
    expect(dedent('a\n  b').by).toBe(0);
  });

  it("reads CPython's suggestions from the last line", () => {
    expect(errorHint("Traceback...\nNameError: name 'lengt' is not defined. Did you mean: 'length'?\n")).toEqual({
      text: "Did you mean: 'length'?",
      suggestion: 'length',
    });
    expect(errorHint("NameError: name 'math' is not defined. Did you forget to import 'math'?")).toEqual({
      text: "Did you forget to import 'math'?",
      forgotImport: 'math',
    });
    expect(errorHint('ZeroDivisionError: division by zero')).toBeNull();
  });
});
