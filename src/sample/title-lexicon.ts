// Titles made of words: a lexicon (the training titles' words and an English word list) and the
// rule the header guide applies while a title is written. A run of letters may only grow into a
// prefix of a lexicon word, and may only end (a space, punctuation, the line's end) on a whole
// word, so every title word is a word. Letters are compared in lower case. Pure.

export class Lexicon {
  private readonly words: string[];

  /** Words in any case; entries that are not runs of letters are left out. Repeats are harmless. */
  constructor(words: string[]) {
    // Sorting a list that is mostly in order already (a word list) is close to linear (TimSort).
    this.words = words.map((w) => w.toLowerCase()).filter((w) => /^[a-z]+$/.test(w)).sort();
  }

  /** Distinct words. */
  get size(): number {
    return this.words.filter((w, i) => w !== this.words[i - 1]).length;
  }

  /** Index of the first word >= `s` (binary search). */
  private lowerBound(s: string): number {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(word: string): boolean {
    return this.words[this.lowerBound(word)] === word;
  }

  /** Whether some word starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    return this.words[this.lowerBound(prefix)]?.startsWith(prefix) ?? false;
  }
}

/** The run of letters at the end of a title written so far, in lower case. */
export function trailingWord(title: string): string {
  return /[A-Za-z]*$/.exec(title)![0].toLowerCase();
}

/** Whether `ch` may come next in a title whose text so far is `title`. */
export function titleAllows(lexicon: Lexicon, title: string, ch: string): boolean {
  const run = trailingWord(title);
  if (/^[A-Za-z]$/.test(ch)) return lexicon.hasPrefix(run + ch.toLowerCase());
  return run === '' || lexicon.has(run);
}

/** The letter runs of titles, for building a lexicon from training titles. */
export function titleRuns(titles: string[]): string[] {
  return titles.flatMap((t) => t.toLowerCase().match(/[a-z]+/g) ?? []);
}
