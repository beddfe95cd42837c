// Runs compose jobs off the request path: a fixed number of worker threads (never more than
// the machine's cores), one job each at a time, and a bounded queue in front. Work is admitted
// by cost: the jobs queued and running may cost at most the budget together. A caller that
// goes away cancels its job: a queued one leaves the queue, a running one is told through a
// shared flag its worker reads before every step, and its worker is replaced if it has not
// stopped within a second. A job that overruns its time is stopped by replacing its worker.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../model/start-worker.js';
import type { ComposeEvent, ComposeOptions, ComposeResult } from '../compose/compose.js';
import { RequestError } from './compose-request.js';

export interface ComposeJob {
  model: string;
  options: ComposeOptions;
  /** What the job may cost (compose-request.ts); counted against the budget while it waits and runs. */
  cost: number;
  onEvent?: (e: ComposeEvent | { type: 'queued'; position: number } | { type: 'started' }) => void;
  signal?: AbortSignal;
}

interface Pending extends ComposeJob {
  id: number;
  resolve: (r: ComposeResult) => void;
  reject: (e: Error) => void;
  /** Set to 1 to cancel; shared with the worker, which reads it before every step. */
  cancel: Int32Array;
}

interface Slot {
  worker: Worker;
  job?: Pending;
  timer?: NodeJS.Timeout;
}

export interface PoolSettings {
  modelsDir: string;
  workers: number;
  queueLimit: number;
  jobSeconds: number;
  /** Total cost of queued and running jobs (one job is always admitted when the pool is idle). */
  costBudget: number;
  warm?: string;
}

/** Milliseconds a running job has to stop after it is cancelled before its worker is replaced. */
export const CANCEL_GRACE_MS = 1000;

export class ComposePool {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private settings: PoolSettings) {
    for (let i = 0; i < settings.workers; i++) this.slots.push(this.spawn({} as Slot));
  }

  /** Jobs waiting and running, and their cost. */
  get load(): { queued: number; running: number; workers: number; cost: number } {
    const running = this.slots.filter((s) => s.job).length;
    return { queued: this.queue.length, running, workers: this.slots.length, cost: this.cost() };
  }

  busy(): boolean {
    return this.closed || (this.queue.length >= this.settings.queueLimit && this.slots.every((s) => s.job));
  }

  /** Whether a job of this cost would take the work admitted past the budget. */
  overBudget(cost: number): boolean {
    const admitted = this.cost();
    return admitted > 0 && admitted + cost > this.settings.costBudget;
  }

  compose(job: ComposeJob): Promise<ComposeResult> {
    if (this.closed) return Promise.reject(new RequestError('the server is shutting down', 503));
    if (this.busy()) return Promise.reject(new RequestError('the composer is busy: try again in a minute', 503));
    if (this.overBudget(job.cost)) return Promise.reject(new RequestError('the composer has too much work admitted: try again in a minute', 429));
    return new Promise((resolve, reject) => {
      const cancel = new Int32Array(new SharedArrayBuffer(4));
      const pending: Pending = { ...job, id: this.nextId++, resolve, reject, cancel };
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

  private cost(): number {
    let sum = 0;
    for (const p of this.queue) sum += p.cost;
    for (const s of this.slots) sum += s.job?.cost ?? 0;
    return sum;
  }

  /** A queued job leaves the queue; a running one is told to stop, and its worker replaced if it does not. */
  private cancel(p: Pending): void {
    const at = this.queue.indexOf(p);
    if (at >= 0) this.queue.splice(at, 1);
    const slot = this.slots.find((s) => s.job === p);
    if (at < 0 && !slot) return; // already finished
    p.reject(new RequestError('cancelled', 499));
    if (!slot) return;
    Atomics.store(p.cancel, 0, 1);
    setTimeout(() => slot.job === p && this.replace(slot, 'cancelled'), CANCEL_GRACE_MS).unref();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => this.replace(slot, `composing took longer than ${this.settings.jobSeconds} s`), (this.settings.jobSeconds + 15) * 1000);
      job.onEvent?.({ type: 'started' });
      slot.worker.postMessage({ type: 'compose', id: job.id, model: job.model, options: job.options, cancel: job.cancel.buffer });
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

  private onMessage(slot: Slot, msg: { type: string; id?: number; event?: ComposeEvent; result?: ComposeResult; message?: string; status?: number }): void {
    const job = slot.job;
    if (!job || msg.id !== job.id) return;
    if (msg.type === 'event' && msg.event) return void job.onEvent?.(msg.event);
    if (msg.type !== 'done' && msg.type !== 'error') return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    if (msg.type === 'done') job.resolve(msg.result!);
    else if (msg.status) job.reject(new RequestError(msg.message ?? 'bad request', msg.status)); // the request's fault
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
