import { describe, expect, it } from 'vitest';
import { comparedLines, describeRule, outputsMatch, runVerdict } from './output-compare.ts';

describe('the output comparison rule', () => {
  it('lenient (the default) ignores trailing whitespace at line ends and trailing empty lines', () => {
    expect(outputsMatch('1\n2', '1\n2\n')).toBe(true); // expected typed without its final newline
    expect(outputsMatch('1 \n2\t\n', '1\n2\n')).toBe(true);
    expect(outputsMatch('1\n2\n\n\n', '1\n2\n')).toBe(true);
    expect(outputsMatch('1\r\n2\r\n', '1\n2\n')).toBe(true);
    expect(outputsMatch('', '\n\n')).toBe(true);
  });

  it('lenient still sees every other difference', () => {
    expect(outputsMatch('1\n2\n', '1\n3\n')).toBe(false);
    expect(outputsMatch('1 2\n', '1  2\n')).toBe(false); // inside a line
    expect(outputsMatch(' 1\n', '1\n')).toBe(false); // leading whitespace
    expect(outputsMatch('1\n\n2\n', '1\n2\n')).toBe(false); // an empty line inside
    expect(outputsMatch('1\n', '1\n2\n')).toBe(false);
  });

  it('strict compares character for character', () => {
    expect(outputsMatch('1\n2', '1\n2\n', 'strict')).toBe(false);
    expect(outputsMatch('1 \n', '1\n', 'strict')).toBe(false);
    expect(outputsMatch('1\n', '1\n', 'strict')).toBe(true);
  });

  it('lines as the rule sees them', () => {
    expect(comparedLines('a  \nb\n\n', 'lenient')).toEqual(['a', 'b']);
    expect(comparedLines('a  \nb\n', 'strict')).toEqual(['a  ', 'b', '']);
  });

  it('PROCEED needs a clean finish; CORRECT also the output, and nothing left out', () => {
    expect(runVerdict({ status: 'finished', stdout: '1\n' }, '1')).toEqual({ proceed: true, correct: true });
    expect(runVerdict({ status: 'finished', stdout: '1\n' }, '1', 'strict')).toEqual({ proceed: true, correct: false });
    expect(runVerdict({ status: 'finished', exitCode: 2, stdout: '1\n' }, '1')).toEqual({ proceed: false, correct: false });
    expect(runVerdict({ status: 'error', stdout: '1\n' }, '1')).toEqual({ proceed: false, correct: false });
    expect(runVerdict({ status: 'finished', stdout: '1\n', truncated: true }, '1')).toEqual({ proceed: true, correct: false });
  });

  it('says which rule it is', () => {
    expect(describeRule('lenient')).toMatch(/trailing whitespace/);
    expect(describeRule('strict')).toMatch(/identical/);
  });
});
