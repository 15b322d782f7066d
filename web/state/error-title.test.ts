import { describe, expect, it } from 'vitest';
import { friendlyErrorTitle } from './error-title.ts';

describe('friendlyErrorTitle', () => {
  it('explains known errors and says where, innermost frame first', () => {
    const t = friendlyErrorTitle({
      type: 'ZeroDivisionError',
      message: 'division by zero',
      formatted: '',
      traceback: [
        { line: 7, endLine: 7, name: '<module>', text: '' },
        { line: 4, endLine: 4, name: 'average', text: '' },
      ],
    });
    expect(t).toEqual({ title: 'Division by zero', where: 'line 4, in average', detail: 'ZeroDivisionError: division by zero' });
  });

  it('syntax errors point at line and column; unknown types keep their name', () => {
    expect(friendlyErrorTitle({ type: 'SyntaxError', message: "expected ':'", formatted: '', traceback: [], line: 2, col: 5 })).toMatchObject({
      title: 'The program is not valid Python',
      where: 'line 2, column 5',
    });
    expect(friendlyErrorTitle({ type: 'MyError', message: '', formatted: '', traceback: [] })).toEqual({ title: 'MyError', where: null, detail: 'MyError' });
  });
});
