// Talks to the server, when the page is asked to compose there: the model list, and compose
// with server-sent progress read from a streamed POST response (EventSource only does GET).
import type { ComposedTune, ComposeOptions } from '../../src/compose/composer.js';
import type { Settings } from './settings.js';

/** A composed tune as the server sends it. */
export type Tune = ComposedTune;

export interface ComposeDone {
  tunes: Tune[];
  attempts: number;
  validRate: number;
  seconds: number;
  model: string;
  seed: number;
  complete: boolean;
  reason?: string;
  /** Where it ran, when in the page ('wasm' or 'webgl'). */
  backend?: string;
  /** The options the server composed with (the title folded to the model's characters, ...). */
  options?: ComposeOptions;
}

export interface ComposeHandlers {
  onEvent(type: string, data: Record<string, unknown>): void;
}

export async function fetchModels(): Promise<{ name: string; metrics?: Record<string, unknown>; step?: number }[]> {
  const res = await fetch('./api/models');
  if (!res.ok) throw new Error(`models: ${res.status}`);
  return (await res.json()).models;
}

/** Parses complete `event:`/`data:` frames out of `buffer`; returns what is left over. */
export function takeFrames(buffer: string, emit: (type: string, data: Record<string, unknown>) => void): string {
  const frames = buffer.split('\n\n');
  const rest = frames.pop() ?? '';
  for (const frame of frames) {
    const type = /^event: (.*)$/m.exec(frame)?.[1] ?? 'message';
    const data = /^data: (.*)$/m.exec(frame)?.[1];
    if (data) emit(type, JSON.parse(data));
  }
  return rest;
}

/** Composes; resolves with the final result or throws the server's message. */
export async function compose(settings: Settings, handlers: ComposeHandlers, signal?: AbortSignal): Promise<ComposeDone> {
  const res = await fetch('./api/compose', {
    method: 'POST', signal,
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify({ ...settings, engine: undefined }), // where to compose is the page's choice, not an option
  });
  if (!res.ok || !res.body) {
    const body = await res.json().catch(() => ({ error: res.statusText }));
    throw new Error(body.error ?? `compose failed (${res.status})`);
  }
  let result: ComposeDone | undefined;
  let failure: string | undefined;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer = takeFrames(buffer + value, (type, data) => {
      if (type === 'done') result = data as unknown as ComposeDone;
      else if (type === 'error') failure = String(data.error);
      else handlers.onEvent(type, data);
    });
  }
  if (failure) throw new Error(failure);
  if (!result) throw new Error('the connection closed before the tunes were finished');
  return result;
}
