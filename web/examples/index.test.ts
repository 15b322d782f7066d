import { describe, expect, it } from 'vitest';
import { defaultExample, examples, findExample } from './index.ts';

describe('examples', () => {
  it('have unique ids and non-empty titles, descriptions and code', () => {
    expect(new Set(examples.map((e) => e.id)).size).toBe(examples.length);
    for (const example of examples) {
      expect(example.id).toMatch(/^[a-z0-9-]+$/);
      expect(example.title.trim()).not.toBe('');
      expect(example.description.trim()).not.toBe('');
      expect(example.code.trim().length).toBeGreaterThan(20);
      expect(example.code.endsWith('\n')).toBe(true);
    }
  });

  it('load the .py files as text', () => {
    expect(findExample('loop-error')?.code).toContain('def averages(scores):');
    expect(findExample('runtime-error')?.code).toContain('PRICES[name]');
    expect(findExample('long-loop')?.code).toContain('print(');
    expect(findExample('nope')).toBeUndefined();
  });

  it('default to one of the examples', () => {
    expect(examples).toContain(defaultExample);
  });

  it('supply one stdin line per input() call, and expect the prompts first', () => {
    const demo = findExample('input-demo')!;
    const prompts = [...demo.code.matchAll(/input\("([^"]*)"\)/g)].map((m) => m[1]);
    expect(prompts).toHaveLength(2);
    expect(demo.stdin.split('\n').filter(Boolean)).toHaveLength(prompts.length);
    expect(demo.expectedOutput?.startsWith(prompts.join(''))).toBe(true);
    expect(demo.expectedOutput).toContain('Hello, Ada!');
  });
});
