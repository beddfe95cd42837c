// `npm run -s evaluate -- --abc FILE [--model DIR] [--json] [--backend B]`
// Normalises FILE with the corpus normaliser and scores the model on it: tunes, characters,
// bits per character, perplexity and next-character accuracy (each tune read from BOS, EOS scored).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { modelText } from '../abc/tune-text.js';
import { formatTune } from '../abc/normalize.js';
import { buildCorpus } from '../corpus/build.js';
import { loadValidator, readSources } from '../corpus/import.js';
import { selectBackend } from '../model/backend.js';
import { evaluateTunes, summarise } from '../model/evaluate.js';
import { loadModel } from '../model/model-dir.js';
import { createNetwork, disposeNetwork } from '../model/network.js';
import { encodeTune } from '../tokenizer/index.js';
import { PROJECT_ROOT, fail, parseFlags, runMain } from './args.js';

const NAME = 'evaluate';
const { values } = parseFlags(NAME, { abc: { type: 'string' }, model: { type: 'string' }, json: { type: 'boolean' }, backend: { type: 'string' } });

runMain(NAME, async () => {
  if (!values.abc) fail(NAME, 'usage: evaluate --abc FILE [--model DIR] [--json] [--backend auto|gpu|cpu|wasm]', 2);
  const file = resolve(values.abc);
  if (!existsSync(file)) fail(NAME, `${file} does not exist`);
  const modelDir = resolve(values.model ?? join(PROJECT_ROOT, 'models', 'default'));
  const backend = await selectBackend(values.backend);
  if (!values.json) process.stdout.write(`backend: ${backend.active}\n`);
  const model = await loadModel(modelDir);
  const built = buildCorpus(await readSources([file]), await loadValidator(() => {}));
  const texts = built.kept.map((t, i) => modelText(formatTune(i + 1, t)));
  if (texts.length === 0) fail(NAME, `${file}: no tune survived normalisation (${built.report.totals.read} read)`);
  const net = createNetwork(model.manifest.model, model.manifest.vocabSize, model.params);
  const tunes = texts.map((t) => encodeTune(model.vocab, t));
  const totals = evaluateTunes(net, tunes);
  disposeNetwork(net);
  const s = summarise(totals);
  const result = { tunes: tunes.length, chars: totals.count, bitsPerChar: +s.bitsPerChar.toFixed(4), perplexity: +s.perplexity.toFixed(4), accuracy: +s.accuracy.toFixed(4), model: modelDir, backend: backend.active };
  if (values.json) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    process.stdout.write(`model:        ${modelDir}\ntunes:        ${result.tunes} (of ${built.report.totals.read} read)\ncharacters:   ${result.chars}\n`);
    process.stdout.write(`bits/char:    ${result.bitsPerChar}\nperplexity:   ${result.perplexity}\naccuracy:     ${(100 * result.accuracy).toFixed(1)}%\n`);
  }
});
