// `npm run compose -- --tunes 10 [--out DIR] [--seed N] [--temperature T] [--top-k K] [--top-p P]
//   [--beam W [--deterministic]] [--greedy] [--no-guard] [--no-bar-guide] [--form auto|off|AABB|...] [--title T] [--meter M] [--key K] [--prime ABC]
//   [--allow-copies] [--pdf] [--json] [--model DIR] [--backend NAME] [--threads N] [--max-attempts N] [--max-seconds S]`
// Composes a tune book from the shipped model. Every option is checked before anything is
// written (--out before anything is composed; title and prime against the model's characters
// once it is loaded): a bad option is one line on stderr and exit code 2, any other failure
// one line and exit code 1.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { checkComposeOptions, type ComposeOptions, composeTunes, fitConditions, loadComposer, threadsFor } from '../compose/compose.js';
import { tuneTable } from '../tunebook/format.js';
import { writeTunebook } from '../tunebook/write.js';
import { unwritableDir } from '../io/out-dir.js';
import { EXIT, PROJECT_ROOT, fail, glueNegatives, intFlag, numberFlag, parseFlags, runMain } from './args.js';

const NAME = 'compose';

const { values, positionals } = parseFlags(NAME, {
  tunes: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, temperature: { type: 'string' },
  'top-k': { type: 'string' }, 'top-p': { type: 'string' }, beam: { type: 'string' }, stochastic: { type: 'boolean' }, deterministic: { type: 'boolean' },
  greedy: { type: 'boolean' }, 'no-guard': { type: 'boolean' }, 'no-bar-guide': { type: 'boolean' }, title: { type: 'string' }, meter: { type: 'string' },
  key: { type: 'string' }, prime: { type: 'string' }, 'allow-copies': { type: 'boolean' }, pdf: { type: 'boolean' },
  json: { type: 'boolean' }, model: { type: 'string' }, backend: { type: 'string' }, 'max-attempts': { type: 'string' },
  'max-seconds': { type: 'string' }, form: { type: 'string' }, threads: { type: 'string' },
}, glueNegatives(process.argv.slice(2)));

function readOptions() {
  if (positionals.length > 0) fail(NAME, `unexpected argument "${positionals[0]}"`, 2);
  if (values.stochastic && values.deterministic) fail(NAME, '--stochastic and --deterministic exclude each other (stochastic is the default)', 2);
  const raw = {
    tunes: intFlag(NAME, 'tunes', values.tunes), seed: intFlag(NAME, 'seed', values.seed, 0) ?? Math.floor(Math.random() * 1e6),
    temperature: numberFlag(NAME, 'temperature', values.temperature, 0, 100, true), topK: intFlag(NAME, 'top-k', values['top-k'], 0),
    topP: numberFlag(NAME, 'top-p', values['top-p'], 0, 1, true), beam: intFlag(NAME, 'beam', values.beam),
    stochasticBeam: values.deterministic ? false : values.stochastic, greedy: values.greedy, repetitionGuard: values['no-guard'] ? false : undefined,
    barGuide: values['no-bar-guide'] ? false : undefined, form: values.form, title: values.title, meter: values.meter, key: values.key,
    prime: values.prime, allowCopies: values['allow-copies'],
    maxAttempts: intFlag(NAME, 'max-attempts', values['max-attempts']), maxSeconds: numberFlag(NAME, 'max-seconds', values['max-seconds'], 0, Infinity, true),
  };
  return checked(() => checkComposeOptions(raw));
}

/** The options a check returns, or its error as a flag's one-line message and exit code 2. */
function checked(check: () => ComposeOptions): ComposeOptions {
  try {
    return check();
  } catch (err) {
    const flag = (err as Error).message.replace(/^([a-z]+)([A-Z])/, (_, a: string, b: string) => `${a}-${b.toLowerCase()}`);
    fail(NAME, `--${flag}`, 2);
  }
}

function defaultOut(): string {
  return join(PROJECT_ROOT, 'tunebooks', new Date().toISOString().replace(/[:T]/g, '-').replace(/\..*$/, ''));
}

runMain(NAME, async () => {
  const opts = readOptions();
  const unwritable = values.out === undefined ? undefined : unwritableDir(values.out);
  if (unwritable) fail(NAME, `--out "${values.out}": ${unwritable}`, EXIT.usage);
  const modelDir = resolve(values.model ?? join(PROJECT_ROOT, 'models', 'default'));
  if (!existsSync(join(modelDir, 'model.json'))) fail(NAME, `no model in ${modelDir} (model.json missing); train one or pass --model DIR`, 2);
  const out = resolve(values.out ?? defaultOut());
  const threads = intFlag(NAME, 'threads', values.threads) ?? threadsFor(opts, availableParallelism());
  const warn = (line: string) => process.stderr.write(`compose: ${line}\n`);
  const composer = await loadComposer(modelDir, { backend: values.backend, trainFile: join(PROJECT_ROOT, 'corpus-abc', 'train.abc'), threads, warn });
  const fitted = checked(() => fitConditions(opts, (ch) => composer.table.ids.has(ch)));
  if (!composer.novelty && !values.json) process.stderr.write(`compose: ${modelDir} has no novelty.bin and there is no corpus-abc/train.abc: copies of training tunes are not checked (npm run -s novelty -- build)\n`);
  const result = await composeTunes(composer, fitted);
  if (result.tunes.length === 0) fail(NAME, `no valid tune composed (${result.reason}); nothing written`);
  const book = await writeTunebook(out, result, fitted, values.pdf ?? false);
  const rel = relative(process.cwd(), out);
  const where = rel === '' ? '.' : rel.startsWith('..') ? out : rel;
  if (values.json) {
    const tunes = result.tunes.map(({ title, meter, key, bars, abc }) => ({ title, meter, key, bars, abc }));
    process.stdout.write(JSON.stringify({ ...result, tunes, out: where }) + '\n');
  } else {
    const s = result;
    process.stdout.write(`${tuneTable(s.tunes)}\n${s.tunes.length} tunes in ${s.seconds} s (${s.tokensPerSec} chars/s); attempts ${s.attempts}, raw validity ${(s.validRate * 100).toFixed(0)}%, copies rejected ${s.copiesRejected}, seed ${s.seed}\n`);
    process.stdout.write(`files: ${where}/tunebook.abc, tunebook.html, mid/ (${s.tunes.length})${book.pdfVia ? `, tunebook.pdf (${book.pdfVia})` : ''}\n`);
  }
  if (!result.complete) process.stderr.write(`compose: ${result.reason}\n`);
});
