// `npm run bench:isolation`: what the trust-boundary guards cost, in Node with real Pyodide.
// - the parser-bomb guard (workers/shared/py/_heal_common/parse_guard.py) against compile() and ast.parse on
//   ordinary standard-library modules of 1,800-3,900 lines (median of BENCH_REPEATS);
// - putting the interpreter and files back after a run (RunResult.restoreMs, real runner worker),
//   after a program that changes nothing and after one that patches builtins, json and sys.path;
// - the alternative: replacing the worker from the memory snapshot before every run.
// Prints tables and writes bench/results/isolation.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import { loadWorkerPython } from '../test/pyodide-node.ts';
import { nodeSnapshot } from '../workers/shared/node-snapshot.ts';
import { median, printTable, round } from './stats.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);

async function guardCost() {
  const py = await loadWorkerPython('shared');
  const measure = py.runPython(`
import ast, inspect, importlib, time
from _heal_common import parse_guard
def measure(name, repeats):
    source = inspect.getsource(importlib.import_module(name))
    def timed(fn):
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        return sorted(times)[len(times) // 2]
    return {"module": name, "lines": source.count("\\n"), "bound": parse_guard.deepest(source),
            "guardMs": timed(lambda: parse_guard.nesting(source)),
            "compileMs": timed(lambda: compile(source, name, "exec")),
            "astParseMs": timed(lambda: ast.parse(source))}
measure`) as (name: string, repeats: number) => { toJs(options: object): Record<string, number | string> };
  return ['dataclasses', 'argparse', 'typing'].map((name) => measure(name, REPEATS).toJs({ dict_converter: Object.fromEntries }));
}

async function restoreCost() {
  const snapshot = await nodeSnapshot();
  const runner = createNodeRunner({ snapshot });
  await runner.start();
  const programs = {
    'changes nothing': 'total = sum(i * i for i in range(1000))\nprint(total)\n',
    'imports three modules': 'import fractions, decimal, statistics\nprint(statistics.mean([1, 2, 3]))\n',
    'patches builtins, json, sys.path': 'import builtins, json, sys\nbuiltins.print = len\njson.dumps = len\nsys.path.insert(0, "/x")\n',
    'writes a file': 'open("/tmp/out.txt", "w").write("x" * 1000)\n',
  };
  const rows: { program: string; restoreMs: number; durationMs: number }[] = [];
  for (const [name, code] of Object.entries(programs)) {
    const restore: number[] = [];
    const duration: number[] = [];
    for (let i = 0; i < REPEATS; i += 1) {
      const result = await runner.run({ code });
      restore.push(result.restoreMs ?? Number.NaN);
      duration.push(result.durationMs);
    }
    rows.push({ program: name, restoreMs: round(median(restore), 2), durationMs: round(median(duration), 2) });
  }
  runner.dispose();
  const restarts: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const fresh = createNodeRunner({ snapshot });
    const started = performance.now();
    await fresh.start();
    await fresh.run({ code: 'pass' });
    restarts.push(performance.now() - started);
    fresh.dispose();
  }
  return { rows, restartMs: round(median(restarts), 1) };
}

const guard = await guardCost();
printTable('Parser-bomb guard vs parsing (ms, median)', [
  ['module', 'lines', 'bound', 'guard', 'compile()', 'ast.parse'],
  ...guard.map((g) => [g.module!, g.lines!, g.bound!, round(Number(g.guardMs), 1), round(Number(g.compileMs), 1), round(Number(g.astParseMs), 1)]),
]);
const restore = await restoreCost();
printTable('Clean state per run (ms, median)', [
  ['program', 'restore', 'whole run'],
  ...restore.rows.map((r) => [r.program, r.restoreMs, r.durationMs]),
  ['(a fresh worker from the snapshot instead)', restore.restartMs, ''],
]);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/isolation.json'), JSON.stringify({ guard, restore, repeats: REPEATS }, null, 2));
process.exit(0);
