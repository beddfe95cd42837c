// The import report: what each source file gave, why tunes were dropped, how big each split is.
// Drop reasons from the validator are folded into a few categories so the table stays short.
import type { SplitName } from './split.js';

export interface FileReport {
  file: string;
  read: number;
  kept: number;
  dropped: Record<string, number>;
  /** Set when the file could not be read as ABC text at all (binary, unreadable). */
  note?: string;
}

export interface CorpusReport {
  files: FileReport[];
  totals: { read: number; kept: number; dropped: Record<string, number> };
  splits: Record<SplitName, number>;
}

/** "invalid: Bar 3 has 7 units ..." style messages as a short category without numbers or markup. */
export function invalidReason(message: string): string {
  const plain = message.replace(/<[^>]*>/g, '').replace(/\([^)]*\)/g, '').replace(/[\d/.]+/g, 'N');
  const head = plain.replace(/\s+/g, ' ').split(':')[0].trim().slice(0, 64);
  return `invalid: ${head || 'unknown'}`;
}

export function count(tally: Record<string, number>, reason: string): void {
  tally[reason] = (tally[reason] ?? 0) + 1;
}

export function totals(files: FileReport[]): CorpusReport['totals'] {
  const dropped: Record<string, number> = {};
  for (const f of files) for (const [r, n] of Object.entries(f.dropped)) dropped[r] = (dropped[r] ?? 0) + n;
  return { read: sum(files.map((f) => f.read)), kept: sum(files.map((f) => f.kept)), dropped };
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function pct(kept: number, read: number): string {
  return read === 0 ? '-' : `${((100 * kept) / read).toFixed(1)}%`;
}

/** A plain-text table for the terminal. */
export function formatReport(r: CorpusReport): string {
  const rows = [['file', 'read', 'kept', 'kept %', 'dropped (top reasons)']];
  const line = (f: { read: number; kept: number; dropped: Record<string, number> }, name: string) => {
    const top = Object.entries(f.dropped).sort((a, b) => b[1] - a[1]).slice(0, 4);
    rows.push([name, String(f.read), String(f.kept), pct(f.kept, f.read), top.map(([k, n]) => `${k} ${n}`).join(', ')]);
  };
  for (const f of r.files) line(f, f.note ? `${f.file} (${f.note})` : f.file);
  line(r.totals, 'total');
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const text = rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  const s = r.splits;
  return `${text.join('\n')}\nsplits: train ${s.train}, valid ${s.valid}, test ${s.test}\n`;
}
