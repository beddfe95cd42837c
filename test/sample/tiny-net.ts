// A tiny random LSTM over an ABC-like vocabulary, for fast deterministic sampler tests.
import { createNetwork, type Network } from '../../src/model/network.js';
import { initParams } from '../../src/model/params.js';
import { buildVocab } from '../../src/tokenizer/index.js';
import { charTable } from '../../src/sample/choose.js';

export const vocab = buildVocab(['T:M:L:R:K:\nABCDEFGabcdefgz|:[]/0123456789#^_=,\' -()<>ordmaijgxyReelJig']);
export const table = charTable(vocab);

export function tinyNet(seed = 3, hidden = 16): Network {
  const model = { cell: 'lstm' as const, layers: 2, hidden, dropout: 0 };
  const params = initParams(model, vocab.tokens.length, seed);
  // sharper output distribution than the default init, so greedy and beam choices differ from sampling
  for (const name of ['out.w', 'l0.wx']) params[name] = params[name].map((v) => v * 12);
  return createNetwork(model, vocab.tokens.length, params);
}
