// Worker-thread entry: one ComputeUnit on its own single-threaded backend, driven by
// messages from pool.ts. Replies carry gradients as transferable buffers.
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from '../model/backend.js';
import { ComputeUnit } from './compute.js';

interface Init {
  model: import('../model/config.js').ModelConfig;
  vocabSize: number;
  params: import('../model/params.js').Params;
  backend: string;
}

const init = workerData as Init;
await selectBackend(init.backend);
const unit = new ComputeUnit(init.model, init.vocabSize, init.params);
parentPort!.postMessage({ type: 'ready' });

parentPort!.on('message', (msg) => {
  try {
    if (msg.type === 'step') {
      const out = unit.step(msg.req);
      // Own copies, so the buffers can be transferred whatever the backend handed back.
      for (const k of Object.keys(out.grads)) out.grads[k] = out.grads[k].slice();
      const buffers = Object.values(out.grads).map((g) => g.buffer as ArrayBuffer);
      parentPort!.postMessage({ type: 'step', out, memory: unit.memoryBytes() }, buffers);
    } else if (msg.type === 'getState') {
      parentPort!.postMessage({ type: 'getState', out: unit.getState() });
    } else if (msg.type === 'setState') {
      unit.setState(msg.arrays, msg.lanes);
      parentPort!.postMessage({ type: 'setState' });
    } else if (msg.type === 'eval') {
      parentPort!.postMessage({ type: 'eval', out: unit.evaluate(msg.params, msg.tunes) });
    }
  } catch (err) {
    parentPort!.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
