import { describe, expect, it } from 'vitest';
import { traceEntry as entry } from '../../../test/trace-entry.ts';
import { decisionLabel, isSkipCode, summarizeTimeline } from './timeline.ts';

describe('the heal timeline model', () => {
  it('never calls a skip a heal', () => {
    expect(isSkipCode('pass\n')).toBe(true);
    expect(isSkipCode('# nothing to do\npass')).toBe(true);
    expect(isSkipCode('x = 0')).toBe(false);
    expect(decisionLabel(entry({ handlingCode: 'pass' }))).toBe('skipped — no fix found');
    expect(decisionLabel(entry({ decision: 'accepted', handlingCode: 'pass' }))).toBe('skipped (handling code only passes)');
    expect(decisionLabel(entry({ decision: 'reused', handlingCode: 'pass', reuse: { count: 9312, totalMs: 4, timesMs: [] } }))).toBe('skipped again × 9,312');
    expect(decisionLabel(entry({ decision: 'reused', reuse: { count: 2, totalMs: 1, timesMs: [] } }))).toBe('reused an accepted fix × 2');
  });

  it('a skip or a loop action that look-ahead chose is named as such', () => {
    expect(decisionLabel(entry({ handlingCode: 'pass', choice: 'look-ahead: its continuation prints the expected output' }))).toBe(
      'skipped — chosen by look-ahead',
    );
    expect(decisionLabel(entry({ handlingCode: 'pass', control: 'continue' }))).toBe('skipped the rest of the iteration');
    expect(decisionLabel(entry({ decision: 'accepted', handlingCode: 'pass', control: 'break' }))).toBe('left the loop');
  });

  it('summarises a run: healed, reused, skipped, rejected, and statements that were only skipped', () => {
    const summary = summarizeTimeline([
      entry({ decision: 'rejected', handlingCode: 'bad' }),
      entry({}),
      entry({ decision: 'reused', reuse: { count: 9312, totalMs: 3000, timesMs: [] } }),
      entry({ sid: 2, line: 7, errorType: 'IndexError', handlingCode: 'pass' }),
      entry({ sid: 2, line: 7, errorType: 'IndexError', handlingCode: 'pass', decision: 'reused', reuse: { count: 4, totalMs: 1, timesMs: [] } }),
      entry({ sid: 3, line: 9, errorType: 'ValueError', decision: 'raised', handlingCode: '' }),
    ]);
    expect(summary).toEqual({ healed: 9313, reused: 9312, skipped: 5, rejected: 1, raised: 1, onlySkipped: [{ line: 7, errorType: 'IndexError' }] });
  });
});
