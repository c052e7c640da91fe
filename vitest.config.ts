import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit tests, all in Node: src/core on the real sample the repo ships
// (public/sample/binance-ohlcv-1h-btc-eth, see src/core/test-utils/sample.ts), the pure UI
// helpers of src/app (no DOM: a helper that touches localStorage gets an in-memory stub), the
// chart option builders of src/charts, and the mock hub. Nothing outside the repository is read.
export default defineConfig({
  test: {
    include: [
      'src/core/**/*.test.ts',
      'src/app/**/*.test.ts',
      'src/charts/**/*.test.ts',
      'e2e/mock-hub/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one fork fewer than the cores: a single fork on a 2-core machine, where
    // two forks take the suite from about 270 s to about 200 s (measured on this machine)
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
  },
});
