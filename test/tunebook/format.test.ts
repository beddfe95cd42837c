// Tune book output: the .abc file (numbered, N: settings line), names, table, HTML and MIDI.
import { describe, expect, it } from 'vitest';
import type { ComposedTune } from '../../src/compose/compose.js';
import { bookAbc, midiName, settingsLine, tuneTable } from '../../src/tunebook/format.js';
import { bookHtml } from '../../src/tunebook/html.js';
import { tuneMidi } from '../../src/tunebook/midi.js';
import { validateTune } from '../../src/abc/validate.js';
import { splitTunes } from '../../src/abc/read.js';

const tune = (title: string, n: number): ComposedTune => ({
  title, meter: '6/8', key: 'Gmaj', bars: 4, logProbPerChar: -0.5,
  abc: `X:${n}\nT:${title}\nM:6/8\nL:1/8\nK:Gmaj\nGAB cde|gfe dcB|GAB cde|d3 d3|]\n`,
});
const tunes = [tune('The Lark', 7), tune('Róisín <Dubh>', 1)];
const opts = { tunes: 2, temperature: 0.9, topK: 0, topP: 1, beam: 0, seed: 5, key: 'Gmaj' };
const note = settingsLine({ model: 'models/default (2x512 lstm, step 900)', seed: 5 }, opts);

describe('tune book formatting', () => {
  it('numbers tunes 1..N with an N: line naming model, seed and settings', () => {
    const text = bookAbc(tunes, note);
    const parts = splitTunes(text);
    expect(parts.map((p) => p.text.split('\n')[0])).toEqual(['X:1', 'X:2']);
    expect(parts[0].text).toContain('N:composed by folk-lstm: model models/default (2x512 lstm, step 900), seed 5, temperature 0.9, key "Gmaj"');
    for (const p of parts) expect(validateTune(p.text).valid).toBe(true);
  });
  it('names MIDI files by number and title', () => {
    expect(midiName(3, 'The Lark in the Morning!')).toBe('03-the-lark-in-the-morning.mid');
    expect(midiName(12, '???')).toBe('12-tune.mid');
  });
  it('prints a table of #, title, meter, key and bars', () => {
    const lines = tuneTable(tunes).split('\n');
    expect(lines[0]).toMatch(/#\s+title\s+meter\s+key\s+bars/);
    expect(lines[1]).toMatch(/^\s+1\s+The Lark\s+6\/8\s+Gmaj\s+4$/);
  });
  it('makes a self-contained HTML page with abcjs and a print stylesheet', () => {
    const html = bookHtml(tunes, tunes.map((t) => t.abc), 'Tune book', note, 'var ABCJS = {}; /* abcjs */');
    expect(html).toContain('var ABCJS = {}');
    expect(html).toContain('ABCJS.renderAbc');
    expect(html).toMatch(/@media print[\s\S]*break-inside: avoid/);
    expect(html).toContain('Róisín &lt;Dubh&gt;');
    expect(html.match(/class="tune"/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script src=/);
  });
  it('writes MIDI through abcjs', () => {
    const midi = tuneMidi(tunes[0].abc);
    expect(String.fromCharCode(...midi.slice(0, 4))).toBe('MThd');
    expect(midi.length).toBeGreaterThan(100);
  });
});
