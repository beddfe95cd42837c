// Runs compose jobs off the request path: a fixed number of worker threads (never more than
// the machine's cores), one job each at a time, and a bounded queue in front. A job that
// overruns its time is stopped by replacing its worker. Callers may cancel jobs still queued.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../model/start-worker.js';
import type { ComposeEvent, ComposeOptions, ComposeResult } from '../compose/compose.js';
import { RequestError } from './compose-request.js';

export interface ComposeJob {
  model: string;
  options: ComposeOptions;
  onEvent?: (e: ComposeEvent | { type: 'queued'; position: number } | { type: 'started' }) => void;
  signal?: AbortSignal;
}

interface Pending extends ComposeJob {
  id: number;
  resolve: (r: ComposeResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Pending;
  timer?: NodeJS.Timeout;
}


export class ComposePool {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private settings: { modelsDir: string; workers: number; queueLimit: number; jobSeconds: number; warm?: string }) {
    for (let i = 0; i < settings.workers; i++) this.slots.push(this.spawn({} as Slot));
  }

  /** Jobs waiting and running. */
  get load(): { queued: number; running: number; workers: number } {
    return { queued: this.queue.length, running: this.slots.filter((s) => s.job).length, workers: this.slots.length };
  }

  busy(): boolean {
    return this.closed || (this.queue.length >= this.settings.queueLimit && this.slots.every((s) => s.job));
  }

  compose(job: ComposeJob): Promise<ComposeResult> {
    if (this.closed) return Promise.reject(new RequestError('the server is shutting down', 503));
    if (this.busy()) {
      return Promise.reject(new RequestError('the composer is busy: try again in a minute', 503));
    }
    return new Promise((resolve, reject) => {
      const pending: Pending = { ...job, id: this.nextId++, resolve, reject };
      this.queue.push(pending);
      job.signal?.addEventListener('abort', () => this.cancel(pending), { once: true });
      job.onEvent?.({ type: 'queued', position: this.queue.length });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.splice(0).forEach((p) => p.reject(new RequestError('the server is shutting down', 503)));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private cancel(p: Pending): void {
    const at = this.queue.indexOf(p);
    if (at < 0) return;
    this.queue.splice(at, 1);
    p.reject(new RequestError('cancelled', 499));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => this.replace(slot, `composing took longer than ${this.settings.jobSeconds} s`), (this.settings.jobSeconds + 15) * 1000);
      job.onEvent?.({ type: 'started' });
      slot.worker.postMessage({ type: 'compose', id: job.id, model: job.model, options: job.options });
    }
  }

  /** Gives `slot` a new worker whose messages it handles. */
  private spawn(slot: Slot): Slot {
    const worker = startWorker('./compose-worker.ts', import.meta.url, { modelsDir: this.settings.modelsDir, warm: this.settings.warm });
    slot.worker = worker;
    worker.on('message', (msg) => slot.worker === worker && this.onMessage(slot, msg));
    worker.on('error', (err) => slot.worker === worker && this.replace(slot, `the composer failed: ${err.message}`));
    worker.unref();
    return slot;
  }

  private onMessage(slot: Slot, msg: { type: string; id?: number; event?: ComposeEvent; result?: ComposeResult; message?: string }): void {
    const job = slot.job;
    if (!job || msg.id !== job.id) return;
    if (msg.type === 'event' && msg.event) return void job.onEvent?.(msg.event);
    if (msg.type !== 'done' && msg.type !== 'error') return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    if (msg.type === 'done') job.resolve(msg.result!);
    else job.reject(new Error(msg.message ?? 'compose failed'));
    this.dispatch();
  }

  /** Fails the slot's job and puts a fresh worker in its place. */
  private replace(slot: Slot, why: string): void {
    clearTimeout(slot.timer);
    slot.job?.reject(new RequestError(why, 503));
    slot.job = undefined;
    void slot.worker.terminate();
    if (this.closed) return;
    this.spawn(slot);
    this.dispatch();
  }
}
