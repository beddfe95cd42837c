// Builds the page (web/) into dist/web, which the express server serves. Everything is bundled:
// no CDN and no network at run time.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: './',
  publicDir: false,
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
});
