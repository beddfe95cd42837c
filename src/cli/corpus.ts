// Command line for the corpus: `import [--from DIR]` builds corpus-abc/{train,valid,test}.abc
// and report.json; `normalize FILE...` prints the kept tunes in normal form (report on stderr).
// Errors are one line on stderr (`corpus: ...`), exit code 1; bad usage or a missing input
// file or folder exits 2 (the codes of every command: src/cli/args.ts).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { buildCorpus, formatTunes } from '../corpus/build.js';
import { CorpusError, importCorpus, loadValidator, readSources } from '../corpus/import.js';
import { formatReport } from '../corpus/report.js';
import { EXIT, missingInput, PROJECT_ROOT as ROOT } from './args.js';

const USAGE = 'usage: corpus import [--from DIR] | corpus normalize FILE...';
const warn = (msg: string) => process.stderr.write(`corpus: ${msg}\n`);

async function runImport(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' } }, strict: true });
  const from = values.from ? resolve(values.from) : resolve(ROOT, '../shared/corpus-abc');
  checkInputs([from]);
  const report = await importCorpus(from, resolve(ROOT, 'corpus-abc'), await loadValidator(warn));
  process.stdout.write(formatReport(report));
}

async function runNormalize(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  if (positionals.length === 0) throw new UsageError();
  checkInputs(positionals);
  const built = buildCorpus(await readSources(positionals), await loadValidator(warn));
  const text = formatTunes(built.kept);
  process.stdout.write(text === '' ? '' : text);
  process.stderr.write(JSON.stringify(built.report, null, 2) + '\n');
}

class UsageError extends Error {}
class MissingInput extends Error {}

function checkInputs(paths: string[]): void {
  const missing = paths.map((p) => missingInput(p)).find((m) => m !== undefined);
  if (missing) throw new MissingInput(missing);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'import') await runImport(rest);
    else if (command === 'normalize') await runNormalize(rest);
    else throw new UsageError();
    return 0;
  } catch (err) {
    if (err instanceof MissingInput) {
      warn(err.message);
      return EXIT.missingInput;
    }
    if (err instanceof CorpusError) warn(err.message);
    else if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      warn(USAGE);
      return EXIT.usage;
    } else warn(`unexpected error: ${String(err)}`);
    return EXIT.failed;
  }
}

process.exitCode = await main(process.argv.slice(2));
