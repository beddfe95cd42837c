// The character vocabulary: three special tokens, then every character seen in the training
// text, sorted by code point so the same texts always give the same ids. Characters are
// counted with Array.from, so characters outside the BMP are single tokens.

export interface Vocab {
  version: 1;
  /** tokens[0] = '<s>', [1] = '</s>', [2] = '<unk>', then characters by code point. */
  tokens: string[];
}

export const BOS = 0;
export const EOS = 1;
export const UNK = 2;
export const SPECIALS = ['<s>', '</s>', '<unk>'] as const;

/** Builds the vocabulary of every character in the given texts. */
export function buildVocab(texts: Iterable<string>): Vocab {
  const chars = new Set<string>();
  for (const text of texts) for (const ch of text) chars.add(ch);
  const sorted = [...chars].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number));
  return { version: 1, tokens: [...SPECIALS, ...sorted] };
}

/** Reads a vocabulary from parsed JSON, with a clear error when its shape is wrong. */
export function vocabFromJson(json: unknown): Vocab {
  const fail = (why: string): never => {
    throw new Error(`invalid vocabulary: ${why}`);
  };
  if (!json || typeof json !== 'object' || Array.isArray(json)) fail('expected an object {version, tokens}');
  const { version, tokens } = json as { version?: unknown; tokens?: unknown };
  if (version !== 1) fail(`unsupported version ${JSON.stringify(version)}, expected 1`);
  if (!Array.isArray(tokens)) fail('tokens must be an array of strings');
  const list = tokens as unknown[];
  SPECIALS.forEach((s, i) => {
    if (list[i] !== s) fail(`tokens[${i}] must be ${JSON.stringify(s)}`);
  });
  const seen = new Set<string>();
  list.slice(SPECIALS.length).forEach((t, i) => {
    const at = i + SPECIALS.length;
    if (typeof t !== 'string' || Array.from(t).length !== 1) fail(`tokens[${at}] must be a single character`);
    if (seen.has(t as string)) fail(`tokens[${at}] ${JSON.stringify(t)} appears twice`);
    seen.add(t as string);
  });
  return { version: 1, tokens: list as string[] };
}
