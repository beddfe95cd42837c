// One tune on the page: its sheet music drawn by abcjs (resizing with the page), and its own
// controls: Play/Stop with tempo and swing, ABC and MIDI downloads, print, and a share link.
import abcjs from 'abcjs';
import type { AbcElement, AbcTune } from '../../src/playback/abc-types.js';
import { writeMidiFile } from '../../src/playback/midi-file.js';
import { buildNoteEvents, type NoteEvent } from '../../src/playback/notes.js';
import { applySwing, swingable } from '../../src/playback/swing.js';
import type { Tune } from './api.js';
import { download, fileName } from './download.js';
import { play, stop } from './player.js';
import { beatLength, defaultBpm, secondsPerWhole } from './tempo.js';

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

function controls(card: HTMLElement, tune: AbcTune, data: Tune, shareLink: string) {
  const bpm = el('input', { type: 'number', min: '30', max: '300', step: '2', value: String(defaultBpm(tune)), className: 'bpm' });
  const swing = el('select', { className: 'swing', disabled: !swingable(tune.getMeterFraction()) },
    el('option', { value: '0.5', textContent: 'straight' }), el('option', { value: '0.58', textContent: 'light swing' }),
    el('option', { value: '0.667', textContent: 'hornpipe swing' }));
  if (/^R:\s*hornpipe/im.test(data.abc) && !swing.disabled) swing.value = '0.667';
  const events = (): NoteEvent[] => applySwing(buildNoteEvents(tune), Number(swing.value));
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
  const qpm = () => Number(bpm.value) * beatLength(tune) * 4;
  return el('div', { className: 'tune-controls no-print' },
    button('▶ Play', 'play', () => void play({ events: events(), secondsPerWhole: secondsPerWhole(Number(bpm.value) || 100, tune), onNote: mark })),
    button('■ Stop', 'stop', stop),
    el('label', {}, 'Tempo ', bpm, ' bpm'),
    el('label', {}, 'Swing ', swing),
    button('ABC', 'abc', () => download(fileName(data.title, 'abc'), data.abc + '\n', 'text/vnd.abc')),
    button('MIDI', 'midi', () => download(fileName(data.title, 'mid'), writeMidiFile(events(), qpm(), 73), 'audio/midi')),
    button('Print', 'print', () => printOnly(card)),
    el('a', { href: shareLink, textContent: 'Link', title: 'Settings and seed that compose this tune again' }));
}

/** Prints this tune alone: the print stylesheet hides the other cards while it is marked. */
function printOnly(card: HTMLElement): void {
  document.body.classList.add('print-one');
  card.classList.add('print-this');
  window.print();
  document.body.classList.remove('print-one');
  card.classList.remove('print-this');
}

/** Builds a card for `data`, draws it into `parent`, and returns it. */
export function addTuneCard(parent: HTMLElement, data: Tune, index: number, shareLink: string): HTMLElement {
  const music = el('div', { className: 'music' });
  const meta = el('p', { className: 'meta no-print' },
    `${data.meter} · ${data.key} · ${data.bars} bars · ${data.logProbPerChar.toFixed(2)} log-prob/char${data.copied ? ' · copies training bars' : ''}`);
  const card = el('article', { className: 'tune', id: `tune-${index + 1}` }, music, meta);
  parent.append(card);
  const [tune] = abcjs.renderAbc(music, data.abc, {
    responsive: 'resize', add_classes: true, staffwidth: 760, paddingtop: 8, paddingbottom: 8,
    wrap: { minSpacing: 1.8, maxSpacing: 2.7, preferredMeasuresPerLine: 4 }, // reflow: corpus line breaks make ragged lines
  }) as unknown as AbcTune[];
  card.append(controls(card, tune, data, shareLink), el('details', { className: 'no-print' }, el('summary', {}, 'ABC'), el('pre', {}, data.abc)));
  return card;
}
