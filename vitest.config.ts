import { defineConfig } from 'vitest/config';

// The suite spawns kmsw ~640 times. Node 20 reads NODE_EXTRA_CA_CERTS (a 200 KiB bundle here) as each
// process starts, ~50 ms of CPU a spawn, for TLS that kmsw never uses: the test workers, and the
// commands they spawn, start without it (they inherit this process's environment).
delete process.env.NODE_EXTRA_CA_CERTS;

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds once before any test: a spawned kmsw never runs a stale dist/ (see the file).
    globalSetup: ['tests/support/build.ts'],
    // Most tests run kmsw once or twice: 2-20 s at a load of 17 on 2 cores. Tests that run it many
    // times set forRuns(n) (tests/helpers.ts). A hang still fails, after a minute.
    testTimeout: 60_000,
    // Hooks build folders and spawn kmsw (beforeAll): on a busy machine that can take as long as a test.
    hookTimeout: 120_000,
    // Spawned CLI tests are I/O bound; two workers suit the 2-core machines here.
    pool: 'forks',
    maxWorkers: 2,
  },
});
