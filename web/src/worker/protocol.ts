// The messages between the page and its compose worker. Pure types.
import type { ComposeEvent, ComposeOptions, ComposeResult } from '../../../src/compose/composer.js';
import type { PageBackend } from './backend.js';

/** Where the worker finds its files (absolute URLs, each ending in `/` but the word list). */
export interface WorkerPaths {
  model: string;
  /** The model's name, as N: lines give it (`default`). */
  modelName: string;
  english: string;
  wasm: string;
}

export type ToWorker =
  | { type: 'load'; backend: PageBackend; paths: WorkerPaths }
  | { type: 'compose'; id: number; backend: PageBackend; paths: WorkerPaths; options: unknown };

export type FromWorker =
  | { type: 'status'; id?: number; text: string }
  | { type: 'event'; id: number; event: ComposeEvent }
  | { type: 'done'; id: number; result: ComposeResult & { options: ComposeOptions; backend: string } }
  | { type: 'error'; id?: number; message: string };
