// Measures tunes from their ABC text: abcjs parses each tune, the project's playback code
// builds its note events (repeats and endings unfolded, as abc2midi plays them), and the
// melody gives form, ending and style histograms. A tune is read as written; only one that
// cannot be measured so is put in the corpus normal form first. Pure (tier 1).
import abcjs from 'abcjs';
import { formatTune, normalizeTune } from '../abc/normalize.js';
import { field, readHeader } from '../abc/read.js';
import type { AbcTune } from '../playback/abc-types.js';
import { buildNoteEvents } from '../playback/notes.js';
import { endsOnTonic, isRegularForm, playedBars } from './form.js';
import { addMelody, emptyHistograms, mergeHistograms, type StyleHistograms } from './histograms.js';
import { barLength, melodyNotes, tonicPitchClass, type KeyedTune } from './melody.js';

export interface TuneMeasure {
  /** Played length in bars of the tune's (first) meter. */
  bars: number;
  regular: boolean;
  tonicEnd: boolean;
  histograms: StyleHistograms;
  /** Measured from the tune's normal form, as written it could not be. */
  normalised: boolean;
}

export interface SetStats {
  /** Tunes in the set, measured or not. */
  tunes: number;
  /** Tunes abcjs parsed into at least one note with a known tonic. */
  measured: number;
  /** Of those, the tunes measured only after normalising. */
  normalised: number;
  /** Shares of the measured tunes. */
  regularForm: number;
  tonicEnd: number;
  medianBars: number;
  /** Every tune's first T: ('' when it has none). */
  titles: string[];
  /** Counts pooled over the measured tunes' melody notes. */
  histograms: StyleHistograms;
}

/**
 * One tune's figures, as written or else in normal form (a raw tune may trip abcjs, such as a field
 * it does not know before K:); undefined when neither gives notes with a known tonic.
 */
export function measureTune(text: string): TuneMeasure | undefined {
  const written = measureParsed(text, false);
  if (written) return written;
  try {
    const normal = normalizeTune(text);
    return normal.ok ? measureParsed(formatTune(1, normal.tune), true) : undefined;
  } catch {
    return undefined; // the normaliser gave up on it
  }
}

function measureParsed(text: string, normalised: boolean): TuneMeasure | undefined {
  try {
    const tune = abcjs.parseOnly(text)[0] as unknown as (AbcTune & KeyedTune) | undefined;
    if (!tune || tune.lines.length === 0) return undefined;
    const tonic = tonicPitchClass(tune);
    const events = buildNoteEvents(tune);
    const melody = melodyNotes(events);
    if (tonic === undefined || melody.length === 0) return undefined;
    const bars = playedBars(events, barLength(tune));
    const histograms = emptyHistograms();
    addMelody(histograms, melody, tonic);
    return { bars, regular: isRegularForm(bars), tonicEnd: endsOnTonic(melody, tonic), histograms, normalised };
  } catch {
    return undefined; // abcjs or a malformed parse: the tune counts as not measured
  }
}

/** The first T: of a tune's header, or ''. */
export function tuneTitle(text: string): string {
  return field(readHeader(text).fields, 'T') ?? '';
}

/** The median of a list of numbers (0 for an empty list). */
export function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Figures of a set of tunes, each given as its ABC text. */
export function measureSet(texts: string[]): SetStats {
  const measures = texts.map(measureTune).filter((m): m is TuneMeasure => m !== undefined);
  const histograms = emptyHistograms();
  for (const m of measures) mergeHistograms(histograms, m.histograms);
  const share = (pick: (m: TuneMeasure) => boolean) =>
    measures.length ? measures.filter(pick).length / measures.length : 0;
  return {
    tunes: texts.length,
    measured: measures.length,
    normalised: measures.filter((m) => m.normalised).length,
    regularForm: share((m) => m.regular),
    tonicEnd: share((m) => m.tonicEnd),
    medianBars: median(measures.map((m) => m.bars)),
    titles: texts.map(tuneTitle),
    histograms,
  };
}
