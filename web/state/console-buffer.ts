// Console contents: streamed chunks merged per stream (and per heal: text that handling code
// printed is marked with its heal's pause index), with a truncation flag.
// Pure, so the view stays a simple map over entries.
import type { OutputChunk, OutputStreamName } from '../../workers/protocol/runner.ts';

export interface ConsoleEntry {
  stream: OutputStreamName;
  text: string;
  /** Printed by the handling code of the heal at this pause index. */
  heal?: number;
}

export interface ConsoleBuffer {
  entries: ConsoleEntry[];
  truncated: boolean;
}

export const emptyConsole: ConsoleBuffer = { entries: [], truncated: false };

export function appendChunks(buffer: ConsoleBuffer, chunks: OutputChunk[], truncated: boolean): ConsoleBuffer {
  const entries = buffer.entries.slice();
  for (const [stream, text, heal] of chunks) {
    const last = entries[entries.length - 1];
    if (last && last.stream === stream && last.heal === heal) entries[entries.length - 1] = { ...last, text: last.text + text };
    else entries.push(heal === undefined ? { stream, text } : { stream, text, heal });
  }
  return { entries, truncated: buffer.truncated || truncated };
}

export function appendSystem(buffer: ConsoleBuffer, text: string): ConsoleBuffer {
  return { ...buffer, entries: [...buffer.entries, { stream: 'system', text }] };
}
