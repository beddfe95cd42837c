// The text of a normalised tune as the model sees it: everything but the `X:` line, whose
// number only orders tunes in a file. Composed tunes get their `X:` back when written out.

/** Drops a leading `X:` line. */
export function modelText(tuneText: string): string {
  return tuneText.replace(/^X:[^\n]*\n/, '').replace(/\n+$/, '') + '\n';
}

/** Puts an `X:` line in front of model text. */
export function withNumber(text: string, n: number): string {
  return `X:${n}\n${text.replace(/\n+$/, '')}\n`;
}
