// Messages between the page and the analysis worker: a third Pyodide that runs the static
// checks (security, Keras-lite) and the infill/patch helpers while the user edits, so a
// running or paused program never waits for them and they never wait for it.
// Every call maps to one Python function taking JSON-able arguments and returning JSON
// (strings and numbers are passed as they are, objects and arrays as JSON text).
// Bump ANALYSIS_PROTOCOL_VERSION on any incompatible change; init() checks it.

import type { DnnAnalysis, DnnElementKind, InfillCandidate, MaskedProgram } from './dnn.ts';
import type { SecurityCheckOptions, SecurityCheckResult } from './security.ts';
import type { RepairReplaceResult, RepairTarget, RepairTestInputs, RepairUnitResult } from './repair.ts';
import type { SecurityFixRequest, SecurityFixResult } from './security-fix.ts';

export const ANALYSIS_PROTOCOL_VERSION = 1;

/** Each call: the Python function ("module:function" under workers/analysis/py), its arguments and result. */
export interface AnalysisCalls {
  securityCheck: { args: [source: string, options: SecurityCheckOptions]; result: SecurityCheckResult };
  dnnAnalyze: { args: [source: string]; result: DnnAnalysis };
  dnnMask: { args: [source: string, elementId: number]; result: MaskedProgram };
  dnnRuleCandidates: { args: [source: string, elementId: number]; result: string[] };
  dnnFilter: { args: [source: string, elementId: number, candidates: { text: string; origin: 'rules' | 'engine' }[]]; result: InfillCandidate[] };
  repairEnclosingFunction: { args: [source: string, line: number]; result: RepairUnitResult };
  repairReplaceFunction: { args: [source: string, target: RepairTarget, newText: string]; result: RepairReplaceResult };
  repairTestInputs: { args: [source: string]; result: RepairTestInputs };
  securityFix: { args: [source: string, request: SecurityFixRequest]; result: SecurityFixResult };
  dnnStandardise: { args: [kind: DnnElementKind, text: string, source?: string]; result: string };
}

export type AnalysisCallName = keyof AnalysisCalls;

export const ANALYSIS_PYTHON_FUNCTIONS: Record<AnalysisCallName, string> = {
  securityCheck: 'security.api:check_json',
  dnnAnalyze: 'keras_lite.api:analyze_json',
  dnnMask: 'keras_lite.api:mask_json',
  dnnRuleCandidates: 'keras_lite.api:rule_candidates_json',
  dnnFilter: 'keras_lite.api:filter_json',
  repairEnclosingFunction: 'repair.api:enclosing_function_json',
  repairReplaceFunction: 'repair.api:replace_function_json',
  repairTestInputs: 'repair.api:test_inputs_json',
  securityFix: 'security_fixes.api:fix_json',
  dnnStandardise: 'keras_lite.api:standardise_json',
};

export interface AnalysisInitOptions {
  protocolVersion: number;
  /** Where pyodide.asm.wasm & co. live (URL in the browser, directory in Node). */
  indexURL: string;
  /** Memory snapshot to start from; null or a failed load falls back to a plain load. */
  snapshot?: Uint8Array | string | null;
  loadTimeoutMs?: number;
}

export interface AnalysisInfo {
  pythonVersion: string;
  fromSnapshot: boolean;
  snapshotError?: string;
  loadMs: number;
  /** Python packages found (e.g. ["keras_lite", "security"]). */
  packages: string[];
}

/** What the analysis worker exposes. */
export interface AnalysisApi {
  init(options: AnalysisInitOptions): Promise<AnalysisInfo>;
  call<K extends AnalysisCallName>(name: K, args: AnalysisCalls[K]['args']): Promise<AnalysisCalls[K]['result']>;
}
