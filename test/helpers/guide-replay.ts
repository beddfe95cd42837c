// Replays a written tune through the header and bar guides, character by character, counting
// the steps where the bar guide refused every character and the end (its fallback to the header
// guide alone) and the characters of the tune it would have refused.
import { applyBarGuide, type BarMemo, trackBars } from '../../src/sample/bar-guide.js';
import { headerEnd, guideNext } from '../../src/sample/header-guide.js';

export interface Replay {
  corners: number;
  refused: number;
}

/** Replays `text` (a tune from its T: line) over the guide's characters `chars`. */
export function replayGuide(text: string, chars: string[], minBars = 4): Replay {
  const start = headerEnd(text);
  let memo: BarMemo | undefined;
  const out = { corners: 0, refused: 0 };
  for (let i = Math.max(start, 0); i < text.length && start >= 0; i++) {
    const prefix = text.slice(0, i);
    memo = trackBars(memo, prefix, minBars);
    if (!memo) continue;
    const g = applyBarGuide(guideNext(prefix, {}), memo.state, chars, false, undefined, () => out.corners++);
    if (g.accept && !g.accept(text[i])) out.refused++;
  }
  return out;
}
