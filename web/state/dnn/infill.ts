// One element infill: mask the element, ask the engine for candidates (the rules engine or
// a model), filter them in Python (syntax, equivalent after standardisation, shape
// change, duplicates) and rank the kept ones. Pure: the caller supplies the analysis
// worker (or anything with its `call`) and the engine.
import { generationOptions } from '../generation.ts';
import type { AnalysisCallName, AnalysisCalls } from '../../../workers/protocol/analysis.ts';
import type { DnnElement, DnnFinding, InfillCandidate, MaskedProgram } from '../../../workers/protocol/dnn.ts';
import { isAbortError, throwIfAborted, type Engine } from '../../../workers/shared/engine.ts';
import { parseInfillAnswer } from './answer.ts';
import { buildInfillPrompt } from './prompt.ts';
import { DNN_RULES_ENGINE_ID, type InfillContext } from './rules-engine.ts';
import { errorText } from '../../../workers/shared/async.ts';

export interface DnnPython {
  call<K extends AnalysisCallName>(name: K, ...args: AnalysisCalls[K]['args']): Promise<AnalysisCalls[K]['result']>;
}

export interface InfillRequest {
  source: string;
  elementId: number;
  /** The element as the caller saw it; infill refuses when the program no longer has it. */
  expected?: Pick<DnnElement, 'kind' | 'text'>;
  signal?: AbortSignal;
  /** Also offer the rules' candidates after a model's (default true for model engines). */
  withRules?: boolean;
  onProgress?(text: string): void;
}

export interface InfillResult {
  element: DnnElement;
  finding: DnnFinding | null;
  masked: MaskedProgram;
  /** Kept candidates best first, then the rejected ones in the order they came. */
  candidates: InfillCandidate[];
  generated: number;
  kept: number;
  engineAnswer: string;
  /** Set when a model engine failed and only the rules' candidates are shown. */
  engineError?: string;
  ms: number;
}

export function rankCandidates(candidates: readonly InfillCandidate[]): InfillCandidate[] {
  const kept = candidates.filter((c) => c.kept).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  return [...kept, ...candidates.filter((c) => !c.kept)];
}

export async function runInfill(deps: { python: DnnPython; engine: Engine<InfillContext> }, request: InfillRequest): Promise<InfillResult> {
  const started = performance.now();
  const { python, engine } = deps;
  const { source, elementId, signal } = request;
  const analysis = await python.call('dnnAnalyze', source);
  const element = analysis.elements[elementId];
  if (!element || (request.expected && (element.kind !== request.expected.kind || element.text !== request.expected.text))) {
    throw new Error('The program changed since it was checked: that element is no longer there. Check again and retry.');
  }
  const finding = analysis.findings.find((f) => f.elementId === elementId) ?? null;
  throwIfAborted(signal);
  const masked = await python.call('dnnMask', source, elementId);
  const ruleCandidates = await python.call('dnnRuleCandidates', source, elementId);
  throwIfAborted(signal);
  request.onProgress?.(`Asking ${engine.label}…`);
  const context: InfillContext = { source, element, masked, finding, ruleCandidates };
  const fromRules = engine.id === DNN_RULES_ENGINE_ID;
  let engineAnswer = '';
  let engineError: string | undefined;
  try {
    engineAnswer = await engine.generate(buildInfillPrompt(masked, element, finding), { ...generationOptions('infill'), signal }, context);
  } catch (error) {
    // A model that fails (endpoint down, device lost) still leaves the rules' candidates.
    if (fromRules || isAbortError(error) || request.withRules === false || ruleCandidates.length === 0) throw error;
    engineError = errorText(error);
  }
  const proposed = parseInfillAnswer(engineAnswer, element.kind).map((text) => ({ text, origin: fromRules ? ('rules' as const) : ('engine' as const) }));
  if (!fromRules && request.withRules !== false) {
    for (const text of ruleCandidates) if (!proposed.some((p) => p.text === text)) proposed.push({ text, origin: 'rules' });
  }
  throwIfAborted(signal);
  request.onProgress?.(`Filtering ${proposed.length} candidate(s)…`);
  const filtered = proposed.length ? await python.call('dnnFilter', source, elementId, proposed) : [];
  const candidates = rankCandidates(filtered);
  return {
    element,
    finding,
    masked,
    candidates,
    engineAnswer,
    engineError,
    generated: filtered.length,
    kept: filtered.filter((c) => c.kept).length,
    ms: Math.round(performance.now() - started),
  };
}
