// The compose settings: read from and written to the form, and carried in the page's URL so a
// link brings back the same settings and seed (and, with run=1, composes them straight away);
// a fresh seed; and the tune book's N: line for the settings a run used.
import type { ComposeOptions } from '../../src/compose/composer.js';
import { settingsLine } from '../../src/tunebook/format.js';

export const FIELDS = ['tunes', 'title', 'meter', 'key', 'form', 'prime', 'temperature', 'topK', 'topP', 'beam', 'stochasticBeam', 'seed', 'model', 'engine'] as const;
const NUMBERS = new Set(['tunes', 'temperature', 'topK', 'topP', 'beam', 'seed']);

export type Settings = Record<string, string | number | boolean>;

function input(form: HTMLFormElement, name: string): HTMLInputElement | HTMLSelectElement | null {
  return form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
}

/** The form's settings (the compose options, the model and the engine): empty text fields left out, numbers as numbers, checkboxes as booleans. */
export function readSettings(form: HTMLFormElement): Settings {
  const out: Settings = {};
  for (const name of FIELDS) {
    const el = input(form, name);
    if (!el) continue;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') out[name] = el.checked;
    else if (el.value.trim() !== '') out[name] = NUMBERS.has(name) ? Number(el.value) : el.value.trim();
  }
  return out;
}

export function writeSettings(form: HTMLFormElement, params: URLSearchParams): void {
  for (const name of FIELDS) {
    const el = input(form, name);
    const v = params.get(name);
    if (!el || v === null) continue;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = v === '1' || v === 'true';
    else el.value = v;
  }
}

/** A URL of this page carrying `settings`; `run` makes the page compose on opening. */
export function shareUrl(settings: Settings, run = true): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(settings)) params.set(k, v === true ? '1' : String(v));
  if (run) params.set('run', '1');
  return `${location.origin}${location.pathname}?${params}`;
}

/** A seed for a page opened without one: any the server accepts (0 to 2^32 - 1). */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

/**
 * The N: line the tune book writes for these settings: from what the page sent until the
 * server's answer gives the model's description and the options it used.
 */
export function bookNote(settings: Settings, answer?: { model: string; seed: number; options?: Partial<ComposeOptions> }): string {
  const sent = { temperature: 1, topK: 0, topP: 1, beam: 0, ...settings } as unknown as ComposeOptions;
  const model = answer?.model ?? String(settings.model ?? 'default');
  return settingsLine({ model, seed: answer?.seed ?? Number(settings.seed) }, { ...sent, ...answer?.options });
}
