import { describe, expect, it } from 'vitest';
import { isolationAction } from './register.ts';

describe('isolationAction', () => {
  it('reloads once when the shim controls a page that is not isolated yet', () => {
    expect(isolationAction({ isolated: false, controlled: true, reloadedBefore: false })).toBe('reload');
    expect(isolationAction({ isolated: false, controlled: false, reloadedBefore: false })).toBe('wait-for-control');
  });
  it('does nothing when isolated already or after one reload (no loop)', () => {
    expect(isolationAction({ isolated: true, controlled: true, reloadedBefore: false })).toBe('none');
    expect(isolationAction({ isolated: false, controlled: true, reloadedBefore: true })).toBe('none');
    expect(isolationAction({ isolated: false, controlled: false, reloadedBefore: true })).toBe('none');
  });
});
