// What a heal leaves behind of the failing statement: the names the statement would have bound
// (PauseContext.binds, from the runner) that the merge answer neither binds nor deletes keep
// the values they had before (a previous iteration's, say) or stay unbound. The review says so
// before Accept, in words, so a skip never leaves stale values silently.
import type { DataMerge } from '../../../workers/protocol/heal-values.ts';
import type { Binding, PauseContext } from '../../../workers/protocol/runner.ts';

export interface StaleBindings {
  /** Bound before the pause: they keep those values. */
  kept: Binding[];
  /** Not bound at the pause: they stay unbound (a later use raises NameError/UnboundLocalError). */
  unbound: string[];
}

/** The names the failing statement would bind that `merge` leaves alone (no merge: a skip). */
export function staleBindings(context: PauseContext, merge: DataMerge | undefined): StaleBindings {
  const touched = new Set([...(merge?.set ?? []).map((b) => b.name), ...(merge?.delete ?? [])]);
  const bound = new Map<string, Binding>();
  for (const b of [...context.state.locals, ...context.state.globals]) if (!bound.has(b.name)) bound.set(b.name, b);
  const kept: Binding[] = [];
  const unbound: string[] = [];
  for (const name of context.binds ?? []) {
    if (touched.has(name)) continue;
    const before = bound.get(name);
    if (before) kept.push(before);
    else unbound.push(name);
  }
  return { kept, unbound };
}

const names = (list: readonly string[]) => list.map((n) => `\`${n}\``).join(', ');

/** The warning lines, or [] when the heal binds everything the statement would have. */
export function staleBindingWarnings(context: PauseContext, merge: DataMerge | undefined): string[] {
  const { kept, unbound } = staleBindings(context, merge);
  const line = context.line;
  const out: string[] = [];
  if (kept.length) {
    const values = kept.map((b) => `${b.name} = ${b.repr.length > 40 ? `${b.repr.slice(0, 39)}…` : b.repr}`).join(', ');
    out.push(
      `${names(kept.map((b) => b.name))} ${kept.length === 1 ? 'keeps its value' : 'keep their values'} from before line ${line} (${values}): ` +
        `this heal does not bind ${kept.length === 1 ? 'it' : 'them'} as line ${line} would have.`,
    );
  }
  if (unbound.length) {
    out.push(
      `${names(unbound)} ${unbound.length === 1 ? 'stays' : 'stay'} unbound: line ${line} would have bound ${unbound.length === 1 ? 'it' : 'them'}, ` +
        `so a later use raises NameError.`,
    );
  }
  return out;
}
