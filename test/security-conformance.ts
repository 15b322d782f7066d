// Agreement of our security check with Bandit's reference findings (bandit-dev schema):
// per file, findings and reference are compared as multisets of (test_id, line) pairs;
// matches are summed over files into precision, recall and F1, overall and per test id.
// Pure so that the conformance test and `npm run bench:security` score the same way.

export interface ReferenceFinding {
  test_id: string;
  line: number;
  severity?: string;
  confidence?: string;
}

/** One row of bandit-dev.jsonl (fields we use). */
export interface BanditRow {
  id: string;
  path: string;
  source: string;
  parses_on_py312: boolean;
  expected: ReferenceFinding[];
}

export interface CheckedFile {
  id: string;
  findings: ReferenceFinding[];
  errors: { reason: string }[];
}

export interface Counts {
  matched: number;
  /** Ours, not in the reference. */
  extra: number;
  /** In the reference, not ours. */
  missed: number;
}

export interface Score extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface ConformanceReport {
  overall: Score;
  perTest: Record<string, Score>;
  /** Matched pairs whose severity and confidence also agree (over all matched pairs). */
  levelAgreement: number;
  /** Rows scored (parses_on_py312). */
  files: number;
  /** Rows we reported as parse errors, with whether the reference expected them not to parse. */
  parseErrors: { id: string; expectedUnparsable: boolean }[];
  /** Per file: pairs that disagree, for the printed table. */
  mismatches: { id: string; testId: string; line: number; kind: 'extra' | 'missed' }[];
}

export function score(counts: Counts): Score {
  const { matched, extra, missed } = counts;
  const precision = matched + extra === 0 ? 1 : matched / (matched + extra);
  const recall = matched + missed === 0 ? 1 : matched / (matched + missed);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}

const key = (f: ReferenceFinding) => `${f.test_id}:${f.line}`;

function tally(findings: ReferenceFinding[]): Map<string, ReferenceFinding[]> {
  const out = new Map<string, ReferenceFinding[]>();
  for (const f of findings) {
    const list = out.get(key(f));
    if (list) list.push(f);
    else out.set(key(f), [f]);
  }
  return out;
}

export function compare(rows: BanditRow[], checked: CheckedFile[]): ConformanceReport {
  const byId = new Map(checked.map((c) => [c.id, c]));
  const overall: Counts = { matched: 0, extra: 0, missed: 0 };
  const perTest = new Map<string, Counts>();
  const mismatches: ConformanceReport['mismatches'] = [];
  const parseErrors: ConformanceReport['parseErrors'] = [];
  let levelsAgree = 0;
  let files = 0;
  const bump = (testId: string, field: keyof Counts, n: number) => {
    if (n === 0) return;
    const counts = perTest.get(testId) ?? { matched: 0, extra: 0, missed: 0 };
    counts[field] += n;
    perTest.set(testId, counts);
    overall[field] += n;
  };
  for (const row of rows) {
    const ours = byId.get(row.id);
    if (!ours) throw new Error(`no result for ${row.id}`);
    if (ours.errors.length > 0) parseErrors.push({ id: row.id, expectedUnparsable: !row.parses_on_py312 });
    if (!row.parses_on_py312) continue;
    files++;
    const got = tally(ours.findings);
    const want = tally(row.expected);
    for (const k of new Set([...got.keys(), ...want.keys()])) {
      const g = got.get(k) ?? [];
      const w = want.get(k) ?? [];
      const [testId, line] = [k.slice(0, k.indexOf(':')), Number(k.slice(k.indexOf(':') + 1))];
      const matched = Math.min(g.length, w.length);
      bump(testId, 'matched', matched);
      bump(testId, 'extra', g.length - matched);
      bump(testId, 'missed', w.length - matched);
      for (let i = 0; i < matched; i++) {
        if (g[i]!.severity === w[i]!.severity && g[i]!.confidence === w[i]!.confidence) levelsAgree++;
      }
      if (g.length > matched) mismatches.push({ id: row.id, testId, line, kind: 'extra' });
      if (w.length > matched) mismatches.push({ id: row.id, testId, line, kind: 'missed' });
    }
  }
  return {
    overall: score(overall),
    perTest: Object.fromEntries([...perTest.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, c]) => [id, score(c)])),
    levelAgreement: overall.matched === 0 ? 1 : levelsAgree / overall.matched,
    files,
    parseErrors,
    mismatches,
  };
}

/** Per-test rows for printTable: header then one row per test id. */
export function perTestTable(report: ConformanceReport): (string | number)[][] {
  const fmt = (x: number) => x.toFixed(3);
  return [
    ['test', 'matched', 'extra', 'missed', 'precision', 'recall', 'F1'],
    ...Object.entries(report.perTest).map(([id, s]) => [id, s.matched, s.extra, s.missed, fmt(s.precision), fmt(s.recall), fmt(s.f1)]),
  ];
}

/** Parses a JSONL text with the bandit-dev schema; a bad line says which one. */
export function parseBanditJsonl(text: string): BanditRow[] {
  const rows: BanditRow[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row: BanditRow;
    try {
      row = JSON.parse(line) as BanditRow;
    } catch (error) {
      throw new Error(`line ${i + 1}: not JSON (${(error as Error).message})`);
    }
    if (typeof row.source !== 'string' || !Array.isArray(row.expected)) {
      throw new Error(`line ${i + 1}: expected fields "source" and "expected" (bandit-dev schema)`);
    }
    rows.push({ ...row, id: String(row.id ?? row.path ?? i + 1), path: row.path ?? String(row.id), parses_on_py312: row.parses_on_py312 !== false });
  });
  return rows;
}
