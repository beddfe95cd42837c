// Tune book output: the .abc file (numbered, N: settings line, notes grouped by beat), names,
// table, HTML (each tune's text escaped, abcjs inlined whole and unable to close its script
// tag early) and MIDI (the project's writer: the notes the page plays, with signatures).
import { describe, expect, it } from 'vitest';
import type { ComposedTune } from '../../src/compose/compose.js';
import { bookAbc, bookTune, midiName, settingsLine, tuneTable } from '../../src/tunebook/format.js';
import { bookHtml } from '../../src/tunebook/html.js';
import { tuneMidi } from '../../src/tunebook/midi.js';
import { validateTune } from '../../src/abc/validate.js';
import { splitTunes } from '../../src/abc/read.js';
import { readMidiMeta, readMidiNotes } from '../helpers/midi-read.js';

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
  it('writes notes grouped by beat, whatever spacing the composed text has', () => {
    const plain = { ...tunes[0], abc: tunes[0].abc.replace(/ /g, '') };
    expect(bookTune(plain, 1)).toContain('\nGAB cde|gfe dcB|GAB cde|d3 d3|]\n');
    expect(bookAbc([plain], note)).toContain('\nGAB cde|gfe dcB|GAB cde|d3 d3|]\n');
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
    // a source holding `</script>` would end the inline script early if written as it is
    const source = 'var ABCJS = {}; /* </script><script>alert(1)</script> */';
    const html = bookHtml(tunes, tunes.map((t) => t.abc), 'Tune book', note, source);
    expect(html).toContain('var ABCJS = {}; /* <\\/script><script>alert(1)<\\/script> */');
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the inlined abcjs and the page's own script
    expect(html).toContain('ABCJS.renderAbc');
    expect(html).toMatch(/@media print[\s\S]*break-inside: avoid/);
    const pres = [...html.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => m[1]);
    expect(pres).toEqual(tunes.map((t) => t.abc.replace(/</g, '&lt;').replace(/>/g, '&gt;')));
    expect(pres[1]).toContain('T:Róisín &lt;Dubh&gt;');
    expect(html).toContain(`<p>${note.replace(/"/g, '&quot;')}</p>`);
    expect(html).not.toMatch(/<script src=/);
  });
  it('writes MIDI with the project\'s writer: the notes played, key, meter and tempo', () => {
    const midi = tuneMidi(tunes[0].abc);
    expect(String.fromCharCode(...midi.slice(0, 4))).toBe('MThd');
    const notes = readMidiNotes(midi).map((n) => [n.pitch, n.start, n.duration]);
    expect(notes.slice(0, 3)).toEqual([[67, 0, 0.5], [69, 0.5, 0.5], [71, 1, 0.5]]); // G A B, eighths
    expect(notes).toHaveLength(20);
    const metas = Object.fromEntries(readMidiMeta(midi).filter((m) => m.at === 0).map((m) => [m.type, m.data]));
    expect(metas[0x58].slice(0, 2)).toEqual([6, 3]); // 6/8
    expect(metas[0x59]).toEqual([1, 0]); // G major: one sharp
    expect(metas[0x51]).toEqual([0x06, 0x1a, 0x80]); // 100 dotted quarters a minute, the page's pace for 6/8
  });
});
