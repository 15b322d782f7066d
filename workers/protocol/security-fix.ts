// The rules engine's template fixes for security findings, as the analysis worker passes
// them (workers/analysis/py/security_fixes/api.py `fix_json(source, request_json)`).

/** Which findings to fix and with which strategy (variant k of every template). */
export interface SecurityFixRequest {
  findings: { test_id: string; line_number: number; col_offset?: number }[];
  variant?: number;
}

export interface SecurityFixApplied {
  test_id: string;
  line: number;
  template: string;
  description: string;
  /** The replaced text and its replacement (the structured "direction" of a bug report). */
  before: string;
  after: string;
  start_line: number;
}

export interface SecurityFixUnfixed {
  test_id: string;
  line: number;
  reason: string;
  /** What to do by hand when no template applies (pickle, marshal, ...). */
  guidance: string;
}

export interface SecurityFixResult {
  source: string;
  changed: boolean;
  applied: SecurityFixApplied[];
  unfixed: SecurityFixUnfixed[];
  /** Distinct strategies available for these findings (one per variant). */
  strategies: string[];
  /** Set when the program does not parse. */
  error?: string;
}
