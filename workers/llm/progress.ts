// Download progress: WebLLM reports {progress, timeElapsed, text}; the bytes are only in
// the text ("Fetching param cache[3/20]: 120MB fetched. 12% completed, 5 secs elapsed.").
// parseInitProgress turns that into a typed LoadProgress; the ETA tracker and the
// formatters below make the progress bar's "120 MB of 1.0 GB · 2 min left".
import type { LoadProgress } from '../protocol/llm.ts';
import { formatBytes } from './catalogue.ts';

const MiB = 1024 * 1024;
const FETCH = /^Fetching param cache\[(\d+)\/(\d+)\]:\s*(\d+)MB fetched/;
const LOAD = /^Loading model from cache\[(\d+)\/(\d+)\]:\s*(\d+)MB loaded/;

export function parseInitProgress(report: { progress: number; text: string }): LoadProgress {
  const fraction = Number.isFinite(report.progress) ? Math.min(1, Math.max(0, report.progress)) : 0;
  const text = report.text;
  const fetch = FETCH.exec(text);
  const load = fetch ? null : LOAD.exec(text);
  const match = fetch ?? load;
  if (match) {
    const bytes = Number(match[3]) * MiB;
    // The total is not in the text: the fraction is bytes / total (exact to a MB).
    const totalBytes = fraction > 0 ? Math.round(bytes / fraction) : undefined;
    return { phase: fetch ? 'download' : 'load', fraction, bytes, totalBytes, text };
  }
  if (/^Finish loading/i.test(text)) return { phase: 'ready', fraction: 1, text };
  return { phase: 'prepare', fraction, text };
}

/** Estimates time left from the download rate since the first byte. */
export interface EtaTracker {
  /** Feeds a progress report seen at `nowMs`; returns the seconds left, if known. */
  update(progress: LoadProgress, nowMs: number): number | undefined;
}

export function createEtaTracker(): EtaTracker {
  let start: { ms: number; bytes: number } | undefined;
  return {
    update(progress, nowMs) {
      if (progress.phase !== 'download' || progress.bytes === undefined || progress.totalBytes === undefined) return undefined;
      if (!start || progress.bytes < start.bytes) {
        start = { ms: nowMs, bytes: progress.bytes };
        return undefined;
      }
      const seconds = (nowMs - start.ms) / 1000;
      const done = progress.bytes - start.bytes;
      if (seconds < 0.5 || done <= 0) return undefined;
      return Math.max(0, (progress.totalBytes - progress.bytes) / (done / seconds));
    },
  };
}

/** "45 s", "3 min", "1 h 05 min"; "" when unknown. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** The progress bar's caption. */
export function formatProgress(progress: LoadProgress, etaSeconds?: number): string {
  const percent = `${Math.floor(progress.fraction * 100)}%`;
  if (progress.phase === 'download' && progress.bytes !== undefined) {
    const of = progress.totalBytes !== undefined ? ` of ${formatBytes(progress.totalBytes)}` : '';
    const eta = formatEta(etaSeconds);
    return `Downloading ${formatBytes(progress.bytes)}${of} (${percent})${eta ? ` · ${eta} left` : ''}`;
  }
  if (progress.phase === 'load') return `Loading onto the GPU (${percent})`;
  if (progress.phase === 'ready') return 'Ready';
  return 'Preparing…';
}
