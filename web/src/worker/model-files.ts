// What the worker fetches: the model (manifest, vocabulary, weights) through the same reader as
// the command line's model-dir.ts, and the novelty index and title words beside it, plus the
// English word list. A file the server does not have (404) is "missing"; any other failure is
// an error naming the URL.
import { decodeIndex, type NoveltyIndex } from '../../../src/compose/novelty.js';
import { type LoadedModel, type ModelSource, readModel } from '../../../src/model/model-bytes.js';

async function fetchBytes(url: string): Promise<Uint8Array | undefined> {
  const res = await fetch(url);
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The files under a base URL (ending in `/`) as a model source. */
export function urlSource(base: string): ModelSource {
  return { where: (name) => new URL(name, base).href, read: (name) => fetchBytes(new URL(name, base).href) };
}

export interface ModelFiles {
  model: LoadedModel;
  novelty?: NoveltyIndex;
  titleWords: string;
  english: string;
}

/** Fetches everything a composer needs, in parallel. */
export async function fetchModelFiles(modelBase: string, englishUrl: string): Promise<ModelFiles> {
  const source = urlSource(modelBase);
  const text = async (bytes: Promise<Uint8Array | undefined>) => new TextDecoder().decode((await bytes) ?? new Uint8Array());
  const [model, novelty, titleWords, english] = await Promise.all([
    readModel(source, modelBase), source.read('novelty.bin'), text(source.read('title-words.txt')), text(fetchBytes(englishUrl)),
  ]);
  return { model, novelty: novelty && decodeIndex(novelty), titleWords, english };
}
