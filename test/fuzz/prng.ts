// A small seeded PRNG (mulberry32) so fuzz runs are reproducible from their seed.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n); n must be ≥ 1. */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** A new independent stream derived from this one (per program, so one program's draws don't shift the next). */
  fork(salt: number): Rng;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    fork: (salt) => createRng((Math.imul(seed ^ 0x9e3779b9, 31) + Math.imul(salt + 1, 0x85ebca6b)) >>> 0),
  };
  return rng;
}
