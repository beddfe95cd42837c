// Splitting an ABC file into tunes and reading their header fields.
// Tolerant by design: CRLF or CR line ends, a byte-order mark, free text between tunes
// and a missing final newline are all accepted; text before the first `X:` is ignored.

/** One tune as found in a file: its raw text and where it started. */
export interface RawTune {
  /** 1-based line number of the tune's `X:` line in its file. */
  line: number;
  /** The tune's text, from its `X:` line up to (not including) the next tune or a blank line run. */
  text: string;
}

/** A header field such as `T:The Kesh` as key `T` and value `The Kesh`. */
export interface HeaderField {
  key: string;
  value: string;
}

const FIELD_LINE = /^([A-Za-z]):(.*)$/;

/** Normalises line ends and strips a leading byte-order mark. */
export function cleanText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Splits file text into tunes. A tune starts at a line beginning `X:` and ends at the first
 * empty line (ABC 2.1's tune separator) or at the next `X:` line, whichever comes first.
 */
export function splitTunes(fileText: string): RawTune[] {
  const lines = cleanText(fileText).split('\n');
  const tunes: RawTune[] = [];
  let current: { line: number; lines: string[] } | null = null;
  const finish = () => {
    if (current) tunes.push({ line: current.line, text: current.lines.join('\n') });
    current = null;
  };
  lines.forEach((line, i) => {
    if (/^X:/.test(line)) {
      finish();
      current = { line: i + 1, lines: [line] };
    } else if (current) {
      if (line.trim() === '') finish();
      else current.lines.push(line);
    }
  });
  finish();
  return tunes;
}

/**
 * Reads the header of a tune: every field line from `X:` up to and including the first `K:`.
 * Comment lines (`%`) and directives (`%%`) are skipped.
 */
export function readHeader(tuneText: string): { fields: HeaderField[]; bodyStart: number } {
  const lines = tuneText.split('\n');
  const fields: HeaderField[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('%')) continue;
    const m = FIELD_LINE.exec(line);
    if (!m) return { fields, bodyStart: i };
    fields.push({ key: m[1], value: m[2].trim() });
    if (m[1] === 'K') return { fields, bodyStart: i + 1 };
  }
  return { fields, bodyStart: lines.length };
}

/** The first value of a header field, or undefined. */
export function field(fields: HeaderField[], key: string): string | undefined {
  return fields.find((f) => f.key === key)?.value;
}
