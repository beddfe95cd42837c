// `npm run -s evaluate -- --abc FILE [--model DIR] [--json] [--backend B] [--adapt]`: normalises
// FILE with the corpus normaliser and scores the model on it: tunes, characters, bits per
// character, perplexity and next-character accuracy (each tune read from BOS, EOS scored).
// --adapt also scores it with dynamic evaluation (src/model/adapt.ts: the model learns from the
// collection as it reads it, as PPMd does; minutes, not seconds).
// `npm run -s evaluate -- --music FILE [--reference FILE] [--json]`: the music-quality report of the
// tunes in FILE as written (not normalised), against a reference (default corpus-abc/train.abc).
import { basename, join, resolve } from 'node:path';
import { AS_WRITTEN, keyBits, toModelForm } from '../abc/text-format.js';
import { modelText } from '../abc/tune-text.js';
import { formatTune } from '../abc/normalize.js';
import { buildCorpus } from '../corpus/build.js';
import { loadValidator, readSources } from '../corpus/import.js';
import { writeAtomic } from '../io/atomic.js';
import { describeBackend, selectBackend } from '../model/backend.js';
import { type EvalTotals, evaluateTunes, summarise } from '../model/evaluate.js';
import { loadModel } from '../model/model-dir.js';
import { createNetwork, disposeNetwork, type Network } from '../model/network.js';
import { loadEnglishWords, measureFile } from '../music/load.js';
import { formatMusicReport, musicReport, setFigures } from '../music/report.js';
import { histogramsSvg } from '../music/svg.js';
import { encodeTune } from '../tokenizer/index.js';
import { EXIT, PROJECT_ROOT, fail, inputPath, parseFlags, runMain } from './args.js';

const NAME = 'evaluate';
const USAGE = 'usage: evaluate --abc FILE [--model DIR] [--json] [--backend auto|gpu|cpu|wasm] [--adapt]'
  + ' | --music FILE [--reference FILE] [--json]';
const { values } = parseFlags(NAME, {
  abc: { type: 'string' }, model: { type: 'string' }, json: { type: 'boolean' }, backend: { type: 'string' },
  music: { type: 'string' }, reference: { type: 'string' }, adapt: { type: 'boolean' },
});

const existingFile = (path: string, hint = '') => inputPath(NAME, path, hint);

async function evaluateModel(abc: string): Promise<void> {
  const file = existingFile(abc);
  const modelDir = resolve(values.model ?? join(PROJECT_ROOT, 'models', 'default'));
  existingFile(join(modelDir, 'model.json'), ' (no model there: train one or pass --model DIR)');
  const backend = await selectBackend(values.backend);
  if (!values.json) process.stdout.write(`backend: ${describeBackend(backend)}\n`);
  const model = await loadModel(modelDir);
  const built = buildCorpus(await readSources([file]), await loadValidator(() => {}));
  // Tunes the model's form cannot hold (a key that cannot be moved to C) are left out.
  const format = model.manifest.text ?? AS_WRITTEN;
  const pairs = built.kept.map((t, i) => modelText(formatTune(i + 1, t))).flatMap((text) => {
    const form = toModelForm(text, format);
    return form === null ? [] : [{ text, form }];
  });
  const texts = pairs.map((p) => p.text);
  if (texts.length === 0) fail(NAME, `${file}: no tune survived normalisation (${built.report.totals.read} read)`);
  const encoded = pairs.map((p) => encodeTune(model.vocab, p.form));
  const score = (run: (net: Network) => EvalTotals) => {
    const net = createNetwork(model.manifest.model, model.manifest.vocabSize, model.params);
    try {
      return run(net);
    } finally {
      disposeNetwork(net);
    }
  };
  // Scored per character of the text as written (each tune's characters plus its end), whatever the model's form.
  const chars = texts.reduce((n, t) => n + t.length + 1, 0);
  const keyTotal = texts.reduce((b, t) => b + keyBits(format, t), 0);
  const figures = (totals: EvalTotals) => {
    const bits = totals.sumLoss / Math.LN2 + keyTotal;
    return { bitsPerChar: +(bits / chars).toFixed(4), bitsPerTune: +(bits / texts.length).toFixed(2), perplexity: +(2 ** (bits / chars)).toFixed(4),
      accuracy: +summarise(totals).accuracy.toFixed(4) };
  };
  const result = { tunes: texts.length, chars, ...figures(score((net) => evaluateTunes(net, encoded))), model: modelDir, backend: backend.active };
  let adaptive;
  if (values.adapt) {
    // imported here: it loads tfjs's gradients, which plain evaluation does without
    const { adaptiveEvaluate, DEFAULT_ADAPT } = await import('../model/adapt.js');
    adaptive = { ...figures(score((net) => adaptiveEvaluate(net, encoded))), ...DEFAULT_ADAPT };
  }
  if (values.json) process.stdout.write(JSON.stringify(adaptive ? { ...result, adaptive } : result) + '\n');
  else {
    process.stdout.write(`model:        ${modelDir}\ntunes:        ${result.tunes} (of ${built.report.totals.read} read)\ncharacters:   ${result.chars}\n`);
    process.stdout.write(`bits/char:    ${result.bitsPerChar}\nbits/tune:    ${result.bitsPerTune}\nperplexity:   ${result.perplexity}\naccuracy:     ${(100 * result.accuracy).toFixed(1)}%\n`);
    if (adaptive) process.stdout.write(`adaptive:     ${adaptive.bitsPerChar} bits/char, ${adaptive.bitsPerTune} bits/tune, accuracy ${(100 * adaptive.accuracy).toFixed(1)}% (dynamic evaluation)\n`);
  }
}

async function evaluateMusic(music: string): Promise<void> {
  const file = existingFile(music);
  const refFile = existingFile(values.reference ?? join(PROJECT_ROOT, 'corpus-abc', 'train.abc'),
    values.reference ? '' : ' (the default reference: run `npm run corpus -- import` or pass --reference FILE)');
  const isEnglish = await loadEnglishWords();
  const set = await measureFile(file);
  const reference = refFile === file ? set : await measureFile(refFile);
  const report = musicReport(set, reference, isEnglish);
  if (values.json) return void process.stdout.write(JSON.stringify(report) + '\n');
  const names = { set: basename(file), reference: basename(refFile) };
  const figures = { set: setFigures(set, isEnglish), reference: setFigures(reference, isEnglish) };
  process.stdout.write(formatMusicReport(report, figures, names) + '\n');
  const chart = `${file}.music.svg`;
  await writeAtomic(chart, histogramsSvg(set.histograms, reference.histograms, names, report.jsd));
  process.stdout.write(`chart: ${chart}\n`);
}

runMain(NAME, async () => {
  if (values.music === undefined) {
    if (!values.abc || values.reference !== undefined) fail(NAME, USAGE, EXIT.usage);
    return evaluateModel(values.abc);
  }
  if (values.abc !== undefined) fail(NAME, '--abc (model) and --music (tunes) are separate modes: give one', EXIT.usage);
  if (values.model !== undefined || values.backend !== undefined || values.adapt) fail(NAME, '--model, --backend and --adapt go with --abc only', EXIT.usage);
  return evaluateMusic(values.music);
});
