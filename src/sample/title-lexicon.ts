// Titles made of words: a lexicon (the training titles' words and an English word list) and the
// rule the header guide applies while a title is written. A run of letters may only grow into a
// prefix of a lexicon word, and may only end (a space, punctuation, the line's end) on a whole
// word, so every title word is a word. Letters are compared in lower case; a word keeps one case
// pattern, and only the marks titles use may come between words. Pure.

export class Lexicon {
  /** Every word, lower case, one a line (`\n` before each, so a word starts after one). */
  private readonly text: string;
  /** Where each word starts in `text`, in sorted order of the words; each ends at the next `\n`. */
  private readonly starts: Int32Array;

  /**
   * Words in any case; entries that are not runs of letters are left out. Repeats are harmless.
   * Built from one string rather than an array of words: the English list has 274,000 of them,
   * and splitting, lower-casing and filtering them one by one took a fifth of a second.
   */
  constructor(words: string[] | string) {
    this.text = `\n${(typeof words === 'string' ? words : words.join('\n')).toLowerCase()}\n`;
    const text = this.text;
    // lines holding anything but letters are left out (few: found by one regular-expression pass)
    const bad = new Set<number>();
    for (const m of text.matchAll(/[^a-z\n]/g)) bad.add(text.lastIndexOf('\n', m.index) + 1);
    const starts: number[] = [];
    for (let at = 1, end = text.indexOf('\n', at); end >= 0; at = end + 1, end = text.indexOf('\n', at)) {
      if (end > at && !bad.has(at)) starts.push(at);
    }
    // A word list is mostly in order already, so this sort is close to linear (TimSort).
    starts.sort((a, b) => this.compareAt(a, b));
    this.starts = Int32Array.from(starts);
  }

  /** Compares the words starting at a and b in `text` (code-unit order, as `<` on strings). */
  private compareAt(a: number, b: number): number {
    const t = this.text;
    for (;; a++, b++) {
      const x = t.charCodeAt(a);
      const y = t.charCodeAt(b);
      if (x !== y) return x === 10 ? -1 : y === 10 ? 1 : x - y;
      if (x === 10) return 0;
    }
  }

  /** Compares the word starting at `at` with `s`: negative when it sorts first. */
  private compareWith(at: number, s: string): number {
    const t = this.text;
    for (let i = 0; ; i++) {
      const x = t.charCodeAt(at + i);
      if (i === s.length) return x === 10 ? 0 : 1;
      if (x === 10) return -1;
      const y = s.charCodeAt(i);
      if (x !== y) return x - y;
    }
  }

  /** Distinct words. */
  get size(): number {
    let n = 0;
    this.starts.forEach((at, i) => {
      if (i === 0 || this.compareAt(this.starts[i - 1], at) !== 0) n++;
    });
    return n;
  }

  /** Index of the first word >= `s` (binary search). */
  private lowerBound(s: string): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compareWith(this.starts[mid], s) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(word: string): boolean {
    const i = this.lowerBound(word);
    return i < this.starts.length && this.compareWith(this.starts[i], word) === 0;
  }

  /** Whether some word starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    const i = this.lowerBound(prefix);
    return i < this.starts.length && this.text.startsWith(prefix, this.starts[i]);
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
