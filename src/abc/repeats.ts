// Repairs to the repeat structure of a resolved body, so that players and abc2midi read it
// one way: an ending sits on `|` or `:|` (`||1` -> `|1`); a repeated part whose start is only
// implied by the previous part's end gets an explicit start (`:|` -> `::`, `||` -> `|:`); a
// repeat start never closed becomes a plain section bar (`::` -> `:|`, `|:` -> `||`). A tune
// ending on `|` or `||` ends on `|]`. A last ending closed by `:|` is closed by `||` instead.
import type { Token } from './body-tokens.js';

type BarToken = Token & { kind: 'bar' };

const BOUNDARY = new Set(['||', '|]', ':|', '::', '|:']);

function bars(tokens: Token[]): BarToken[] {
  return tokens.filter((t): t is BarToken => t.kind === 'bar');
}

/** Endings only on `|` and `:|`. */
function fixEndingBars(list: BarToken[]): void {
  for (const b of list) {
    if (b.ending === '' || b.text === '|' || b.text === ':|') continue;
    b.text = b.text === '::' ? ':|' : '|';
  }
}

/** For every repeat end, the previous section boundary becomes a repeat start. */
function makeStartsExplicit(list: BarToken[]): void {
  let boundary: BarToken | undefined;
  for (const b of list) {
    const ends = b.text === ':|' || b.text === '::';
    if (ends && boundary && boundary.ending === '') {
      if (boundary.text === ':|') boundary.text = '::';
      else if (boundary.text === '||' || boundary.text === '|]') boundary.text = '|:';
    }
    if (BOUNDARY.has(b.text)) boundary = b;
  }
}

/** A repeat start with no repeat end before the next start (or the end) is not a repeat. */
function closeOpenStarts(list: BarToken[]): void {
  let open: BarToken | undefined;
  const unrepeat = (b: BarToken) => (b.text = b.text === '::' ? ':|' : '||');
  for (const b of list) {
    if (b.text === ':|' || b.text === '::') open = undefined;
    if (b.text === '|:' || b.text === '::') {
      if (open) unrepeat(open);
      open = b;
    }
  }
  if (open) unrepeat(open);
}

/**
 * A last ending closed by `:|` (`|2 ... :|` with no `|3` after it) has nowhere to repeat to;
 * transcribers write it for a da capo or by mistake. It becomes `||` (`::` becomes `|:`).
 */
function closeLastEndings(list: BarToken[]): void {
  let later = false; // inside an ending other than the first
  list.forEach((b, i) => {
    if (b.ending !== '') {
      later = !b.ending.startsWith('1');
      return;
    }
    if (!later || b.text === '|') return;
    later = false;
    const lastEnding = list[i + 1] === undefined || list[i + 1].ending === '';
    if (lastEnding && (b.text === ':|' || b.text === '::')) b.text = b.text === '::' ? '|:' : '||';
  });
}

/** The tune's last bar line, when it is `|` or `||` and nothing follows it, becomes `|]`. */
function markTuneEnd(tokens: Token[]): void {
  const last = tokens[tokens.length - 1];
  if (last && last.kind === 'bar' && last.ending === '' && (last.text === '|' || last.text === '||')) last.text = '|]';
}

/** Applies the repairs in place and returns the tokens, a leading `||` removed. */
export function repairRepeats(tokens: Token[]): Token[] {
  const list = bars(tokens);
  closeLastEndings(list);
  markTuneEnd(tokens);
  fixEndingBars(list);
  closeOpenStarts(list);
  makeStartsExplicit(list);
  closeOpenStarts(list); // an explicit start may leave an earlier start unclosed
  const first = tokens[0];
  if (first && first.kind === 'bar' && first.text === '||' && first.ending === '') return tokens.slice(1);
  return tokens;
}
