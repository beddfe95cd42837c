// Writes a copy of a model directory with its weights stored as float32, float16 or 8-bit, with
// its novelty index and title words, to measure what a stored form costs:
//   npx tsx scripts/model-copy.ts --model models/default --dtype float16 --out /tmp/m16
//   npm run -s evaluate -- --abc corpus-abc/valid.abc --model /tmp/m16 --json
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadModel } from '../src/model/model-dir.js';
import { modelCopy } from '../src/model/model-copy.js';
import type { StoredDtype } from '../src/model/quantize.js';

const { values } = parseArgs({ options: { model: { type: 'string', default: 'models/default' }, dtype: { type: 'string', default: 'float16' }, out: { type: 'string' } } });
if (!values.out || !['float32', 'float16', 'uint8'].includes(values.dtype!)) {
  console.error('usage: model-copy --model DIR --dtype float32|float16|uint8 --out DIR');
  process.exit(2);
}
const files = modelCopy(await loadModel(values.model!), values.dtype as StoredDtype);
mkdirSync(values.out, { recursive: true });
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(values.out, name), bytes);
for (const extra of ['novelty.bin', 'title-words.txt']) {
  if (existsSync(join(values.model!, extra))) copyFileSync(join(values.model!, extra), join(values.out, extra));
}
const weights = Object.entries(files).find(([n]) => n.endsWith('.bin'))!;
console.log(`${values.out}: ${weights[0]} ${weights[1].length} bytes`);
