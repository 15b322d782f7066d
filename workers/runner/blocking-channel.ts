// One-slot mailbox over a SharedArrayBuffer: the worker blocks in Atomics.wait
// until the main thread writes an answer (pause decisions, input lines).
// Used when JSPI is unavailable but SharedArrayBuffer is (cross-origin isolated
// pages, Node worker threads).

const HEADER_BYTES = 8; // [state, byteLength] as Int32
const EMPTY = 0;
const FULL = 1;
export const DEFAULT_CHANNEL_BYTES = 16 * 1024 * 1024;

export function createChannelBuffer(bytes = DEFAULT_CHANNEL_BYTES): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + bytes);
}

export class ChannelTooSmallError extends Error {}

/** Main-thread side: deliver one answer. */
export function writeAnswer(buffer: SharedArrayBuffer, text: string): void {
  const header = new Int32Array(buffer, 0, 2);
  const data = new TextEncoder().encode(text);
  if (data.byteLength > buffer.byteLength - HEADER_BYTES) {
    throw new ChannelTooSmallError(`answer of ${data.byteLength} bytes exceeds the channel`);
  }
  new Uint8Array(buffer, HEADER_BYTES, data.byteLength).set(data);
  Atomics.store(header, 1, data.byteLength);
  Atomics.store(header, 0, FULL);
  Atomics.notify(header, 0);
}

/** Worker side: block until an answer arrives, take it, leave the slot empty. */
export function waitForAnswer(buffer: SharedArrayBuffer): string {
  const header = new Int32Array(buffer, 0, 2);
  while (Atomics.load(header, 0) !== FULL) Atomics.wait(header, 0, EMPTY);
  const length = Atomics.load(header, 1);
  // TextDecoder refuses views on shared memory: copy out first.
  const text = new TextDecoder().decode(new Uint8Array(buffer, HEADER_BYTES, length).slice());
  Atomics.store(header, 0, EMPTY);
  return text;
}

/** Drop an answer nobody will read (e.g. after a restart). */
export function clearChannel(buffer: SharedArrayBuffer): void {
  Atomics.store(new Int32Array(buffer, 0, 2), 0, EMPTY);
}
