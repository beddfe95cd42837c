// Builds the page (web/) into dist/web: a static site that composes by itself (the page, its
// compose worker, tfjs's wasm binaries, the model in models/default and its novelty index and
// title words), which any static file server can serve and which the express server serves
// with the API. Everything is bundled: no CDN and no network at run time.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { pageFiles } from './scripts/vite-page-files.js';

export default defineConfig({
  root: 'web',
  base: './',
  publicDir: false,
  plugins: [pageFiles({ modelDir: fileURLToPath(new URL('./models/default', import.meta.url)), weights: 'uint8' })],
  worker: { format: 'es' },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
});
