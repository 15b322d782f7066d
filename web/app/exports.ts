// Every download of the page in one place: the datasets of this session as JSON Lines
// ("Export…": heal, repair and bug-report records; schemas in the README, "Dataset
// export") and the security findings as Bandit JSON or SARIF. Nothing is uploaded.
import { createSignal, type Accessor } from 'solid-js';
import type { SecurityCheckResult } from '../../workers/protocol/security.ts';
import { toJsonl } from '../state/export/jsonl.ts';
import { bugReportRecord, healRecords, repairRecord, type BugReportInput, type BugReportRecord } from '../state/export/records.ts';
import type { HealTraceEntry } from '../state/heal/trace.ts';
import type { HealRunHistory } from './heal.ts';
import type { RepairResult } from '../state/repair/session.ts';
import { toBanditJson, toSarif } from '../state/security/export.ts';

export interface ExportItem {
  id: string;
  title: string;
  /** File name of the download, e.g. heal.jsonl. */
  file: string;
  count: number;
  /** The file's text (JSON Lines). */
  text(): string;
  note?: string;
}

/** Saves text as a file through a temporary link (no server involved). */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The security findings of `source` as Bandit's JSON report or SARIF 2.1.0. */
export function downloadFindings(result: SecurityCheckResult, source: string, format: 'bandit-json' | 'sarif'): void {
  if (format === 'sarif') downloadText('main.sarif', JSON.stringify(toSarif(result, { source }), null, 2), 'application/sarif+json');
  else downloadText('bandit-report.json', toBanditJson(result));
}

export type Exports = ReturnType<typeof createExports>;

/**
 * The dataset records of this session: the heal decisions of every run (grouped by run; before
 * any run, the heals a link recorded), the repairs made, the bug reports written.
 */
export function createExports(deps: { runs: Accessor<HealRunHistory[]>; trace: Accessor<HealTraceEntry[]> }) {
  const [repairs, setRepairs] = createSignal<RepairResult[]>([]);
  const [bugReports, setBugReports] = createSignal<BugReportRecord[]>([]);

  function items(): ExportItem[] {
    const runs = deps.runs();
    const heal = runs.length ? runs.flatMap((run) => healRecords(run.entries, { run: run.run })) : healRecords(deps.trace());
    const repair = repairs().map((r) => repairRecord(r));
    return [
      {
        id: 'heal',
        title: 'Heal records (prompt, handling code, decision, PROCEED/CORRECT)',
        file: 'heal.jsonl',
        count: heal.length,
        text: () => toJsonl(heal),
        note: runs.length > 1 ? `All ${runs.length} runs of this session with heals, grouped by run.` : undefined,
      },
      {
        id: 'repair',
        title: 'Repair records (buggy function, test, error, fix, validation)',
        file: 'repair.jsonl',
        count: repair.length,
        text: () => toJsonl(repair),
      },
      {
        id: 'bug-report',
        title: 'Bug-report records (report, diff)',
        file: 'bug-reports.jsonl',
        count: bugReports().length,
        text: () => toJsonl(bugReports()),
        note: bugReports().length ? undefined : 'Made from security findings (bug report → diff).',
      },
    ];
  }

  return {
    items,
    repairs,
    download: (item: ExportItem) => downloadText(item.file, item.text(), 'application/jsonl'),
    recordRepair: (result: RepairResult) => void setRepairs((list) => [...list, result]),
    /** For the bug report → diff loop (security findings): adds one record to the export. */
    recordBugReport: (input: BugReportInput) => void setBugReports((list) => [...list, bugReportRecord(input)]),
  };
}
