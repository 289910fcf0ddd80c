import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds once before any test: a spawned kmsw never runs a stale dist/ (see the file).
    globalSetup: ['tests/support/build.ts'],
    testTimeout: 30_000,
    // Hooks build folders and spawn kmsw (beforeAll): on a busy machine that can take as long as a test.
    hookTimeout: 120_000,
    // Spawned CLI tests are I/O bound; two workers suit the 2-core machines here.
    pool: 'forks',
    maxWorkers: 2,
  },
});
