// Console contents: streamed chunks merged per stream, with a truncation flag.
// Pure, so the view stays a simple map over entries.
import type { OutputChunk, OutputStreamName } from '../../workers/protocol/runner.ts';

export interface ConsoleEntry {
  stream: OutputStreamName | 'system';
  text: string;
}

export interface ConsoleBuffer {
  entries: ConsoleEntry[];
  truncated: boolean;
}

export const emptyConsole: ConsoleBuffer = { entries: [], truncated: false };

export function appendChunks(buffer: ConsoleBuffer, chunks: OutputChunk[], truncated: boolean): ConsoleBuffer {
  const entries = buffer.entries.slice();
  for (const [stream, text] of chunks) {
    const last = entries[entries.length - 1];
    if (last && last.stream === stream) entries[entries.length - 1] = { stream, text: last.text + text };
    else entries.push({ stream, text });
  }
  return { entries, truncated: buffer.truncated || truncated };
}

export function appendSystem(buffer: ConsoleBuffer, text: string): ConsoleBuffer {
  return { ...buffer, entries: [...buffer.entries, { stream: 'system', text }] };
}
