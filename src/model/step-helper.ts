// More threads for stepping the network. tfjs-wasm runs on one core under Node, so on wasm the
// network is cut by hidden units into one part per thread (shard.ts): part 0 on the calling
// thread, the others in helper threads (step-worker.ts), each with its own backend; they step
// together through shared memory (shard-link.ts). Every row's logits are the same as on one
// thread (checked in test/model/step-helper.test.ts), so a seed gives the same tunes.
import * as tf from '@tensorflow/tfjs-core';
import type { Worker } from 'node:worker_threads';
import type { Network } from './network.js';
import type { ShardCore } from './shard.js';
import { Command, ShardLink } from './shard-link.js';
import { startWorker } from './start-worker.js';
import type { RowStepper } from './stepper.js';

type Reply = { type: 'ready'; backend: string } | { type: 'error'; message: string };

/** One helper thread holding part `part` of `parts`. Start it early: its backend starts and it reads the model at once. */
export class StepHelper {
  private worker: Worker;
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];
  private failure?: Error;
  private loaded?: Promise<void>;

  /** `backend` as selectBackend takes it (undefined: TFJS_BACKEND or auto, as on the calling thread). */
  constructor(dir: string, backend: string | undefined, part: number, parts: number) {
    this.worker = startWorker('./step-worker.ts', import.meta.url, { dir, backend, part, parts });
    this.worker.unref(); // a helper never keeps the process alive
    this.worker.on('message', (r: Reply) => {
      if (r.type === 'error') this.fail(new Error(`step helper: ${r.message}`));
      else this.waiting.shift()?.resolve(r);
    });
    this.worker.on('error', (err) => this.fail(new Error(`step helper: ${err.message}`)));
    this.worker.on('exit', (code) => this.fail(new Error(`step helper: its thread stopped (exit code ${code})`)));
  }

  /** Once the helper has failed, every later call rejects with the first failure. */
  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }

  /**
   * Resolves when the helper has made its part on `backend` from the weights file `weights`
   * (the one this thread loaded: the helper refuses a directory that changed meanwhile).
   */
  load(weights: string, backend: string): Promise<void> {
    this.loaded ??= (async () => {
      if (this.failure) throw this.failure;
      const ready = new Promise<Reply>((resolve, reject) => this.waiting.push({ resolve, reject }));
      this.worker.postMessage({ type: 'network', weights });
      const r = (await ready) as Extract<Reply, { type: 'ready' }>;
      if (r.backend !== backend) throw new Error(`step helper: it runs on ${r.backend}, not ${backend}`);
    })();
    return this.loaded;
  }

  /** Starts serving a batch through `link`. */
  open(link: ShardLink, batch: number, layers: number): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage({ type: 'open', buffer: link.buffer, batch, capacity: link.capacity, layers });
  }

  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/**
 * A batch stepped by part 0 of the network here and the other parts in the helpers at the same
 * time. The output layer runs here on the full h of the last layer.
 */
export class ShardedStepper implements RowStepper {
  private link: ShardLink;

  constructor(private net: Network, private core: ShardCore, helpers: StepHelper[], public batch: number) {
    const { hidden, layers } = net.config;
    this.link = ShardLink.create(helpers.length + 1, batch, hidden, layers);
    for (const h of helpers) h.open(this.link, batch, layers);
    core.open(batch);
  }

  /** Runs `work` here while the helpers run `cmd`; on any failure every part stops waiting. */
  private together<T>(cmd: Command, arg: number, work: () => T): T {
    this.link.command(cmd, arg);
    try {
      const out = work();
      this.link.awaitDone();
      return out;
    } catch (err) {
      this.link.abort();
      throw err;
    }
  }

  async stepAsync(ids: Int32Array): Promise<Float32Array> {
    this.link.ids.set(ids);
    const { hidden } = this.net.config;
    return this.together(Command.Step, this.batch, () => {
      const top = this.core.step(ids, (l, slice) => this.link.exchange(l, this.core.units, this.batch, slice));
      const w = this.net.weights;
      const logits = tf.tidy(() => tf.add(tf.matMul(tf.tensor2d(top, [this.batch, hidden]), w['out.w'] as tf.Tensor2D), w['out.b']));
      const out = logits.dataSync() as Float32Array;
      logits.dispose();
      return out;
    });
  }

  reset(rows: number[]): void {
    if (rows.length === 0) return;
    this.link.ids.set(rows);
    this.together(Command.Reset, rows.length, () => this.core.reset(rows));
  }

  select(rows: number[]): void {
    if (rows.length > this.link.capacity) throw new Error(`step helper: select of ${rows.length} rows from a batch of ${this.link.capacity}`);
    this.link.ids.set(rows);
    this.together(Command.Select, rows.length, () => this.core.select(rows));
    this.batch = rows.length;
  }

  dispose(): void {
    this.together(Command.Close, 0, () => this.core.close());
  }
}
