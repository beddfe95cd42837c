// Title figures: a title's words (accents folded to ASCII, then runs of letters a-z in lower
// case), the share of words that are English or found among a reference's titles, and the
// share of titles that copy a reference title outright. Pure (tier 1): the word list is passed in.
import { foldText } from '../abc/fold.js';

/** Lower case, accents removed, special letters spelled plainly (src/abc/fold.ts): "Éamonn's Ævintýr" -> "eamonn's aevintyr". */
export function foldToAscii(text: string): string {
  return foldText(text).toLowerCase();
}

/** The words of a title: runs of the letters a-z after folding. */
export function titleWords(title: string): string[] {
  return foldToAscii(title).match(/[a-z]+/g) ?? [];
}

/** Every word of every title, as a set (for "found among the reference's title words"). */
export function wordsOfTitles(titles: string[]): Set<string> {
  return new Set(titles.flatMap(titleWords));
}

/** Share of all the titles' words (pooled) that `known` accepts; 0 when there are no words. */
export function knownWordShare(titles: string[], known: (word: string) => boolean): number {
  const words = titles.flatMap(titleWords);
  return words.length === 0 ? 0 : words.filter(known).length / words.length;
}

/** The key two titles are compared by: trimmed, case folded. */
export function titleKey(title: string): string {
  return title.trim().toLowerCase();
}

/** Share of the non-empty titles identical (trimmed, any case) to a reference title. */
export function titleCopyShare(titles: string[], reference: string[]): number {
  const known = new Set(reference.map(titleKey));
  const named = titles.map(titleKey).filter((t) => t !== '');
  return named.length === 0 ? 0 : named.filter((t) => known.has(t)).length / named.length;
}
