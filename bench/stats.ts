// Small statistics and table helpers shared by the benchmarks.

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Prints rows as an aligned text table (first row is the header). */
export function printTable(title: string, rows: (string | number)[][]): void {
  const text = rows.map((row) => row.map(String));
  const widths = text[0]!.map((_, col) => Math.max(...text.map((row) => row[col]?.length ?? 0)));
  const line = (row: string[]) => row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ');
  console.log(`\n${title}`);
  console.log(line(text[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of text.slice(1)) console.log(line(row));
}
