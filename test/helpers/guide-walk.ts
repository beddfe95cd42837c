// Random walks through the header and bar guides: a tune body built one character at a time
// from random choices among the characters the guides allow, under a random meter and unit
// length, ended where the guide allows it (the ending push on past a length). Seeded, so a
// failing walk can be replayed. Counts the times the bar guide fell back to the header guide.
import { applyBarGuide, type BarMemo, trackBars } from '../../src/sample/bar-guide.js';
import { BODY_CHARS, guideNext } from '../../src/sample/header-guide.js';

/** A model's characters as the guides see them: three special tokens first. */
export const GUIDE_CHARS = ['<bos>', '<eos>', '<unk>', ...new Set([...BODY_CHARS, ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz #.'])];

const METERS = ['2/4', '3/4', '4/4', '6/8', '9/8', '12/8', '2/2', '3/2', '3/8', '5/4', '7/8'];
const UNITS = ['1/8', '1/16', '1/4'];

/** Relative weights, so walks look a little like tunes and end within a few hundred characters. */
function weight(ch: string): number {
  if (/[A-Ga-g]/.test(ch)) return 3;
  if (ch === '|') return 6;
  if (/[0-9/]/.test(ch)) return 0.6;
  return 0.4;
}

/** A small seeded generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GuideWalk {
  /** The whole tune, from its X: line. */
  abc: string;
  /** Ended where the guide allowed it (not cut at the length cap). */
  ended: boolean;
  /** Steps where the bar guide refused every character and the end. */
  corners: number;
  /** The tune text (from its T: line) at the first such step. */
  firstCorner?: string;
}

function pick(options: string[], rand: () => number): string {
  const total = options.reduce((s, ch) => s + weight(ch), 0);
  let r = rand() * total;
  for (const ch of options) {
    r -= weight(ch);
    if (r <= 0) return ch;
  }
  return options[options.length - 1];
}

/** One walk: seed `seed`, ending allowed after `minBars` bars, the push on from `pushAt` characters. */
export function walkTune(seed: number, minBars = 4, pushAt = 200, maxChars = 1000): GuideWalk {
  const rand = random(seed);
  const meter = METERS[Math.floor(rand() * METERS.length)];
  const unit = UNITS[Math.floor(rand() * UNITS.length)];
  let text = `T:walk ${seed}\nM:${meter}\nL:${unit}\nK:${rand() < 0.5 ? 'Gmaj' : 'Ador'}\n`;
  const head = text.length;
  let memo: BarMemo | undefined;
  let corners = 0;
  let firstCorner: string | undefined;
  const corner = () => {
    corners++;
    firstCorner ??= text;
  };
  while (text.length - head < maxChars) {
    memo = trackBars(memo, text, minBars);
    const header = guideNext(text, {});
    const g = applyBarGuide(header, memo!.state, GUIDE_CHARS, text.length - head > pushAt, undefined, corner);
    if (g.force !== undefined) {
      text += g.force;
      continue;
    }
    if (!g.noEnd && rand() < 0.3) return { abc: `X:1\n${text}\n`, ended: true, corners, firstCorner };
    const options = GUIDE_CHARS.slice(3).filter((ch) => (!g.accept || g.accept(ch)) && !(g.ban ?? '').includes(ch));
    if (options.length === 0) return { abc: `X:1\n${text}\n`, ended: !g.noEnd, corners, firstCorner };
    text += pick(options, rand);
  }
  return { abc: `X:1\n${text}\n`, ended: false, corners, firstCorner };
}
