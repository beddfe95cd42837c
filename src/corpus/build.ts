// Builds the corpus from source texts (pure: the caller reads and writes files). Each tune is
// normalised, bar-checked, validated, deduplicated across all files (same normal form apart
// from X: and T:), then assigned to train/valid/test by its title.
import { splitTunes } from '../abc/read.js';
import { formatTune, normalizeTune, type NormalTune } from '../abc/normalize.js';
import { count, invalidReason, totals, type CorpusReport, type FileReport } from './report.js';
import { splitOf, SPLITS, type SplitName } from './split.js';

/** A tune validator, e.g. validateTune from src/abc/validate.ts. */
export type Validate = (abc: string) => { valid: boolean; problems: { bar: number; message: string }[] };

export interface SourceFile {
  name: string;
  text: string;
}

export interface CorpusBuild {
  /** Kept tunes in input order. */
  kept: NormalTune[];
  splits: Record<SplitName, NormalTune[]>;
  report: CorpusReport;
}

/** Binary input (NUL bytes, or mostly undecodable) is not ABC: the file is skipped whole. */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 65536);
  if (head.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0xfffd) bad++;
  return bad > head.length / 20;
}

/** Why a normalised tune is rejected, or undefined to keep it. */
function rejection(tune: NormalTune, validate: Validate | undefined): string | undefined {
  if (tune.barProblems.length > 0) return invalidReason(tune.barProblems[0].message);
  if (!validate) return undefined;
  const v = validate(formatTune(1, tune));
  return v.valid ? undefined : invalidReason(v.problems[0]?.message ?? 'unknown');
}

/** Dedupe key: the normal form without X: and T:. */
function bodyKey(tune: NormalTune): string {
  return tune.text.slice(tune.text.indexOf('\n') + 1);
}

function readFile(file: SourceFile, seen: Set<string>, kept: NormalTune[], validate?: Validate): FileReport {
  const report: FileReport = { file: file.name, read: 0, kept: 0, dropped: {} };
  if (looksBinary(file.text)) return { ...report, note: 'binary file skipped' };
  for (const raw of splitTunes(file.text)) {
    report.read++;
    const r = normalizeTune(raw.text);
    const reason = r.ok ? rejection(r.tune, validate) : r.reason;
    if (reason !== undefined || !r.ok) {
      count(report.dropped, reason ?? 'unknown');
      continue;
    }
    const key = bodyKey(r.tune);
    if (seen.has(key)) {
      count(report.dropped, 'duplicate');
      continue;
    }
    seen.add(key);
    report.kept++;
    kept.push(r.tune);
  }
  return report;
}

/** Normalises, filters, dedupes and splits the given files (in the order given). */
export function buildCorpus(files: SourceFile[], validate?: Validate): CorpusBuild {
  const seen = new Set<string>();
  const kept: NormalTune[] = [];
  const reports = files.map((f) => readFile(f, seen, kept, validate));
  const splits = { train: [], valid: [], test: [] } as Record<SplitName, NormalTune[]>;
  for (const t of kept) splits[splitOf(t.title)].push(t);
  const sizes = Object.fromEntries(SPLITS.map((s) => [s, splits[s].length])) as Record<SplitName, number>;
  return { kept, splits, report: { files: reports, totals: totals(reports), splits: sizes } };
}

/** Tunes in normal form, X: renumbered from 1, separated by one blank line. */
export function formatTunes(tunes: NormalTune[]): string {
  return tunes.map((t, i) => formatTune(i + 1, t)).join('\n');
}
