// Storage quota checks before writing something large (a big session, a model's
// weights): navigator.storage.estimate() tells how much of the origin's quota is
// used. The estimate is approximate and may be missing (older browsers, some private
// modes), so "unknown" lets the write go ahead — writers must still handle a
// QuotaExceededError (see autosave.ts).
import { errorText } from '../../workers/shared/async.ts';

export interface StorageEstimator {
  estimate(): Promise<{ usage?: number; quota?: number }>;
}

export type QuotaCheck =
  | { ok: true; known: true; usage: number; quota: number; available: number }
  | { ok: true; known: false; reason: string }
  | { ok: false; known: true; usage: number; quota: number; available: number; needed: number; message: string };

export interface QuotaOptions {
  /** Part of the quota kept free for everything else (autosave, Pyodide caches); default 5 %. */
  reserveFraction?: number;
  /** What is being saved, for the message ("the model Qwen2.5-Coder 1.5B"). */
  what?: string;
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} ${units[0]}` : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

const defaultEstimator = (): StorageEstimator | undefined => (globalThis.navigator as Navigator | undefined)?.storage;

/** Whether bytesNeeded more bytes fit in the origin's storage quota (with a reserve). */
export async function checkQuota(
  bytesNeeded: number,
  estimator: StorageEstimator | undefined = defaultEstimator(),
  options: QuotaOptions = {},
): Promise<QuotaCheck> {
  if (!Number.isFinite(bytesNeeded) || bytesNeeded < 0) throw new RangeError(`bytesNeeded must be a non-negative number, got ${bytesNeeded}`);
  if (!estimator?.estimate) return { ok: true, known: false, reason: 'this browser does not report its storage quota' };
  let estimate: { usage?: number; quota?: number };
  try {
    estimate = await estimator.estimate();
  } catch (error) {
    return { ok: true, known: false, reason: `the storage estimate failed: ${errorText(error)}` };
  }
  const { usage, quota } = estimate;
  if (typeof usage !== 'number' || typeof quota !== 'number' || quota <= 0)
    return { ok: true, known: false, reason: 'the browser gave no usable storage estimate' };
  const reserve = quota * (options.reserveFraction ?? 0.05);
  const available = Math.max(0, quota - usage - reserve);
  if (bytesNeeded <= available) return { ok: true, known: true, usage, quota, available };
  const what = options.what ?? 'This';
  return {
    ok: false,
    known: true,
    usage,
    quota,
    available,
    needed: bytesNeeded,
    message:
      `${what} needs ${formatBytes(bytesNeeded)} of browser storage, but only ${formatBytes(available)} is free ` +
      `(${formatBytes(usage)} of ${formatBytes(quota)} used). Delete cached models or other site data, then try again.`,
  };
}
