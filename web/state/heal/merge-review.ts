// The heal review, computed from the merge answer the runner will apply (never from the
// executor's own account of it): each name the answer binds, changes in place or deletes,
// with its value before (from the pause, captured by the runner) and after (rendered from
// the answer's data).
import type { DataMerge } from '../../../workers/protocol/heal-values.ts';
import type { Binding, PauseContext } from '../../../workers/protocol/runner.ts';
import { RETURN_BINDING } from '../../../workers/protocol/runner.ts';
import { healValueReprs, healValueType, type ValueNames } from './value-repr.ts';

export interface ReviewValue {
  type: string;
  repr: string;
}

export interface ReviewRow {
  name: string;
  kind: 'added' | 'changed' | 'removed' | 'return';
  before?: ReviewValue;
  after?: ReviewValue;
  /** The live object is changed, so every other name for it sees the change. */
  inPlace: boolean;
  typeChanged: boolean;
}

/** Locals shadow globals, as in the paused frame. */
function bindingsOf(context: PauseContext): Map<string, Binding> {
  const map = new Map<string, Binding>();
  for (const b of [...context.state.locals, ...context.state.globals]) if (!map.has(b.name)) map.set(b.name, b);
  return map;
}

export function valueNames(context: PauseContext): ValueNames {
  const bindings = bindingsOf(context);
  const byHandle = new Map<number, Binding>();
  for (const b of bindings.values()) if (b.handle !== undefined && !byHandle.has(b.handle)) byHandle.set(b.handle, b);
  return { handle: (n) => byHandle.get(n), binding: (name) => bindings.get(name) };
}

/** Rows in the answer's order, then deletions; empty when the statement is simply skipped. */
export function reviewMerge(context: PauseContext, merge: DataMerge | undefined): ReviewRow[] {
  if (!merge) return [];
  const bindings = bindingsOf(context);
  const names = valueNames(context);
  const rows: ReviewRow[] = [];
  const reprs = healValueReprs(merge.set ?? [], names);
  for (const [i, entry] of (merge.set ?? []).entries()) {
    const after = { type: healValueType(entry.value, names), repr: reprs[i]! };
    const old = bindings.get(entry.name);
    const before = old ? { type: old.type, repr: old.repr } : undefined;
    const kind = entry.name === RETURN_BINDING ? 'return' : old ? 'changed' : 'added';
    rows.push({ name: entry.name, kind, before, after, inPlace: entry.inPlace === true, typeChanged: before !== undefined && before.type !== after.type });
  }
  for (const name of merge.delete ?? []) {
    const old = bindings.get(name);
    rows.push({ name, kind: 'removed', before: old && { type: old.type, repr: old.repr }, inPlace: false, typeChanged: false });
  }
  return rows;
}

/** "total: 0 → 10; + y = 2; − tmp" for the timeline and exports; "no changes" for a skip. */
export function summarizeReview(rows: readonly ReviewRow[]): string {
  if (!rows.length) return 'no changes';
  return rows
    .map((r) => {
      if (r.kind === 'removed') return `− ${r.name}`;
      if (r.kind === 'added') return `+ ${r.name} = ${r.after!.repr}`;
      if (r.kind === 'return') return `returns ${r.after!.repr}`;
      return `${r.name}: ${r.before?.repr ?? '?'} → ${r.after!.repr}${r.inPlace ? ' (in place)' : ''}`;
    })
    .join('; ');
}
