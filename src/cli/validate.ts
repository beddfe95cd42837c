// Command line: validate every tune of an ABC file and print each verdict, or JSON.
// Exit codes: 0 all tunes valid, 1 some tune invalid or no tune found, 2 bad usage or unreadable file.
// Whatever happens, the output is verdicts or one line on stderr, never a stack trace.

import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatVerdicts, validateFileText } from '../abc/validate-report.js';

const HELP = `usage: npm run -s validate -- FILE [--json] [--min-bars N]
Checks each tune in FILE (header, abcjs parse, bar lengths, repeats, bar count).
  --json        print [{index, title, valid, problems}] instead of text
  --min-bars N  fewest bars a tune may have (default 4)
exit code: 0 all tunes valid, 1 some tune invalid or no tune found, 2 bad usage or unreadable file`;
const MAX_BYTES = 200 * 1024 * 1024;

function fail(message: string): never {
  process.stderr.write(`validate: ${message}\n`);
  process.exit(2);
}

function readText(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) fail(`${path} is a directory, not an ABC file`);
    size = stat.size;
  } catch (err) {
    fail(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (size > MAX_BYTES) fail(`${path} is larger than ${MAX_BYTES / 1024 / 1024} MB`);
  const head = Buffer.alloc(Math.min(size, 8192));
  const fd = openSync(path, 'r');
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  if (head.includes(0)) fail(`${path} looks like a binary file, not ABC text`);
  return readFileSync(path, 'utf8');
}

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { json: { type: 'boolean' }, 'min-bars': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    fail(`${(err as Error).message}\n${HELP}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return void console.log(HELP);
  if (positionals.length !== 1) fail(`expected one FILE\n${HELP}`);
  const minBars = values['min-bars'] === undefined ? 4 : Number(values['min-bars']);
  if (!Number.isInteger(minBars) || minBars < 0) fail(`--min-bars must be a whole number, not ${values['min-bars']}`);
  const verdicts = validateFileText(readText(positionals[0]), { minBars });
  if (values.json) {
    const out = verdicts.map(({ index, title, valid, problems }) => ({ index, title, valid, problems }));
    console.log(JSON.stringify(out, null, 2));
  } else {
    console.log(formatVerdicts(verdicts).join('\n'));
  }
  process.exitCode = verdicts.length > 0 && verdicts.every((v) => v.valid) ? 0 : 1;
}

try {
  main();
} catch (err) {
  fail(err instanceof Error ? err.message.split('\n')[0] : String(err));
}
