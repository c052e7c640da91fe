import { defineConfig } from 'vitest/config';

// Unit tests: src/core in Node, on the real sample data in ../shared/datasets.
export default defineConfig({
  test: {
    include: ['src/core/**/*.test.ts', 'src/app/**/*.test.ts', 'e2e/mock-hub/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
