import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the production build (vite build + vite preview) in Debian's
 * Chromium, with WebGPU through SwiftShader, plus the local mock of the Hugging Face Hub.
 * Nothing here reaches the internet.
 */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const APP_PORT = 4173;
export const MOCK_HUB_PORT = 5174;
export const REPLAY_PORT = 5175;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--enable-unsafe-webgpu',
        '--use-webgpu-adapter=swiftshader',
        '--enable-features=Vulkan',
      ],
    },
  },
  webServer: [
    {
      command: `npx vite preview --port ${APP_PORT} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${APP_PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // the local Hugging Face Hub mock (serves the repo's public/sample under the hub's URL
      // layout, and a CSV-only view rebuilt from its parquet; see e2e/mock-hub/server.mjs)
      command: `node e2e/mock-hub/server.mjs --port ${MOCK_HUB_PORT} --host 127.0.0.1`,
      url: `http://127.0.0.1:${MOCK_HUB_PORT}/api/datasets/lab/binance-ohlcv-1h-btc-eth`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      // the local kline replay server (the sample's bars in an exchange's kline shape, one more
      // closed bar every 1.5 s; see e2e/replay-server/server.mjs), for the Live panel
      command: `node e2e/replay-server/server.mjs --port ${REPLAY_PORT} --host 127.0.0.1 --start -300 --tick-ms 1500`,
      url: `http://127.0.0.1:${REPLAY_PORT}/api/v3/time`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
