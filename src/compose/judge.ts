// Judging finished attempts: a tune must end, pass the project's validator, differ from every
// tune already in the book (and, unless the title was asked for, from every title in it), and
// (unless copies are allowed) share no 4-bar window with a training tune. Keeps the counts the
// summary reports and the attempt/time budget. An attempt that finished is judged even when the
// time is up (the work is done); only new ones stop.
import { validateTune } from '../abc/validate.js';
import { MIN_BARS } from '../abc/bar-rules.js';
import { withNumber } from '../abc/tune-text.js';
import type { Attempt } from '../sample/sampler.js';
import type { ComposeEvent, ComposeResult, ComposedTune } from './composer.js';
import { copiedWindows, type NoveltyIndex, noveltyBody } from './novelty.js';
import type { ComposeOptions } from './options.js';
import { duplicateKey, tuneInfo } from './tune-info.js';
import type { KeyPlan } from './key-plan.js';
import { Rng } from '../model/rng.js';

type Summary = Omit<ComposeResult, 'seconds' | 'tokensPerSec' | 'model' | 'seed'>;

export class TuneJudge {
  tunes: ComposedTune[] = [];
  attempts = 0;
  private started = 0;
  private valid = 0;
  private copies = 0;
  private copiesRejected = 0;
  private duplicates = 0;
  private failures: Record<string, number> = {};
  private logProbSum = 0;
  private seen = new Set<string>();
  /** Titles already in the book (lower case): a title the model wrote is not used twice. */
  private titles = new Set<string>();

  constructor(
    private opts: ComposeOptions,
    private novelty: NoveltyIndex | undefined,
    private maxAttempts: number,
    private deadline: number,
    private onProgress?: (e: ComposeEvent) => void,
    private plan?: KeyPlan,
  ) {
    this.keys = new Rng(opts.seed ^ 0x5bd1e995);
  }

  /** Draws the keys of tunes the plan moves (seeded, so a seed gives the same book). */
  private keys: Rng;

  /** Whether more attempts should start: tunes still wanted, attempts and time left. */
  wantsMore(): boolean {
    return this.countsLeft() && Date.now() < this.deadline;
  }

  private countsLeft(): boolean {
    return this.tunes.length < this.opts.tunes && this.attempts < this.maxAttempts;
  }

  /** Attempts a beam-search round may still make. */
  roundSize(): number {
    return Math.max(1, Math.min(this.maxAttempts - this.attempts, this.opts.tunes - this.tunes.length));
  }

  /** Whether the sampler may start another attempt (counted as started). */
  canStart(): boolean {
    if (this.started >= this.maxAttempts || !this.wantsMore()) return false;
    this.started++;
    return true;
  }

  /** Judges one finished attempt; false once no more tunes are wanted. */
  consider(a: Attempt): boolean {
    if (!this.countsLeft()) return false;
    this.attempts++;
    this.logProbSum += a.logProb / Math.max(1, a.chosen);
    this.onProgress?.({ type: 'attempt', index: this.attempts, text: a.text });
    const problem = a.ended ? validateTune(withNumber(a.text, 1), { minBars: MIN_BARS }).problems[0]?.message : `no end within the length cap`;
    if (problem !== undefined) {
      const why = problem.replace(/\d+/g, '#').replace(/^(abcjs: Music Line:#:#: [^:]*).*$/, '$1').slice(0, 70);
      this.failures[why] = (this.failures[why] ?? 0) + 1;
      return this.wantsMore();
    }
    this.valid++;
    this.accept(a, this.plan ? this.plan.written(a.text, this.keys.next()) : a.text);
    return this.wantsMore();
  }

  /** Keeps a valid attempt as `text` (the attempt moved to its key); novelty is judged on the model's own text. */
  private accept(a: Attempt, text: string): void {
    const info = tuneInfo(text);
    if (/^(no title)?$/i.test(info.title)) {
      this.failures['no title'] = (this.failures['no title'] ?? 0) + 1;
      return;
    }
    const dup = duplicateKey(tuneInfo(a.text).body); // the model text: one tune in two keys is one tune
    const title = info.title.toLowerCase();
    if (this.seen.has(dup) || (this.opts.title === undefined && this.titles.has(title))) {
      this.duplicates++;
      return;
    }
    const copied = this.novelty !== undefined && copiedWindows(this.novelty, noveltyBody(a.text)) > 0;
    if (copied) this.copies++;
    if (copied && !this.opts.allowCopies) {
      this.copiesRejected++;
      return;
    }
    this.seen.add(dup);
    this.titles.add(title);
    const tune: ComposedTune = {
      title: info.title, meter: info.meter, key: info.key, bars: info.bars, abc: withNumber(text, this.tunes.length + 1),
      logProbPerChar: +(a.logProb / Math.max(1, a.chosen)).toFixed(4), ...(copied ? { copied: true } : {}),
    };
    this.tunes.push(tune);
    this.onProgress?.({ type: 'tune', index: this.tunes.length, tune });
  }

  /** The commonest reason attempts were not kept, as a clause for the summary's reason. */
  private mainCause(): string {
    const causes: [string, number][] = [
      ...Object.entries(this.failures).map(([why, n]): [string, number] => [`invalid: ${why}`, n]),
      ['duplicates of a tune or title already in the book', this.duplicates],
      ['copies of training tunes', this.copiesRejected],
    ];
    const [why, n] = causes.reduce((a, b) => (b[1] > a[1] ? b : a));
    return n > 0 ? `; ${n} of ${this.attempts} attempts were ${why}` : '';
  }

  /** The counts; `stopped` names why the work ended early when the caller knows (e.g. cancelled). */
  summary(maxSeconds: number, stopped?: string): Summary {
    const complete = this.tunes.length >= this.opts.tunes;
    const budget = Date.now() >= this.deadline ? `time budget of ${maxSeconds} s ran out` : `attempt budget of ${this.maxAttempts} ran out`;
    const reason = complete ? undefined : `${stopped ?? budget}: ${this.tunes.length} of ${this.opts.tunes} tunes${this.mainCause()}`;
    return {
      tunes: this.tunes, attempts: this.attempts, validRate: +(this.valid / Math.max(1, this.attempts)).toFixed(3),
      copiesRejected: this.copiesRejected, copyRate: +(this.copies / Math.max(1, this.valid)).toFixed(3), duplicatesDropped: this.duplicates,
      failures: this.failures, complete, ...(reason ? { reason } : {}),
      noveltyChecked: this.novelty !== undefined, attemptLogProbPerChar: +(this.logProbSum / Math.max(1, this.attempts)).toFixed(4),
    };
  }
}
