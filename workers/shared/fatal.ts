// Pyodide fatal errors. Deep recursion through C code (e.g. a function under
// functools.cache: each level goes Python → C → JavaScript trampoline → Python)
// can overflow the JavaScript stack before Python's recursion limit is reached;
// Pyodide then dies ("fatally failed and can no longer be used") instead of
// raising RecursionError. Its public API is gone afterwards, but the Emscripten
// module (`_module`) and the wasm memory survive, so the Python frames at the
// moment of the crash can still be walked through the exported C API. From them
// we build a RecursionError-like report at the right statement; the host then
// replaces the dead runtime.

import type { PyodideAPI } from 'pyodide';
import { errorText } from './async.ts';

export interface PyFrame {
  filename: string;
  name: string;
  line: number;
}

/** The subset of the Emscripten module the frame walk needs (all exported by Pyodide). */
interface CApi {
  _PyGILState_GetThisThreadState(): number;
  _PyThreadState_GetFrame(tstate: number): number;
  _PyFrame_GetBack(frame: number): number;
  _PyFrame_GetCode(frame: number): number;
  _PyFrame_GetLineNumber(frame: number): number;
  _PyObject_GetAttrString(object: number, name: number): number;
  _PyUnicode_AsUTF8(object: number): number;
  _PyErr_Clear?(): void;
  stringToNewUTF8(text: string): number;
  UTF8ToString(pointer: number): string;
}

export const STACK_OVERFLOW_MESSAGE =
  'maximum recursion depth exceeded: recursion through C code (for example a function decorated with ' +
  "functools.cache or lru_cache) overflowed the JavaScript stack before Python's recursion limit";

/** A Pyodide fatal error (runtime unusable), and whether it was a stack overflow. */
export function fatalKind(error: unknown): 'stack-overflow' | 'fatal' | null {
  if (typeof error !== 'object' || error === null) return null;
  const fatal = (error as { pyodide_fatal_error?: boolean }).pyodide_fatal_error === true;
  const message = errorText(error);
  const overflow = error instanceof RangeError || /Maximum call stack size exceeded|too much recursion/i.test(message);
  if (overflow) return 'stack-overflow';
  return fatal || /fatally failed/.test(message) ? 'fatal' : null;
}

/** Python frames of the current thread, outermost first; [] when they cannot be read. */
export function pythonFramesAfterFatal(py: PyodideAPI, maxFrames = 50_000): PyFrame[] {
  const api = (py as unknown as { _module?: CApi })._module;
  if (!api || typeof api._PyThreadState_GetFrame !== 'function') return [];
  const frames: PyFrame[] = [];
  try {
    const filenameKey = api.stringToNewUTF8('co_filename');
    const nameKey = api.stringToNewUTF8('co_name');
    const text = (object: number, key: number): string => {
      const attr = object ? api._PyObject_GetAttrString(object, key) : 0;
      const utf8 = attr ? api._PyUnicode_AsUTF8(attr) : 0;
      return utf8 ? api.UTF8ToString(utf8) : '?';
    };
    // References are leaked on purpose: this runtime is about to be thrown away.
    let frame = api._PyThreadState_GetFrame(api._PyGILState_GetThisThreadState());
    while (frame && frames.length < maxFrames) {
      const code = api._PyFrame_GetCode(frame);
      frames.push({ filename: text(code, filenameKey), name: text(code, nameKey), line: api._PyFrame_GetLineNumber(frame) });
      frame = api._PyFrame_GetBack(frame);
    }
    api._PyErr_Clear?.();
  } catch {
    // A runtime too broken to walk: report without a location.
  }
  return frames.reverse();
}

export interface FatalReport {
  type: string;
  message: string;
  /** User frames, outermost first (first 5 and last 35 when longer than 40, like the runner). */
  traceback: { line: number; endLine: number | null; name: string; text: string }[];
  formatted: string;
  line?: number;
}

const MAX_FRAMES = 40;

/** A RecursionError-like report over the frames of `filename` (the user's program). */
export function recursionReport(frames: readonly PyFrame[], filename: string, source: string, message = STACK_OVERFLOW_MESSAGE): FatalReport {
  const lines = source.split('\n');
  const user = frames.filter((f) => f.filename === filename);
  let shown = user;
  if (user.length > MAX_FRAMES) shown = [...user.slice(0, 5), ...user.slice(-(MAX_FRAMES - 5))];
  const traceback = shown.map((f) => ({ line: f.line, endLine: f.line, name: f.name, text: (lines[f.line - 1] ?? '').trim() }));
  // Python's rendering: a frame repeated more than 3 times collapses into "[Previous line repeated N more times]".
  const out = ['Traceback (most recent call last):\n'];
  let index = 0;
  while (index < user.length) {
    const frame = user[index]!;
    let run = 1;
    while (index + run < user.length && sameFrame(user[index + run]!, frame)) run += 1;
    for (let k = 0; k < Math.min(run, 3); k++) {
      out.push(`  File "${frame.filename}", line ${frame.line}, in ${frame.name}\n`);
      const text = (lines[frame.line - 1] ?? '').trim();
      if (text) out.push(`    ${text}\n`);
    }
    if (run > 3) out.push(`  [Previous line repeated ${run - 3} more time${run - 3 === 1 ? '' : 's'}]\n`);
    index += run;
  }
  out.push(`RecursionError: ${message}\n`);
  const report: FatalReport = { type: 'RecursionError', message, traceback, formatted: out.join('') };
  const innermost = user[user.length - 1];
  if (innermost) report.line = innermost.line;
  return report;
}

function sameFrame(a: PyFrame, b: PyFrame): boolean {
  return a.filename === b.filename && a.line === b.line && a.name === b.name;
}

/** Size of the runtime's WebAssembly memory (it only grows: a big allocation stays until the worker is replaced). */
export function heapBytes(py: PyodideAPI): number | undefined {
  const api = (py as unknown as { _module?: { HEAP8?: Uint8Array } })._module;
  return api?.HEAP8?.buffer.byteLength;
}
