// `npm run -s bench -- train [--preset NAME] [--batch B] [--seq T] [--steps N] [--workers W] [--json]`
// `npm run -s bench -- sample [--model DIR] [--json]`
// `npm run -s bench -- compose [--tunes N] [--runs R] [--threads T] [--model DIR] [--json]`
// Benchmarks on the active backend; figures, not timed tests. See README "Performance".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectBackend } from '../src/model/backend.js';
import { DEFAULT_CONFIG, resolveConfig } from '../src/model/config.js';
import { initParams } from '../src/model/params.js';
import { createOptimizer } from '../src/train/optimizer.js';
import { configForBackend, createTrainer, usesTensorPath } from '../src/train/trainer.js';
import { PROJECT_ROOT, fail, intFlag, parseFlags, runMain } from '../src/cli/args.js';
import { benchSample } from './bench-sample.js';
import { benchCompose } from './bench-compose.js';

const NAME = 'bench';
const { values, positionals } = parseFlags(NAME, {
  preset: { type: 'string' }, batch: { type: 'string' }, seq: { type: 'string' }, steps: { type: 'string' },
  workers: { type: 'string' }, backend: { type: 'string' }, model: { type: 'string' }, json: { type: 'boolean' },
  tunes: { type: 'string' }, runs: { type: 'string' }, threads: { type: 'string' },
});

async function benchTrain() {
  const preset = values.preset ?? 'small';
  const path = join(PROJECT_ROOT, 'src/model/presets', `${preset}.json`);
  if (!existsSync(path)) fail(NAME, `unknown preset "${preset}"`, 2);
  const base = resolveConfig(DEFAULT_CONFIG, JSON.parse(readFileSync(path, 'utf8')));
  const train = { ...base.train };
  train.batch = intFlag(NAME, 'batch', values.batch) ?? train.batch;
  train.seq = intFlag(NAME, 'seq', values.seq) ?? train.seq;
  train.workers = intFlag(NAME, 'workers', values.workers) ?? train.workers;
  const steps = intFlag(NAME, 'steps', values.steps) ?? 6;
  const backend = await selectBackend(values.backend);
  const config = values.batch ? resolveConfig(base, { train }) : configForBackend(resolveConfig(base, { train }), backend.active);
  const vocab = 90; // the corpus vocabulary is about this size; random tokens cost the same
  const params = initParams(config.model, vocab, 1);
  const trainer = await createTrainer(backend.active, config.model, vocab, params, createOptimizer(config.train.optimizer, params), config.train.workers);
  const { batch, seq } = config.train;
  const random = (n: number) => Int32Array.from({ length: n }, (_, i) => (i * 7919 + 13) % vocab);
  const read = (a: number, b: number) => ({ inputs: random(seq * (b - a)), targets: random(seq * (b - a)).reverse() });
  let started = 0;
  for (let s = 0; s < steps + 1; s++) {
    if (s === 1) started = performance.now(); // the first step warms up kernels
    await trainer.step({ batch, read, dropout: config.model.dropout, seed: s, reset: s === 0, lr: 1e-3, clipNorm: config.train.clipNorm });
  }
  const seconds = (performance.now() - started) / 1000;
  await trainer.close();
  return {
    backend: backend.active, preset, layers: config.model.layers, hidden: config.model.hidden, batch, seq, workers: usesTensorPath(backend.active) ? 0 : config.train.workers,
    tokensPerSec: Math.round((steps * batch * seq) / seconds), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

runMain(NAME, async () => {
  const what = positionals[0];
  if (what !== 'train' && what !== 'sample' && what !== 'compose') fail(NAME, 'usage: bench train|sample|compose [options] [--json]', 2);
  const compose = () => benchCompose({ tunes: intFlag(NAME, 'tunes', values.tunes) ?? 10, runs: intFlag(NAME, 'runs', values.runs) ?? 6, threads: intFlag(NAME, 'threads', values.threads), model: values.model });
  const result = what === 'train' ? await benchTrain() : what === 'sample' ? await benchSample(values.model, values.backend) : compose();
  if (values.json) process.stdout.write(JSON.stringify(result) + '\n');
  else for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(14)} ${typeof v === 'object' ? JSON.stringify(v) : v}\n`);
});
