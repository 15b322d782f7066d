// The patch loop with the rules engine, the real check (analysis worker) and the real
// executor: SHA-256 (strategy 1) removes the finding but changes the printed digest, so
// the test case rejects it; usedforsecurity=False (strategy 2) is clean and keeps the output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeAnalysis } from '../workers/analysis/node-analysis.ts';
import { createNodeExecutor } from '../workers/executor/node-executor.ts';
import { runPatchLoop } from '../web/state/security/patch-loop.ts';
import { createSecurityRulesEngine } from '../web/state/security/rules-engine.ts';
import { createTestRunner } from '../web/state/security/test-case.ts';
import { explainTest } from '../web/state/security/explanations.ts';

const analysis = createNodeAnalysis();
const executor = createNodeExecutor();
beforeAll(async () => { await Promise.all([analysis.start(), executor.start()]); }, 120_000);
afterAll(() => { analysis.dispose(); executor.dispose(); });

const PROGRAM = 'import hashlib\n\ndef checksum(data):\n    return hashlib.md5(data).hexdigest()\n\nprint(checksum(b"heal"))\n';

describe('runPatchLoop with the rules engine, the real check and the executor', () => {
  it('rejects the candidate that breaks the test case and offers the clean, correct one', async () => {
    const expected = (await executor.execute({ source: '', pickle: null, handles: [], code: PROGRAM })).stdout;
    expect(expected).toMatch(/^[0-9a-f]{32}\n$/);
    const check = (source: string) => analysis.call('securityCheck', source, {});
    const start = await check(PROGRAM);
    const targets = start.findings.filter((f) => f.test_id === 'B324');
    expect(targets).toHaveLength(1);
    const engine = createSecurityRulesEngine((source, request) => analysis.call('securityFix', source, request), explainTest);
    const result = await runPatchLoop({
      engine, source: PROGRAM, findings: start.findings, targets, check,
      runTest: createTestRunner((request) => executor.execute(request), { stdin: '', expected }),
    });
    expect(result.explanation).toContain('B324');
    expect(result.strategies).toEqual(['use SHA-256', 'declare the hash not used for security (usedforsecurity=False)']);
    expect(result.candidates.map((c) => [c.strategyIndex, c.verdict, c.test])).toEqual([[0, 'breaks-test', 'failed'], [0, 'no-change', 'not-run'], [1, 'accepted', 'passed']]);
    expect(result.candidates[0]!.source).toContain('hashlib.sha256(data)');
    expect(result.candidates[0]!.testDetail).toContain('differs');
    expect(result.best?.source).toBe(PROGRAM.replace('hashlib.md5(data)', 'hashlib.md5(data, usedforsecurity=False)'));
  });
});
