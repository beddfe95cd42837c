// Constrained decoding of a tune's body, bar by bar: a character that would make the current
// bar longer than the meter is refused, and so is a bar line where the validator would call the
// bar short (pickups and section ends excepted, see bar-rules.ts); the tune may end only after
// a legal bar line. Applied on top of the header guide's body constraint. It never leaves
// nothing to write: when every character would be refused, the header guide alone applies.
import { headerEnd, type Guide } from './header-guide.js';
import { frac, type Frac } from '../abc/fraction.js';
import { normalizeUnit } from '../abc/key.js';
import { type BarState, endAllowed, startState, stepBar } from './bar-state.js';

/** The bar state of a text, kept so the next step only reads the new characters. */
export interface BarMemo {
  text: string;
  state: BarState;
}

/** Meter and unit length of a model text's header (4/4 and 1/8 when unreadable). */
function headerContext(text: string): { meter: string; unit: Frac } {
  const m = /(?:^|\n)M:(\d{1,2})\/(\d{1,2})\n/.exec(text);
  const l = /(?:^|\n)L:([^\n]*)\n/.exec(text);
  const meter = m && Number(m[1]) > 0 && Number(m[2]) > 0 ? `${m[1]}/${m[2]}` : '4/4';
  return { meter, unit: (l && normalizeUnit(l[1])) || frac(1, 8) };
}

/** The bar state after `text` (a whole model text, header included); undefined inside the header. */
export function trackBars(memo: BarMemo | undefined, text: string): BarMemo | undefined {
  let state: BarState;
  let from: number;
  if (memo && text.length >= memo.text.length && text.startsWith(memo.text)) {
    state = memo.state;
    from = memo.text.length;
  } else {
    from = headerEnd(text);
    if (from < 0) return undefined;
    const { meter, unit } = headerContext(text);
    state = startState(meter, unit);
  }
  for (let i = from; i < text.length; i++) state = stepBar(state, text[i]);
  return { text, state };
}

/** Narrows a body guide by the bar rules, for the characters `chars` (special tokens skipped). */
export function applyBarGuide(guide: Guide, state: BarState, chars: string[]): Guide {
  if (guide.force !== undefined || guide.only !== undefined) return guide;
  const allowed = new Set<string>();
  for (let i = 3; i < chars.length; i++) {
    const ch = chars[i];
    if (ch.length === 1 && (!guide.accept || guide.accept(ch)) && !stepBar(state, ch).bad) allowed.add(ch);
  }
  const canEnd = !guide.noEnd && endAllowed(state);
  if (allowed.size === 0 && !canEnd) return guide; // never paint the model into a corner
  return { noEnd: !canEnd, accept: (ch) => allowed.has(ch) };
}

/** The guide for a row with bar tracking: updates its memo, returns the narrowed guide. */
export function guideBars(guide: Guide, text: string, memo: BarMemo | undefined, chars: string[]): { guide: Guide; memo?: BarMemo } {
  if (guide.force !== undefined) return { guide, memo };
  const next = trackBars(memo, text);
  return next ? { guide: applyBarGuide(guide, next.state, chars), memo: next } : { guide, memo };
}
