// Writes a tune book folder: tunebook.abc, tunebook.html, mid/NN-title.mid and optionally
// tunebook.pdf. Node I/O over the pure formatters.
import { mkdir, readFile } from 'node:fs/promises';
import { writeAtomic } from '../io/atomic.js';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ComposeResult } from '../compose/compose.js';
import type { ComposeOptions } from '../compose/options.js';
import { bookAbc, bookTune, midiName, settingsLine } from './format.js';
import { bookHtml } from './html.js';
import { tuneMidi } from './midi.js';
import { writePdf } from './pdf.js';

export interface WrittenBook {
  dir: string;
  files: string[];
  pdfVia?: string;
}

async function abcjsSource(): Promise<string> {
  const require = createRequire(import.meta.url);
  return readFile(require.resolve('abcjs/dist/abcjs-basic-min.js'), 'utf8');
}

/** Writes the book for `result` into `dir` (created if needed). */
export async function writeTunebook(dir: string, result: ComposeResult, opts: ComposeOptions, pdf = false): Promise<WrittenBook> {
  const note = settingsLine(result, opts);
  await mkdir(join(dir, 'mid'), { recursive: true });
  const files = [join(dir, 'tunebook.abc'), join(dir, 'tunebook.html')];
  await writeAtomic(files[0], bookAbc(result.tunes, note));
  const texts = result.tunes.map((t, i) => bookTune(t, i + 1)); // the page states the note once
  await writeAtomic(files[1], bookHtml(result.tunes, texts, 'Tune book', note, await abcjsSource()));
  for (const [i, t] of result.tunes.entries()) {
    const path = join(dir, 'mid', midiName(i + 1, t.title));
    await writeAtomic(path, tuneMidi(texts[i]));
    files.push(path);
  }
  if (!pdf) return { dir, files };
  const pdfVia = await writePdf(dir);
  files.push(join(dir, 'tunebook.pdf'));
  return { dir, files, pdfVia };
}
