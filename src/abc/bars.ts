// Bar durations of a resolved body: what the line layout, the bar check and the re-barring need.
// Durations are in unit lengths (L:) and count tuplets ((p:q:r: r notes take q/p of their
// written length) and broken rhythm (`>`: 3/2 then 1/2; `>>`: 7/4 then 1/4; `<` the reverse).
import { add, div, equals, frac, mul, ZERO, type Frac } from './fraction.js';
import { meterValue } from './key.js';
import { defaultTupletQ } from './body-resolve.js';
import { isTimed, type Token } from './body-tokens.js';

export interface Bar {
  /** Index of the bar line token that closes the bar, or -1 for the unclosed last bar. */
  close: number;
  /** Index of the bar line token before the bar, or -1 at the start. */
  open: number;
  duration: Frac;
  /** The length a full bar has under the meter in force at its end, in unit lengths. */
  full: Frac;
  /** Notes, rests and chords in the bar. */
  events: number;
  /** Indices of `eol` tokens where this bar was exactly full. */
  fullAtEol: number[];
}

export const BROKEN: Record<string, [Frac, Frac]> = {
  '>': [frac(3, 2), frac(1, 2)],
  '>>': [frac(7, 4), frac(1, 4)],
  '>>>': [frac(15, 8), frac(1, 8)],
  '<': [frac(1, 2), frac(3, 2)],
  '<<': [frac(1, 4), frac(7, 4)],
  '<<<': [frac(1, 8), frac(15, 8)],
};

function writtenLength(t: Token): Frac {
  if (t.kind === 'note' || t.kind === 'rest') return t.len;
  if (t.kind === 'chord') return mul(t.notes[0].len, t.len);
  return ZERO;
}

interface Walk {
  bar: Bar;
  tupletLeft: number;
  tupletFactor: Frac;
  nextFactor: Frac | undefined;
  last: { bar: Bar; len: Frac } | undefined;
  meter: string;
}

function timedEvent(w: Walk, t: Token): void {
  let len = writtenLength(t);
  if (w.tupletLeft > 0) {
    len = mul(len, w.tupletFactor);
    w.tupletLeft--;
  }
  if (w.nextFactor) len = mul(len, w.nextFactor);
  w.nextFactor = undefined;
  w.bar.duration = add(w.bar.duration, len);
  w.bar.events++;
  w.last = { bar: w.bar, len };
}

function brokenRhythm(w: Walk, text: string): void {
  const pair = BROKEN[text];
  if (!w.last) return;
  const extra = mul(w.last.len, frac(pair[0].n - pair[0].d, pair[0].d));
  w.last.bar.duration = add(w.last.bar.duration, extra);
  w.nextFactor = pair[1];
}

/** Splits the body into bars with their durations. */
export function measureBars(tokens: Token[], meter: string, unit: Frac): Bar[] {
  const fullOf = (m: string) => div(meterValue(m), unit);
  const fresh = (open: number, m: string): Bar => ({ open, close: -1, duration: ZERO, full: fullOf(m), events: 0, fullAtEol: [] });
  const bars: Bar[] = [];
  const w: Walk = { bar: fresh(-1, meter), tupletLeft: 0, tupletFactor: frac(1), nextFactor: undefined, last: undefined, meter };
  tokens.forEach((t, i) => {
    if (t.kind === 'tuplet') {
      w.tupletLeft = t.r || t.p;
      w.tupletFactor = frac(t.q || defaultTupletQ(t.p, w.meter), t.p);
    } else if (t.kind === 'broken') brokenRhythm(w, t.text);
    else if (t.kind === 'field' && t.key === 'M') {
      w.meter = t.value;
      w.bar.full = fullOf(t.value);
    } else if (t.kind === 'bar') {
      w.bar.close = i;
      bars.push(w.bar);
      w.bar = fresh(i, w.meter);
    } else if (t.kind === 'note' || t.kind === 'rest' || t.kind === 'chord') timedEvent(w, t);
    else if (t.kind === 'eol' && w.bar.events > 0 && equals(w.bar.duration, w.bar.full)) w.bar.fullAtEol.push(i);
  });
  if (w.bar.events > 0) bars.push(w.bar);
  return bars;
}

/**
 * A source line that ends on an exactly full bar, with music (not a bar line) next, lacks a
 * bar line there: one is inserted. All `eol` tokens are removed.
 */
export function closeFullLines(tokens: Token[], bars: Bar[]): Token[] {
  const fullEols = new Set(bars.flatMap((b) => b.fullAtEol));
  const musicNext = new Array<boolean>(tokens.length + 1).fill(false); // linear: one pass from the end
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    musicNext[i] = t.kind === 'eol' || t.kind === 'field' ? musicNext[i + 1] : isTimed(t) || t.kind === 'tuplet';
  }
  const out: Token[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'eol') return out.push(t);
    if (fullEols.has(i) && musicNext[i + 1]) out.push({ kind: 'bar', text: '|', ending: '' });
  });
  return out;
}
