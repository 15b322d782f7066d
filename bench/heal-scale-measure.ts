// What `npm run bench:heal-scale` measures, in any host: a loop that fails N times, healed
// with auto-accept and the rules engine; the first heal goes through the engine and a fresh
// executor, the rest reuse the accepted fix in the runner.
import type { RunnerClient } from '../workers/runner/client.ts';
import type { ExecutorClient } from '../workers/executor/client.ts';
import { HealSession, defaultHealSettings } from '../web/state/heal/session.ts';
import { createRulesEngine } from '../web/state/heal/rules.ts';

/** Each program fails `n` times in a loop and prints a final line that says it got there. */
export const SCALE_PROGRAMS: Record<string, (n: number) => string> = {
  'KeyError on a dict': (n) => `counts = {}\ntotal = 0\nfor i in range(${n}):\n    total += counts[i % 7]\nprint("done", total)\n`,
  'ZeroDivisionError in a function': (n) =>
    `def ratio(a, b):\n    return a / b\n\ns = 0.0\nfor i in range(${n}):\n    s += ratio(i, i % 1)\nprint("done", s)\n`,
  'AttributeError on None': (n) => `items = [None] * ${n}\ntotal = 0\nfor item in items:\n    total += item.value\nprint("done", total)\n`,
};

export interface ScaleFigure {
  program: string;
  n: number;
  finished: boolean;
  printedLast: boolean;
  wall_ms: number;
  heals: number;
  reused: number;
  heals_per_s: number;
  /** The program's own running time (execution less the time spent in heals). */
  program_ms: number;
  heal_ms: number;
  first_heal_ms: number;
}

export async function measureScale(runner: RunnerClient, executor: ExecutorClient, program: string, n: number): Promise<ScaleFigure> {
  const code = SCALE_PROGRAMS[program]!(n);
  const session = new HealSession(code, createRulesEngine(), executor, { ...defaultHealSettings, autoAccept: true });
  await executor.start(); // a warm spare, as when a person has the page open
  const started = performance.now();
  const result = await runner.run({ code }, { onPause: (context) => session.autoHeal(context) }, { timeLimitMs: 0 });
  const wall = performance.now() - started;
  const reused = (result.reuses ?? []).reduce((sum, group) => sum + group.count, 0);
  const heals = result.heals.filter((h) => h.action === 'merge').length + reused;
  const healMs = result.healMs ?? 0;
  return {
    program,
    n,
    finished: result.status === 'finished',
    printedLast: result.stdout.includes('done'),
    wall_ms: wall,
    heals,
    reused,
    heals_per_s: heals / (wall / 1000),
    program_ms: Math.max(0, (result.execMs ?? 0) - healMs),
    heal_ms: healMs,
    first_heal_ms: result.heals.find((h) => h.action === 'merge')?.roundTripMs ?? Number.NaN,
  };
}
