// The page: reads the settings form (or the URL), composes in the page (a Web Worker, wasm or
// WebGL) or, when asked to, through the server, adds a card per tune as it arrives, and exposes
// the player's state for tests. It opens with a random seed unless the URL carries one (a share
// link composes the same tunes again). In the page it makes no /api request at all.
import { compose, type ComposeDone, fetchModels, type Tune } from './api.js';
import { composeInPage, PAGE_MODEL, warmUp } from './in-page.js';
import { stop, transportState } from './player.js';
import { bookNote, randomSeed, readSettings, shareUrl, writeSettings } from './settings.js';
import { addTuneCard } from './tune-card.js';

const form = document.querySelector<HTMLFormElement>('#settings')!;
const status = document.querySelector<HTMLElement>('#status')!;
const writing = document.querySelector<HTMLPreElement>('#writing')!;
const list = document.querySelector<HTMLElement>('#tunes')!;
const composeButton = document.querySelector<HTMLButtonElement>('#compose')!;
const printAll = document.querySelector<HTMLButtonElement>('#print-all')!;
const share = document.querySelector<HTMLAnchorElement>('#share')!;

function say(text: string, error = false): void {
  status.textContent = text;
  status.classList.toggle('error', error);
}

/** What the cards of one run share: the share link and the tune book's N: line, exact once the server answers. */
interface Run {
  count: number;
  link: string;
  note: string;
}

const addCard = (tune: Tune, run: Run) => addTuneCard(list, tune, run.count++, run.link, () => run.note);

function onProgress(type: string, data: Record<string, unknown>, shown: Run): void {
  if (type === 'status') say(String(data.text));
  if (type === 'queued') say(`Waiting for the composer (place ${data.position})…`);
  if (type === 'started') say('The model is writing…');
  if (type === 'attempt') {
    writing.hidden = false;
    writing.textContent = String(data.text ?? '');
    say(`The model is writing… attempt ${data.index}, ${shown.count} tune${shown.count === 1 ? '' : 's'} kept`);
  }
  if (type === 'tune' && data.tune) addCard(data.tune as Tune, shown);
}

async function run(): Promise<void> {
  if (!form.reportValidity()) return;
  const settings = readSettings(form);
  const link = shareUrl(settings);
  history.replaceState(null, '', shareUrl(settings, false));
  share.href = link;
  stop();
  list.replaceChildren();
  composeButton.disabled = true;
  printAll.disabled = true;
  const shown: Run = { count: 0, link, note: bookNote(settings) };
  try {
    const handlers = { onEvent: (type: string, data: Record<string, unknown>) => onProgress(type, data, shown) };
    const engine = settings.engine ?? 'wasm';
    const result: ComposeDone = engine === 'server' ? await compose(settings, handlers)
      : await composeInPage(settings, engine === 'webgl' ? 'webgl' : 'wasm', handlers);
    (window as unknown as { __composed: ComposeDone }).__composed = result; // for tests: the tunes as composed
    shown.note = bookNote(settings, result);
    for (const tune of result.tunes.slice(shown.count)) addCard(tune, shown);
    const note = result.complete ? '' : ` (stopped early: ${result.reason})`;
    say(`${result.tunes.length} tune${result.tunes.length === 1 ? '' : 's'} in ${result.seconds.toFixed(1)} s, ${result.attempts} attempts, model ${result.model}, seed ${result.seed}${result.backend ? `, on ${result.backend} in this page` : ''}${note}`);
  } catch (err) {
    say((err as Error).message, true);
  } finally {
    writing.hidden = true;
    composeButton.disabled = false;
    printAll.disabled = list.children.length === 0;
  }
}

/** The models to choose from: the server's list when composing there, else the one the page ships. */
async function showModels(): Promise<void> {
  const select = document.querySelector<HTMLSelectElement>('#model')!;
  const onServer = engineSelect.value === 'server';
  const models = onServer ? await fetchModels().catch(() => []) : [{ name: PAGE_MODEL, step: undefined }];
  const wanted = new URLSearchParams(location.search).get('model');
  select.replaceChildren(...models.map((m) => new Option(m.name, m.name, false, m.name === wanted)));
  const info = models.map((m) => `${m.name}${m.step !== undefined ? ` (step ${m.step})` : ''}`).join(', ');
  const where = onServer ? 'on the server' : 'in this page, no server needed';
  document.querySelector('#models-info')!.textContent = models.length ? `Models ${where}: ${info}.` : 'No model is available yet.';
  if (!onServer) warmUp(engineSelect.value === 'webgl' ? 'webgl' : 'wasm');
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  void run();
});
const seedInput = form.elements.namedItem('seed') as HTMLInputElement;
document.querySelector('#new-seed')!.addEventListener('click', () => {
  seedInput.value = String(randomSeed());
});
printAll.addEventListener('click', () => window.print());
const engineSelect = form.elements.namedItem('engine') as HTMLSelectElement;
engineSelect.addEventListener('change', () => void showModels());
const params = new URLSearchParams(location.search);
seedInput.value = String(randomSeed());
writeSettings(form, params);
share.href = shareUrl(readSettings(form));
(window as unknown as { __player: object }).__player = {
  transportState,
  highlighted: () => document.querySelectorAll('.note-playing').length,
};
void showModels().then(() => {
  if (params.get('run') === '1') void run();
});
