// Results of the repair package's analysis calls (workers/analysis/py/repair/api.py).

/** A function (innermost one containing a line) or, at module level, one top-level statement. */
export interface RepairUnit {
  kind: 'function' | 'statement';
  /** Function name; "<module>" for a statement. */
  name: string;
  /** "Solution.solve", "f.<locals>.g"; "<module>" for a statement. */
  qualname: string;
  /** 1-based, decorators included. */
  start_line: number;
  end_line: number;
  /** Leading whitespace of the first line. */
  indent: string;
  /** The unit's source lines as written (original indentation). */
  text: string;
}

export type RepairUnitResult = { ok: true; unit: RepairUnit | null } | { ok: false; error: string };

/** Which unit to replace: a function by qualname, or a line range for a top-level statement. */
export type RepairTarget = { qualname: string } | { start_line: number; end_line: number };

export type RepairReplaceResult = { ok: true; source: string } | { ok: false; error: string };

/** "Generate a failing test": per top-level function, the kinds inferred for its parameters
 *  (annotations, defaults, how the body uses them) and calls to try, edge cases first. */
export type RepairTestInputs =
  | { ok: true; functions: { name: string; params: { name: string; kind: string; default: boolean }[]; calls: string[] }[] }
  | { ok: false; error: string };
