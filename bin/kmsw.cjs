#!/usr/bin/env node
/**
 * Starts kmsw: loads its build (scripts/bundle.mjs; docs/build.md) with V8's code caches beside it,
 * runs main() and sets the exit code: the only place that ends the process.
 *
 * The build is two files: dist/kmsw.cjs, the command line, which `kmsw --help` needs alone, and
 * dist/commands.cjs, loaded the first time a command runs (or a script reads `internals`). Each is
 * run once per process as a vm.Script with its code cache, so a run starts with kmsw's functions
 * already compiled: about 100 ms less per command. When a cache does not fit (another Node version,
 * other V8 flags), V8 ignores it and compiles as usual. Node 20 has no module.enableCompileCache(),
 * hence vm.Script. This file is CommonJS because Node starts a CommonJS entry ~10 ms sooner.
 */
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/**
 * V8 flags for every kmsw process, set before a line of kmsw is compiled: the build writes its code caches under the
 * same flags (scripts/bundle.mjs loads this file), and V8 accepts a cache only under the flags it was made with.
 *
 * `--no-turbo-inlining`: kmsw runs for a second or two, so the optimising compiler's own time counts. With inlining it
 * spent ~0.68 s of CPU compiling kmsw's hot functions on the decade folder (27,095 files), about as much as the
 * scan's JavaScript itself, and each worker thread compiles them again. Without it, compiles cost ~40% less and the
 * compiled code is a few % slower (callgrind, office folder: main thread 1,643 -> 1,740 M instructions, compiler
 * threads 1,211 -> 761 M). Measured on two cores, alternating runs (bench/RESULTS.md, eighth round): decade
 * `check --no-cache` 1.35 -> 1.21 s, office 0.36 -> 0.31 s, `report --year` 1.10 -> 0.99 s, `export --month`
 * 0.45 -> 0.42 s, `--help` and a small folder's check unchanged.
 */
require('node:v8').setFlagsFromString('--no-turbo-inlining');

const dist = path.join(__dirname, '..', 'dist');
const PARTS = { cli: path.join(dist, 'kmsw.cjs'), commands: path.join(dist, 'commands.cjs') };
/** The module of the second part that kmsw's scripts and benchmark read (src/internals.ts). */
const INTERNALS = './internals.js';

/** Runs one part of the build: CommonJS, plus `__kmsw`, through which the two parts reach each other. */
function run(file, kmsw, cache) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  if (cache) {
    try {
      cachedData = readFileSync(`${file}.cache`);
    } catch {
      // No cache yet: compile as usual.
    }
  }
  // The part is one function expression (Module.wrap's wrapper with one more parameter), run as read.
  const script = new vm.Script(source, { filename: file, cachedData });
  const part = { exports: {} };
  script.runInThisContext()(part.exports, Module.createRequire(file), part, file, path.dirname(file), kmsw);
  return { exports: part.exports, script };
}

/** The build, loaded once per process: a second loadKmsw() gets the same one, never a second copy. */
let loaded;

/**
 * kmsw's exports: `main` (the command line), `scanJob` (a worker thread's share of check),
 * `internals` (src/internals.ts, for kmsw's scripts and benchmark), and the scripts they came from
 * (for the build to write its caches).
 */
function loadKmsw({ cache = true } = {}) {
  if (loaded) return loaded;
  const scripts = {};
  let commands;
  const kmsw = {
    shared: undefined,
    commands() {
      if (!commands) {
        const part = run(PARTS.commands, kmsw, cache);
        scripts.commands = part.script;
        commands = part.exports;
      }
      return commands;
    },
  };
  const cli = run(PARTS.cli, kmsw, cache);
  scripts.cli = cli.script;
  kmsw.shared = cli.exports.shared;
  loaded = {
    main: cli.exports.main,
    scanJob: cli.exports.scanJob,
    get internals() {
      return kmsw.commands()[INTERNALS]();
    },
    scripts,
  };
  return loaded;
}

module.exports = { PARTS, INTERNALS, loadKmsw };

if (require.main === module) {
  loadKmsw()
    .main(process.argv.slice(2), { workerScript: path.join(__dirname, 'worker.cjs') })
    .then((code) => {
      process.exitCode = code;
      // Ends as soon as what was printed is out (a pipe on Windows is written asynchronously), without the
      // heap's teardown that a natural exit does page by page: ~5% of a cached check on a big folder.
      // process.exit() keeps an exit code that a late write error set (src/cli.ts, quietOnClosedPipe).
      // The flush's own error comes to the callback before the stream's 'error' event: it sets the code here.
      let waiting = 2;
      const done = (e) => {
        if (e && e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') process.exitCode = 2;
        if (--waiting === 0) process.exit();
      };
      process.stdout.write('', done);
      process.stderr.write('', done);
    });
}
