// Honest words for a module the browser cannot provide: why (a known native framework, a part
// of the standard library Pyodide leaves out, or simply not in the package index) and, for a
// likely typo, which available name was probably meant.
import { STDLIB_NOT_IN_PYODIDE } from './stdlib-modules.ts';

/** Well-known modules that cannot run in Pyodide, with the reason a user can act on. */
const KNOWN: Readonly<Record<string, string>> = (() => {
  const table: Record<string, string> = {};
  const add = (names: string, reason: string) => {
    for (const name of names.split(' ')) table[name] = reason;
  };
  add(
    'tensorflow keras tf_keras jax jaxlib',
    'deep-learning frameworks need native code, threads and GPU drivers that WebAssembly does not have; the Keras-lite check (DNN tab) reads Keras programs without running them',
  );
  add('torch torchvision torchaudio', 'PyTorch needs native code and threads that WebAssembly does not have');
  add('tkinter _tkinter turtle turtledemo idlelib', 'there are no windows in the browser: Tk is not part of Pyodide');
  add('curses _curses _curses_panel readline', 'there is no terminal in the browser');
  add('multiprocessing _multiprocessing _posixshmem', 'the browser cannot start processes');
  add('pwd grp resource syslog', 'the browser has no operating-system accounts or resource limits');
  add('msvcrt winreg winsound nt _winapi _wmi _overlapped', 'it exists only on Windows');
  add('venv ensurepip', 'Python cannot create environments or install pip in the browser');
  add('dbm _dbm _gdbm', 'Pyodide is built without dbm');
  add('pyaudio pygame', 'it needs devices and native code the browser does not give Python');
  return table;
})();

export interface MissingModule {
  name: string;
  /** "not available in the browser: …" */
  reason: string;
  /** A likely intended name ("numpy" for "numpyy"). */
  suggestion?: string;
}

/** Levenshtein distance, capped: names further apart than `cap` are all "far". */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]!);
    }
    if (best > cap) return cap + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest available name, as CPython's "Did you mean" picks: a small edit or a case slip. */
export function suggestModule(name: string, available: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  // Stricter than CPython's name suggestions: a module one or two edits away, not any lookalike.
  const cap = name.length <= 5 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = cap + 1;
  for (const candidate of available) {
    if (candidate === name || candidate.startsWith('_')) continue;
    const d = candidate.toLowerCase() === lower ? 0 : distance(lower, candidate.toLowerCase(), cap);
    // Ties: a name that continues what was typed ("heal_dem" → "heal_demo"), else the shorter.
    const better =
      best !== undefined &&
      d === bestDistance &&
      (candidate.toLowerCase().startsWith(lower) !== best.toLowerCase().startsWith(lower)
        ? candidate.toLowerCase().startsWith(lower)
        : candidate.length < best.length);
    if (d < bestDistance || better) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= cap ? best : undefined;
}

/** Why `name` cannot be imported here; `available` are the names that can (stdlib and index). */
export function explainMissingModule(name: string, available: Iterable<string>, notInIndex = 'it is not in the package index'): MissingModule {
  const known = KNOWN[name] ?? (STDLIB_NOT_IN_PYODIDE.has(name) ? 'Pyodide leaves this part of the standard library out' : undefined);
  if (known) return { name, reason: known };
  const suggestion = suggestModule(name, available);
  return { name, reason: notInIndex, ...(suggestion ? { suggestion } : {}) };
}

/** One sentence for the console and the pause panel. */
export function missingModuleMessage(missing: MissingModule): string {
  const hint = missing.suggestion ? ` Did you mean '${missing.suggestion}'?` : '';
  return `'${missing.name}' is not available in the browser: ${missing.reason}.${hint}`;
}

/** The consequence of skipping an import that cannot succeed (said whenever a skip is offered). */
export function skipImportWarning(name: string): string {
  return `skipping the import leaves '${name}' undefined: everything that uses it will fail`;
}

/** The module named by "No module named 'x.y'" (its top-level package), or undefined. */
export function missingModuleFromError(type: string, message: string): string | undefined {
  if (type !== 'ModuleNotFoundError' && type !== 'ImportError') return undefined;
  const match = /^No module named '([^']+)'/.exec(message);
  return match ? match[1]!.split('.')[0] : undefined;
}

/** Whether a known framework or absent stdlib module (never worth asking an index for). */
export function knownUnavailable(name: string): boolean {
  return name in KNOWN || STDLIB_NOT_IN_PYODIDE.has(name);
}
