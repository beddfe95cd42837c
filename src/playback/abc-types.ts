// The parts of an abcjs parsed tune (from `parseOnly` or `renderAbc`) that playback reads.
// Typed here, loosely, so the pure playback code needs neither abcjs's types nor a DOM.

export interface AbcPitch {
  /** Staff position: 0 is middle C, 7 the C above. */
  pitch: number;
  accidental?: string;
  startTie?: object;
  endTie?: boolean;
}

export interface AbcKey {
  accidentals?: { acc: string; note: string }[];
}

export interface AbcElement {
  el_type: string;
  /** Bars: bar_thin, bar_left_repeat, bar_right_repeat, bar_dbl_repeat, ... */
  type?: string;
  startEnding?: string;
  endEnding?: boolean;
  /** Notes: length in whole notes before any tuplet scaling. */
  duration?: number;
  pitches?: AbcPitch[];
  rest?: object;
  startTriplet?: number;
  tripletMultiplier?: number;
  endTriplet?: boolean;
  /** Key changes inside a voice carry the new signature's accidentals. */
  accidentals?: { acc: string; note: string }[];
  startChar: number;
  endChar: number;
}

export interface AbcTune {
  lines: { staff?: { key?: AbcKey; voices?: AbcElement[][] }[] }[];
  metaText?: { tempo?: { duration?: number[]; bpm?: number } };
  getBeatLength(): number;
  getMeterFraction(): { num: number; den: number };
}
