import { describe, expect, it } from 'vitest';
import { type HealTraceEntry, MAX_TRACE_ENTRIES, parseTrace, serializeTrace } from './trace.ts';

const full: HealTraceEntry = {
  pauseIndex: 0,
  sid: 12,
  line: 4,
  endLine: 5,
  errorType: 'IndexError',
  message: 'list index out of range',
  engine: 'rules',
  systemPrompt: 'SYSTEM',
  userPrompt: 'USER',
  answer: '<code>\ny = 0\n</code>',
  handlingCode: 'y = 0',
  decision: 'accepted',
  timings: { engineMs: 1.234, executorMs: 40, mergeMs: 0.5 },
  outcome: { proceed: true, correct: false },
};
const minimal: HealTraceEntry = {
  pauseIndex: 1,
  sid: 3,
  line: 7,
  endLine: 7,
  errorType: 'KeyError',
  message: '',
  engine: '',
  systemPrompt: '',
  userPrompt: '',
  answer: '',
  handlingCode: '',
  decision: 'raised',
  rejection: 'the user ended the run',
  timings: { engineMs: 0, executorMs: 0, mergeMs: 0 },
};

describe('serializeTrace / parseTrace', () => {
  it('round trips (timings rounded to 0.1 ms) through JSON', () => {
    const json = JSON.parse(JSON.stringify(serializeTrace([full, minimal])));
    expect(parseTrace(json)).toEqual([{ ...full, timings: { engineMs: 1.2, executorMs: 40, mergeMs: 0.5 } }, minimal]);
  });

  it('is compact: empty fields, zero timings and endLine == line are left out', () => {
    expect(serializeTrace([minimal])).toEqual([
      { pauseIndex: 1, sid: 3, line: 7, errorType: 'KeyError', decision: 'raised', rejection: 'the user ended the run' },
    ]);
  });

  it('can drop the prompts, which read back as empty strings', () => {
    const [stored] = serializeTrace([full], { dropPrompts: true }) as Record<string, unknown>[];
    expect(stored).not.toHaveProperty('systemPrompt');
    expect(stored).not.toHaveProperty('userPrompt');
    expect(parseTrace([stored])![0]).toMatchObject({ systemPrompt: '', userPrompt: '', handlingCode: 'y = 0' });
  });

  it('tolerates missing optional fields and ignores unknown ones', () => {
    expect(parseTrace([{ pauseIndex: 0, sid: 1, line: 2, errorType: 'NameError', decision: 'skipped', future: 1 }])).toEqual([
      {
        pauseIndex: 0,
        sid: 1,
        line: 2,
        endLine: 2,
        errorType: 'NameError',
        message: '',
        engine: '',
        systemPrompt: '',
        userPrompt: '',
        answer: '',
        handlingCode: '',
        decision: 'skipped',
        timings: { engineMs: 0, executorMs: 0, mergeMs: 0 },
      },
    ]);
    expect(parseTrace([])).toEqual([]);
  });

  it.each([
    ['not a list', { entries: [] }],
    ['null', null],
    ['a string entry', ['x']],
    ['unknown decision', [{ pauseIndex: 0, sid: 1, line: 2, errorType: 'E', decision: 'maybe' }]],
    ['missing decision', [{ pauseIndex: 0, sid: 1, line: 2, errorType: 'E' }]],
    ['line 0', [{ pauseIndex: 0, sid: 1, line: 0, errorType: 'E', decision: 'accepted' }]],
    ['endLine before line', [{ pauseIndex: 0, sid: 1, line: 5, endLine: 4, errorType: 'E', decision: 'accepted' }]],
    ['fractional pause index', [{ pauseIndex: 0.5, sid: 1, line: 2, errorType: 'E', decision: 'accepted' }]],
    ['error type with spaces', [{ pauseIndex: 0, sid: 1, line: 2, errorType: 'rm -rf', decision: 'accepted' }]],
    ['code that is not a string', [{ pauseIndex: 0, sid: 1, line: 2, errorType: 'E', decision: 'accepted', handlingCode: 42 }]],
    ['negative timing', [{ pauseIndex: 0, sid: 1, line: 2, errorType: 'E', decision: 'accepted', timings: { engineMs: -1 } }]],
    ['outcome not boolean', [{ pauseIndex: 0, sid: 1, line: 2, errorType: 'E', decision: 'accepted', outcome: { correct: 'yes' } }]],
    ['one bad entry among good ones', [...serializeTrace([full]), 7]],
    ['too many entries', Array.from({ length: MAX_TRACE_ENTRIES + 1 }, () => serializeTrace([minimal])[0])],
  ])('rejects garbage: %s', (_name, value) => {
    expect(parseTrace(value)).toBeNull();
  });
});

describe('look-ahead fields', () => {
  it('a loop action and the look-ahead choice travel; an unknown loop action rejects the trace', () => {
    const [one] = parseTrace(
      JSON.parse(JSON.stringify(serializeTrace([{ ...full, control: 'break', choice: 'look-ahead: why', timings: { ...full.timings, lookAheadMs: 812.34 } }]))),
    )!;
    expect(one).toMatchObject({ control: 'break', choice: 'look-ahead: why', timings: { lookAheadMs: 812.3 } });
    expect(parseTrace(serializeTrace([full]))![0]!.timings).not.toHaveProperty('lookAheadMs');
    expect(parseTrace([{ ...(serializeTrace([full])[0] as object), control: 'goto' }])).toBeNull();
  });
});
