// `npm run bench:dnn [-- --set path.jsonl]`
// The Keras-lite check and rules-engine infill over a JSONL set with the dnn-dev schema,
// through the real analysis worker (Pyodide in a worker thread): element recall,
// localisation (a check flags a ground-truth element; its rank), standardised match of the
// best rules candidate (SMC-style), candidates generated vs kept, time per program.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeAnalysis } from '../workers/analysis/node-analysis.ts';
import { createDnnRulesEngine } from '../web/state/dnn/rules-engine.ts';
import { scoreSample, type DnnRow, type SampleScore } from '../test/dnn-eval.ts';
import { median, printTable, round } from './stats.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { set: { type: 'string', default: join(root, '../shared/corpora/dnn-dev.jsonl') } } });
const setPath = resolve(values.set!);
const rows = readFileSync(setPath, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as DnnRow);

const analysis = createNodeAnalysis({ callTimeLimitMs: 60_000 });
const started = performance.now();
try {
  await analysis.start();
  const engine = createDnnRulesEngine();
  const scores: SampleScore[] = [];
  for (const row of rows) scores.push(await scoreSample(analysis, engine, row));
  const sum = (f: (s: SampleScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const only = scores.filter((_, i) => rows[i]!.element_only);
  const localised = scores.filter((s) => s.localisedRank !== null);
  const results = {
    set: basename(setPath),
    samples: rows.length,
    element_recall: round(
      sum((s) => s.located) /
        Math.max(
          1,
          sum((s) => s.locatable),
        ),
      4,
    ),
    localised: localised.length,
    localised_top1: scores.filter((s) => s.localisedRank === 0).length,
    smc: scores.filter((s) => s.smc).length,
    smc_any_rank: scores.filter((s) => s.anyRankMatch).length,
    element_only: only.length,
    smc_element_only: only.filter((s) => s.smc).length,
    smc_element_only_any_rank: only.filter((s) => s.anyRankMatch).length,
    candidates: sum((s) => s.candidates),
    kept: sum((s) => s.kept),
    ms_per_program: round(median(scores.map((s) => s.ms)), 1),
  };
  printTable(`DNN check + rules infill on ${results.set} (${rows.length} samples; ${round((performance.now() - started) / 1000, 1)} s)`, [
    ['sample', 'elements found', 'localised (rank)', 'SMC best', 'fix in ranked', 'candidates', 'kept', 'ms'],
    ...scores.map((s) => [
      s.id,
      `${s.located}/${s.locatable}`,
      s.localisedRank === null ? '-' : `yes (${s.localisedRank + 1})`,
      s.smc ? 'yes' : '-',
      s.anyRankMatch ? 'yes' : '-',
      s.candidates,
      s.kept,
      round(s.ms, 0),
    ]),
  ]);
  printTable('Summary', [
    ['measure', 'value'],
    ['element recall (changes located in buggy)', `${sum((s) => s.located)}/${sum((s) => s.locatable)} (${round(100 * results.element_recall, 1)}%)`],
    ['localised: a check flags a ground-truth element', `${results.localised}/${rows.length} (top-1 ${results.localised_top1})`],
    ['SMC: best rules candidate = fix (primary change)', `${results.smc}/${rows.length}`],
    ['fix among ranked rules candidates (any change)', `${results.smc_any_rank}/${rows.length}`],
    [
      'element-only rows: SMC best / any rank',
      `${results.smc_element_only}/${results.element_only} / ${results.smc_element_only_any_rank}/${results.element_only}`,
    ],
    ['candidates generated -> kept after filtering', `${results.candidates} -> ${results.kept}`],
    ['median ms per program (analyse + infill all changed elements)', results.ms_per_program],
  ]);
  printTable('Reference points (MLM4DNN paper, its own benchmark of 51 samples — a different set; not comparable one to one)', [
    ['system', 'SMC'],
    ['MLM4DNN fine-tuned model', '25/51 (49%)'],
    ['GPT-4o zero-shot', '3/51 (6%)'],
    [`ours: Keras rules, no model (${results.set})`, `${results.smc}/${rows.length} (${round((100 * results.smc) / rows.length, 0)}%)`],
  ]);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/dnn.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results/dnn.json');
} finally {
  analysis.dispose();
}
