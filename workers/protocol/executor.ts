// Messages between the main thread and the executor worker (Comlink RPC).
// The executor runs heal handling code in its own Pyodide, away from the
// paused program: it gets the program's source, the pickled state and the
// opaque handles of a pause, and answers with the new state as a diff plus a
// merge answer for the runner (workers/protocol/runner.ts MergeAnswer).
// Bump EXECUTOR_PROTOCOL_VERSION on any incompatible change; init() checks it.

import type { Binding, PauseContext } from './runner.ts';

export const EXECUTOR_PROTOCOL_VERSION = 1;

/** Default time limit for one execute(), in milliseconds. */
export const DEFAULT_EXECUTOR_TIME_LIMIT_MS = 10_000;

export interface ExecutorInitOptions {
  protocolVersion: number;
  /** Where pyodide.asm.wasm & co. live (URL in the browser, directory in Node). */
  indexURL: string;
  /** Memory snapshot to start from; null or a failed load falls back to a plain load. */
  snapshot?: Uint8Array | string | null;
  /** Give up loading after this long with a clear error. */
  loadTimeoutMs?: number;
  /** Shared Int32Array(1) for KeyboardInterrupt (the time limit); only when SharedArrayBuffer exists. */
  interruptBuffer?: Int32Array;
}

export interface ExecutorInfo {
  pythonVersion: string;
  pyodideVersion: string;
  /** The time limit interrupts Python (true) or terminates the worker (false). */
  interruptible: boolean;
  fromSnapshot: boolean;
  /** Why the snapshot was not used, when one was offered. */
  snapshotError?: string;
  loadMs: number;
  /** Network globals removed from the worker after loading (workers/executor/lockdown.ts). */
  networkRemoved?: string[];
}

/** A value of the paused program that could not be pickled (Binding.handle). */
export interface OpaqueHandleInfo {
  handle: number;
  name: string;
  type: string;
  repr: string;
}

export interface ExecuteRequest {
  /** The user program: its top-level imports, functions and classes are defined first. */
  source: string;
  /** PauseContext.state.pickle (base64); null runs the code in an empty namespace. */
  pickle: string | null;
  /** The handles that appear in the pickle (bindings with a `handle`). */
  handles: OpaqueHandleInfo[];
  /** The handling code, run with the state's names (locals and globals flattened) as globals. */
  code: string;
  /** What input() / sys.stdin read; EOF after it. */
  stdin?: string;
  /** Cap on each of stdout and stderr (characters); default 100,000. */
  maxOutputChars?: number;
}

/** A name and its new value, as the UI shows it. */
export interface BindingValue {
  name: string;
  /** Type name; for an opaque handle the type of the program's value. */
  type: string;
  /** Capped repr. */
  repr: string;
}

export interface ChangedBinding extends BindingValue {
  before: { type: string; repr: string };
  /** The same object was mutated (merge patches the live object, aliases see it); false: rebound. */
  inPlace: boolean;
}

export interface BindingDiff {
  added: BindingValue[];
  changed: ChangedBinding[];
  removed: string[];
}

/** A prelude definition that raised when run (and was left out). */
export interface PreludeSkip {
  line: number;
  endLine: number;
  /** AST node type: "Import", "FunctionDef", "ClassDef", ... */
  kind: string;
  /** The name(s) it defines. */
  name: string;
  /** "ModuleNotFoundError: No module named 'x'" */
  error: string;
}

export interface ExecuteError {
  type: string;
  message: string;
  /** Python's rendering: frames of the handling code ("<handling code>") and of the program ("main.py") only. */
  formatted: string;
  /** Line in the handling code, when the error happened there. */
  line?: number;
  /** code: the handling code raised (or did not compile); state: the state could not be loaded;
   *  executor: the executor itself failed (or was interrupted outside the handling code); host: the worker. */
  phase: 'code' | 'state' | 'executor' | 'host';
}

/** A new or changed binding that is not sent to the program, and why. */
export interface UnmergedBinding {
  name: string;
  reason: string;
}

/** The merge answer for the runner: always a base64 pickle, patch and delete lists. */
export interface ExecutorMerge {
  action: 'merge';
  updates: string;
  patch: string[];
  delete: string[];
}

export type ExecuteStatus = 'ok' | 'error' | 'timeout';

export interface ExecuteResult extends BindingDiff {
  status: ExecuteStatus;
  /** Set when status is error or timeout. */
  error?: ExecuteError;
  stdout: string;
  stderr: string;
  outputTruncated: boolean;
  /** Only when status is ok: answer the pause with it (PauseAnswer). */
  merge?: ExecutorMerge;
  /** New or changed names left out of the merge (helpers defined by the handling code, refused types). */
  unmerged: UnmergedBinding[];
  /** Time running the handling code itself. */
  execMs: number;
  /** Time of the whole request inside the worker (prelude, state, code, diff); on the host for timeouts. */
  totalMs: number;
  preludeSkipped: PreludeSkip[];
  /** E.g. a definition of the program that is not available and got a stand-in. */
  warnings: string[];
  /** The worker was terminated and is being restarted (time limit not honoured by an interrupt, or a crash). */
  restarted?: boolean;
  /** The executor's Python died running this request (e.g. JavaScript stack overflow); the host replaces it. */
  crashed?: boolean;
  /** Size of the executor's WebAssembly memory after the request (it never shrinks). */
  heapBytes?: number;
}

/** What the executor worker exposes. */
export interface ExecutorApi {
  init(options: ExecutorInitOptions): Promise<ExecutorInfo>;
  execute(request: ExecuteRequest): Promise<ExecuteResult>;
}

/** The handles of a pause's state, once each (a local that shadows a global wins). */
export function handlesOf(bindings: readonly Binding[]): OpaqueHandleInfo[] {
  const seen = new Map<number, OpaqueHandleInfo>();
  for (const binding of bindings) {
    if (binding.handle === undefined || seen.has(binding.handle)) continue;
    seen.set(binding.handle, { handle: binding.handle, name: binding.name, type: binding.type, repr: binding.repr });
  }
  return [...seen.values()];
}

/** An execute request for handling code at a pause of `source`. */
export function requestFromPause(source: string, context: PauseContext, code: string, stdin?: string): ExecuteRequest {
  const request: ExecuteRequest = {
    source,
    pickle: context.state.pickle,
    handles: handlesOf([...context.state.locals, ...context.state.globals]),
    code,
  };
  if (stdin !== undefined) request.stdin = stdin;
  return request;
}
