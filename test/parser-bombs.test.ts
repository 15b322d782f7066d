// Parser bombs (test/attacks.ts) against the real workers in Node: the runner (syntax check and
// run), the executor (the program's prelude and the handling code) and the analysis worker (every
// call that parses). Each is refused with a SyntaxError-like message naming the line, no worker
// is restarted, and every worker answers afterwards. Long but flat sources are not refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner } from '../workers/runner/node-runner.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import { createNodeAnalysis } from '../workers/analysis/node-analysis.ts';
import type { RunnerClient } from '../workers/runner/client.ts';
import type { ExecutorClient } from '../workers/executor/client.ts';
import type { AnalysisClient } from '../workers/analysis/client.ts';
import { FLAT_LONG_SOURCES, PARSER_BOMBS } from './attacks.ts';
import { nodeSnapshot } from '../workers/shared/node-snapshot.ts';

const REFUSED = /^line (\d+) is nested too deeply for Python in the browser \([\d,]+ levels; the limit is 400\)$/;
const KERAS = `from tensorflow import keras
model = keras.Sequential()
model.add(keras.layers.Dense(10, activation="relu"))
model.compile(loss="mse", optimizer="sgd")
`;

let runner: RunnerClient;
let executor: ExecutorClient;
let analysis: AnalysisClient;

beforeAll(async () => {
  const snapshot = await nodeSnapshot();
  runner = createNodeRunner({ snapshot });
  executor = createNodeExecutor({ snapshot });
  analysis = createNodeAnalysis({ snapshot, callTimeLimitMs: 60_000 });
  await Promise.all([runner.start(), executor.start(), analysis.start()]);
}, 180_000);

afterAll(() => {
  runner.dispose();
  executor.dispose();
  analysis.dispose();
});

function refusedAt(message: string | undefined, line: number): void {
  expect(message).toMatch(REFUSED);
  expect(Number(REFUSED.exec(message!)![1])).toBe(line);
}

describe('the runner refuses parser bombs like a syntax error', () => {
  it.each(PARSER_BOMBS)(
    '$name',
    async ({ source, line }) => {
      const check = await runner.checkSyntax(source);
      expect(check.ok).toBe(false);
      expect(check.error).toMatchObject({ type: 'SyntaxError', line });
      refusedAt(check.error!.message, line);
      const result = await runner.run({ code: source });
      expect(result).toMatchObject({ status: 'error', error: { type: 'SyntaxError', line } });
      refusedAt(result.error!.message, line);
      expect(result.crashed).toBeUndefined();
    },
    60_000,
  );

  it('and stays the same worker, answering', async () => {
    expect(runner.restarts).toBe(0);
    expect(await runner.run({ code: 'print(6 * 7)' })).toMatchObject({ status: 'finished', stdout: '42\n' });
  });
});

describe('the executor refuses parser bombs as the program and as handling code', () => {
  it.each(PARSER_BOMBS)(
    '$name',
    async ({ source, line }) => {
      const asProgram = await executor.execute({ source, pickle: null, handles: [], code: 'answer = 42' });
      expect(asProgram.status).toBe('ok');
      expect(asProgram.warnings.join('\n')).toMatch(new RegExp(`does not parse.*line ${line} is nested too deeply`));
      const asCode = await executor.execute({ source: 'x = 1\n', pickle: null, handles: [], code: source });
      expect(asCode).toMatchObject({ status: 'error', error: { type: 'SyntaxError', phase: 'code', line } });
      refusedAt(asCode.error!.message, line);
    },
    60_000,
  );

  it('and no executor crashed: the next request is answered', async () => {
    expect(executor.restarts).toBe(0);
    const result = await executor.execute({ source: '', pickle: null, handles: [], code: 'answer = 6 * 7' });
    expect(result.merge?.set).toEqual([{ name: 'answer', value: 42 }]);
  });
});

describe('the analysis worker refuses parser bombs in every call that parses', () => {
  it.each(PARSER_BOMBS)(
    '$name',
    async ({ source, line }) => {
      const security = await analysis.call('securityCheck', source, {});
      expect(security.findings).toEqual([]);
      expect(security.errors).toEqual([expect.objectContaining({ line })]);
      refusedAt(security.errors[0]!.reason, line);

      const dnn = await analysis.call('dnnAnalyze', source);
      expect(dnn.errors.join('\n')).toMatch(new RegExp(`line ${line} is nested too deeply`));

      const unit = await analysis.call('repairEnclosingFunction', source, line);
      expect(unit).toMatchObject({ ok: false, error: expect.stringMatching(/nested too deeply/) });

      const replaced = await analysis.call('repairReplaceFunction', 'x = 1\n', { start_line: 1, end_line: 1 }, source);
      expect(replaced).toMatchObject({ ok: false, error: expect.stringMatching(/nested too deeply/) });

      const fixed = await analysis.call('securityFix', source, { findings: [{ test_id: 'B101', line_number: line }], variant: 0 });
      expect(fixed).toMatchObject({ changed: false, error: expect.stringMatching(/nested too deeply/) });

      // Model text is untrusted too: a bomb offered as an infill candidate is dropped, not parsed.
      const candidates = await analysis.call('dnnFilter', KERAS, 0, [{ text: source, origin: 'engine' }]);
      expect(candidates).toEqual([expect.objectContaining({ kept: false, rejection: 'syntax' })]);
    },
    60_000,
  );

  it('and stays the same worker, answering', async () => {
    expect(analysis.restarts).toBe(0);
    const result = await analysis.call('securityCheck', 'import pickle\npickle.loads(b"")\n', {});
    expect(result.findings.map((f) => f.test_id)).toContain('B301');
  });
});

describe('long but flat sources are not refused', () => {
  it.each(FLAT_LONG_SOURCES)(
    '$name',
    async ({ source }) => {
      expect(await runner.checkSyntax(source)).toEqual({ ok: true });
      const security = await analysis.call('securityCheck', source, {});
      expect(security.errors).toEqual([]);
    },
    60_000,
  );
});
