// Shared command-line plumbing: parse flags with node:util, turn any failure into one clear
// line on stderr and a non-zero exit (never a stack trace), and find the project root.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Parses argv against `options`; unknown flags or missing values become a one-line error. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(name: string, options: T, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    fail(name, (err as Error).message.split('\n')[0].replace(/^TypeError \[[A-Z_]+\]: /, ''), 2);
  }
}

/** Prints `name: message` on stderr and exits. */
export function fail(name: string, message: string, code = 1): never {
  process.stderr.write(`${name}: ${message.replace(/^[a-z-]+: /, '')}\n`);
  process.exit(code);
}

/**
 * Runs an entry point's main function, reporting any error as one line. The wasm backend
 * installs handlers that rethrow uncaught errors with its whole source, so nothing may escape.
 */
export function runMain(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (err) => fail(name, err instanceof Error ? err.message : String(err)),
  );
}

/** A positive integer flag value, or a one-line error naming the flag. */
export function intFlag(name: string, flag: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) fail(name, `--${flag} must be an integer >= ${min} (got "${value}")`, 2);
  return n;
}

/** A finite number flag value within [min, max], or a one-line error. */
export function numberFlag(name: string, flag: string, value: string | undefined, min: number, max = Infinity, exclusiveMin = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const low = exclusiveMin ? n <= min : n < min;
  if (value.trim() === '' || !Number.isFinite(n) || low || n > max) {
    fail(name, `--${flag} must be a number ${exclusiveMin ? '>' : '>='} ${min}${max < Infinity ? ` and <= ${max}` : ''} (got "${value}")`, 2);
  }
  return n;
}
