// The Keras-lite check and element infill, as the analysis worker passes them between the
// page and Python (workers/analysis/py/keras_lite/api.py: `analyze_json(source)`,
// `mask_json(source, element_id)`, `rule_candidates_json(source, element_id)`,
// `filter_json(source, element_id, candidates_json)` — JSON strings in and out).
// Lines are 1-based and columns 0-based, as in Python's ast.

export type DnnElementKind = 'activation' | 'initializer' | 'layer' | 'loss' | 'optimizer' | 'learning_rate' | 'metrics' | 'batch_size' | 'epochs';

export interface SourceSpan {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export interface DnnElement {
  /** Index in DnnAnalysis.elements; stable for one source text. */
  id: number;
  kind: DnnElementKind;
  span: SourceSpan;
  /** The source text at span. */
  text: string;
  /** The standardised spelling (keras-standard-names rules) used to compare elements. */
  standard: string;
  /** Where it sits, for people: "layer 3 (Dense) activation", "compile(loss=…)". */
  where: string;
  /** An argument left at its default: span is the empty insertion point, text is ''. */
  implicit?: boolean;
  /** Other lines that use it (an optimizer variable's learning rate, used in compile). */
  usedAt?: number[];
}

export interface DnnDataContext {
  task: 'binary' | 'multiclass' | 'regression' | 'unknown';
  numClasses?: number;
  labelEncoding?: 'one-hot' | 'integer' | 'binary' | 'continuous' | 'unknown';
  inputShape?: (number | null)[];
  samples?: number;
  /** Why the analysis concluded this (source lines and facts), for the panel. */
  evidence: string[];
}

export interface DnnModelOutput {
  units?: number;
  activation?: string;
  line?: number;
}

export interface DnnFinding {
  checkId: string;
  /** The element the check flags, when it is one of `elements`. */
  elementId: number | null;
  kind: DnnElementKind | null;
  message: string;
  severity: 'warning' | 'info';
  span: SourceSpan;
}

export interface DnnAnalysis {
  isKeras: boolean;
  elements: DnnElement[];
  data: DnnDataContext;
  output: DnnModelOutput;
  findings: DnnFinding[];
  /** Parse errors and the like, as messages for people. */
  errors: string[];
  ms: number;
}

export interface MaskedProgram {
  elementId: number;
  /** The program with `<mask>` in place of the element. */
  masked: string;
  /** The nearest code before and after the mask (the cloze prompt's context). */
  before: string;
  after: string;
}

export type CandidateRejection = 'empty' | 'syntax' | 'equivalent' | 'shape' | 'duplicate';

export interface InfillCandidate {
  text: string;
  origin: 'rules' | 'engine';
  kept: boolean;
  /** Set when kept is false. */
  rejection?: CandidateRejection;
  /** Human-readable detail for the rejection or the ranking. */
  detail?: string;
  standard?: string;
  /** Higher ranks first among kept candidates. */
  score?: number;
  /** The whole patched program (kept candidates only). */
  source?: string;
}
