// Playback notes against an independent implementation: over 200 corpus tunes, the pitches
// and onsets built from abcjs's parse must agree with abc2midi's MIDI for at least 98% of notes.
// abc2midi swings eighth pairs in R:hornpipe tunes in 4/4 (2:1), so ours get the same swing
// there, which checks the swing too. abcjs's own setUpAudio events are scored for information.
import { existsSync, readFileSync } from 'node:fs';
import abcjs from 'abcjs';
import { describe, expect, it } from 'vitest';
import { splitTunes } from '../../src/abc/read.js';
import type { AbcTune } from '../../src/playback/abc-types.js';
import { buildNoteEvents } from '../../src/playback/notes.js';
import { applySwing } from '../../src/playback/swing.js';
import { hasAbc2midi } from '../helpers/abc2midi.js';
import { type TimedPitch, abc2midiNotes, matchNotes } from '../helpers/notes-compare.js';

const CORPUS = 'corpus-abc/train.abc';
const ready = existsSync(CORPUS) && hasAbc2midi();

/** 200 tunes spread evenly over the training file. */
function sampleTunes(count: number): string[] {
  const all = splitTunes(readFileSync(CORPUS, 'utf8')).map((t) => t.text);
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

function abcjsOwn(tune: { setUpAudio(): { tracks: { cmd: string; pitch: number; start: number }[][] } }): TimedPitch[] {
  return tune.setUpAudio().tracks.flat().filter((e) => e.cmd === 'note').map((e) => ({ pitch: e.pitch, start: e.start * 4 }));
}

describe.skipIf(!ready)('playback notes vs abc2midi', () => {
  it('agree on pitch and onset for >= 98% of notes over 200 corpus tunes', () => {
    const tunes = sampleTunes(200);
    const theirs = abc2midiNotes(tunes);
    const totals = { ours: { matched: 0, total: 0 }, abcjs: { matched: 0, total: 0 }, tunes: 0 };
    tunes.forEach((text, i) => {
      const reference = theirs[i];
      if (!reference) return;
      const parsed = abcjs.parseOnly(text)[0];
      const swing = /^R:\s*hornpipe/im.test(text) && /^M:\s*4\/4/m.test(text) ? 2 / 3 : 0.5;
      const ours = applySwing(buildNoteEvents(parsed as unknown as AbcTune), swing).map((e) => ({ pitch: e.pitch, start: e.start * 4 }));
      for (const [k, notes] of [['ours', ours], ['abcjs', abcjsOwn(parsed as never)]] as const) {
        const m = matchNotes(notes, reference);
        totals[k].matched += m.matched;
        totals[k].total += m.total;
      }
      totals.tunes++;
    });
    const rate = (k: 'ours' | 'abcjs') => totals[k].matched / totals[k].total;
    console.log(`notes vs abc2midi over ${totals.tunes} tunes: ours ${(100 * rate('ours')).toFixed(2)}% ` +
      `(${totals.ours.matched}/${totals.ours.total}), abcjs setUpAudio ${(100 * rate('abcjs')).toFixed(2)}%`);
    expect(totals.tunes).toBeGreaterThanOrEqual(195);
    expect(rate('ours')).toBeGreaterThanOrEqual(0.98);
  });
});
