// Messages between the main thread and the Python runner worker (Comlink RPC).
// Bump RUNNER_PROTOCOL_VERSION on any incompatible change; init() checks it.

import type { DataMerge } from './heal-values.ts';
import type { CompareRule } from '../shared/output-compare.ts';
import type { PackageInstallReport, PackageSet } from './packages.ts';

export const RUNNER_PROTOCOL_VERSION = 3;

/** How the worker blocks the paused program until the main thread answers. */
export type BlockingMode = 'jspi' | 'atomics' | 'report-only';

export interface RunnerInitOptions {
  protocolVersion: number;
  /** Where pyodide.asm.wasm & co. live (URL in the browser, directory in Node). */
  indexURL: string;
  /** Memory snapshot to start from; null or a failed load falls back to a plain load. */
  snapshot?: Uint8Array | string | null;
  /** Give up loading after this long with a clear error (a wrong MIME type hangs forever). */
  loadTimeoutMs?: number;
  /** Shared Int32Array(1) for KeyboardInterrupt; only when SharedArrayBuffer exists. */
  interruptBuffer?: Int32Array;
  /** Shared buffer the main thread answers into when blocking with Atomics. */
  channel?: SharedArrayBuffer;
  /** Force a blocking mode (tests); otherwise JSPI, then Atomics, then report-only. */
  preferBlocking?: BlockingMode;
}

export interface RunnerInfo {
  pythonVersion: string;
  pyodideVersion: string;
  blocking: BlockingMode;
  jspi: boolean;
  interruptible: boolean;
  fromSnapshot: boolean;
  /** Why the snapshot was not used, when one was offered. */
  snapshotError?: string;
  loadMs: number;
}

/** Start-up progress for the status bar. */
export interface LoadProgress {
  stage: 'download-snapshot' | 'start-python' | 'install-modules' | 'ready';
  loadedBytes?: number;
  totalBytes?: number;
}

export interface OutputLimits {
  maxLines?: number;
  maxChars?: number;
}

export interface RunRequest {
  code: string;
  stdin?: string;
  /** When given, the result reports PROCEED and CORRECT (the client compares, workers/shared/output-compare.ts). */
  expectedOutput?: string | null;
  /** How CORRECT compares; default lenient. */
  compare?: CompareRule;
  /** Once `stdin` is used up: end of file, or ask (RunnerCallbacks.input). Default: eof when
   *  there is an expected output (an unattended run), else ask. */
  stdinAtEnd?: 'eof' | 'ask';
  outputLimits?: OutputLimits;
  /** false runs the program as written (benchmarks); default true. */
  instrument?: boolean;
}

/** stdin: the echo of typed input; system: a line of the playground's own (the note that the
 *  test case's input is used up, what the output cap left out), not part of the program's output;
 *  image: a figure (plt.show()) as a data: URL, one chunk per figure. */
export type OutputStreamName = 'stdout' | 'stderr' | 'stdin' | 'system' | 'image';
/** `heal`: written by handling code, that of the heal at this pause index (a merged heal's
 *  output, or an accepted fix the runner reused). */
export type OutputChunk = [stream: OutputStreamName, text: string] | [stream: OutputStreamName, text: string, heal: number];

export interface TraceFrame {
  line: number;
  endLine: number | null;
  name: string;
  text: string;
}

export interface ErrorInfo {
  type: string;
  message: string;
  /** User frames only, outermost first. */
  traceback: TraceFrame[];
  /** Python's own rendering, user frames only. */
  formatted: string;
  line?: number;
  col?: number;
  endLine?: number;
  endCol?: number;
}

export interface Binding {
  name: string;
  type: string;
  repr: string;
  scope: 'local' | 'global';
  kind: 'module' | 'class' | 'function' | 'value';
  /** Set when the value cannot be pickled: the executor sees an opaque handle. */
  handle?: number;
}

export interface ProgramState {
  locals: Binding[];
  globals: Binding[];
  /** base64 pickle of all bindings (modules by name, handles for the rest). */
  pickle: string | null;
  pickleError: string | null;
}

/** A frame around the failing one, for display only (nothing of it reaches the executor). */
export interface StackFrameInfo {
  function: string;
  line: number;
  /** inner: the error came through it below the failing frame (a generator expression, a
   *  lambda, a function that let it pass); caller: it called the failing frame. */
  role: 'inner' | 'caller';
  bindings: Binding[];
}

export interface PauseContext {
  /** Statement id from the instrumenter. */
  sid: number;
  line: number;
  endLine: number;
  col: number;
  endCol: number;
  /** Source text of the statement's lines. */
  statement: string;
  /** AST node type of the statement, e.g. "Assign", "Return", "For". */
  kind: string;
  /** Function (code object name) the statement is in; "<module>" at top level. */
  function: string;
  error: ErrorInfo;
  state: ProgramState;
  /** How many pauses this run had before this one. */
  pauseIndex: number;
  /** What is left of the test case's input: handling code reads from it, and what it reads
   *  (the merge's stdinConsumed) is consumed in the program. */
  stdin?: string;
  /** Names the failing statement would have bound (a heal that leaves them is warned about). */
  binds?: string[];
  /** The frames below (innermost first) and above the failing one, user code only. */
  frames?: StackFrameInfo[];
  /** The innermost loop of the failing function around the statement: a heal may end this
   *  iteration or the loop (MergeAnswer.control). Absent outside loops and in `finally` blocks. */
  loop?: { kind: 'for' | 'while'; line: number };
  /** In a function (not in a `finally` or `except*` block): a heal may leave it (control
   *  'return', the value bound to __return__); these are the function's own return
   *  expressions ("None" for a bare or implicit return), the values such a heal may return. */
  returns?: string[];
}

/** A heal action after the merge: end the iteration or the loop around the failing statement
 *  (PauseContext.loop), or leave its function (PauseContext.returns). */
export type LoopControl = 'continue' | 'break' | 'return';

/**
 * A `merge` binds names to data-only heal values (or changes live objects in place) and
 * deletes names; `{ action: 'merge' }` alone skips the statement. See heal-values.ts.
 * `reuse`: the accepted handling code, which the runner then runs itself in the failing frame
 * whenever the same statement fails with the same error type again in this run.
 * `control`: after the merge, end the iteration (`continue`) or the loop (`break`) around the
 * statement (PauseContext.loop), or leave the function returning __return__ (`return`,
 * PauseContext.returns); ignored where there is none.
 */
export type MergeAnswer = DataMerge & { reuse?: string; control?: LoopControl };
export type PauseAnswer = { action: 'raise' } | { action: 'stop' } | MergeAnswer;

export type InputAnswer = { text: string } | { eof: true } | { stop: true };

/** Starts a health check's error when a stopped run's late restore could not put everything back. */
export const TAINTED_PREFIX = 'tainted: ';

/** The name handling code assigns when the failing statement is a `return`. */
export const RETURN_BINDING = '__return__';

export interface HealRecord {
  sid: number;
  line: number;
  endLine: number;
  errorType: string;
  message: string;
  action: 'merge' | 'raise';
  changed: string[];
  /** From the hook catching the error to the program continuing (or re-raising). */
  roundTripMs: number;
}

/** The reuses of one accepted fix (a statement and an error type) in a run. */
export interface ReuseGroup {
  sid: number;
  line: number;
  endLine: number;
  errorType: string;
  /** The first reuse's error message. */
  message: string;
  count: number;
  totalMs: number;
  /** Names the fix rebound or created over all its reuses. */
  changed: string[];
  /** Each reuse's time, in order, for the first 10,000 reuses of the run (counts are complete). */
  timesMs: number[];
}

export type RunStatus = 'finished' | 'error' | 'stopped';

export interface RunResult {
  status: RunStatus;
  /** The program's stdout: past the output cap, its first part and its last lines. */
  stdout: string;
  stderr: string;
  truncated: boolean;
  /** Past the output cap: what was left out between the first part and the last lines. */
  omitted?: { lines: number; chars: number };
  /** The user's line a Stop or the time limit interrupted. */
  stoppedAt?: TraceFrame;
  error?: ErrorInfo;
  /** One record per pause (merged or not). */
  heals: HealRecord[];
  /** Accepted fixes the runner reused itself, one group per statement and error type. */
  reuses?: ReuseGroup[];
  exitCode?: number;
  /** Only when the request carried an expected output (workers/shared/output-compare.ts). */
  proceed?: boolean;
  correct?: boolean;
  durationMs: number;
  pausedMs: number;
  /** Time inside heals, pauses included (program time = execMs − healMs). */
  healMs?: number;
  /** Time spent executing the program itself (excludes loading, instrumenting, compiling). */
  execMs?: number;
  statements?: number;
  /** Why the run stopped when status is "stopped". */
  stopReason?: 'user' | 'time-limit' | 'worker-lost';
  /** Python died during the run (e.g. JavaScript stack overflow); the host replaces the worker. */
  crashed?: boolean;
  /** Size of the worker's WebAssembly memory after the run (it never shrinks). */
  heapBytes?: number;
  /** Time spent putting the interpreter and files back as they were before the first run. */
  restoreMs?: number;
  /** What the run changed that could not be put back; the host replaces the worker before the next run. */
  tainted?: string[];
  /** What the host did about the worker (restarted after a crash, recycled over the memory ceiling, ...). */
  notice?: string;
}

export interface SyntaxCheck {
  ok: boolean;
  error?: ErrorInfo;
}

/** Callbacks the worker calls on the main thread (Comlink proxies). */
/** Sent while a program runs (about every 100 ms while accepted fixes are being reused). */
export interface RunProgress {
  /** Time spent healing inside the runner (capture, merge, reused fixes), waits excluded. */
  healWorkMs: number;
  /** Reused fixes so far. */
  reused: number;
}

export interface RunnerCallbacks {
  output(chunks: OutputChunk[], truncated: boolean): void;
  progress?(progress: RunProgress): void;
  /** JSPI: the worker awaits the returned answer. Atomics: the answer travels through the channel. */
  pause(context: PauseContext): Promise<PauseAnswer>;
  /** Interactive input() once the pre-supplied stdin ran out. */
  input(prompt: string): Promise<InputAnswer>;
}

/** What the runner worker exposes. */
export interface RunnerApi {
  init(options: RunnerInitOptions, progress?: (progress: LoadProgress) => void): Promise<RunnerInfo>;
  run(request: RunRequest, callbacks: RunnerCallbacks): Promise<RunResult>;
  checkSyntax(code: string): Promise<SyntaxCheck>;
  /** Answers when the worker and its Python are alive (the client's watchdog). */
  ping(): Promise<boolean>;
  /**
   * Between runs: installs package files (checked by the page against the index's sha256),
   * imports `preload` ahead of the program, and makes both part of the clean state every run
   * returns to.
   */
  installPackages(set: PackageSet): Promise<PackageInstallReport>;
}
