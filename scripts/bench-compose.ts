// The command as people run it, timed end to end: `npm run -s compose -- --tunes N --seed S`
// for seeds 1..R, on one thread and on --threads T (default: the cores), alternating so that a
// slower spell of the machine hits both alike.
// Wall seconds per run (start-up, loading, composing, writing the book) and their medians; the
// composing part alone as the command reports it. Each run writes into a temporary folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/cli/args.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return +(s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2).toFixed(2);
};

export function benchCompose(opts: { tunes: number; runs: number; threads?: number; model?: string }) {
  const threads = opts.threads ?? availableParallelism();
  const out = mkdtempSync(join(tmpdir(), 'bench-compose-'));
  const runs: Record<string, { wall: number[]; composing: number[] }> = {};
  const run = (seed: number, t: number) => {
    const args = ['run', '-s', 'compose', '--', '--tunes', String(opts.tunes), '--seed', String(seed), '--threads', String(t), '--json', '--out', join(out, `${seed}-${t}`)];
    if (opts.model) args.push('--model', opts.model);
    const started = performance.now();
    const r = spawnSync('npm', args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
    const wall = (performance.now() - started) / 1000;
    if (r.status !== 0) throw new Error(`compose failed: ${r.stderr.trim().split('\n')[0]}`);
    const row = (runs[`threads${t}`] ??= { wall: [], composing: [] });
    row.wall.push(+wall.toFixed(2));
    row.composing.push((JSON.parse(r.stdout) as { seconds: number }).seconds);
  };
  try {
    run(0, 1); // compiles src/ if it changed; not counted
    delete runs.threads1;
    for (let seed = 1; seed <= opts.runs; seed++) for (const t of threads > 1 ? [1, threads] : [1]) run(seed, t);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return {
    tunes: opts.tunes,
    ...Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { wall: v.wall, medianWall: median(v.wall), medianComposing: median(v.composing) }])),
  };
}
