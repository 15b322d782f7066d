import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'workers/**/*.test.ts', 'web/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Most files wait on Pyodide worker threads: two files at a time keep 2 cores busy
    // (the default, cores - 1, runs them one by one on CI's 2-core machines).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // On CI a JSON report feeds the one-line summary printed by .ci/run.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/unit.json' }]] : ['default'],
  },
});
