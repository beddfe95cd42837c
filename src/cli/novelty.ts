// `npm run -s novelty -- build [--train FILE] [--model DIR]`: hashes every 4-bar window of the
// training tunes into DIR/novelty.bin, shipped with the model so compose can reject copies
// without the corpus. `npm run -s novelty -- check FILE.abc [--model DIR]` reports copies.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { splitTunes } from '../abc/read.js';
import { copiedWindows } from '../compose/novelty.js';
import { buildNoveltyFile, readNoveltyFile, tuneBody } from '../compose/novelty-file.js';
import { PROJECT_ROOT, fail, parseFlags, runMain } from './args.js';

const NAME = 'novelty';
const { values, positionals } = parseFlags(NAME, { train: { type: 'string' }, model: { type: 'string' } });

runMain(NAME, async () => {
  const modelDir = resolve(values.model ?? join(PROJECT_ROOT, 'models', 'default'));
  if (positionals[0] === 'build') {
    const t0 = performance.now();
    const index = await buildNoveltyFile(resolve(values.train ?? join(PROJECT_ROOT, 'corpus-abc', 'train.abc')), modelDir);
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    process.stdout.write(`novelty: ${index.hashes.length} distinct ${index.window}-bar windows of ${index.tunes} tunes -> ${join(modelDir, 'novelty.bin')} (${s} s)\n`);
  } else if (positionals[0] === 'check' && positionals[1]) {
    const index = await readNoveltyFile(modelDir);
    if (!index) fail(NAME, `${modelDir} has no novelty.bin (run: npm run -s novelty -- build)`);
    const tunes = splitTunes(await readFile(positionals[1], 'utf8'));
    const copies = tunes.filter((t) => copiedWindows(index, tuneBody(t.text)) > 0).length;
    process.stdout.write(`novelty: ${copies} of ${tunes.length} tunes copy ${index.window}+ consecutive bars of a training tune\n`);
  } else fail(NAME, 'usage: novelty build [--train FILE] [--model DIR] | novelty check FILE.abc [--model DIR]', 2);
});
