// Shared command-line plumbing: parse flags with node:util, turn any failure into one clear
// line on stderr and a non-zero exit (never a stack trace), and find the project root.
// Exit codes, the same in every command: 0 done, 1 failed, 2 bad usage or a missing input file.
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory of package.json above this module: from src/cli, or a compiled copy in .build/<key>/cli. */
export const PROJECT_ROOT = projectRoot(dirname(fileURLToPath(import.meta.url)));

function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '..', '..');
  }
}

/** Exit codes of every command (validate and compose use the same numbers). */
export const EXIT = { failed: 1, usage: 2, missingInput: 2 } as const;

/** Parses argv against `options`; unknown flags or missing values become a one-line error. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(name: string, options: T, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    fail(name, (err as Error).message.split('\n')[0].replace(/^TypeError \[[A-Z_]+\]: /, ''), EXIT.usage);
  }
}

/** Prints `name: message` on stderr and exits. */
export function fail(name: string, message: string, code: number = EXIT.failed): never {
  process.stderr.write(`${name}: ${message.replace(/^[a-z-]+: /, '')}\n`);
  process.exit(code);
}

/** The message for an input path that does not exist, or undefined when it does. */
export function missingInput(path: string, hint = ''): string | undefined {
  return existsSync(path) ? undefined : `${resolve(path)} does not exist${hint}`;
}

/** `path` resolved when it exists; otherwise one line and the missing-input exit code. */
export function inputPath(name: string, path: string, hint = ''): string {
  const missing = missingInput(path, hint);
  return missing ? fail(name, missing, EXIT.missingInput) : resolve(path);
}

/**
 * Runs an entry point's main function, reporting any error as one line. The wasm backend
 * installs handlers that rethrow uncaught errors with its whole source, so nothing may escape.
 */
export function runMain(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (err) => {
      // a file the command was pointed at and could not find, however deep it was opened
      const code = (err as NodeJS.ErrnoException)?.code === 'ENOENT' ? EXIT.missingInput : EXIT.failed;
      fail(name, err instanceof Error ? err.message : String(err), code);
    },
  );
}

/** A positive integer flag value, or a one-line error naming the flag. */
export function intFlag(name: string, flag: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) fail(name, `--${flag} must be an integer >= ${min} (got "${value}")`, EXIT.usage);
  return n;
}

/** A finite number flag value within [min, max], or a one-line error. */
export function numberFlag(name: string, flag: string, value: string | undefined, min: number, max = Infinity, exclusiveMin = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const low = exclusiveMin ? n <= min : n < min;
  if (value.trim() === '' || !Number.isFinite(n) || low || n > max) {
    fail(name, `--${flag} must be a number ${exclusiveMin ? '>' : '>='} ${min}${max < Infinity ? ` and <= ${max}` : ''} (got "${value}")`, EXIT.usage);
  }
  return n;
}

/** `--temperature -1` reads as two flags to node's parser; glue negative numbers to their flag. */
export function glueNegatives(argv: string[]): string[] {
  const out: string[] = [];
  for (const a of argv) {
    if (/^-\d|^-\.\d/.test(a) && out.length > 0 && /^--[a-z-]+$/.test(out[out.length - 1])) out[out.length - 1] += `=${a}`;
    else out.push(a);
  }
  return out;
}
