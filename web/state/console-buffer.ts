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

/** A figure the console may show: a PNG or SVG data URL, nothing else (the program writes it). */
const IMAGE_URL = /^data:image\/(?:png|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

export function appendChunks(buffer: ConsoleBuffer, chunks: OutputChunk[], truncated: boolean): ConsoleBuffer {
  const entries = buffer.entries.slice();
  for (const [stream, text, heal] of chunks) {
    if (stream === 'image') {
      // One entry per figure, never merged; anything but an image URL is not shown as one.
      entries.push(IMAGE_URL.test(text) ? { stream, text } : { stream: 'system', text: '[a figure the console cannot show]\n' });
      continue;
    }
    const last = entries[entries.length - 1];
    if (last && last.stream === stream && last.heal === heal) entries[entries.length - 1] = { ...last, text: last.text + text };
    else entries.push(heal === undefined ? { stream, text } : { stream, text, heal });
  }
  return { entries, truncated: buffer.truncated || truncated };
}

export function appendSystem(buffer: ConsoleBuffer, text: string): ConsoleBuffer {
  return { ...buffer, entries: [...buffer.entries, { stream: 'system', text }] };
}
