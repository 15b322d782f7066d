// The security check's request and result, as the analysis worker passes them between
// the page and Python (workers/analysis/py/security/api.py `check_json(source, options_json)`
// returns a SecurityCheckResult as JSON). Finding fields use Bandit's JSON report names so
// exports need no renaming.

export type SecurityLevel = 'UNDEFINED' | 'LOW' | 'MEDIUM' | 'HIGH';

export interface SecurityCheckOptions {
  /** Reported file name (Bandit's `filename`); default "main.py". */
  filename?: string;
  /** Test ids never reported (Bandit's --skip). */
  skips?: string[];
  /** Only these test ids (Bandit's --tests); empty or absent means all. */
  tests?: string[];
  /** Report findings at or above this severity / confidence (Bandit's -l/-i); default LOW. */
  minSeverity?: Exclude<SecurityLevel, 'UNDEFINED'>;
  minConfidence?: Exclude<SecurityLevel, 'UNDEFINED'>;
  /** Ignore `# nosec` comments (Bandit's --ignore-nosec). */
  ignoreNosec?: boolean;
}

export interface SecurityFinding {
  test_id: string;
  test_name: string;
  issue_severity: SecurityLevel;
  issue_confidence: SecurityLevel;
  issue_cwe: { id: number; link: string };
  issue_text: string;
  filename: string;
  line_number: number;
  line_range: number[];
  col_offset: number;
  end_col_offset: number;
  /** Numbered source lines around the finding, as Bandit prints them. */
  code: string;
  more_info: string;
  /** Not in Bandit's JSON: the enclosing function's qualified name, "<module>" at top level. */
  function: string;
}

export interface SecurityCheckError {
  filename: string;
  /** E.g. "syntax error while parsing AST from file" plus Python's message. */
  reason: string;
  line?: number;
}

export interface SecurityCheckResult {
  findings: SecurityFinding[];
  errors: SecurityCheckError[];
  /** Bandit's per-file metrics: loc, nosec, skipped_tests, SEVERITY.*, CONFIDENCE.*. */
  metrics: Record<string, number>;
  /** Time spent in Python. */
  ms: number;
}
