// The ABC normaliser: turns one tune as people write it into the normal form the model is
// trained on, or says why the tune is dropped. Pure (no I/O); linear in the tune's length.
//
// NORMAL FORM (fixed; the model is trained on it - keep corpus-abc/README.md in step)
//   X:<n>      renumbered 1..N per output file (formatTune)
//   T:<title>  first non-empty T:, spaces collapsed, trailing dots removed; none -> "no title"
//   M:<n/d>    C -> 4/4, C| -> 2/2; missing/none -> "no meter"; other forms, and a d that is not
//              a power of two (abc2midi refuses M:3/3) -> "unsupported meter"
//   L:<1/d>    always written, d a power of two up to 64; absent -> 1/16 if the meter is below 3/4,
//              else 1/8; L:n/d -> L:1/d with every length times n; others -> "bad unit length"
//   K:<key>    tonic (A-G, optional # or b) + maj|min|dor|phr|lyd|mix|loc; clef and other
//              attributes dropped; K:Hp -> Amix; K:HP, K:none, explicit accidentals -> "unsupported key"
// Body: notes with accidentals and octave marks (c, written C; C' written c), canonical lengths
// (no 1, / for 1/2, /4, 3/2; a length whose denominator is not a power of two -> "bad length"),
// rests z (x -> z; Z/Zn expanded to whole-bar rests, within 100,000 tokens), ties - (only
// between equal pitches; other `-` are slur marks and go), broken rhythm > < >>, tuplets (p, or
// (p:q / (p:q:r when q, r are not the defaults), chords [ceg]2, bar lines | || |] |: :| :: with
// endings |1 :|2 ([1 -> |1, :|[2 -> :|2, ||1 -> |1, :|: -> ::), mid-tune key and meter changes
// as inline [K:...] [M:...] fields normalised like the header. A mid-tune L: is applied by
// rescaling the following lengths into the header L:.
// Repeats made explicit (repeats.ts): a part repeated with only `:|` gets its start (`::`/`|:`),
// an unclosed start is removed, a tune ending on | or || ends on |].
// Repairs, each only where a bar does not fit the meter: tuplets (5 (6 (7 (9 get the ratio that
// fills the bar, 5:4 6:4 9:8 (tuplet-fit.ts); a source line ending on a full bar gets its
// missing bar line (bars.ts); invisible spacer rests x that overfill a bar go (spacers.ts);
// a part's last bar that with the next part's pickup runs past a bar gives the overrun up
// from its trailing rests or last note (repair.ts); plain bar lines left out, doubled or
// misplaced are re-set where the stretch of music is whole bars (rebar.ts); a short last bar
// of a part not completed by the next part's pickup, or before a `:|` whose repeat starts on a
// full bar, has its last note held longer (repair.ts).
// Removed: every other field (R: included: it is optional, and abc2midi rejects R:hornpipe
// outside 2/4 and 4/4), comments, %% directives, chord symbols and annotations "...",
// decorations !..! +..+ and ~.HLMOPSTuv (and other non-note letters), slurs, grace notes {..},
// backticks, y spacers, $, \ and ! line breaks, spaces, blank lines.
// Lines (layout.ts): a body line ends after :| || |] :: and before a mid-line |:, otherwise
// after every 4th full-length bar (short bars do not count; a bar line opening an ending never
// ends a line). A line that would begin with a letter and a colon (`A:|`, read as a header
// field) is joined to the line before; a body that begins so is dropped. The body ends with "\n".
// Dropped: several voices (V:, &) "multi-voice"; no notes; fewer than 4 bars "too short"; text
// over 100,000 characters. Bar lengths are checked by bar-check.ts (barProblems).
import { readHeader, type HeaderField } from './read.js';
import { defaultUnit, headerUnit, normalizeKey, normalizeMeter, stripComment } from './key.js';
import { ONE, type Frac } from './fraction.js';
import { LexError, lexLine } from './body-lexer.js';
import { resolveBody } from './body-resolve.js';
import { closeFullLines, measureBars } from './bars.js';
import { repairRepeats } from './repeats.js';
import { fillPartEnds, fillRepeatEnds, trimPartEnds } from './repair.js';
import { fitTuplets } from './tuplet-fit.js';
import { dropSpacers } from './spacers.js';
import { rebar } from './rebar.js';
import { layoutBody } from './layout.js';
import { checkBars, type BarProblem } from './bar-check.js';
import type { Token } from './body-tokens.js';

export interface NormalTune {
  title: string;
  /** The tune from its T: line to the end of the body (no X: line). */
  text: string;
  /** Bar-length problems found while laying out the body (empty for a clean tune). */
  barProblems: BarProblem[];
}

export type NormalizeResult = { ok: true; tune: NormalTune } | { ok: false; reason: string };

/** Real tunes are a few kilobytes; a longer "tune" is junk and would only cost memory. */
const MAX_TUNE_CHARS = 100_000;

/** A tune in normal form with its X: number. */
export function formatTune(n: number, tune: NormalTune): string {
  return `X:${n}\n${tune.text}`;
}

/** Normalises one tune (text from its X: line); never throws on bad input. */
export function normalizeTune(raw: string): NormalizeResult {
  if (raw.length > MAX_TUNE_CHARS) return { ok: false, reason: 'tune text too long' };
  try {
    return { ok: true, tune: normalizeOrThrow(raw) };
  } catch (e) {
    if (e instanceof LexError) return { ok: false, reason: e.message };
    throw e;
  }
}

function title(fields: HeaderField[]): string {
  for (const f of fields) {
    if (f.key !== 'T') continue;
    const t = trimEndDots(f.value.replace(/\s+/g, ' ').trim());
    if (t !== '') return t;
  }
  throw new LexError('no title');
}

/** Drops trailing dots and spaces (a loop, not a regex: no backtracking on long lines). */
function trimEndDots(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === '.' || s[end - 1] === ' ')) end--;
  return s.slice(0, end);
}

interface Header {
  meter?: string;
  unit?: string;
  key?: string;
}

function headerValues(fields: HeaderField[]): Header {
  const h: Header = {};
  for (const f of fields) {
    if (f.key === 'M') h.meter = f.value;
    else if (f.key === 'L') h.unit = f.value;
    else if (f.key === 'K') h.key = f.value;
  }
  return h;
}

const BODY_FIELD = /^([A-Za-z]):/;

/** Lexes body lines; field lines K: M: L: become field tokens, other fields are dropped. */
function lexBody(lines: string[], voices: Set<string>): Token[] {
  const tokens: Token[] = [];
  for (const line of lines) {
    if (line.startsWith('%')) continue;
    const m = BODY_FIELD.exec(line);
    if (m && !/^[A-Ga-g]:[|:]/.test(line)) {
      const value = stripComment(line.slice(2));
      if (m[1] === 'V') voices.add(value.split(/\s/)[0]);
      if ('KML'.includes(m[1])) tokens.push({ kind: 'field', key: m[1], value });
      continue;
    }
    lexLine(stripLineComment(line), tokens);
    tokens.push({ kind: 'eol' });
  }
  if (voices.size > 1) throw new LexError('multi-voice');
  return tokens;
}

function stripLineComment(line: string): string {
  const i = line.indexOf('%');
  return i < 0 ? line : line.slice(0, i);
}

/** Field tokens before the first note or bar line complete the header instead. */
function absorbLeadingFields(tokens: Token[], h: Header): Token[] {
  let i = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'field') break;
    if (t.key === 'M') h.meter = t.value;
    else if (t.key === 'L') h.unit = t.value;
    else h.key = t.value;
  }
  return tokens.slice(i);
}

function must<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!r.ok) throw new LexError(r.reason);
  return r.value;
}

function normalizeOrThrow(raw: string): NormalTune {
  const { fields, bodyStart } = readHeader(raw);
  if (!fields.some((f) => f.key === 'K')) throw new LexError('no key');
  const name = title(fields);
  const voices = new Set(fields.filter((f) => f.key === 'V').map((f) => f.value.split(/\s/)[0]));
  const h = headerValues(fields);
  const lexed = absorbLeadingFields(lexBody(raw.split('\n').slice(bodyStart), voices), h);
  if (h.meter === undefined) throw new LexError('no meter');
  const meter = must(normalizeMeter(h.meter));
  const units = h.unit === undefined ? { unit: defaultUnit(meter), scale: ONE } : headerUnit(h.unit);
  if (!units) throw new LexError('bad unit length');
  const { unit } = units;
  const key = must(normalizeKey(h.key ?? ''));
  const tokens = repairBars(resolveBody(lexed, meter, key, unit, units.scale), meter, unit);
  const bars = measureBars(tokens, meter, unit);
  const timed = bars.filter((b) => b.events > 0).length;
  if (timed === 0) throw new LexError('no notes');
  if (timed < 4) throw new LexError('too short');
  const head = [`T:${name}`, `M:${meter}`, `L:${unitText(unit)}`, `K:${key}`];
  const text = head.join('\n') + '\n' + layoutBody(tokens, bars);
  return { title: name, text, barProblems: checkBars(tokens, bars, unit) };
}

/** The repairs, in order: each may only make bar lengths fit where they did not. */
function repairBars(resolved: Token[], meter: string, unit: Frac): Token[] {
  const fitted = fitTuplets(resolved, meter, unit);
  const repeated = repairRepeats(closeFullLines(fitted, measureBars(fitted, meter, unit)));
  const spaced = dropSpacers(repeated, meter, unit);
  const trimmed = trimPartEnds(spaced, measureBars(spaced, meter, unit));
  const rebarred = rebar(trimmed, meter, unit);
  const filled = fillPartEnds(rebarred, measureBars(rebarred, meter, unit));
  return fillRepeatEnds(filled, measureBars(filled, meter, unit));
}

function unitText(unit: Frac): string {
  return `${unit.n}/${unit.d}`;
}
