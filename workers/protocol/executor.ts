// Messages between the main thread and the executor worker (Comlink RPC).
// The executor runs heal handling code in its own Pyodide, away from the
// paused program: it gets the program's source, the pickled state and the
// opaque handles of a pause, and answers with the new state as a diff plus a
// merge answer for the runner (workers/protocol/runner.ts MergeAnswer).
// Bump EXECUTOR_PROTOCOL_VERSION on any incompatible change; init() checks it.

import type { Binding, PauseContext } from './runner.ts';
import { validateDataMerge, type DataMerge } from './heal-values.ts';
import type { PackageSet } from './packages.ts';
import type { LookAheadRequest } from './lookahead.ts';

export const EXECUTOR_PROTOCOL_VERSION = 2;

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
  /**
   * Packages the program uses, installed (and `preload` imported) before the worker waits as a
   * spare. A file without bytes is one the host handed over itself (the sandbox frame).
   */
  packages?: PackageSet;
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
  /** 'sandboxed-frame': an opaque-origin frame with no network (the browser); 'worker': a plain worker (Node, dev). */
  isolation?: 'sandboxed-frame' | 'worker';
  /** Packages installed at start, and those that failed ("name: reason"). */
  packages?: { installed: string[]; failed: string[] };
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
  /** What is left of the program's test-case input (PauseContext.stdin): input() / sys.stdin
   *  read it, then end of file (input() is refused with a clear message). */
  stdin?: string;
  /** Cap on each of stdout and stderr (characters); default 100,000. */
  maxOutputChars?: number;
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

export type ExecuteStatus = 'ok' | 'error' | 'timeout';

export interface ExecuteResult {
  status: ExecuteStatus;
  /** Set when status is error or timeout. */
  error?: ExecuteError;
  stdout: string;
  stderr: string;
  outputTruncated: boolean;
  /** Only when status is ok: answer the pause with it (PauseAnswer); data only (heal-values.ts). */
  merge?: DataMerge;
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
  /** Runs the program once per candidate (workers/protocol/lookahead.ts); the raw answer, validated by the client. */
  lookAhead(request: LookAheadRequest): Promise<unknown>;
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

/** An execute request for handling code at a pause of `source`; it reads what is left of the test case's input. */
export function requestFromPause(source: string, context: PauseContext, code: string): ExecuteRequest {
  const request: ExecuteRequest = {
    source,
    pickle: context.state.pickle,
    handles: handlesOf([...context.state.locals, ...context.state.globals]),
    code,
  };
  if (context.stdin) request.stdin = context.stdin;
  return request;
}

const STATUSES: readonly ExecuteStatus[] = ['ok', 'error', 'timeout'];
const PHASES: readonly ExecuteError['phase'][] = ['code', 'state', 'executor', 'host'];
/** Longest stdout/stderr text accepted from the executor (it caps at maxOutputChars itself). */
const MAX_TEXT = 1_000_000;

const isText = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * The executor runs untrusted code, so the page takes nothing from it on trust: every field
 * of a result is checked and copied; unknown fields are dropped. A result that does not
 * validate becomes an error result saying so (nothing of it is shown or merged).
 */
export function validateExecuteResult(raw: unknown): ExecuteResult {
  const invalid = (why: string): ExecuteResult => ({
    status: 'error',
    stdout: '',
    stderr: '',
    outputTruncated: false,
    unmerged: [],
    execMs: 0,
    totalMs: 0,
    preludeSkipped: [],
    warnings: [],
    error: {
      type: 'InvalidExecutorAnswer',
      message: `the executor's answer was refused (${why}); nothing of it is used`,
      formatted: `InvalidExecutorAnswer: ${why}\n`,
      phase: 'host',
    },
  });
  if (typeof raw !== 'object' || raw === null) return invalid('not an object');
  const r = raw as Record<string, unknown>;
  if (!STATUSES.includes(r.status as ExecuteStatus)) return invalid('bad status');
  if (!isText(r.stdout) || !isText(r.stderr)) return invalid('bad output');
  if (!isCount(r.execMs) || !isCount(r.totalMs)) return invalid('bad timings');
  const list = (v: unknown) => (Array.isArray(v) ? v : null);
  const unmerged = list(r.unmerged ?? []);
  const skipped = list(r.preludeSkipped ?? []);
  const warnings = list(r.warnings ?? []);
  if (!unmerged || !skipped || !warnings) return invalid('bad lists');
  const result: ExecuteResult = {
    status: r.status as ExecuteStatus,
    stdout: r.stdout,
    stderr: r.stderr,
    outputTruncated: r.outputTruncated === true,
    unmerged: [],
    execMs: r.execMs,
    totalMs: r.totalMs,
    preludeSkipped: [],
    warnings: [],
  };
  for (const u of unmerged) {
    const e = u as Record<string, unknown>;
    if (!e || !isText(e.name, 200) || !isText(e.reason, 2000)) return invalid('bad unmerged entry');
    result.unmerged.push({ name: e.name, reason: e.reason });
  }
  for (const p of skipped) {
    const e = p as Record<string, unknown>;
    if (!e || !isCount(e.line) || !isCount(e.endLine) || !isText(e.kind, 100) || !isText(e.name, 1000) || !isText(e.error, 5000)) {
      return invalid('bad prelude entry');
    }
    result.preludeSkipped.push({ line: e.line, endLine: e.endLine, kind: e.kind, name: e.name, error: e.error });
  }
  for (const w of warnings) {
    if (!isText(w, 5000)) return invalid('bad warning');
    result.warnings.push(w);
  }
  if (r.error !== undefined) {
    const e = r.error as Record<string, unknown>;
    if (
      !e ||
      !isText(e.type, 200) ||
      !isText(e.message, 20_000) ||
      !isText(e.formatted, 200_000) ||
      !PHASES.includes(e.phase as ExecuteError['phase']) ||
      (e.line !== undefined && !isCount(e.line))
    ) {
      return invalid('bad error');
    }
    result.error = {
      type: e.type,
      message: e.message,
      formatted: e.formatted,
      phase: e.phase as ExecuteError['phase'],
      ...(e.line !== undefined ? { line: e.line as number } : {}),
    };
  }
  if (r.merge !== undefined) {
    if (result.status !== 'ok') return invalid('a merge without status ok');
    const merge = validateDataMerge(r.merge);
    if (!merge.ok) return invalid(`merge: ${merge.reason}`);
    result.merge = merge.value;
  }
  for (const key of ['restarted', 'crashed'] as const) if (r[key] === true) result[key] = true;
  if (isCount(r.heapBytes)) result.heapBytes = r.heapBytes;
  return result;
}
