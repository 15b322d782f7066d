// The batch command for researchers, run as a user runs it: 5 heal-dev rows through heal
// and repair with the rules engine; the files it writes parse and match the schemas.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonl } from '../web/state/export/jsonl.ts';
import { validateRecords } from '../web/state/export/schema.ts';
import { enginesFor, parseScriptFile } from './batch-core.ts';
import { corporaDir, repoRoot } from './pyodide-node.ts';

const out = mkdtempSync(join(tmpdir(), 'heal-batch-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run batch', () => {
  it('writes one heal record per row and a validated repair record per row (5 heal-dev rows, rules engine)', async () => {
    const { stdout } = await promisify(execFile)(
      join(repoRoot, 'node_modules/.bin/tsx'),
      ['bench/batch.ts', '--set', join(corporaDir, 'heal-dev.jsonl'), '--engine', 'rules', '--limit', '5', '--out', out],
      { cwd: repoRoot, timeout: 120_000 },
    );
    expect(stdout).toContain('heal records written');
    const heal = parseJsonl(readFileSync(join(out, 'heal.jsonl'), 'utf8'));
    const repair = parseJsonl(readFileSync(join(out, 'repair.jsonl'), 'utf8'));
    expect(heal.problems).toEqual([]);
    expect(heal.records).toHaveLength(5);
    expect(validateRecords('heal', heal.records)).toEqual([]);
    expect(validateRecords('repair', repair.records)).toEqual([]);
    expect(repair.records).toHaveLength(5);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ programs: 5, heal_records: 5, repair_records: 5 });
    expect(summary.plausible).toBe((repair.records as { validation: { plausible: boolean } }[]).filter((r) => r.validation.plausible).length);
  }, 150_000);

  it('reads scripted files and refuses malformed ones', () => {
    const script = parseScriptFile('{"*": {"heal": ["<code>\\npass\\n</code>"], "repair": []}}');
    expect(enginesFor('scripted-file:x.json', script)({ id: 'r', program: '', stdin: '', expected_stdout: '' }).heal.id).toBe('scripted');
    expect(() => parseScriptFile('[]')).toThrow(/JSON object/);
    expect(() => parseScriptFile('{"a": {"heal": [1]}}')).toThrow(/list of answer strings/);
    expect(() => enginesFor('webllm')).toThrow(/unknown engine/);
  });
});
