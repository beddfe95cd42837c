// Titles made of words: a lexicon (the training titles' words and an English word list) and the
// rule the header guide applies while a title is written. A run of letters may only grow into a
// prefix of a lexicon word, and may only end (a space, punctuation, the line's end) on a whole
// word, so every title word is a word. Letters are compared in lower case; a word keeps one case
// pattern, and only the marks titles use may come between words. Pure.

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

/**
 * What a title may hold besides letters: the marks the training titles use (digits, ' . , - ? !
 * ( ) &, the space). `"`, `:`, `;`, `\` and `=` come in under 20 of 3,577 and are left out.
 */
const TITLE_MARK = /^[0-9'.,\-?!()& ]$/;

/**
 * Whether a word written so far (`run`, its letters) may go on with letter `ch` as words are
 * written: Capitalised, lower case or ALL CAPS, and a capital after Mc or Mac (McDonald); so
 * not "HAir" or "MAHcAID".
 */
function caseFits(run: string, ch: string): boolean {
  if (run === '') return true;
  const allCaps = run === run.toUpperCase();
  if (ch !== ch.toLowerCase()) return allCaps || /^ma?c$/i.test(run);
  return !(allCaps && run.length >= 2);
}

/** Whether `ch` may come next in a title whose text so far is `title` (`\n` ends it). */
export function titleAllows(lexicon: Lexicon, title: string, ch: string): boolean {
  const run = /[A-Za-z]*$/.exec(title)![0];
  if (/^[A-Za-z]$/.test(ch)) return lexicon.hasPrefix((run + ch).toLowerCase()) && caseFits(run, ch);
  if (ch !== '\n' && !TITLE_MARK.test(ch)) return false;
  return run === '' || lexicon.has(run.toLowerCase());
}

/** The letter runs of titles, for building a lexicon from training titles. */
export function titleRuns(titles: string[]): string[] {
  return titles.flatMap((t) => t.toLowerCase().match(/[a-z]+/g) ?? []);
}
