// The shared memory through which the parts of a sharded network (shard.ts) step together, one
// part on the calling thread and the others in helper threads: a command word the calling thread
// writes (step, reset, select, close, with the ids or rows beside it), a counter the helpers
// raise when a command is done, a barrier counter, and each layer's full h [rows, H] that every
// part writes its units' slice of. Waits block in Atomics.wait (a few microseconds to wake, where
// a message between threads costs a turn of each event loop); a part that fails sets the abort
// word, and every wait then throws instead of hanging, as does one that sees no progress for a
// minute.

export const Command = { Step: 1, Reset: 2, Select: 3, Close: 4 } as const;
export type Command = (typeof Command)[keyof typeof Command];

const SEQ = 0;
const CMD = 1;
const ARG = 2;
const DONE = 3;
const BARRIER = 4;
const ABORT = 5;
const CTRL = 8;
/** Longest wait without any progress before a part is taken for dead. */
const STALL_MS = 60_000;

export class ShardLink {
  readonly ctrl: Int32Array;
  /** The step's character ids, or the rows of a reset or select. */
  readonly ids: Int32Array;
  private layersH: Float32Array[];
  private barriers = 0;

  constructor(readonly buffer: SharedArrayBuffer, readonly parts: number, readonly capacity: number, readonly hidden: number, layers: number) {
    this.ctrl = new Int32Array(buffer, 0, CTRL);
    this.ids = new Int32Array(buffer, CTRL * 4, capacity);
    const at = (CTRL + capacity) * 4;
    this.layersH = Array.from({ length: layers }, (_, l) => new Float32Array(buffer, at + l * capacity * hidden * 4, capacity * hidden));
  }

  static create(parts: number, capacity: number, hidden: number, layers: number): ShardLink {
    const bytes = (CTRL + capacity + layers * capacity * hidden) * 4;
    return new ShardLink(new SharedArrayBuffer(bytes), parts, capacity, hidden, layers);
  }

  /** Blocks until ctrl[index] satisfies `ok`; throws once a part has aborted or nothing moved for a minute. */
  private waitFor(index: number, ok: (v: number) => boolean): number {
    let since = Date.now();
    for (;;) {
      const v = Atomics.load(this.ctrl, index);
      if (ok(v)) return v;
      if (Atomics.load(this.ctrl, ABORT) !== 0) throw new Error('step helper: another part failed');
      if (Atomics.wait(this.ctrl, index, v, 1000) !== 'timed-out') since = Date.now();
      else if (Date.now() - since > STALL_MS) throw new Error('step helper: no answer for a minute');
    }
  }

  // -- the calling thread

  /** Issues a command to every helper (`arg`: rows of the batch, or rows listed in `ids`). */
  command(cmd: Command, arg: number): void {
    Atomics.store(this.ctrl, CMD, cmd);
    Atomics.store(this.ctrl, ARG, arg);
    Atomics.add(this.ctrl, SEQ, 1);
    Atomics.notify(this.ctrl, SEQ);
  }

  /** Blocks until every helper has finished the last command. */
  awaitDone(): void {
    const target = Atomics.load(this.ctrl, SEQ) * (this.parts - 1);
    this.waitFor(DONE, (v) => v >= target);
  }

  // -- helpers

  /** Blocks until a command after `seen` is issued; returns its number, kind and argument. */
  nextCommand(seen: number): { seq: number; cmd: Command; arg: number } {
    const seq = this.waitFor(SEQ, (v) => v !== seen);
    return { seq, cmd: Atomics.load(this.ctrl, CMD) as Command, arg: Atomics.load(this.ctrl, ARG) };
  }

  done(): void {
    Atomics.add(this.ctrl, DONE, 1);
    Atomics.notify(this.ctrl, DONE);
  }

  // -- every part

  /** Waits until every part has arrived here as often as this one. */
  barrier(): void {
    const target = ++this.barriers * this.parts;
    if (Atomics.add(this.ctrl, BARRIER, 1) + 1 >= target) Atomics.notify(this.ctrl, BARRIER);
    else this.waitFor(BARRIER, (v) => v >= target);
  }

  /** Writes a part's slice [rows, u1 - u0] of layer `layer`'s h, waits for the others, returns the full h [rows, H]. */
  exchange(layer: number, units: [number, number], rows: number, slice: Float32Array): Float32Array {
    const [u0, u1] = units;
    const w = u1 - u0;
    const full = this.layersH[layer];
    for (let r = 0; r < rows; r++) full.set(slice.subarray(r * w, (r + 1) * w), r * this.hidden + u0);
    this.barrier();
    return full.slice(0, rows * this.hidden);
  }

  /** Makes every wait of every part throw (a part failed, or the stepper is being torn down). */
  abort(): void {
    Atomics.store(this.ctrl, ABORT, 1);
    for (const i of [SEQ, DONE, BARRIER]) Atomics.notify(this.ctrl, i);
  }
}
