// Folding text to the characters a model trained on plain ASCII titles knows: accents and other
// combining marks go (Café -> Cafe, Seán Ó Duibhir -> Sean O Duibhir), letters with no
// decomposition get their usual spelling (ß -> ss, æ -> ae, ø -> o), typographic quotes, dashes
// and spaces become plain ones. Characters with no plain form are left as they are, for the
// caller to refuse by name. Pure.

/** Letters and signs Unicode does not decompose into a base letter and a mark. */
const SPELLED: Record<string, string> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D',
  þ: 'th', Þ: 'Th', ł: 'l', Ł: 'L', ı: 'i', ħ: 'h', Ħ: 'H',
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u2032': "'", '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ', '\u2026': '...',
};

/** Combining marks (accents, cedillas, ...) left by canonical decomposition. */
const MARKS = /\p{M}/gu;

/** `text` with accents dropped and special letters, quotes and dashes spelled plainly. */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFD').replace(MARKS, '')) out += SPELLED[ch] ?? ch;
  return out.normalize('NFC');
}
