// Starts the HTTP server: the app, the compose worker pool, and Node's own limits on slow
// clients (time to send headers and the request). Returns its address and a close function.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { ComposePool } from './compose-pool.js';
import type { ServerConfig } from './config.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const pool = new ComposePool({
    modelsDir: config.modelsDir, workers: config.workers, queueLimit: config.queueLimit,
    jobSeconds: config.composeSeconds, costBudget: config.costBudget, warm: 'default',
  });
  const server = createServer(createApp(config, pool));
  server.requestTimeout = config.requestSeconds * 1000;
  server.headersTimeout = Math.min(20_000, config.requestSeconds * 1000);
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.close();
    },
  };
}
