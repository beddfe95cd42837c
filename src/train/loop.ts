// The training loop: epochs of streamed batches through a trainer (worker threads on wasm, one
// tensor-side unit on native backends: trainer.ts) with gradient clipping and Adam/RMSprop,
// validation every K steps with early stopping, atomic checkpoints (weights, optimizer, step,
// data position) and a JSONL log + SVG curve.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../model/config.js';
import { summarise } from '../model/evaluate.js';
import { createNetwork, disposeNetwork } from '../model/network.js';
import { type Params, initParams, paramShapes } from '../model/params.js';
import { writeAtomic } from '../io/atomic.js';
import { loadModel, readFloats, saveModel } from '../model/model-dir.js';
import { generate } from '../sample/generate.js';
import { type Vocab, decode } from '../tokenizer/index.js';
import { type OptimizerState, createOptimizer, momentsOf } from './optimizer.js';
import { laneRange } from './pool.js';
import { type Trainer, createTrainer, usesTensorPath } from './trainer.js';
import { type LogEntry, lossCurveSvg, progressWithEta } from './report.js';
import { epochStream, readBatch, stepsPerEpoch } from './stream.js';
import { randomKey, transpositions } from './augment.js';
import type { Rng } from '../model/rng.js';
import type { TextFormat } from '../abc/text-format.js';

export interface TrainRun {
  config: RunConfig;
  outDir: string;
  vocab: Vocab;
  train: Int32Array[];
  /** The training tunes' texts, needed when `train.augment` transposes them. */
  trainTexts?: string[];
  /** The text format the tunes are in, recorded in the model. */
  format?: TextFormat;
  valid: Int32Array[];
  /** The active backend: 'wasm' trains in worker threads, any other keeps the step on the backend. */
  backend: string;
  resume: boolean;
  /** Stop after this many steps in this run (for tests and time-boxed sessions). */
  maxSteps?: number;
  maxSeconds?: number;
  log: (line: string) => void;
  progress: (line: string) => void;
}

interface Progress {
  step: number;
  epoch: number;
  stepInEpoch: number;
  bestValidBpc: number | null;
  badEvals: number;
  tokensSeen: number;
  seconds: number;
}

const FRESH: Progress = { step: 0, epoch: 0, stepInEpoch: 0, bestValidBpc: null, badEvals: 0, tokensSeen: 0, seconds: 0 };

function learningRate(c: RunConfig['train'], epoch: number): number {
  return c.learningRate * c.decay ** Math.max(0, epoch - c.decayAfter);
}

interface Restored {
  params: Params;
  opt: OptimizerState;
  progress: Progress;
  /** The lanes' carried recurrent state, unit by unit (see Trainer.getState). */
  lanes: Float32Array[] | null;
}

/** Reads a flat file of arrays of the given lengths. */
async function readArrays(path: string, lengths: number[]): Promise<Float32Array[]> {
  const flat = await readFloats(path, lengths.reduce((a, b) => a + b, 0));
  let at = 0;
  return lengths.map((n) => flat.slice(at, (at += n)));
}

/** Compute units a run splits its lanes among: the workers on wasm, one unit on any other backend. */
function unitsFor(run: TrainRun): number {
  return usesTensorPath(run.backend) ? 1 : run.config.train.workers;
}

async function restore(run: TrainRun): Promise<Restored> {
  const m = await loadModel(run.outDir);
  const t = m.manifest.training as (Progress & { files: Record<string, string>; optimizerT: number; units: number; config: RunConfig }) | undefined;
  if (!t?.files?.optimizer) throw new Error(`train: ${run.outDir}/model.json holds no training state to resume`);
  if (JSON.stringify(t.config.model) !== JSON.stringify(run.config.model)) throw new Error(`train: ${run.outDir} was trained with a different model config; resume with the same one`);
  if (m.vocab.tokens.join('') !== run.vocab.tokens.join('')) throw new Error(`train: ${run.outDir}/vocab.json differs from the corpus vocabulary`);
  const opt = createOptimizer(run.config.train.optimizer, m.params);
  const specs = paramShapes(run.config.model, run.vocab.tokens.length);
  const moments = momentsOf(opt);
  const arrays = await readArrays(join(run.outDir, t.files.optimizer), moments.flatMap(() => specs.map((s) => m.params[s.name].length)));
  moments.forEach((moment, i) => specs.forEach((s, j) => moment[s.name].set(arrays[i * specs.length + j])));
  opt.t = t.optimizerT;
  // The carried state only fits the same lane split; otherwise the lanes restart from zero.
  const { model, train } = run.config;
  const units = unitsFor(run);
  const sameSplit = t.units === units && t.config.train.batch === train.batch && t.files.lanes;
  const perUnit = Array.from({ length: units }, (_, k) => laneRange(k, train.batch, units));
  const lengths = perUnit.flatMap(([a, b]) => Array.from({ length: model.layers * (model.cell === 'lstm' ? 2 : 1) }, () => (b - a) * model.hidden));
  const lanes = sameSplit ? await readArrays(join(run.outDir, t.files.lanes), lengths) : null;
  const { step, epoch, stepInEpoch, bestValidBpc, badEvals, tokensSeen, seconds } = t;
  return { params: m.params, opt, lanes, progress: { step, epoch, stepInEpoch, bestValidBpc, badEvals, tokensSeen, seconds } };
}

/** Keeps the log lines up to `step`, so that a resumed run continues one unbroken curve. */
async function trimLog(path: string, step: number): Promise<LogEntry[]> {
  if (!existsSync(path)) return [];
  const entries = (await readFile(path, 'utf8')).split('\n').filter(Boolean).flatMap((l) => {
    try { return [JSON.parse(l) as LogEntry]; } catch { return []; }
  }).filter((e) => e.step <= step);
  await writeAtomic(path, entries.map((e) => JSON.stringify(e) + '\n').join(''));
  return entries;
}

/** One run of training: the state that lives from its start to its end, and the steps of the loop. */
class TrainingRun {
  private readonly c: TrainRun['config']['train'];
  private readonly vocabSize: number;
  private readonly logPath: string;
  private readonly t0 = Date.now();
  private lastCheckpoint = Date.now();
  private lastEvalStep = -1;
  private window = { loss: 0, steps: 0, started: Date.now() };
  private stop: string | null = null;
  private runSteps = 0;
  private spe = 1; // steps in the current epoch
  private readonly transform?: (tune: number, rng: Rng) => Int32Array;

  constructor(
    private readonly run: TrainRun, private readonly trainer: Trainer,
    private readonly p: Progress, private readonly entries: LogEntry[], private readonly restoredLanes: boolean,
  ) {
    this.c = run.config.train;
    this.vocabSize = run.vocab.tokens.length;
    this.logPath = join(run.outDir, 'train-log.jsonl');
    if (this.c.augment > 0) {
      if (!run.trainTexts) throw new Error('train: "train.augment" needs the training texts');
      this.transform = randomKey(transpositions(run.vocab, run.trainTexts, this.c.augment));
    }
  }

  private elapsed(): number {
    return this.p.seconds + (Date.now() - this.t0) / 1000;
  }

  private async record(e: LogEntry): Promise<void> {
    this.entries.push(e);
    await appendFile(this.logPath, JSON.stringify(e) + '\n');
  }

  private async checkpoint(metrics?: Record<string, unknown>): Promise<void> {
    const { run, p } = this;
    const specs = paramShapes(run.config.model, this.vocabSize);
    const opt = this.trainer.optimizer();
    const moments = momentsOf(opt);
    const lanes = await this.trainer.getState();
    await saveModel({
      dir: run.outDir, model: run.config.model, vocab: run.vocab, params: this.trainer.weights(), step: p.step, text: run.format,
      training: { ...p, seconds: this.elapsed(), optimizerT: opt.t, units: this.trainer.units, config: run.config },
      trainingArrays: { optimizer: moments.flatMap((m) => specs.map((s) => m[s.name])), ...(lanes ? { lanes } : {}) },
      metrics: { ...metrics, step: p.step, epoch: p.epoch + p.stepInEpoch / Math.max(1, this.spe), bestValidBpc: p.bestValidBpc, tokensSeen: p.tokensSeen, trainingSeconds: Math.round(this.elapsed()), backend: run.backend },
    });
    await writeAtomic(join(run.outDir, 'loss-curve.svg'), lossCurveSvg(this.entries));
    this.lastCheckpoint = Date.now();
  }

  private async evaluate(): Promise<void> {
    const { p, c } = this;
    this.lastEvalStep = p.step;
    const totals = summarise(await this.trainer.evaluate(this.run.valid));
    const improved = p.bestValidBpc === null || totals.bitsPerChar < p.bestValidBpc;
    if (improved) p.bestValidBpc = totals.bitsPerChar;
    p.badEvals = improved ? 0 : p.badEvals + 1;
    await this.record({ step: p.step, epoch: p.epoch, validBpc: totals.bitsPerChar, seconds: this.elapsed() });
    this.run.log(`step ${p.step}: validation ${totals.bitsPerChar.toFixed(4)} bits/char, accuracy ${(100 * totals.accuracy).toFixed(1)}%${improved ? ' (best)' : ''}`);
    if (c.patience > 0 && p.badEvals >= c.patience) this.stop = `no better validation loss in ${c.patience} evaluations`;
    await this.checkpoint({ validBpc: totals.bitsPerChar, validAccuracy: totals.accuracy });
  }

  private showSample(): void {
    const net = createNetwork(this.run.config.model, this.vocabSize, this.trainer.weights());
    try {
      const [tune] = generate(net, { count: 1, seed: this.p.step, maxLength: 800 });
      this.run.log(`--- sample at step ${this.p.step} ---\n${decode(this.run.vocab, tune.ids)}\n---`);
    } finally {
      disposeNetwork(net);
    }
  }

  /** One optimisation step at position `s` of the epoch's stream, with its progress report. */
  private async step(stream: Int32Array, s: number, totalSteps: number): Promise<void> {
    const { c, p, run } = this;
    const lr = learningRate(c, p.epoch);
    // Lanes start from zero at an epoch's start, and at a run's start unless state was restored.
    const fresh = s === 0 || (this.runSteps === 0 && !this.restoredLanes);
    const seed = (c.seed * 7_919 + p.step * 104_729) >>> 0;
    const loss = await this.trainer.step({
      batch: c.batch, read: (a, b) => readBatch(stream, c.batch, c.seq, s, a, b), dropout: run.config.model.dropout, seed, reset: fresh, lr, clipNorm: c.clipNorm,
    });
    p.step += 1; p.stepInEpoch = s + 1; p.tokensSeen += c.batch * c.seq; this.runSteps += 1;
    const w = this.window;
    w.loss += loss; w.steps += 1;
    const secs = (Date.now() - w.started) / 1000;
    const bpc = w.loss / w.steps / Math.LN2;
    const tokensPerSec = (w.steps * c.batch * c.seq) / secs;
    const epoch = p.epoch + p.stepInEpoch / this.spe;
    run.progress(progressWithEta({ step: p.step, totalSteps, epoch, bpc, tokensPerSec, secondsPerStep: secs / w.steps }));
    if (p.step % 50 === 0) {
      await this.record({ step: p.step, epoch, trainBpc: bpc, lr, tokensPerSec, seconds: this.elapsed() });
      this.window = { loss: 0, steps: 0, started: Date.now() };
    }
  }

  /** What follows a step: evaluation or a timed checkpoint, a sample, the stop conditions. */
  private async afterStep(): Promise<void> {
    const { c, p, run } = this;
    if (c.evalEvery > 0 && p.step % c.evalEvery === 0) await this.evaluate();
    else if (Date.now() - this.lastCheckpoint > c.checkpointSeconds * 1000) await this.checkpoint();
    if (c.sampleEvery > 0 && p.step % c.sampleEvery === 0) this.showSample();
    if (run.maxSteps !== undefined && this.runSteps >= run.maxSteps) this.stop = `reached --max-steps ${run.maxSteps}`;
    if (run.maxSeconds !== undefined && (Date.now() - this.t0) / 1000 >= run.maxSeconds) this.stop = 'reached --max-minutes';
  }

  async loop() {
    const { c, p } = this;
    while (!this.stop && p.epoch < c.epochs) {
      const stream = epochStream(this.run.train, c.seed, p.epoch, this.transform);
      this.spe = stepsPerEpoch(stream.length, c.batch, c.seq);
      if (this.spe < 1) throw new Error(`train: the training text (${stream.length} tokens) is shorter than one batch of ${c.batch} x ${c.seq}`);
      for (let s = p.stepInEpoch; s < this.spe && !this.stop; s++) {
        await this.step(stream, s, Math.ceil(c.epochs * this.spe));
        await this.afterStep();
      }
      if (p.stepInEpoch >= this.spe) { p.epoch += 1; p.stepInEpoch = 0; }
    }
    if (this.lastEvalStep !== p.step) await this.evaluate();
    this.run.log(`stopped: ${this.stop ?? `finished ${c.epochs} epochs`}; best validation ${p.bestValidBpc?.toFixed(4)} bits/char`);
    return { step: p.step, bestValidBpc: p.bestValidBpc, stopped: this.stop };
  }
}

/** Trains (or resumes) a model as `run` describes; returns the final step and best validation loss. */
export async function train(run: TrainRun) {
  const c = run.config.train;
  const resumed = run.resume && existsSync(join(run.outDir, 'model.json'));
  const start = resumed ? await restore(run) : null;
  const params = start?.params ?? initParams(run.config.model, run.vocab.tokens.length, c.seed);
  const opt = start?.opt ?? createOptimizer(c.optimizer, params);
  const progress: Progress = { ...(start?.progress ?? FRESH) };
  const logPath = join(run.outDir, 'train-log.jsonl');
  const entries = resumed ? await trimLog(logPath, progress.step) : [];
  await mkdir(run.outDir, { recursive: true });
  if (!resumed) await writeAtomic(logPath, '');
  run.log(resumed ? `resuming ${run.outDir} at step ${progress.step} (epoch ${progress.epoch})` : `training from scratch into ${run.outDir}`);
  const trainer = await createTrainer(run.backend, run.config.model, run.vocab.tokens.length, params, opt, c.workers);
  try {
    if (start?.lanes) await trainer.setState(start.lanes, c.batch);
    return await new TrainingRun(run, trainer, progress, entries, Boolean(start?.lanes)).loop();
  } finally {
    await trainer.close();
  }
}
