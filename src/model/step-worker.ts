// Worker-thread entry of a step helper (step-helper.ts): part k of P of the network (shard.ts)
// on its own single-threaded backend. It starts its backend and reads the model directory as
// soon as it starts. Messages: network (make the part from the weights file named, refusing a
// directory that changed since the calling thread read it: answered 'ready'), open (a batch:
// from then on it serves the commands of the shared link until Close, answering nothing by message).
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from './backend.js';
import { loadModel } from './model-dir.js';
import { ShardCore, shardWeights } from './shard.js';
import { Command, ShardLink } from './shard-link.js';

type Message = { type: 'network'; weights: string } | { type: 'open'; buffer: SharedArrayBuffer; batch: number; capacity: number; layers: number };

const port = parentPort!;
const { backend: asked, dir, part, parts } = workerData as { backend?: string; dir: string; part: number; parts: number };
const backend = selectBackend(asked);
const model = loadModel(dir);
backend.catch(() => undefined);
model.catch(() => undefined); // both reported when the network is asked for
let core: ShardCore | undefined;
let hidden = 0;

async function makeCore(weights: string): Promise<string> {
  const info = await backend;
  const m = await model;
  const file = m.manifest.weightsManifest[0].paths[0];
  if (file !== weights) throw new Error(`${dir} now holds ${file}, not ${weights} (the model changed)`);
  hidden = m.manifest.model.hidden;
  core = new ShardCore(m.manifest.model, shardWeights(m.manifest.model, m.manifest.vocabSize, m.params, parts, part));
  return info.active;
}

/** Serves one batch's commands until Close. */
function serve(link: ShardLink, batch: number): void {
  const units = core!.units;
  core!.open(batch);
  for (let seen = 0; ; ) {
    const { seq, cmd, arg } = link.nextCommand(seen);
    seen = seq;
    if (cmd === Command.Step) core!.step(link.ids.subarray(0, arg), (l, slice) => link.exchange(l, units, arg, slice));
    else if (cmd === Command.Reset) core!.reset(Array.from(link.ids.subarray(0, arg)));
    else if (cmd === Command.Select) core!.select(Array.from(link.ids.subarray(0, arg)));
    link.done();
    if (cmd === Command.Close) return;
  }
}

port.on('message', (msg: Message) => {
  if (msg.type === 'network') {
    makeCore(msg.weights).then(
      (active) => port.postMessage({ type: 'ready', backend: active }),
      (err) => port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  const link = new ShardLink(msg.buffer, parts, msg.capacity, hidden, msg.layers);
  try {
    serve(link, msg.batch);
  } catch (err) {
    link.abort();
    port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
