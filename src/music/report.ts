// The music-quality report: a set's figures beside a reference's (regular form, tonic ending,
// played length, title words and copies) and the Jensen-Shannon divergence of their style
// histograms. Shares are fractions 0..1, rounded for output. Pure (tier 1).
import { HISTOGRAM_NAMES, jensenShannon, type HistogramName } from './histograms.js';
import type { SetStats } from './measure.js';
import { knownWordShare, titleCopyShare, wordsOfTitles } from './titles.js';

export interface MusicReport {
  tunes: number;
  measured: number;
  regularForm: number;
  tonicEnd: number;
  medianBars: number;
  /** Share of title words in the English list or among the reference's title words. */
  titleWords: number;
  /** Share of title words in the English list alone (comparable between set and reference). */
  titleEnglish: number;
  titleCopies: number;
  /** Bits; null when the set has no measured notes. */
  jsd: Record<HistogramName, number | null>;
}

/** Figures of one set on its own (the reference column of the table). */
export type SetFigures = Pick<SetStats, 'tunes' | 'measured' | 'normalised' | 'regularForm' | 'tonicEnd' | 'medianBars'> & {
  titleEnglish: number;
};

const round = (x: number, places: number) => Number(x.toFixed(places));

export function setFigures(s: SetStats, isEnglish: (word: string) => boolean): SetFigures {
  return {
    tunes: s.tunes,
    measured: s.measured,
    normalised: s.normalised,
    regularForm: round(s.regularForm, 4),
    tonicEnd: round(s.tonicEnd, 4),
    medianBars: round(s.medianBars, 2),
    titleEnglish: round(knownWordShare(s.titles, isEnglish), 4),
  };
}

/** The set's report against the reference. */
export function musicReport(set: SetStats, reference: SetStats, isEnglish: (word: string) => boolean): MusicReport {
  const own = setFigures(set, isEnglish);
  const referenceWords = wordsOfTitles(reference.titles);
  const jsd = {} as Record<HistogramName, number | null>;
  for (const name of HISTOGRAM_NAMES) {
    const d = jensenShannon(set.histograms[name], reference.histograms[name]);
    jsd[name] = d === undefined ? null : round(d, 5);
  }
  return {
    tunes: own.tunes,
    measured: own.measured,
    regularForm: own.regularForm,
    tonicEnd: own.tonicEnd,
    medianBars: own.medianBars,
    titleWords: round(knownWordShare(set.titles, (w) => isEnglish(w) || referenceWords.has(w)), 4),
    titleEnglish: own.titleEnglish,
    titleCopies: round(titleCopyShare(set.titles, reference.titles), 4),
    jsd,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const measured = (f: SetFigures) => (f.normalised ? `${f.measured} (${f.normalised} normalised)` : String(f.measured));

/** The report as a readable two-column table (set vs reference). */
export function formatMusicReport(
  report: MusicReport,
  figures: { set: SetFigures; reference: SetFigures },
  names: { set: string; reference: string },
): string {
  const reference = figures.reference;
  type Row = [string, string, string];
  const rows: Row[] = [
    ['', names.set, names.reference],
    ['tunes', String(report.tunes), String(reference.tunes)],
    ['measured', measured(figures.set), measured(reference)],
    ['regular form', pct(report.regularForm), pct(reference.regularForm)],
    ['ends on the tonic', pct(report.tonicEnd), pct(reference.tonicEnd)],
    ['median played bars', String(report.medianBars), String(reference.medianBars)],
    ['title words in English list', pct(report.titleEnglish), pct(reference.titleEnglish)],
    ['title words, English or reference', pct(report.titleWords), '-'],
    ['titles copied from reference', pct(report.titleCopies), '-'],
    ...HISTOGRAM_NAMES.map((n): Row => [`JSD ${n} (bits)`, report.jsd[n]?.toFixed(4) ?? '-', '0']),
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: Row) => `${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padStart(widths[2])}`;
  return rows.map(line).join('\n');
}
