import { describe, expect, it } from 'vitest';
import { plural } from './plural.ts';

describe('plural', () => {
  it('uses the singular for exactly one and groups thousands', () => {
    expect(plural(1, 'heal decision')).toBe('1 heal decision');
    expect(plural(0, 'record')).toBe('0 records');
    expect(plural(1024, 'line')).toBe('1,024 lines');
    expect(plural(2, 'match', 'matches')).toBe('2 matches');
  });
});
