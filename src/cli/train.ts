// `npm run train -- [--preset NAME | --config FILE] [--resume] [--out models/NAME] [--backend B]`
// Trains a character model on the imported corpus; see README "Training".
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG, resolveConfig } from '../model/config.js';
import { describeBackend, selectBackend } from '../model/backend.js';
import { loadModel } from '../model/model-dir.js';
import { countParams, initParams } from '../model/params.js';
import { loadCorpus } from '../train/corpus.js';
import { train } from '../train/loop.js';
import { configForBackend, usesTensorPath } from '../train/trainer.js';
import { EXIT, PROJECT_ROOT, fail, inputPath, intFlag, numberFlag, parseFlags, runMain } from './args.js';

const NAME = 'train';
const { values } = parseFlags(NAME, {
  preset: { type: 'string' }, config: { type: 'string' }, resume: { type: 'boolean' }, out: { type: 'string' },
  backend: { type: 'string' }, corpus: { type: 'string' }, 'max-steps': { type: 'string' }, 'max-minutes': { type: 'string' },
  epochs: { type: 'string' }, workers: { type: 'string' }, help: { type: 'boolean' },
});

function readConfigFile(path: string): unknown {
  inputPath(NAME, path, ' (the --config file)');
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return fail(NAME, `config file ${path} is not valid JSON`);
  }
}

runMain(NAME, async () => {
  if (values.help) {
    process.stdout.write('usage: npm run train -- [--preset tiny|small|folk-rnn | --config FILE] [--resume] [--out DIR] [--backend auto|gpu|cpu|wasm]\n  [--corpus DIR] [--epochs N] [--workers N] [--max-steps N] [--max-minutes M]\n');
    return;
  }
  if (values.preset && values.config) fail(NAME, 'give --preset or --config, not both', EXIT.usage);
  const preset = values.preset ?? (values.config ? undefined : 'small');
  const presetPath = preset ? join(PROJECT_ROOT, 'src/model/presets', `${preset}.json`) : resolve(values.config!);
  if (preset && !existsSync(presetPath)) fail(NAME, `unknown preset "${preset}" (tiny, small, folk-rnn)`, EXIT.usage);
  const corpusDir = resolve(values.corpus ?? join(PROJECT_ROOT, 'corpus-abc'));
  for (const split of ['train.abc', 'valid.abc']) inputPath(NAME, join(corpusDir, split), values.corpus ? '' : ' (run `npm run corpus -- import` first)');
  const out = resolve(values.out ?? join(PROJECT_ROOT, 'models', preset ?? 'custom'));
  const previous = values.resume && existsSync(join(out, 'model.json')) ? await loadModel(out) : null;
  // Resuming continues with the configuration the run started with; flags still override it.
  const saved = previous?.manifest.training?.config;
  let config = saved ? resolveConfig(DEFAULT_CONFIG, saved) : resolveConfig(DEFAULT_CONFIG, readConfigFile(presetPath));
  const overrides = { epochs: numberFlag(NAME, 'epochs', values.epochs, 0, Infinity, true), workers: intFlag(NAME, 'workers', values.workers) };
  config = resolveConfig(config, { train: Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) });
  const backend = await selectBackend(values.backend);
  process.stdout.write(`backend: ${describeBackend(backend)}\n`);
  config = configForBackend(config, backend.active);
  if (usesTensorPath(backend.active)) process.stdout.write(`training in one TensorFlow context, step kept on the backend (no worker threads), batch ${config.train.batch}\n`);
  const corpus = await loadCorpus(corpusDir, config.train.tonic === 'C' ? 'C' : null, previous?.vocab);
  const params = countParams(initParams(config.model, corpus.vocab.tokens.length, 0));
  process.stdout.write(`model: ${config.model.layers}x${config.model.hidden} ${config.model.cell}, ${params.toLocaleString('en')} weights, vocabulary ${corpus.vocab.tokens.length}; ${corpus.train.length} training and ${corpus.valid.length} validation tunes\n`);
  const tty = process.stdout.isTTY;
  let lastLine = 0;
  await train({
    config, outDir: out, vocab: corpus.vocab, train: corpus.train, trainTexts: corpus.trainTexts, format: corpus.format, valid: corpus.valid, backend: backend.active,
    resume: Boolean(values.resume), maxSteps: intFlag(NAME, 'max-steps', values['max-steps']),
    maxSeconds: values['max-minutes'] ? 60 * numberFlag(NAME, 'max-minutes', values['max-minutes'], 0, Infinity, true)! : undefined,
    log: (line) => process.stdout.write(`${tty ? '\r\x1b[K' : ''}${line}\n`),
    progress: (line) => {
      if (tty) process.stdout.write(`\r\x1b[K${line}`);
      else if (Date.now() - lastLine > 30_000) { lastLine = Date.now(); process.stdout.write(`${line}\n`); }
    },
  });
});
