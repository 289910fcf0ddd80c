import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    // Spawned CLI tests are I/O bound; two workers suit the 2-core machines here.
    pool: 'forks',
    maxWorkers: 2,
  },
});
