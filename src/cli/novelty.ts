// `npm run -s novelty -- build [--train FILE] [--model DIR]`: hashes every 4-bar window of the
// training tunes into DIR/novelty.bin and lists their title words in DIR/title-words.txt, shipped
// with the model so compose can reject copies and write titles of words without the corpus. `npm run -s novelty -- check FILE.abc [--model DIR]` reports copies.
// A missing input (the training file, FILE.abc, the model's novelty.bin) exits 2, as everywhere.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { splitTunes } from '../abc/read.js';
import { copiedWindows } from '../compose/novelty.js';
import { buildNoveltyFile, noveltyBody, readNoveltyFile } from '../compose/novelty-file.js';
import { TITLE_WORDS_FILE, buildTitleWordsFile } from '../compose/lexicon-file.js';
import { EXIT, PROJECT_ROOT, fail, inputPath, parseFlags, runMain } from './args.js';

const NAME = 'novelty';
const { values, positionals } = parseFlags(NAME, { train: { type: 'string' }, model: { type: 'string' } });

runMain(NAME, async () => {
  const modelDir = resolve(values.model ?? join(PROJECT_ROOT, 'models', 'default'));
  if (positionals[0] === 'build') {
    const t0 = performance.now();
    const train = inputPath(NAME, values.train ?? join(PROJECT_ROOT, 'corpus-abc', 'train.abc'));
    inputPath(NAME, modelDir, ' (the --model folder)');
    const index = await buildNoveltyFile(train, modelDir);
    const words = await buildTitleWordsFile(train, modelDir);
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    process.stdout.write(`novelty: ${index.hashes.length} distinct ${index.window}-bar windows of ${index.tunes} tunes -> ${join(modelDir, 'novelty.bin')} (${s} s)\n`);
    process.stdout.write(`title words: ${words} distinct words of the training titles -> ${join(modelDir, TITLE_WORDS_FILE)}\n`);
  } else if (positionals[0] === 'check' && positionals[1]) {
    const file = inputPath(NAME, positionals[1]);
    const index = await readNoveltyFile(modelDir);
    if (!index) fail(NAME, `${modelDir} has no novelty.bin (run: npm run -s novelty -- build)`, EXIT.missingInput);
    const tunes = splitTunes(await readFile(file, 'utf8'));
    const copies = tunes.filter((t) => copiedWindows(index, noveltyBody(t.text)) > 0).length;
    process.stdout.write(`novelty: ${copies} of ${tunes.length} tunes copy ${index.window}+ consecutive bars of a training tune\n`);
  } else fail(NAME, 'usage: novelty build [--train FILE] [--model DIR] | novelty check FILE.abc [--model DIR]', EXIT.usage);
});
