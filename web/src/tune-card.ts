// One tune on the page: its title (wrapping inside the card however long) and its sheet music
// drawn by abcjs (resizing with the page), and its own controls: Play/Stop with tempo and swing,
// ABC and MIDI downloads, print, and a share link. The ABC drawn, shown and downloaded is the
// server's text with notes grouped by beat; the download adds the tune book's N: line.
import abcjs from 'abcjs';
import { groupBeats } from '../../src/abc/beaming.js';
import type { AbcElement, AbcTune } from '../../src/playback/abc-types.js';
import { buildNoteEvents, type NoteEvent } from '../../src/playback/notes.js';
import { applySwing, defaultSwing, HORNPIPE_SWING, swingable } from '../../src/playback/swing.js';
import { BPM_RANGE, defaultBpm, readBpm, secondsPerWhole } from '../../src/playback/tempo.js';
import { tuneMidiFile } from '../../src/playback/tune-midi.js';
import { bookTune } from '../../src/tunebook/format.js';
import type { Tune } from './api.js';
import { download, fileName } from './download.js';
import { play, stop } from './player.js';

type Drawn = AbcElement & { abselem?: { elemset?: Element[] } };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...kids: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...kids);
  return node;
}

/** SVG elements of each drawn note, by the note's first character in the ABC text. */
function notesByChar(tune: AbcTune): Map<number, Element[]> {
  const map = new Map<number, Element[]>();
  for (const line of tune.lines) for (const staff of line.staff ?? []) for (const voice of staff.voices ?? []) {
    for (const e of voice as Drawn[]) if (e.el_type === 'note' && e.abselem?.elemset) map.set(e.startChar, e.abselem.elemset);
  }
  return map;
}

/** The tempo box, with a message beside it while what it holds is not a usable tempo. */
function tempoInput(tune: AbcTune) {
  const input = el('input', { type: 'number', min: String(BPM_RANGE.min), max: String(BPM_RANGE.max), step: '2', value: String(defaultBpm(tune)), className: 'bpm' });
  const message = el('span', { className: 'tempo-error', role: 'alert', hidden: true });
  const check = (): number | undefined => {
    const read = readBpm(input.value);
    const error = 'error' in read ? read.error : '';
    message.textContent = error;
    message.hidden = error === '';
    input.classList.toggle('invalid', error !== '');
    return 'bpm' in read ? read.bpm : undefined;
  };
  input.addEventListener('input', () => void check());
  return { input, message, check };
}

interface CardContext {
  card: HTMLElement;
  tune: AbcTune;
  data: Tune;
  index: number;
  shareLink: string;
  /** The tune book's N: line (model, seed, settings) as known now. */
  note: () => string;
}

/** The swing choice, starting where the tune book's MIDI does (the hornpipe lilt for an R:hornpipe). */
function swingSelect(tune: AbcTune): HTMLSelectElement {
  const swing = el('select', { className: 'swing', disabled: !swingable(tune.getMeterFraction()) },
    el('option', { value: '0.5', textContent: 'straight' }), el('option', { value: '0.58', textContent: 'light swing' }),
    el('option', { value: String(HORNPIPE_SWING), textContent: 'hornpipe swing' }));
  swing.value = String(defaultSwing(tune));
  return swing;
}

function controls({ card, tune, data, index, shareLink, note }: CardContext) {
  const bpm = tempoInput(tune);
  const swing = swingSelect(tune);
  const button = (text: string, cls: string, onClick: () => void) => {
    const b = el('button', { type: 'button', textContent: text, className: cls });
    b.addEventListener('click', onClick);
    return b;
  };
  const playing = notesByChar(tune);
  const mark = (e: NoteEvent | null) => {
    document.querySelectorAll('.note-playing').forEach((n) => n.classList.remove('note-playing'));
    card.classList.toggle('playing', e !== null);
    for (const n of e ? playing.get(e.startChar) ?? [] : []) n.classList.add('note-playing');
  };
  const onPlay = () => {
    const beats = bpm.check();
    if (beats === undefined) return;
    const events = applySwing(buildNoteEvents(tune), Number(swing.value));
    void play({ events, secondsPerWhole: secondsPerWhole(beats, tune), onNote: mark });
  };
  const onMidi = () => {
    const beats = bpm.check();
    if (beats === undefined) return;
    download(fileName(data.title, 'mid'), tuneMidiFile(tune, { bpm: beats, swing: Number(swing.value), title: data.title }), 'audio/midi');
  };
  // the download is the tune as the tune book writes it: numbered, with the N: line, grouped by beat
  const abcFile = () => bookTune(data, index + 1, /^N:/m.test(data.abc) ? undefined : note());
  return el('div', { className: 'tune-controls no-print' },
    button('▶ Play', 'play', onPlay),
    button('■ Stop', 'stop', stop),
    el('label', {}, 'Tempo ', bpm.input, ' bpm'),
    el('label', {}, 'Swing ', swing),
    button('ABC', 'abc', () => download(fileName(data.title, 'abc'), abcFile(), 'text/vnd.abc')),
    button('MIDI', 'midi', onMidi),
    button('Print', 'print', () => printOnly(card)),
    el('a', { href: shareLink, textContent: 'Link', title: 'Settings and seed that compose this tune again' }),
    bpm.message);
}

/** Prints this tune alone: the print stylesheet hides the other cards while it is marked. */
function printOnly(card: HTMLElement): void {
  document.body.classList.add('print-one');
  card.classList.add('print-this');
  window.print();
  document.body.classList.remove('print-one');
  card.classList.remove('print-this');
}

/**
 * Builds a card for `data`, draws it into `parent`, and returns it. abcjs draws a title on one
 * line of the SVG and a long one runs off both sides, so the card shows the title as text and
 * abcjs draws the tune without its T: lines.
 */
export function addTuneCard(parent: HTMLElement, data: Tune, index: number, shareLink: string, note: () => string): HTMLElement {
  const music = el('div', { className: 'music' });
  const meta = el('p', { className: 'meta no-print' },
    `${data.meter} · ${data.key} · ${data.bars} bars · ${data.logProbPerChar.toFixed(2)} log-prob/char${data.copied ? ' · copies training bars' : ''}`);
  const card = el('article', { className: 'tune', id: `tune-${index + 1}` }, el('h2', { className: 'tune-title', textContent: data.title }), music, meta);
  parent.append(card);
  const abc = groupBeats(data.abc);
  const [tune] = abcjs.renderAbc(music, abc.replace(/^T:.*\n/gm, ''), {
    responsive: 'resize', add_classes: true, staffwidth: 760, paddingtop: 8, paddingbottom: 8,
    wrap: { minSpacing: 1.8, maxSpacing: 2.7, preferredMeasuresPerLine: 4 }, // reflow: corpus line breaks make ragged lines
  }) as unknown as AbcTune[];
  card.append(controls({ card, tune, data, index, shareLink, note }), el('details', { className: 'no-print' }, el('summary', {}, 'ABC'), el('pre', {}, abc)));
  return card;
}
