// Constrained decoding of a tune's body, bar by bar, by the rules of bar-state.ts: no bar longer
// than the meter, short bars only where the validator allows them, an end only after a legal bar
// line and always after `|]`. Near the length cap an ending push stops new sections and, once the
// bar can end the tune, new material. On top of the header guide's body constraint; when every
// character would be refused, the header guide alone applies. A form plan (form-guide.ts) may
// narrow it further: parts of 8 bars, the plan's repeats, the last note on the tonic; where
// the form would refuse every character, that row goes on without it.
import { headerEnd, type Guide } from './header-guide.js';
import { equals, frac, type Frac } from '../abc/fraction.js';
import { normalizeUnit } from '../abc/key.js';
import { type BarState, endAllowed, startState, stepBar } from './bar-state.js';
import { limitOf } from '../abc/bar-rules.js';
import { closeBar, formDone, type FormState, startForm, stepForm } from './form-guide.js';
import type { FormChooser } from './form-plan.js';

export type { FormChooser } from './form-plan.js';

/** The bar state of a text, kept so the next step only reads the new characters. */
export interface BarMemo {
  text: string;
  state: BarState;
  /** The form the row follows; dropped once a character it refused was written (a prime, or a corner). */
  form?: FormState;
}


/** Meter and unit length of a model text's header (4/4 and 1/8 when unreadable). */
function headerContext(text: string): { meter: string; unit: Frac } {
  const m = /(?:^|\n)M:(\d{1,2})\/(\d{1,2})\n/.exec(text);
  const l = /(?:^|\n)L:([^\n]*)\n/.exec(text);
  const meter = m && Number(m[1]) > 0 && Number(m[2]) > 0 ? `${m[1]}/${m[2]}` : '4/4';
  return { meter, unit: (l && normalizeUnit(l[1])) || frac(1, 8) };
}

/** The bar state after `text` (a whole model text, header included); undefined inside the header. */
export function trackBars(memo: BarMemo | undefined, text: string, minBars?: number, chooseForm?: FormChooser): BarMemo | undefined {
  let state: BarState;
  let form: FormState | undefined;
  let from: number;
  if (memo && text.length >= memo.text.length && text.startsWith(memo.text)) {
    ({ state, form } = memo);
    from = memo.text.length;
  } else {
    from = headerEnd(text);
    if (from < 0) return undefined;
    const { meter, unit } = headerContext(text);
    state = startState(meter, unit, minBars);
    const plan = chooseForm?.(text.slice(0, from));
    const key = /(?:^|\n)K:([^\n]*)\n/.exec(text)?.[1];
    if (plan && key) form = startForm(plan, key);
  }
  for (let i = from; i < text.length; i++) {
    const next = stepBar(state, text[i]);
    if (form) form = stepForm(form, state, text[i], next) ?? undefined;
    state = next;
  }
  return { text, state, form };
}

/** Whether the form lets the tune end after `s` (the bar line being written closes the last part). */
function formEnds(form: FormState, s: BarState): boolean {
  if (s.mode !== 'bar') return formDone(form);
  const closed = closeBar(form, s, s.text);
  return closed !== null && formDone(closed);
}

/** The push starts once a tune has this share of the length cap (the corpus's 99.9th percentile is ~750 of 1000). */
export const PUSH_FROM = 0.75;

/** Characters that start new material: refused by the push once the bar could end the tune. */
const NEW_MATERIAL = /^[A-Ga-gz^_=[(<>\-\n0-9/]$/;

/** Whether the ending push refuses `ch`: no `|:` or `::`; after a bar line that may end the
 * tune, only `|]` or the end; once the bar is full and could end the tune, no new material. */
export function pushRefuses(s: BarState, ch: string): boolean {
  if (s.mode === 'bar') {
    if (endAllowed(s)) return !(s.text === '|' && ch === ']');
    const ending = [']', '|'].filter((c) => endAllowed(stepBar(s, c))); // `|]` or `||` would end here
    if (ending.length > 0) return ch !== ending[0];
    return ch === ':' && (s.text === '|' || s.text === ':');
  }
  const viaRepeat = endAllowed(stepBar(stepBar(s, ':'), '|'));
  if (s.openRepeat && viaRepeat && ch === '|') return true; // a section end closes the repeat
  const closed = stepBar(s, '|');
  if (!equals(closed.dur, limitOf(closed))) return false; // a short bar goes on (to a full one)
  const viaBar = endAllowed(closed);
  if (!viaBar && !viaRepeat) return false;
  return NEW_MATERIAL.test(ch) || (ch === '|' && !viaBar) || (ch === ':' && !viaRepeat);
}

/** The bar state after `ch`, or null when the guide or the bar rules refuse it (one character of applyBarGuide's sets). */
function barStep(guide: Guide, state: BarState, ch: string): BarState | null {
  if (ch.length !== 1 || (guide.accept && !guide.accept(ch))) return null;
  if (state.mode === 'bar' && state.text === '|]') return null; // the corpus never goes on after `|]`
  const next = stepBar(state, ch);
  return next.bad ? null : next;
}

/**
 * Narrows a body guide by the bar rules and the form, for the characters `chars` (special tokens
 * skipped). `onCorner` is called when the bar rules refuse every character and the end (the
 * header guide alone then applies): tests assert it never happens.
 */
export function applyBarGuide(guide: Guide, state: BarState, chars: string[], push = false, form?: FormState, onCorner?: () => void): Guide {
  if (guide.force !== undefined || guide.only !== undefined) return guide;
  let allowed = new Set<string>();
  const shaped = new Set<string>();
  for (let i = 3; i < chars.length; i++) {
    const ch = chars[i];
    const next = barStep(guide, state, ch);
    if (!next) continue;
    allowed.add(ch);
    if (form && stepForm(form, state, ch, next)) shaped.add(ch);
  }
  let canEnd = !guide.noEnd && endAllowed(state);
  if (form) {
    const formEnd = canEnd && formEnds(form, state);
    if (shaped.size > 0 || formEnd) {
      allowed = shaped;
      canEnd = formEnd;
    }
  }
  if (push) {
    const pushed = new Set([...allowed].filter((ch) => !pushRefuses(state, ch)));
    if (pushed.size > 0 || canEnd) allowed = pushed;
  }
  if (allowed.size === 0 && !canEnd) {
    onCorner?.();
    return guide; // never paint the model into a corner
  }
  return { noEnd: !canEnd, accept: (ch) => allowed.has(ch) };
}

/**
 * One choice's guide, worked out only as far as the character drawn needs: `surely(ch)` steps
 * that one character (null: the end) through the bar and form rules and says whether the full
 * guide surely allows it; `full()` is what applyBarGuide makes of it, all characters tried (the
 * sampler asks for it only when a draw is not surely allowed: about one choice in twenty).
 */
export interface LazyGuide {
  surely(ch: string | null): boolean;
  full(): Guide;
}

/** A lazy guide for `guide` narrowed by the bars in `memo` (no memo: the guide as it is). */
export function lazyGuide(guide: Guide, memo: BarMemo | undefined, chars: string[], push = false): LazyGuide {
  let whole: Guide | undefined;
  const full = () => (whole ??= memo ? applyBarGuide(guide, memo.state, chars, push, memo.form) : guide);
  if (guide.force !== undefined || guide.only !== undefined) return { surely: () => false, full };
  const surely = (ch: string | null): boolean => {
    // Whatever surely passes here is in applyBarGuide's set, which is then not empty: the shaped
    // set if the form shaped it, the pushed one if the push held (see applyBarGuide).
    if (ch === null) return !guide.noEnd && (!memo || (endAllowed(memo.state) && (!memo.form || formEnds(memo.form, memo.state))));
    if (guide.ban?.includes(ch)) return false;
    if (!memo) return ch.length === 1 && (!guide.accept || guide.accept(ch));
    const s = memo.state;
    const next = barStep(guide, s, ch);
    if (!next || (memo.form && !stepForm(memo.form, s, ch, next))) return false;
    return !push || !pushRefuses(s, ch);
  };
  return { surely, full };
}

/** The guide for a row with bar tracking: updates its memo, returns the narrowed guide. */
export function guideBars(guide: Guide, text: string, memo: BarMemo | undefined, chars: string[], push = false, chooseForm?: FormChooser): { guide: Guide; memo?: BarMemo } {
  if (guide.force !== undefined) return { guide, memo };
  const next = trackBars(memo, text, undefined, chooseForm);
  return next ? { guide: applyBarGuide(guide, next.state, chars, push, next.form), memo: next } : { guide, memo };
}
