// `npx tsx scripts/eval-compose.ts [--model DIR] [--tunes N] [--beam-tunes M] [--no-bar-guide] [--form F]`: the compose
// figures the README quotes. Raw validity and copy rate of N sampled tunes at T = 1; mean
// log-probability per character of valid tunes, sampling versus beam search (W = 4: the default
// stochastic search, the same without the repetition guard, and the deterministic search);
// abc2midi problems in the valid tunes; the music report of the valid tunes against the training
// tunes (src/music: form, tonic, titles, style); one-bar loops in each.
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { splitBars, isOneBarLoop } from '../src/abc/bar-text.js';
import { checkComposeOptions, composeTunes, loadComposer, type ComposeResult } from '../src/compose/compose.js';
import { PROJECT_ROOT, intFlag, parseFlags, runMain } from '../src/cli/args.js';
import { loadEnglishWords, measureFile } from '../src/music/load.js';
import { measureSet, type SetStats } from '../src/music/measure.js';
import { musicReport } from '../src/music/report.js';
import { checkWithAbc2midi } from '../test/helpers/abc2midi.js';

const NAME = 'eval-compose';
const { values } = parseFlags(NAME, { model: { type: 'string' }, tunes: { type: 'string' }, 'beam-tunes': { type: 'string' }, seed: { type: 'string' }, 'no-bar-guide': { type: 'boolean' }, form: { type: 'string' } });

/** The training tunes' music figures and the English word list, read once for every run. */
interface MusicReference {
  stats: SetStats;
  isEnglish: (word: string) => boolean;
}

function figures(r: ComposeResult, ref: MusicReference) {
  const lp = r.tunes.map((t) => t.logProbPerChar);
  const bodies = r.tunes.map((t) => t.abc.split(/\nK:[^\n]*\n/)[1] ?? '');
  const abc2midi = checkWithAbc2midi(r.tunes.map((t) => t.abc).join('\n')).filter((t) => t.problems.length > 0).length;
  return {
    attempts: r.attempts, valid: Math.round(r.validRate * r.attempts), validRate: r.validRate, copyRate: r.copyRate, kept: r.tunes.length,
    meanLogProbPerChar: +(lp.reduce((a, b) => a + b, 0) / Math.max(1, lp.length)).toFixed(4), attemptLogProbPerChar: r.attemptLogProbPerChar,
    meanBars: +(bodies.reduce((a, b) => a + splitBars(b).length, 0) / Math.max(1, bodies.length)).toFixed(1),
    oneBarLoops: bodies.filter(isOneBarLoop).length, abc2midiProblemTunes: abc2midi, seconds: r.seconds, tokensPerSec: r.tokensPerSec,
    failures: Object.entries(r.failures).sort((a, b) => b[1] - a[1]).slice(0, 5),
    music: musicReport(measureSet(r.tunes.map((t) => t.abc)), ref.stats, ref.isEnglish),
  };
}

runMain(NAME, async () => {
  const composer = await loadComposer(resolve(values.model ?? join(PROJECT_ROOT, 'models', 'default')), { backend: 'wasm', threads: availableParallelism() });
  const n = intFlag(NAME, 'tunes', values.tunes) ?? 100;
  const m = intFlag(NAME, 'beam-tunes', values['beam-tunes'], 0) ?? 10;
  const seed = intFlag(NAME, 'seed', values.seed, 0) ?? 1;
  const ref = { stats: await measureFile(join(PROJECT_ROOT, 'corpus-abc', 'train.abc')), isEnglish: await loadEnglishWords() };
  const base = { allowCopies: true, seed, maxSeconds: 600, barGuide: !values['no-bar-guide'], ...(values.form ? { form: values.form } : {}) };
  const sampled = await composeTunes(composer, checkComposeOptions({ ...base, tunes: n, maxAttempts: n }));
  const out: Record<string, unknown> = { model: composer.model, barGuide: base.barGuide, form: values.form ?? 'auto', sampledT1: figures(sampled, ref) };
  if (m > 0) {
    const beam = (extra: object) => composeTunes(composer, checkComposeOptions({ ...base, tunes: m, maxAttempts: m, beam: 4, ...extra }));
    out.beam4 = figures(await beam({}), ref);
    out.beam4NoGuard = figures(await beam({ repetitionGuard: false }), ref);
    out.beam4Deterministic = figures(await beam({ stochasticBeam: false }), ref);
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
});
