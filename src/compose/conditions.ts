// Fitting a request's forced text to a model's vocabulary, before any work is queued: a title
// with characters the model does not know is folded to ones it does (Café -> Cafe, through
// src/abc/fold.ts); what still cannot be written (a title in another script, a prime with
// `@`) is an OptionError naming the field and the characters: a 400 for the server and exit
// code 2 for the command line, like every other bad option. Pure.
import { foldText } from '../abc/fold.js';
import type { Conditions } from '../sample/header-guide.js';
import type { Lexicon } from '../sample/title-lexicon.js';
import type { ComposeOptions } from './options.js';

/** A bad option found once the model is known (the caller's fault, not the server's). */
export class OptionError extends Error {}

function tidyTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().replace(/\.+$/, '');
}

function unknownIn(text: string, known: (ch: string) => boolean): string[] {
  return [...new Set(Array.from(text))].filter((c) => !known(c));
}

/** `opts` with its title folded when that helps; throws OptionError when a field cannot be written. */
export function fitConditions(opts: ComposeOptions, known: (ch: string) => boolean): ComposeOptions {
  let title = opts.title;
  if (title !== undefined && unknownIn(title, known).length > 0) title = tidyTitle(foldText(title));
  const fitted = title === opts.title ? opts : { ...opts, title };
  for (const field of ['title', 'meter', 'key', 'prime'] as const) {
    const value = fitted[field];
    if (value === undefined) continue;
    if (value === '') throw new OptionError(`${field} is empty once folded to the characters the model knows`);
    const unknown = unknownIn(value, known);
    if (unknown.length > 0) {
      throw new OptionError(`${field} uses characters the model does not know: ${unknown.map((u) => JSON.stringify(u)).join(' ')}`);
    }
  }
  return fitted;
}

/** The header guide's conditions of checked options. */
export function conditionsOf(opts: ComposeOptions, lexicon?: Lexicon): Conditions {
  return { title: opts.title, meter: opts.meter, key: opts.key, prime: opts.prime, lexicon };
}
