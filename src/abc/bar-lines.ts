// The bar-line table of the ABC layer: the bar lines of the normal form, the names abcjs gives
// them, and what each means for bar lengths (a section end may close a short bar), repeats
// (which open a repeated section, which send the player back) and endings (`|1`, `:|2`; which
// bar lines close the ending being played, for abc2midi). The normaliser's bar check, the
// validator, the bar guide and the player all read bar lines through it. Pure.

/** A bar line without its ending number, in the normal form's spelling. */
export type BarKind = '|' | '||' | '|]' | '|:' | ':|' | '::';

/** A bar line and the ending it starts ('' for none): `:|2` is `{ kind: ':|', ending: '2' }`. */
export interface BarSign {
  kind: BarKind;
  ending: string;
}

export const BAR_KINDS: readonly BarKind[] = ['|', '||', '|]', '|:', ':|', '::'];

/** Bar lines of the normal form, with the endings they may carry (endings sit on `|` and `:|`). */
export const BAR_TEXTS = [...BAR_KINDS, ...['1', '2', '3'].flatMap((n) => [`|${n}`, `:|${n}`])];

/** abcjs's names for bar lines (`[|` is read as `||`; dotted and invisible ones as `|`). */
const ABCJS_KINDS: Record<string, BarKind> = {
  bar_thin: '|', bar_dotted: '|', bar_invisible: '|', bar_thin_thin: '||', bar_thick_thin: '||',
  bar_thin_thick: '|]', bar_left_repeat: '|:', bar_right_repeat: ':|', bar_dbl_repeat: '::',
};

/** The kind of an abcjs bar element's `type` (unknown names read as a plain `|`). */
export function kindOfAbcjs(type: string | undefined): BarKind {
  return ABCJS_KINDS[type ?? ''] ?? '|';
}

/** A normal-form bar-line text (`:|2`) as a sign; undefined when it is not one. */
export function parseBarText(text: string): BarSign | undefined {
  const m = /^(\|\||\|\]|\|:|:\||::|\|)([0-9]*)$/.exec(text);
  return m ? { kind: m[1] as BarKind, ending: m[2] } : undefined;
}

/** A section end: any bar line but a plain `|`; a short bar may stand before it. */
export function isSectionEnd(kind: BarKind): boolean {
  return kind !== '|';
}

/** A bar-line text other than a plain `|` (with or without an ending number). */
export function isSoftBar(text: string): boolean {
  return text.replace(/[0-9]+$/, '') !== '|';
}

/** Sends the player back to the repeat's start: `:|` and `::`. */
export function repeatsBack(kind: BarKind): boolean {
  return kind === ':|' || kind === '::';
}

/** Opens a repeated section: `|:` and `::`. */
export function opensRepeat(kind: BarKind): boolean {
  return kind === '|:' || kind === '::';
}

/** Closes the ending being played (abc2midi wants one before another ending starts). */
export function closesEnding(kind: BarKind): boolean {
  return kind !== '|';
}

/** An ending label that starts with pass 1 (`1`, `1,3`, `1-2`). */
export function isFirstEnding(label: string | undefined): boolean {
  return /^\s*1(\D|$)/.test(label ?? '');
}

/** The passes an ending label names: "1", "2", "1,3", "1-3", "1 2". */
export function endingPasses(label: string): number[] {
  const out: number[] = [];
  for (const part of label.split(/[,\s]+/).filter(Boolean)) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) for (let n = Number(range[1]); n <= Number(range[2]); n++) out.push(n);
    else if (/^\d+$/.test(part)) out.push(Number(part));
  }
  return out;
}
