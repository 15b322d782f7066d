import { describe, expect, it } from 'vitest';
import { appendChunks, appendSystem, emptyConsole } from './console-buffer.ts';

describe('console buffer', () => {
  it('merges consecutive chunks of the same stream and keeps order across streams', () => {
    let b = appendChunks(
      emptyConsole,
      [
        ['stdout', 'a'],
        ['stdout', 'b\n'],
        ['stderr', 'oops\n'],
      ],
      false,
    );
    b = appendChunks(
      b,
      [
        ['stderr', 'more\n'],
        ['stdin', 'typed\n'],
      ],
      false,
    );
    expect(b.entries).toEqual([
      { stream: 'stdout', text: 'ab\n' },
      { stream: 'stderr', text: 'oops\nmore\n' },
      { stream: 'stdin', text: 'typed\n' },
    ]);
    expect(b.truncated).toBe(false);
  });

  it('keeps text handling code printed apart, marked with its heal', () => {
    const b = appendChunks(
      emptyConsole,
      [
        ['stdout', '1\n'],
        ['stdout', 'Total: 6.75\n', 0],
        ['stdout', 'more\n', 0],
        ['stdout', 'end\n'],
        ['system', 'note\n'],
      ],
      false,
    );
    expect(b.entries).toEqual([
      { stream: 'stdout', text: '1\n' },
      { stream: 'stdout', text: 'Total: 6.75\nmore\n', heal: 0 },
      { stream: 'stdout', text: 'end\n' },
      { stream: 'system', text: 'note\n' },
    ]);
  });

  it('keeps the truncation flag once set and adds system notes', () => {
    let b = appendChunks(emptyConsole, [['stdout', 'x']], true);
    b = appendChunks(b, [], false);
    b = appendSystem(b, 'Stopped.\n');
    expect(b.truncated).toBe(true);
    expect(b.entries.at(-1)).toEqual({ stream: 'system', text: 'Stopped.\n' });
    expect(emptyConsole.entries).toEqual([]);
  });

  it('keeps each figure as its own entry and shows only PNG or SVG data URLs as images', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const b = appendChunks(
      emptyConsole,
      [
        ['stdout', 'before\n'],
        ['image', png],
        ['image', png],
        ['image', 'javascript:alert(1)'],
        ['image', 'data:text/html;base64,PHNjcmlwdD4='],
        ['stdout', 'after\n'],
      ],
      false,
    );
    expect(b.entries).toEqual([
      { stream: 'stdout', text: 'before\n' },
      { stream: 'image', text: png },
      { stream: 'image', text: png },
      { stream: 'system', text: '[a figure the console cannot show]\n' },
      { stream: 'system', text: '[a figure the console cannot show]\n' },
      { stream: 'stdout', text: 'after\n' },
    ]);
  });
});
