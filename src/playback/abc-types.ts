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
  /** Tonic letter ('A'), or 'none' / 'HP' / 'Hp' for keys without one. */
  root?: string;
  /** '#', 'b' or ''. */
  acc?: string;
  /** '' (major), 'm', 'Dor', 'Mix', ... */
  mode?: string;
}

/** An abcjs meter: `type` 'specified' with values, or 'common_time' / 'cut_time'. */
export interface AbcMeter {
  type?: string;
  value?: { num: string; den: string }[];
}

export interface AbcElement {
  el_type: string;
  /** Bars: bar_thin, bar_left_repeat, bar_right_repeat, bar_dbl_repeat, ...; meters: see AbcMeter. */
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
  /** Key changes inside a voice carry the new signature's accidentals, tonic and mode. */
  accidentals?: { acc: string; note: string }[];
  root?: string;
  acc?: string;
  mode?: string;
  /** Meter changes inside a voice. */
  value?: { num: string; den: string }[];
  startChar: number;
  endChar: number;
}

export interface AbcTune {
  lines: { staff?: { key?: AbcKey; meter?: AbcMeter; voices?: AbcElement[][] }[] }[];
  metaText?: { title?: string; rhythm?: string; tempo?: { duration?: number[]; bpm?: number } };
  getBeatLength(): number;
  getMeterFraction(): { num: number; den: number };
}
