// Turns a tune parsed by abcjs (`parseOnly`) into a flat list of measures and bar lines.
// Durations are in whole notes, with tuplet multipliers applied (abcjs already folds broken
// rhythm `>`/`<` into note durations and leaves grace notes out). Inline and body `M:` changes
// are followed. Only the first voice of the first staff is read.
import { kindOfAbcjs } from './bar-lines.js';
import type { TimedBar } from './bar-lengths.js';

/** A bar line as abcjs reports it, e.g. `bar_thin`, `bar_right_repeat`. */
export interface BarLine {
  type: string;
  /** Label of an ending that starts here (`1`, `2`, `1,3`). */
  startEnding?: string;
  /** True when an ending finishes at this bar line. */
  endEnding: boolean;
  /** Number of the measure before this bar line (0 when none yet). */
  afterMeasure: number;
}

/** The notes between two bar lines that take time. */
export interface Measure {
  /** 1-based position among measures. */
  number: number;
  /** Total duration in whole notes. */
  duration: number;
  /** Length the meter asks for, in whole notes; null for free meter (`M:none`). */
  meterLength: number | null;
  /** Bar lines between the previous measure (or the tune start) and this one. */
  before: BarLine[];
  /** Bar lines between this measure and the next one (or the tune end). */
  after: BarLine[];
  /** Label of the ending this measure is in, if any. */
  ending?: string;
  /** True for the first measure of an ending. */
  endingStart: boolean;
}

/** A measure as the ABC layer's bar-length rule reads it (bar-lengths.ts). */
export function timedBar(m: Measure): TimedBar {
  const kinds = (lines: BarLine[]) => lines.map((b) => kindOfAbcjs(b.type));
  return { number: m.number, duration: m.duration, meterLength: m.meterLength, before: kinds(m.before), after: kinds(m.after), ending: m.ending, endingStart: m.endingStart };
}

export interface MeasureList {
  measures: Measure[];
  barLines: BarLine[];
  /** Ties to another pitch and broken rhythm between unequal notes (bar = where found). */
  noteProblems: { bar: number; message: string }[];
}

type Elem = Record<string, unknown>;

/** Bar length of an abcjs meter object in whole notes; undefined when it cannot be read. */
export function meterLength(meter: unknown): number | null | undefined {
  if (!meter || typeof meter !== 'object') return undefined;
  const m = meter as { type?: string; value?: { num?: string; den?: string }[] };
  if (m.type === 'common_time') return 1;
  if (m.type === 'cut_time') return 1;
  if (m.type !== 'specified' || !Array.isArray(m.value) || m.value.length === 0) return null;
  let total = 0;
  for (const part of m.value) {
    const num = String(part.num ?? '').split('+').reduce((s, x) => s + Number(x), 0);
    const den = Number(part.den);
    if (!Number.isFinite(num) || !Number.isFinite(den) || den <= 0 || num <= 0) return null;
    total += num / den;
  }
  return total;
}

class Walker {
  measures: Measure[] = [];
  barLines: BarLine[] = [];
  private pending: BarLine[] = [];
  private duration = 0;
  private meter: number | null;
  private measureMeter: number | null = null;
  private tupletFactor = 1;
  private ending: string | undefined;
  private endingStartPending = false;
  private tiedPitches: number[] = [];
  private broken: { duration: number; marks: string } | null = null;
  noteProblems: { bar: number; message: string }[] = [];

  constructor(meter: number | null, private readonly text: string) {
    this.meter = meter;
  }

  note(el: Elem): void {
    this.checkTie(el);
    if (typeof el.startTriplet === 'number' && typeof el.tripletMultiplier === 'number') {
      this.tupletFactor = el.tripletMultiplier;
    }
    const d = typeof el.duration === 'number' && Number.isFinite(el.duration) ? el.duration : 0;
    this.checkBroken(el, d * this.tupletFactor);
    if (d > 0 && this.duration === 0) this.measureMeter = this.meter;
    this.duration += d * this.tupletFactor;
    if (el.endTriplet) this.tupletFactor = 1;
  }

  /** A tie must join a note to the next one of the same pitch (abc2midi: "could not find note"). */
  private checkTie(el: Elem): void {
    const pitches = Array.isArray(el.pitches) ? (el.pitches as Elem[]) : [];
    if (this.tiedPitches.length > 0) {
      const here = new Set(pitches.map((p) => p.pitch));
      if (!this.tiedPitches.every((p) => here.has(p))) {
        const bar = this.measures.length + (this.duration > 0 ? 1 : 0);
        this.noteProblems.push({ bar, message: 'tie (-) to a different note or a rest' });
      }
    }
    this.tiedPitches = pitches.filter((p) => p.startTie).map((p) => Number(p.pitch));
  }

  /** `>`/`<` must join two notes of equal length (abc2midi refuses others), so the lengths
   * abcjs gives back must be 3:1, 7:1 or 15:1 (or the inverse for `<`), tuplets included:
   * `(3ABc>d` joins a triplet note to a plain one, which abc2midi refuses too. */
  private checkBroken(el: Elem, d: number): void {
    if (this.broken) {
      const { duration, marks } = this.broken;
      const ratio = marks[0] === '>' ? duration / d : d / duration;
      if (Math.abs(ratio - (2 ** (marks.length + 1) - 1)) > 1e-6) {
        const bar = this.measures.length + 1;
        this.noteProblems.push({ bar, message: `broken rhythm (${marks}) between notes of unequal length` });
      }
    }
    const start = Number(el.startChar);
    const end = Number(el.endChar);
    const src = Number.isInteger(start) && Number.isInteger(end) ? this.text.slice(start, end) : '';
    const m = /(>+|<+)\s*$/.exec(src);
    this.broken = m && d > 0 ? { duration: d, marks: m[1] } : null;
  }

  bar(el: Elem): void {
    this.close();
    if (el.endEnding) this.ending = undefined;
    const line: BarLine = {
      type: String(el.type ?? 'bar_thin'),
      endEnding: Boolean(el.endEnding),
      afterMeasure: this.measures.length,
    };
    if (typeof el.startEnding === 'string') {
      line.startEnding = el.startEnding;
      this.ending = el.startEnding;
      this.endingStartPending = true;
    }
    this.barLines.push(line);
    this.pending.push(line);
    const last = this.measures[this.measures.length - 1];
    if (last) last.after.push(line);
  }

  tiedPitchesLeft(): boolean {
    return this.tiedPitches.length > 0;
  }

  setMeter(meter: unknown): void {
    const len = meterLength(meter);
    if (len !== undefined) this.meter = len;
  }

  close(): void {
    if (this.duration <= 1e-9) return;
    this.measures.push({
      number: this.measures.length + 1,
      duration: this.duration,
      meterLength: this.measureMeter,
      before: this.pending,
      after: [],
      ending: this.ending,
      endingStart: this.endingStartPending,
    });
    this.pending = [];
    this.duration = 0;
    this.endingStartPending = false;
  }
}

/** The staff lines of a parsed tune, skipping text-only lines. */
function staffVoices(tune: Elem): { meter: unknown; items: Elem[] }[] {
  const lines = Array.isArray(tune.lines) ? (tune.lines as Elem[]) : [];
  const out: { meter: unknown; items: Elem[] }[] = [];
  for (const line of lines) {
    const staff = Array.isArray(line.staff) ? (line.staff[0] as Elem | undefined) : undefined;
    const voice = staff && Array.isArray(staff.voices) ? staff.voices[0] : undefined;
    if (staff && Array.isArray(voice)) out.push({ meter: staff.meter, items: voice as Elem[] });
  }
  return out;
}

/** Walks the first voice of a parsed tune and returns its measures and bar lines. */
export function extractMeasures(tune: unknown, text: string): MeasureList {
  const walker = new Walker(null, text);
  if (!tune || typeof tune !== 'object') return { measures: [], barLines: [], noteProblems: [] };
  for (const line of staffVoices(tune as Elem)) {
    if (line.meter) walker.setMeter(line.meter);
    for (const el of line.items) {
      if (!el || typeof el !== 'object') continue;
      if (el.el_type === 'note') walker.note(el);
      else if (el.el_type === 'bar') walker.bar(el);
      else if (el.el_type === 'meter') walker.setMeter(el);
    }
  }
  walker.close();
  if (walker.tiedPitchesLeft()) walker.noteProblems.push({ bar: walker.measures.length, message: 'tie (-) at the end of the tune' });
  return { measures: walker.measures, barLines: walker.barLines, noteProblems: walker.noteProblems };
}
