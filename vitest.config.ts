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
    // Before every test file: its temp folders removed after it, and the process put back as it was
    // (tests/support/each-file.ts). Profiling only: KMSW_SPAWN_LOG=/tmp/x.jsonl logs every child process
    // a test starts (tests/support/spawn-log.ts).
    setupFiles: ['tests/support/each-file.ts', ...(process.env.KMSW_SPAWN_LOG ? ['tests/support/spawn-log.ts'] : [])],
    // A timeout only catches a hang: it must never fail a test because the machine is busy. One spawn of
    // kmsw took up to 19 s at a load of 12 on 2 cores; most tests run it once or twice, and tests that
    // run it many times set forRuns(n) (tests/helpers.ts). A hang still fails, after five minutes.
    testTimeout: 300_000,
    // Hooks build folders and spawn kmsw (beforeAll): on a busy machine that can take as long as a test.
    hookTimeout: 600_000,
    // Three workers on the 2-core machines here: a worker waiting on the kmsw it spawned, or on the disk, leaves a
    // gap that the third fills (the suite: 178-187 s with two, 173-178 s with three, idle).
    pool: 'forks',
    maxWorkers: 3,
    // The workers run all the files, each file after the other in one process: a fresh process and
    // module graph per file (isolate: true) cost ~0.5 s of CPU a file, ~20 s over the suite. What a file
    // changes in its process is undone after it (tests/support/each-file.ts); `--sequence.shuffle.files`
    // proves no file depends on another's.
    isolate: false,
  },
});
