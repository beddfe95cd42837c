// npm run serve: builds the page if dist/web is missing, then serves it and the compose API.
// Settings come from the environment (PORT, HOST, MODELS_DIR, COMPOSE_WORKERS, RATE_LIMIT, ...;
// see src/server/config.ts). Ctrl-C stops it cleanly.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../server/config.js';
import { startServer } from '../server/server.js';
import { PROJECT_ROOT, inputPath, parseFlags, runMain } from './args.js';

async function buildPage(webDir: string): Promise<void> {
  process.stderr.write(`serve: building the page into ${webDir} ...\n`);
  const { build } = await import('vite');
  await build({ configFile: join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

async function main(): Promise<void> {
  const { values } = parseFlags('serve', { build: { type: 'boolean' } });
  process.chdir(PROJECT_ROOT);
  const config = resolveConfig();
  inputPath('serve', config.modelsDir, ' (the models folder: MODELS_DIR)');
  if (values.build || !existsSync(join(config.webDir, 'index.html'))) await buildPage(config.webDir);
  const server = await startServer(config);
  process.stderr.write(`serve: ${server.url} (models from ${config.modelsDir}, ${config.workers} composer thread${config.workers > 1 ? 's' : ''})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

runMain('serve', main);
