// Beat grouping for ABC that people read: spaces between notes where a beat group ends, so
// abcjs and abcm2ps beam as players write (`GAB cde` in 6/8, `ABcd efga` in a reel). Applied
// on the way out only; the model's normal form keeps no spaces. Pure and idempotent; it changes
// nothing but spaces, so removing them gives the normal form back. Groups, measured from a full
// bar's start (a pickup is measured back from its bar line, so it sits at a full bar's end):
//   n/8, n/16 with n a multiple of 3 (3/8 6/8 9/8 12/8): three eighths (the dotted beat);
//   4/4 and 2/2: a half bar made of four plain eighths is one group, otherwise by the quarter;
//   every other meter (2/4 3/4 6/4 3/2 5/4 ...): its beat 1/d (2/4: a quarter, sixteenths too).
// A note as long as its group or longer stands alone. A tuplet, a broken-rhythm pair (`A>B`),
// a tie's `-` after its note and a tuplet or field mark before its note are never split.
import { field, readHeader } from './read.js';
import { LexError, lexLine } from './body-lexer.js';
import { isTimed, renderToken, type Token } from './body-tokens.js';
import { BROKEN, measureBars, type Bar } from './bars.js';
import { defaultTupletQ } from './body-resolve.js';
import { add, equals, frac, less, mul, sub, ZERO, type Frac } from './fraction.js';
import { defaultUnit, meterValue, normalizeMeter, normalizeUnit } from './key.js';

/** A body lexed line by line: every token with its text and its line. */
interface Body {
  tokens: Token[];
  texts: string[];
  line: number[];
}

/** The tune with spaces at beat-group boundaries; a tune it cannot read comes back unchanged. */
export function groupBeats(tuneText: string): string {
  const { fields, bodyStart } = readHeader(tuneText);
  const meter = normalizeMeter(field(fields, 'M') ?? '');
  if (!meter.ok) return tuneText;
  const unit = normalizeUnit(field(fields, 'L') ?? '') ?? defaultUnit(meter.value);
  const lines = tuneText.split('\n');
  const body = lexBody(lines.slice(bodyStart));
  if (!body) return tuneText;
  const spaced = spacesBefore(body.tokens, meter.value, unit);
  const out = lines.slice(bodyStart); // lines holding music are written again below
  for (const n of new Set(body.line)) out[n] = '';
  body.tokens.forEach((_, i) => {
    const gap = spaced[i] && body.line[i - 1] === body.line[i] ? ' ' : '';
    out[body.line[i]] += gap + body.texts[i];
  });
  return [...lines.slice(0, bodyStart), ...out].join('\n');
}

/**
 * Lexes each body line (its spaces ignored); undefined unless the tokens spell the line exactly.
 * Field lines (`W:` words, `N:` notes) and comments are kept as they are; a meter or unit
 * changed on a line of its own (not the normal form) leaves the tune alone.
 */
function lexBody(lines: string[]): Body | undefined {
  const body: Body = { tokens: [], texts: [], line: [] };
  for (const [n, raw] of lines.entries()) {
    const text = raw.replace(/ /g, '');
    if (/^[ML]:/.test(raw)) return undefined;
    if (text === '' || raw.startsWith('%') || /^[A-Za-z]:/.test(raw)) continue;
    const tokens: Token[] = [];
    try {
      lexLine(text, tokens);
    } catch (e) {
      if (e instanceof LexError) return undefined;
      throw e;
    }
    const texts = tokens.map(renderToken);
    if (texts.join('') !== text) return undefined; // not the normal form: leave the tune alone
    body.tokens.push(...tokens);
    body.texts.push(...texts);
    body.line.push(...tokens.map(() => n));
  }
  return body;
}

function writtenLength(t: Token): Frac {
  if (t.kind === 'note' || t.kind === 'rest') return t.len;
  return t.kind === 'chord' ? mul(t.notes[0].len, t.len) : ZERO;
}

/**
 * Played length of each timed token in unit lengths (tuplets and broken rhythm applied; 0 for
 * other tokens), and which tokens are the second or later note of a tuplet.
 */
function playedLengths(tokens: Token[], meter: string): { len: Frac[]; inTuplet: boolean[] } {
  const len = tokens.map(() => ZERO);
  const inTuplet = tokens.map(() => false);
  let left = 0;
  let started = false;
  let factor = frac(1);
  let next: Frac | undefined;
  let last = -1;
  tokens.forEach((t, i) => {
    if (t.kind === 'field' && t.key === 'M') meter = t.value;
    else if (t.kind === 'tuplet') {
      [left, started, factor] = [t.r || t.p, false, frac(t.q || defaultTupletQ(t.p, meter), t.p)];
    } else if (t.kind === 'broken' && BROKEN[t.text]) {
      if (last >= 0) len[last] = mul(len[last], BROKEN[t.text][0]);
      next = BROKEN[t.text][1];
    } else if (isTimed(t)) {
      let l = writtenLength(t);
      inTuplet[i] = left > 0 && started;
      if (left > 0) [l, left, started] = [mul(l, factor), left - 1, true];
      if (next) [l, next] = [mul(l, next), undefined];
      [len[i], last] = [l, i];
    }
  });
  return { len, inTuplet };
}

/** A short bar that opens the tune or a part and closes on a plain bar line: a pickup. */
function isPickup(bar: Bar, tokens: Token[]): boolean {
  if (bar.events === 0 || !less(bar.duration, bar.full) || bar.close < 0) return false;
  const close = tokens[bar.close];
  const open = tokens[bar.open];
  if (close.kind !== 'bar' || close.ending !== '' || !['|', '|:'].includes(close.text)) return false;
  return open === undefined || (open.kind === 'bar' && open.ending === '' && open.text !== '|');
}

/** A timed token of a bar: its index, start and played length in whole notes. */
interface Slot {
  i: number;
  start: Frac;
  len: Frac;
}

const EIGHTH = frac(1, 8);
const QUARTER = frac(1, 4);
const HALF = frac(1, 2);

/** True when the half bar from `h` is four plain eighths. */
function fourEighths(slots: Slot[], h: Frac): boolean {
  const inHalf = slots.filter((e) => !less(e.start, h) && less(e.start, add(h, HALF)));
  const plain = (e: Slot, k: number) => equals(e.len, EIGHTH) && equals(e.start, add(h, frac(k, 8)));
  return inHalf.length === 4 && inHalf.every(plain);
}

/** Where the beat groups of one bar start (whole notes); the last entry closes the last group. */
function groupStarts(meter: string, slots: Slot[]): Frac[] {
  const [n, d] = meter.split('/').map(Number);
  const common = (n === 4 && d === 4) || (n === 2 && d === 2);
  const size = d >= 8 && n % 3 === 0 ? frac(3, d) : common ? QUARTER : frac(1, d);
  let end = meterValue(meter);
  for (const e of slots) if (less(end, add(e.start, e.len))) end = add(e.start, e.len);
  const starts = [ZERO];
  while (less(starts[starts.length - 1], end)) starts.push(add(starts[starts.length - 1], size));
  // 4/4, 2/2: the quarter in mid half bar goes when that half bar is four eighths
  const midHalf = (s: Frac) => s.d === 4 && s.n % 2 === 1;
  return common ? starts.filter((s) => !(midHalf(s) && fourEighths(slots, sub(s, QUARTER)))) : starts;
}

/** For each token, whether a space goes before it. */
function spacesBefore(tokens: Token[], meter: string, unit: Frac): boolean[] {
  const { len, inTuplet } = playedLengths(tokens, meter);
  const spaced = tokens.map(() => false);
  let current = meter;
  for (const bar of measureBars(tokens, meter, unit)) {
    const last = bar.close >= 0 ? bar.close - 1 : tokens.length - 1;
    const slots: Slot[] = [];
    const at: Frac[] = []; // time before each token, whole notes from the start of a full bar
    let t = isPickup(bar, tokens) ? sub(bar.full, bar.duration) : ZERO;
    for (let i = bar.open + 1; i <= last; i++) {
      const tok = tokens[i];
      if (tok.kind === 'field' && tok.key === 'M') current = tok.value;
      at[i] = mul(t, unit);
      if (isTimed(tok)) slots.push({ i, start: at[i], len: mul(len[i], unit) });
      t = add(t, len[i]);
    }
    const starts = groupStarts(current, slots);
    for (const i of barGaps(tokens, slots, at, starts, inTuplet)) spaced[i] = true;
  }
  return spaced;
}

/** The gaps of one bar (token indices) that start a group or border a note standing alone. */
function barGaps(tokens: Token[], slots: Slot[], at: Frac[], starts: Frac[], inTuplet: boolean[]): number[] {
  const isStart = (p: Frac) => starts.some((s) => equals(s, p));
  const groupLength = (p: Frac) => {
    const k = starts.findIndex((s) => less(p, s));
    return k < 1 ? ZERO : sub(starts[k], starts[k - 1]);
  };
  const alone = (e: Slot) => !less(e.len, groupLength(e.start));
  const gaps: number[] = [];
  for (let k = 1; k < slots.length; k++) {
    let i = slots[k].i; // the gap goes before any tuplet or field mark leading this event
    while (tokens[i - 1].kind === 'tuplet' || tokens[i - 1].kind === 'field') i--;
    if (inTuplet[slots[k].i] || tokens[i - 1].kind === 'broken') continue;
    if (isStart(at[i]) || alone(slots[k - 1]) || alone(slots[k])) gaps.push(i);
  }
  return gaps;
}
