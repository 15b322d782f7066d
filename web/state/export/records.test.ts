import { describe, expect, it } from 'vitest';
import { traceEntry as entry } from '../../../test/trace-entry.ts';
import { healRecords } from './records.ts';
import { validateRecords } from './schema.ts';

describe('heal records for export', () => {
  it("keep every distinct decision and count a fix's reuses on the decision that accepted it", () => {
    const records = healRecords([
      entry({ decision: 'rejected' }),
      entry({ pauseIndex: 0 }),
      entry({ decision: 'reused', engine: 'reuse', reuse: { count: 99_999, totalMs: 5000, timesMs: [] } }),
      entry({ pauseIndex: 1, sid: 2, line: 8, errorType: 'IndexError' }),
    ]);
    expect(records.map((r) => [r.decision, r.line, r.reused_count])).toEqual([
      ['rejected', 3, 0],
      ['auto-accepted', 3, 99_999],
      ['auto-accepted', 8, 0],
    ]);
    expect(validateRecords('heal', records)).toEqual([]);
  });
});
