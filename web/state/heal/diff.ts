// The state diff shown before a heal is merged: which variables the handling code added,
// removed or changed. Generic over anything with a name, a type name and a repr.

export interface BindingLike {
  name: string;
  type: string;
  repr: string;
}

export interface BindingChange<T extends BindingLike> {
  name: string;
  before: T;
  after: T;
  /** The type name differs (e.g. int → str): worth a warning in the review UI. */
  typeChanged: boolean;
}

export interface BindingDiff<T extends BindingLike> {
  added: T[];
  removed: T[];
  changed: BindingChange<T>[];
  unchanged: number;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** First occurrence of a name wins: callers list locals before globals, as the pause does. */
function index<T extends BindingLike>(list: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const b of list) if (!map.has(b.name)) map.set(b.name, b);
  return map;
}

/** Compares by type name and repr; results are sorted by name. */
export function diffBindings<T extends BindingLike>(before: readonly T[], after: readonly T[]): BindingDiff<T> {
  const old = index(before);
  const now = index(after);
  const diff: BindingDiff<T> = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [name, b] of now) {
    const a = old.get(name);
    if (!a) diff.added.push(b);
    else if (a.type !== b.type || a.repr !== b.repr) diff.changed.push({ name, before: a, after: b, typeChanged: a.type !== b.type });
    else diff.unchanged++;
  }
  for (const [name, a] of old) if (!now.has(name)) diff.removed.push(a);
  diff.added.sort(byName);
  diff.removed.sort(byName);
  diff.changed.sort(byName);
  return diff;
}

export function isEmptyDiff(diff: BindingDiff<BindingLike>): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}

/** One line per difference ("+ x = 1", "- y", "~ z: 1 → '1' (int → str)") for traces and exports. */
export function formatDiff(diff: BindingDiff<BindingLike>): string[] {
  return [
    ...diff.added.map((b) => `+ ${b.name} = ${b.repr}`),
    ...diff.changed.map((c) => `~ ${c.name}: ${c.before.repr} → ${c.after.repr}${c.typeChanged ? ` (${c.before.type} → ${c.after.type})` : ''}`),
    ...diff.removed.map((b) => `- ${b.name}`),
  ];
}
