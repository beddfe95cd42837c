// Reads what the book and the summary show about a composed tune from its model text:
// title, meter, key and the number of bars with notes. Pure.
import { splitBars } from '../abc/bar-text.js';
import { headerEnd } from '../sample/header-guide.js';

export interface TuneInfo {
  title: string;
  meter: string;
  key: string;
  bars: number;
  body: string;
}

function headerField(header: string, key: string): string {
  const m = new RegExp(`^${key}:(.*)$`, 'm').exec(header);
  return m ? m[1].trim() : '';
}

/** Header fields and bar count of model text (`T:...` through the body). */
export function tuneInfo(text: string): TuneInfo {
  const end = headerEnd(text);
  const header = end >= 0 ? text.slice(0, end) : text;
  const body = end >= 0 ? text.slice(end) : '';
  const bars = splitBars(body).filter((b) => /[A-Ga-gz]/.test(b.replace(/\[[A-Za-z]:[^\]]*\]/g, ''))).length;
  return { title: headerField(header, 'T'), meter: headerField(header, 'M'), key: headerField(header, 'K'), bars, body };
}

/** A key for spotting the same tune twice in one book: the body without line breaks. */
export function duplicateKey(body: string): string {
  return body.replace(/\s+/g, '');
}
