// The bar guide: hand-written bodies under several meters; what it refuses next and when a
// tune may end. `ok(meter, unit, body, ch)` asks whether `ch` may follow `body`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitTunes } from '../../src/abc/read.js';
import { replayGuide } from '../helpers/guide-replay.js';
import { GUIDE_CHARS, walkTune } from '../helpers/guide-walk.js';
import { applyBarGuide, trackBars } from '../../src/sample/bar-guide.js';
import { endAllowed } from '../../src/sample/bar-state.js';
import { BODY_CHARS, type Guide, guideNext } from '../../src/sample/header-guide.js';

const TRAIN = join(import.meta.dirname, '..', '..', 'corpus-abc', 'train.abc');
const CHARS = ['<bos>', '<eos>', '<unk>', ...BODY_CHARS, 'M', 'K', ' '];
const head = (meter: string, unit: string) => `T:x\nM:${meter}\nL:${unit}\nK:Gmaj\n`;
// These cases are written for tunes of 4 bars and more; compose asks for 8 (last test).
const state = (meter: string, unit: string, body: string, minBars = 4) => trackBars(undefined, head(meter, unit) + body, minBars)!.state;
const ok = (meter: string, unit: string, body: string, ch: string) => {
  const g = applyBarGuide({ noEnd: false }, state(meter, unit, body), CHARS);
  return g.accept ? g.accept(ch) : true;
};
const canEnd = (meter: string, unit: string, body: string) => endAllowed(state(meter, unit, body));

describe('bar guide: overflow', () => {
  it('6/8 L:1/8: no note once the bar is full, lengths that fit only', () => {
    expect(ok('6/8', '1/8', 'GAB', 'c')).toBe(true);
    expect(ok('6/8', '1/8', 'GABcde', 'f')).toBe(false);
    expect(ok('6/8', '1/8', 'GABcde', '|')).toBe(true);
    expect(ok('6/8', '1/8', 'GABcde', '2')).toBe(false); // e2 would make 7 eighths
    expect(ok('6/8', '1/8', 'GABcde', '/')).toBe(true);
    expect(ok('6/8', '1/8', 'GABc2d', 'e')).toBe(false);
  });
  it('4/4 L:1/8: a long note is refused once it cannot fit, even unfinished', () => {
    expect(ok('4/4', '1/8', 'GABcd', '4')).toBe(true);
    expect(ok('4/4', '1/8', 'GABcde', '4')).toBe(false);
    expect(ok('4/4', '1/8', 'GABcde', '3')).toBe(true);
    expect(ok('4/4', '1/8', 'GABcde3', 'f')).toBe(false);
    expect(ok('4/4', '1/8', 'GABcde3', '|')).toBe(true);
  });
  it('2/4 L:1/16 and 3/4 L:1/4', () => {
    expect(ok('2/4', '1/16', 'g2d2d2c2', 'B')).toBe(false);
    expect(ok('2/4', '1/16', 'g2d2d2c', 'B')).toBe(true);
    expect(ok('3/4', '1/4', 'AB', 'c')).toBe(true);
    expect(ok('3/4', '1/4', 'AB', '|')).toBe(true); // first bar: a pickup
    expect(ok('3/4', '1/4', 'ABc|d2', 'e')).toBe(true);
    expect(ok('3/4', '1/4', 'ABc|d2e', 'f')).toBe(false);
  });
});

describe('bar guide: bar lines', () => {
  it('allows a short first bar (pickup), then refuses short plain bars', () => {
    expect(ok('6/8', '1/8', 'B', '|')).toBe(true);
    expect(ok('6/8', '1/8', 'B|EGE', '|')).toBe(true); // might still become `||`
    expect(ok('6/8', '1/8', 'B|EGE|', 'A')).toBe(false); // but not a plain `|`
    expect(ok('6/8', '1/8', 'B|EGE|', '|')).toBe(true);
    expect(ok('6/8', '1/8', 'B|EGE|', '1')).toBe(false);
    expect(ok('6/8', '1/8', 'B|EGEGE|', 'A')).toBe(false);
    expect(ok('6/8', '1/8', 'B|EGEGEG|EGEGEG|EGEGE|', ']')).toBe(true);
  });
  it('a short section end owes a pickup that completes it', () => {
    const b = 'GA|B2B2B2AG|B2B2B2g2|d2B2B2::';
    expect(ok('2/2', '1/8', b, 'B')).toBe(true);
    expect(ok('2/2', '1/8', b + 'Bc', 'd')).toBe(false); // the pickup is exactly 2 eighths
    expect(ok('2/2', '1/8', b + 'Bc', '|')).toBe(true);
    expect(ok('2/2', '1/8', b + 'B', '|')).toBe(false);
  });
  it('after a short `:|` the next bar is the pickup (abc2midi reads a full one as a bar too long)', () => {
    const b = 'G|ABcd|ABc:|';
    expect(ok('4/4', '1/4', b, 'd')).toBe(true);
    expect(ok('4/4', '1/4', b + 'd', '|')).toBe(true);
    expect(ok('4/4', '1/4', b + 'd', 'd')).toBe(false);
  });
  it('endings and two bar lines in a row', () => {
    expect(ok('4/4', '1/4', 'ABcd|ABcd', '|')).toBe(true);
    expect(ok('4/4', '1/4', 'ABcd|', '1')).toBe(true);
    expect(ok('4/4', '1/4', 'ABcd|\n', '|')).toBe(false);
    expect(ok('4/4', '1/4', '', '|')).toBe(true); // `|:` may open the body
  });
  it('ends only after a legal bar line', () => {
    const x = 'ABcd|ABcd|ABcd|';
    expect(canEnd('4/4', '1/4', x + 'ABcd')).toBe(false);
    expect(canEnd('4/4', '1/4', x)).toBe(false); // three bars: too few
    expect(canEnd('4/4', '1/4', x + 'ABcd|')).toBe(true);
    expect(canEnd('4/4', '1/4', x + 'ABcd|]\n')).toBe(true);
    expect(canEnd('4/4', '1/4', 'G|' + x + 'AB:|')).toBe(true); // short last bar at a section end
    expect(canEnd('4/4', '1/4', 'G|' + x + 'AB|')).toBe(false);
  });
});

describe('bar guide: tuplets, broken rhythm, chords, meter changes', () => {
  it('keeps a tuplet inside its bar, never nested', () => {
    expect(ok('2/4', '1/8', 'AB(3cd', '|')).toBe(false);
    expect(ok('2/4', '1/8', 'A(3Bc', '(')).toBe(false);
  });
  it('allows chords of up to four notes and one corpus-form inline field per bar', () => {
    expect(ok('4/4', '1/8', '[CEG', 'c')).toBe(true);
    expect(ok('4/4', '1/8', '[CEGc', 'e')).toBe(false);
    expect(ok('4/4', '1/8', 'ABcdefga|[K:Dmaj]', '[')).toBe(true);
    expect(ok('4/4', '1/8', 'ABcdefga|[K:Dmaj][', 'K')).toBe(false);
    expect(ok('4/4', '1/8', 'ABcdefga|[K:D', '(')).toBe(false);
    expect(ok('4/4', '1/8', 'ABcdefga|[K:Dmaj', ']')).toBe(true);
    expect(ok('4/4', '1/8', 'AB[', 'M')).toBe(false);
  });
  it('counts a triplet as two notes', () => {
    expect(ok('2/4', '1/8', '(3ABc', 'd')).toBe(true);
    expect(ok('2/4', '1/8', '(3ABcde', 'f')).toBe(false);
    expect(ok('2/4', '1/8', '(3ABcde', '|')).toBe(true);
    expect(ok('2/4', '1/8', 'G|(3AB', '|')).toBe(false); // unfinished triplet: a short bar
    expect(ok('2/4', '1/8', 'ABcd', '(')).toBe(false);
    expect(ok('2/4', '1/8', 'ABc', '(')).toBe(true);
  });
  it('broken rhythm: fits, joins equal lengths, never before a bar line', () => {
    expect(ok('2/4', '1/8', 'G>A', 'B')).toBe(true);
    expect(ok('2/4', '1/8', 'G>AB', '>')).toBe(true);
    expect(ok('2/4', '1/8', 'GAB', '>')).toBe(true); // B>c fills the bar
    expect(ok('2/4', '1/8', 'GABc', '>')).toBe(false);
    expect(ok('2/4', '1/8', 'G>', 'A')).toBe(true);
    expect(ok('2/4', '1/8', 'G>A', '2')).toBe(false); // unequal lengths
    expect(ok('2/4', '1/8', 'G>', '|')).toBe(false);
    expect(ok('2/4', '1/8', 'G>AB>c', '|')).toBe(true);
  });
  it('chords take their first note times their own length', () => {
    expect(ok('4/4', '1/8', '[ceg]2AB', 'c')).toBe(true);
    expect(ok('4/4', '1/8', '[ceg]4ABcd', 'e')).toBe(false);
    expect(ok('4/4', '1/8', '[c2e2]2ABcd', 'e')).toBe(false);
    expect(ok('4/4', '1/8', '[c2e2]2ABc', 'd')).toBe(true);
    expect(ok('4/4', '1/8', 'ABcdefg', '[')).toBe(true);
    expect(ok('4/4', '1/8', 'ABcdefga', '[')).toBe(false);
  });
  it('follows an inline meter change', () => {
    const b = 'ABcdABcd|[M:2/4]';
    expect(ok('4/4', '1/8', b + 'ABc', 'd')).toBe(true);
    expect(ok('4/4', '1/8', b + 'ABcd', 'e')).toBe(false);
    expect(ok('4/4', '1/8', b + 'ABcd', '|')).toBe(true);
  });
});

describe('bar guide: never a dead end', () => {
  it('falls back to the header guide when every character is refused, and says so', () => {
    const s = state('4/4', '1/8', 'ABcd|ABcdefga');
    const onlyNotes: Guide = { noEnd: true, accept: (ch) => /[a-g]/.test(ch) };
    let corners = 0;
    expect(applyBarGuide(onlyNotes, s, CHARS, false, undefined, () => corners++)).toBe(onlyNotes);
    expect(corners).toBe(1);
  });
  it('never falls back along the training tunes (every 15th), nor along random walks', () => {
    const tunes = splitTunes(readFileSync(TRAIN, 'utf8')).filter((_, i) => i % 15 === 0);
    let corners = 0;
    let refused = 0;
    let chars = 0;
    for (const t of tunes) {
      const text = t.text.replace(/^X:[^\n]*\n/, '');
      const r = replayGuide(text, GUIDE_CHARS); // letters too, for inline fields
      corners += r.corners;
      refused += r.refused;
      chars += text.length;
    }
    expect(tunes.length).toBeGreaterThan(200);
    expect(corners).toBe(0);
    expect(refused / chars).toBeLessThan(0.01); // the guide refuses little of the corpus
    for (let seed = 1; seed <= 100; seed++) expect(walkTune(seed).corners).toBe(0);
  }, 120_000);
});

describe('bar guide: repeats', () => {
  it('does not end while a |: is open', () => {
    expect(canEnd('4/4', '1/4', '|:ABcd|ABcd|ABcd|ABcd|')).toBe(false);
    expect(canEnd('4/4', '1/4', '|:ABcd|ABcd|ABcd|ABcd:|')).toBe(true);
    expect(canEnd('4/4', '1/4', '|:ABcd|ABcd|ABcd::ABcd|')).toBe(false);
  });
});

describe('bar guide: endings and the final bar line', () => {
  it('a later ending needs a first one; a first ending needs an open or implicit repeat', () => {
    expect(ok('4/4', '1/4', '|:ABcd|', '2')).toBe(false);
    expect(ok('4/4', '1/4', '|:ABcd|', '1')).toBe(true);
    expect(ok('4/4', '1/4', '|:ABcd|1ABcd:|', '2')).toBe(true);
    expect(ok('4/4', '1/4', 'ABcd:|ABcd|', '1')).toBe(false); // the repeat was closed
    expect(ok('4/4', '1/4', '|:ABcd:|', '1')).toBe(false); // `:|1` closes the repeat first
    expect(ok('4/4', '1/4', '|:ABcd|1ABcd:|2ABcd:|', 'A')).toBe(false); // a second ending is not repeated
    expect(ok('4/4', '1/4', '|:ABcd|1ABcd:|2ABcd|', '|')).toBe(true);
  });
  it('no second `|:` while one is open', () => {
    expect(ok('4/4', '1/4', '|:ABcd|', ':')).toBe(false);
    expect(ok('4/4', '1/4', '|:ABcd:|ABcd|', ':')).toBe(true);
  });
  it('`|]` ends the tune, and is refused while a repeat is open', () => {
    expect(ok('4/4', '1/4', 'ABcd|ABcd|ABcd|ABcd|]', 'A')).toBe(false);
    expect(canEnd('4/4', '1/4', 'ABcd|ABcd|ABcd|ABcd|]')).toBe(true);
    expect(ok('4/4', '1/4', 'ABcd|ABcd|ABcd|', ']')).toBe(false); // only three bars
    expect(ok('4/4', '1/4', '|:ABcd|ABcd|', ']')).toBe(false);
  });
});

describe('bar guide: ties', () => {
  it('ties only a note to the same letter and octave', () => {
    expect(ok('4/4', '1/8', 'A2-', 'A')).toBe(true);
    expect(ok('4/4', '1/8', 'A2-', 'B')).toBe(false);
    expect(ok('4/4', '1/8', "c'2-", 'c')).toBe(true);
    expect(ok('4/4', '1/8', "c'2-c", '2')).toBe(false); // c is not c'
    expect(ok('4/4', '1/8', "c'2-c", "'")).toBe(true);
    expect(ok('4/4', '1/8', 'A2-', 'z')).toBe(false);
    expect(ok('4/4', '1/8', 'A2-', '[')).toBe(false);
  });
  it('ties nothing but a single note', () => {
    expect(ok('4/4', '1/8', 'z2', '-')).toBe(false);
    expect(ok('4/4', '1/8', '[ce]2', '-')).toBe(false);
    expect(ok('4/4', '1/8', 'ABcdefga|', '-')).toBe(false);
    expect(ok('4/4', '1/8', 'A2-', '-')).toBe(false);
  });
  it('keeps the sounding accidental: carried within the bar, rewritten after the bar line', () => {
    expect(ok('4/4', '1/8', '^f2-', 'f')).toBe(true);
    expect(ok('4/4', '1/8', 'ABcdef^g2-|', 'g')).toBe(false);
    expect(ok('4/4', '1/8', 'ABcdef^g2-|', '^')).toBe(true);
    expect(ok('4/4', '1/8', 'ABcdefg2-|', '^')).toBe(false);
  });
  it('does not end on an open tie', () => {
    expect(canEnd('4/4', '1/8', 'ABcdefga|ABcdefg2-|')).toBe(false);
  });
});

describe('bar guide: lengths and octave marks', () => {
  it('uses the corpus suffixes only', () => {
    expect(ok('4/4', '1/8', 'A', '5')).toBe(false);
    expect(ok('4/4', '1/8', 'A', '3')).toBe(true);
    expect(ok('4/4', '1/8', 'A/', '1')).toBe(false); // no /16
    expect(ok('4/4', '1/8', 'A/', '4')).toBe(true);
  });
  it('refuses broken rhythm that abcjs cannot draw', () => {
    expect(ok('4/4', '1/8', 'A3', '>')).toBe(false); // 9/16
    expect(ok('4/4', '1/8', 'A2', '>')).toBe(true);
    expect(ok('4/4', '1/8', 'A3/2', '>')).toBe(false);
  });
  it('allows one octave mark', () => {
    expect(ok('4/4', '1/8', 'C,', ',')).toBe(false);
    expect(ok('4/4', '1/8', 'C', ',')).toBe(true);
    expect(ok('4/4', '1/8', "c'", "'")).toBe(false);
  });
});

describe('bar guide: ending push', () => {
  const pushed = (body: string, ch: string) => {
    const g = applyBarGuide({ noEnd: false }, state('4/4', '1/8', body), CHARS, true);
    return g.accept ? g.accept(ch) : true;
  };
  const P = 'ABcdefga|ABcdefga|ABcdefga|';
  it('opens no new section', () => {
    expect(ok('4/4', '1/8', 'ABcdefga|', ':')).toBe(true);
    expect(pushed('ABcdefga|', ':')).toBe(false);
  });
  it('once the bar is full, closes it and ends', () => {
    expect(pushed(P + 'ABcdefga', 'B')).toBe(false);
    expect(pushed(P + 'ABcdefga', '|')).toBe(true);
    expect(pushed(P + 'ABcdefga|', 'B')).toBe(false);
    expect(pushed(P + 'ABcdefga|', ']')).toBe(true);
    expect(pushed(P + 'ABcd', 'e')).toBe(true); // a short bar goes on
  });
  it('closes an open repeat with `:|`', () => {
    expect(pushed('|:' + P + 'ABcdefga', '|')).toBe(false);
    expect(pushed('|:' + P + 'ABcdefga', ':')).toBe(true);
  });
});

describe('bar guide: what abcjs and abc2midi read', () => {
  it('writes `,` after C-B and `\'` after c-b only', () => {
    expect(ok('4/4', '1/8', 'B', "'")).toBe(false);
    expect(ok('4/4', '1/8', 'd', ',')).toBe(false);
  });
  it('keeps chords to notes with lengths', () => {
    expect(ok('4/4', '1/8', '[A/', '/')).toBe(false);
    expect(ok('4/4', '1/8', '[A/', 'c')).toBe(true);
    expect(ok('4/4', '1/8', '[A^', '^')).toBe(true);
    expect(ok('4/4', '1/8', '[A^^', '^')).toBe(false);
    expect(ok('4/4', '1/8', '[A^', ']')).toBe(false); // an accidental needs its note
  });
  it('breaks lines after bar lines only', () => {
    expect(ok('4/4', '1/8', 'ABcdefga|', '\n')).toBe(true);
    expect(ok('4/4', '1/8', 'ABcd', '\n')).toBe(false);
  });
  it('the push ends a short section at `|]` and closes an open repeat with `:|`', () => {
    const p = (body: string, ch: string) => applyBarGuide({ noEnd: false }, state('4/4', '1/8', body), CHARS, true).accept?.(ch) ?? true;
    const x = 'ABcdefga|ABcdefga|ABcdefga|ABcd|';
    expect(p(x, '|')).toBe(false); // `||` would not end the tune
    expect(p(x, ']')).toBe(true);
    expect(p('|:' + x.slice(0, -1), '|')).toBe(false);
    expect(p('|:' + x.slice(0, -1), ':')).toBe(true);
  });
});

describe('chords with lengths inside', () => {
  it('take no outer length', () => {
    expect(ok('4/4', '1/8', 'GA[F2A2]', 'B')).toBe(true);
    expect(ok('4/4', '1/8', 'GA[F2A2]', '2')).toBe(false);
    expect(ok('4/4', '1/8', 'GA[FA]', '2')).toBe(true);
  });
});

describe('tune length', () => {
  it('lets a composed tune end only after 8 bars by default', () => {
    const four = 'GABcdcBA|GABcd4|GABcdcBA|GABcd4|]';
    expect(endAllowed(state('4/4', '1/8', four, 4))).toBe(true);
    expect(endAllowed(trackBars(undefined, head('4/4', '1/8') + four)!.state)).toBe(false);
    expect(endAllowed(trackBars(undefined, head('4/4', '1/8') + four.replace('|]', '|') + four)!.state)).toBe(true);
  });
});

describe('what abc2midi refuses (issue 11)', () => {
  const guided = (body: string, ch: string) => {
    const text = head('4/4', '1/8') + body;
    const g = applyBarGuide(guideNext(text, {}), state('4/4', '1/8', body), CHARS);
    return g.accept ? g.accept(ch) : true;
  };
  it('never begins a body line with a letter and a colon (`A:|` reads as a header field)', () => {
    expect(guided('ABcdefga|ABcdefga|\nABcdefg', ':')).toBe(true);
    expect(guided('ABcdefga|ABcdefga|\nA', ':')).toBe(false);
    expect(guided('ABcdefga|ABcdefga|\nA', '2')).toBe(true);
    expect(guided('A', ':')).toBe(false); // the first body line too
    expect(guided('a', ':')).toBe(false);
  });
  it('allows one first ending per repeat, and a new ending only once the last is closed', () => {
    const x = '|:ABcdefga|ABcdefga';
    expect(ok('4/4', '1/8', `${x}|1ABcdefga`, '|')).toBe(true);
    expect(ok('4/4', '1/8', `${x}|1ABcdefga|`, '1')).toBe(false); // `|1 ... |1`
    expect(ok('4/4', '1/8', `${x}|1ABcdefga|`, '2')).toBe(false); // `|1 ... |2` wants `:|2`
    expect(ok('4/4', '1/8', `${x}|1ABcdefga:|`, '2')).toBe(true);
    expect(ok('4/4', '1/8', `${x}|1ABcdefga:|2ABcdefga|`, '3')).toBe(false); // `:|2 ... |3`
    expect(ok('4/4', '1/8', `${x}|1ABcdefga:|2ABcdefga:|`, '3')).toBe(true);
  });
  it('refuses `::` after a `:|` until a `|:` opens a repeat again (abc2midi: found :: before |:)', () => {
    expect(ok('4/4', '1/8', 'ABcdefga|ABcdefga:', ':')).toBe(true); // no repeat closed yet
    expect(ok('4/4', '1/8', 'ABcdefga:|ABcdefga:', ':')).toBe(false);
    expect(ok('4/4', '1/8', 'ABcdefga:|ABcdefga:', '|')).toBe(true);
    expect(ok('4/4', '1/8', 'ABcdefga:|ABcdefga|:ABcdefga:', ':')).toBe(true);
  });
});
