import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// The PWA precaches everything the app needs offline: the shell, the worker chunks,
// the parquet-wasm and tfjs-backend-wasm binaries (parquet-wasm's is ~5 MB, over
// Workbox's 2 MiB default, hence the raised limit) and the built-in sample dataset.
const PRECACHE_LIMIT_BYTES = 16 * 1024 * 1024;

// The path the app is served under: '/' by default, or e.g. BASE_PATH=/candle-lab/ (the same as
// `vite build --base=/candle-lab/`, which takes precedence) to serve dist/ from a sub-folder of a
// static host. Every URL in the build follows it: assets, workers, the sample, the service
// worker and its scope; the manifest's start_url and scope are relative to the manifest.
const BASE_PATH = process.env.BASE_PATH || '/';

export default defineConfig({
  base: BASE_PATH,
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png', 'icons/*.svg', 'sample/**/*'],
      manifest: {
        name: 'Candle Lab: ML backtesting in your browser',
        short_name: 'Candle Lab',
        description:
          'Train models on real OHLCV candles from Hugging Face datasets and run walk-forward backtests, entirely on your machine.',
        theme_color: '#0f766e',
        background_color: '#0b1220',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,png,svg,ico,webmanifest,parquet,json,md}'],
        maximumFileSizeToCacheInBytes: PRECACHE_LIMIT_BYTES,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: {
    format: 'es',
  },
  optimizeDeps: {
    exclude: ['parquet-wasm'],
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
  },
  preview: {
    port: 4173,
    strictPort: true,
  },
});
