// The Keras-lite check in real Pyodide (its Python unit tests: test/python.test.ts): its Python unit tests, the embedded name tables
// against the corpora JSON, and the measures on ../shared/corpora/dnn-dev.jsonl (element
// recall, standardised comparison of fixes, rules-engine infill on element-only rows).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_PYTHON_FUNCTIONS } from '../workers/protocol/analysis.ts';
import { toPythonArgument } from '../workers/analysis/analysis-core.ts';
import type { DnnPython } from '../web/state/dnn/infill.ts';
import { runInfill } from '../web/state/dnn/infill.ts';
import { createDnnRulesEngine } from '../web/state/dnn/rules-engine.ts';
import { createScriptedEngine } from './scripted-engine.ts';
import { infillElement } from '../web/app/dnn.ts';
import type { ChecksDeps } from '../web/app/checks.ts';
import type { PatchSessionView } from '../web/app/patch-review.ts';
import { scoreSample, type DnnRow, type SampleScore } from './dnn-eval.ts';
import { corporaDir, loadWorkerPython, readJsonl } from './pyodide-node.ts';

const py = await loadWorkerPython('analysis');

/** The analysis calls, answered in this thread's Pyodide exactly as the worker answers them. */
const python: DnnPython = {
  async call(name, ...args) {
    const [module, fn] = ANALYSIS_PYTHON_FUNCTIONS[name].split(':') as [string, string];
    const f = (py.pyimport(module) as unknown as Record<string, (...a: unknown[]) => string>)[fn]!;
    return JSON.parse(f(...(args as unknown[]).map((a) => (a === undefined ? undefined : toPythonArgument(a)))));
  },
};

describe('keras_lite standard-name tables', () => {
  it('the embedded module equals keras-standard-names.json (rerun scripts/gen-keras-names.mjs if not)', () => {
    const json = JSON.parse(readFileSync(join(corporaDir, 'keras-standard-names.json'), 'utf8'));
    const embedded = JSON.parse(py.runPython('import json\nfrom keras_lite.names_data import TABLE\njson.dumps(TABLE)') as string);
    expect(embedded).toEqual(json);
  });
});

describe('keras_lite on dnn-dev', async () => {
  const rows = readJsonl<DnnRow>('dnn-dev.jsonl');
  const engine = createDnnRulesEngine();
  const scores: SampleScore[] = [];
  // Infill (the slow part) only where the test reports it: the element-only rows.
  for (const row of rows) scores.push(await scoreSample(python, engine, row, { infill: row.element_only }));
  const sum = (f: (s: (typeof scores)[number]) => number) => scores.reduce((n, s) => n + f(s), 0);

  it('finds every element location of the buggy programs (recall 100%)', () => {
    const located = sum((s) => s.located);
    const locatable = sum((s) => s.locatable);
    console.log(`element recall ${located}/${locatable}`);
    expect(locatable).toBeGreaterThan(60);
    expect(scores.filter((s) => s.located < s.locatable).map((s) => s.id)).toEqual([]);
  });

  it('standardised comparison: each fix equals a fixed-program element and differs from the buggy one', () => {
    const ok = sum((s) => s.standardOk);
    const total = sum((s) => s.standardTotal);
    console.log(`standardised comparison ${ok}/${total}`);
    expect(ok).toBe(total);
  });

  it('reports rules-engine infill on the element-only rows', () => {
    const only = scores.filter((_, i) => rows[i]!.element_only);
    console.log(
      `element-only rows: ${only.length}; any ranked rules candidate equals the fix: ${only.filter((s) => s.anyRankMatch).length}; best candidate: ${only.filter((s) => s.smc).length}`,
    );
    for (const s of only) console.log(`  ${s.id}: ${s.anyRankMatch ? 'match' : 'no match'}`);
    expect(only.length).toBe(5);
    expect(sum((s) => s.kept)).toBeGreaterThan(0);
  });
});

describe('runInfill with the rules engine', () => {
  const source = readFileSync(join(import.meta.dirname, '../web/examples/keras_softmax_binary.py'), 'utf8');
  it('proposes sigmoid for softmax on a 1-unit binary output, as a whole program', async () => {
    const analysis = await python.call('dnnAnalyze', source);
    const finding = analysis.findings.find((f) => f.checkId === 'softmax-single-unit');
    expect(finding).toBeDefined();
    const result = await runInfill({ python, engine: createDnnRulesEngine() }, { source, elementId: finding!.elementId! });
    const best = result.candidates[0]!;
    expect(best.kept).toBe(true);
    expect(best.standard).toBe('sigmoid');
    expect(best.source).toContain("activation='sigmoid'");
    expect(best.source!.split('\n').length).toBe(source.split('\n').length);
  });
  it("with a model engine: sends the cloze prompt, filters its answers and adds the rules' candidates", async () => {
    const analysis = await python.call('dnnAnalyze', source);
    const finding = analysis.findings.find((f) => f.checkId === 'softmax-single-unit')!;
    const engine = createScriptedEngine<unknown>(
      ["<candidate>'softmax'</candidate>\n<candidate>'sigmoid</candidate>\n<candidate>activation='tanh'</candidate>"],
      'model',
    );
    const result = await runInfill({ python, engine }, { source, elementId: finding.elementId! });
    expect(engine.calls[0]!.messages[1]!.content).toContain('model.add(Dense(1, activation=<mask>))');
    const byText = new Map(result.candidates.map((c) => [c.text, c]));
    expect(byText.get("'softmax'")).toMatchObject({ origin: 'engine', kept: false, rejection: 'equivalent' });
    expect(byText.get("'sigmoid")).toMatchObject({ origin: 'engine', kept: false, rejection: 'syntax' });
    expect(byText.get("'tanh'")).toMatchObject({ origin: 'engine', kept: true });
    expect(byText.get("'sigmoid'")).toMatchObject({ origin: 'rules', kept: true });
    expect(result.candidates[0]!.text).toBe("'sigmoid'"); // resolves the finding, so it ranks first
  });
  it("a failing model engine still leaves the rules' candidates", async () => {
    const analysis = await python.call('dnnAnalyze', source);
    const finding = analysis.findings.find((f) => f.checkId === 'softmax-single-unit')!;
    const engine = {
      id: 'down',
      label: 'Endpoint',
      generate: async () => {
        throw new Error('connection refused');
      },
    };
    const result = await runInfill({ python, engine }, { source, elementId: finding.elementId! });
    expect(result.engineError).toBe('connection refused');
    expect(result.candidates[0]).toMatchObject({ text: "'sigmoid'", origin: 'rules', kept: true });
  });
  it('refuses an element id that no longer matches', async () => {
    await expect(runInfill({ python, engine: createDnnRulesEngine() }, { source, elementId: 0, expected: { kind: 'loss', text: 'nope' } })).rejects.toThrow(
      /changed/,
    );
  });
  it('the Infill action opens the review with acceptable whole-program candidates (rules engine when no model)', async () => {
    const analysis = await python.call('dnnAnalyze', source);
    const finding = analysis.findings.find((f) => f.checkId === 'softmax-single-unit')!;
    const views: (PatchSessionView | undefined)[] = [];
    const notes: string[] = [];
    const deps = {
      code: () => source,
      busy: () => false,
      engine: () => null,
      analysis: python,
      notify: (_kind: string, text: string) => {
        notes.push(text);
      },
    } as unknown as ChecksDeps;
    await infillElement(deps, analysis.elements[finding.elementId!]!, (v) => views.push(v));
    expect(views[0]!.busy).toMatch(/Keras rules/);
    const last = views.at(-1)!;
    expect(last.busy).toBeNull();
    expect(last.original).toBe(source);
    const first = last.candidates.find((c) => c.acceptable)!;
    expect(first.title).toBe("'sigmoid'");
    expect(first.source).toContain("Dense(1, activation='sigmoid')");
    expect(last.candidates.some((c) => !c.acceptable && c.badges.some((b) => b.label === 'same as original'))).toBe(false);
    expect(notes).toEqual([]);
  });
});
