// Test helper (used by *.test.ts only): builds realistic PauseContexts the way the runner
// does — statement text dedented from the source lines, formatted error ending in
// CPython's last line (with its hint), bindings with type names and reprs.
import type { Binding, PauseContext } from '../workers/protocol/runner.ts';
import type { HealContext } from '../workers/shared/engine.ts';

export interface PauseFixture {
  source: string;
  line: number;
  endLine?: number;
  kind: string;
  function?: string;
  type: string;
  message: string;
  /** Appended to the formatted last line, e.g. "Did you mean: 'x'?". */
  hint?: string;
  /** name → [type, repr]; kind 'value' unless the type says module/function/class. */
  locals?: Record<string, [string, string]>;
  globals?: Record<string, [string, string]>;
  pauseIndex?: number;
  sid?: number;
  /** Function names of frames called from the failing one (innermost last), e.g. a recursion. */
  calls?: string[];
}

function bindings(values: Record<string, [string, string]> | undefined, scope: 'local' | 'global'): Binding[] {
  return Object.entries(values ?? {}).map(([name, [type, repr]]) => ({
    name,
    type,
    repr,
    scope,
    kind: type === 'module' ? 'module' : type === 'function' ? 'function' : type === 'type' ? 'class' : 'value',
  }));
}

export function pauseFixture(f: PauseFixture): PauseContext {
  const lines = f.source.split('\n');
  const endLine = f.endLine ?? f.line;
  const text = lines.slice(f.line - 1, endLine);
  const indent = Math.min(...text.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  const fn = f.function ?? '<module>';
  const last = `${f.type}: ${f.message}${f.hint ? `. ${f.hint}` : ''}`;
  return {
    sid: f.sid ?? f.line,
    line: f.line,
    endLine,
    col: indent,
    endCol: lines[endLine - 1].length,
    statement: text.map((l) => l.slice(indent)).join('\n'),
    kind: f.kind,
    function: fn,
    error: {
      type: f.type,
      message: f.message,
      traceback: [
        { line: f.line, endLine, name: fn, text: lines[f.line - 1].trim() },
        ...(f.calls ?? []).map((name) => ({ line: 1, endLine: 1, name, text: '' })),
      ],
      formatted: `Traceback (most recent call last):\n  File "<user>", line ${f.line}, in ${fn}\n    ${lines[f.line - 1].trim()}\n${last}\n`,
    },
    state: { locals: bindings(f.locals, 'local'), globals: bindings(f.globals, 'global'), pickle: null, pickleError: null },
    pauseIndex: f.pauseIndex ?? 0,
  };
}

export function healFixture(f: PauseFixture, attempt = 1, rejection?: string): HealContext {
  return { pause: pauseFixture(f), source: f.source, attempt, ...(rejection ? { rejection } : {}) };
}

/** The IndexError in a loop the engine tests answer: `y = xs[i]` at line 3 of INDEX_ERROR_LOOP. */
const INDEX_ERROR_LOOP = 'xs = [1]\nfor i in range(3):\n    y = xs[i]\nprint(y)';
export const indexErrorLoopContext = (pauseIndex: number, line = 3, type = 'IndexError'): HealContext =>
  healFixture({ source: INDEX_ERROR_LOOP, line, kind: 'Assign', type, message: 'list index out of range', pauseIndex, sid: line });
