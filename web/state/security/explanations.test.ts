import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainTest, explainedTests, testName } from './explanations.ts';

const tsv = readFileSync(join(import.meta.dirname, '../../../../shared/corpora/bandit_tests.tsv'), 'utf8');
const table = tsv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'));

describe('security test explanations', () => {
  it('explain every test id of the Bandit table, under its Bandit name', () => {
    expect(table.length).toBe(80);
    for (const [id, name] of table) {
      const text = explainTest(id!);
      expect(text, id).toBeDefined();
      expect(text!.why.length, id).toBeGreaterThan(20);
      expect(text!.direction.length, id).toBeGreaterThan(10);
      expect(testName(id!), id).toBe(name);
    }
    expect(explainedTests().sort()).toEqual(table.map(([id]) => id!).sort());
  });

  it('link Bandit 1.9.4 pages and ignore unknown ids', () => {
    expect(explainTest('b602')?.docs).toBe('https://bandit.readthedocs.io/en/1.9.4/plugins/b602_subprocess_popen_with_shell_equals_true.html');
    expect(explainTest('B301')?.docs).toContain('blacklist_calls.html#b301-pickle');
    expect(explainTest('B999')).toBeUndefined();
  });
});
