#!/usr/bin/env node
/**
 * Starts kmsw: loads its build (scripts/bundle.mjs) with V8's code caches beside it, runs main()
 * and sets the exit code: the only place that ends the process.
 *
 * The build is two files: dist/kmsw.cjs, the command line, which `kmsw --help` needs alone, and
 * dist/commands.cjs, loaded the first time a command runs. Each is run as a vm.Script with its
 * code cache (written by the build after running the read-only commands once on records.example),
 * so a run starts with kmsw's functions already compiled: about 100 ms less per command. When a
 * cache does not fit (another Node version, other V8 flags), V8 ignores it and compiles as usual.
 * This file is CommonJS because Node starts a CommonJS entry ~10 ms sooner.
 */
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const dist = path.join(__dirname, '..', 'dist');
const PARTS = { cli: path.join(dist, 'kmsw.cjs'), commands: path.join(dist, 'commands.cjs') };

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
  // Module.wrap's wrapper with one more parameter; on one line, so line numbers stay the file's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __kmsw) { ${source}\n});`, { filename: file, cachedData });
  const part = { exports: {} };
  script.runInThisContext()(part.exports, Module.createRequire(file), part, file, path.dirname(file), kmsw);
  return { exports: part.exports, script };
}

/** kmsw's exports (`main`, `scanJob`), and the scripts they came from (for the build to write its caches). */
function loadKmsw({ cache = true } = {}) {
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
  return { main: cli.exports.main, scanJob: cli.exports.scanJob, scripts };
}

module.exports = { PARTS, loadKmsw };

if (require.main === module) {
  loadKmsw()
    .main(process.argv.slice(2), { workerScript: path.join(__dirname, 'worker.cjs') })
    .then((code) => {
      process.exitCode = code;
    });
}
