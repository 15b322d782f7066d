import { describe, expect, it } from 'vitest';
import { fatalKind, recursionReport, type PyFrame } from './fatal.ts';

const SOURCE = 'import functools\n@functools.cache\ndef f(n):\n    return f(n - 1)\nf(10 ** 6)\n';

describe('fatal error helpers', () => {
  it('classifies Pyodide fatal errors', () => {
    expect(fatalKind(Object.assign(new RangeError('Maximum call stack size exceeded'), { pyodide_fatal_error: true }))).toBe('stack-overflow');
    expect(fatalKind(new Error('Pyodide already fatally failed and can no longer be used.'))).toBe('fatal');
    expect(fatalKind(new Error('ordinary'))).toBeNull();
    expect(fatalKind('text')).toBeNull();
  });

  it('renders a RecursionError over the user frames, repeats collapsed, capped list', () => {
    const frames: PyFrame[] = [
      { filename: '/heal/_heal_runner/runner.py', name: 'execute', line: 300 },
      { filename: 'main.py', name: '<module>', line: 5 },
      ...Array.from({ length: 60 }, () => ({ filename: 'main.py', name: 'f', line: 4 })),
    ];
    const report = recursionReport(frames, 'main.py', SOURCE);
    expect(report).toMatchObject({ type: 'RecursionError', line: 4 });
    expect(report.traceback).toHaveLength(40);
    expect(report.traceback[0]).toEqual({ line: 5, endLine: 5, name: '<module>', text: 'f(10 ** 6)' });
    expect(report.formatted).toBe(
      'Traceback (most recent call last):\n' +
        '  File "main.py", line 5, in <module>\n    f(10 ** 6)\n' +
        '  File "main.py", line 4, in f\n    return f(n - 1)\n'.repeat(3) +
        '  [Previous line repeated 57 more times]\n' +
        `RecursionError: ${report.message}\n`,
    );
    expect(report.formatted).not.toContain('runner.py');
  });

  it('without readable frames there is still a report, without a line', () => {
    const report = recursionReport([], 'main.py', SOURCE);
    expect(report.line).toBeUndefined();
    expect(report.formatted).toMatch(/^Traceback \(most recent call last\):\nRecursionError: /);
  });
});
