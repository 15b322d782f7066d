// The words of a package download for the status bar: "Loading numpy 3.3 MB… (2 of 5)".
import type { PackageProgress } from './store.ts';

function megabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return mb >= 10 ? mb.toFixed(0) : mb >= 0.1 ? mb.toFixed(1) : mb.toFixed(2);
}

export function packageProgressText(p: PackageProgress): string {
  const size = p.totalBytes !== undefined ? ` ${megabytes(p.totalBytes)} MB` : '';
  const count = p.count > 1 ? ` (${p.index} of ${p.count})` : '';
  return `Loading ${p.name}${size}…${count}`;
}

/** 0..1, or undefined while the size is unknown. */
export function packageProgressFraction(p: PackageProgress): number | undefined {
  return p.totalBytes ? Math.min(1, p.loadedBytes / p.totalBytes) : undefined;
}
