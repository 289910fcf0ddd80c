#!/usr/bin/env node
/**
 * Starts kmsw: loads its one-file build, dist/kmsw.cjs, with V8's code cache beside it
 * (dist/kmsw.cjs.cache), runs main() and sets the exit code: the only place that ends the process.
 *
 * The build (scripts/bundle.mjs) writes that cache after running the read-only commands once on
 * records.example, so a run starts with kmsw's functions already compiled: about 100 ms less per
 * command. When the cache does not fit (another Node version, other V8 flags), V8 ignores it and
 * compiles as usual. This file is CommonJS because Node starts a CommonJS entry ~10 ms sooner.
 */
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const BUNDLE = path.join(__dirname, '..', 'dist', 'kmsw.cjs');
const CODE_CACHE = `${BUNDLE}.cache`;

/** kmsw's exports (`main`, `scanJob`), and the script they came from (for the build to write its cache). */
function loadKmsw({ cache = true } = {}) {
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  if (cache) {
    try {
      cachedData = readFileSync(CODE_CACHE);
    } catch {
      // No cache yet: compile as usual.
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, Module.createRequire(BUNDLE), bundle, BUNDLE, path.dirname(BUNDLE));
  return { main: bundle.exports.main, scanJob: bundle.exports.scanJob, script };
}

module.exports = { BUNDLE, CODE_CACHE, loadKmsw };

if (require.main === module) {
  loadKmsw()
    .main(process.argv.slice(2), { workerScript: path.join(__dirname, 'worker.cjs') })
    .then((code) => {
      process.exitCode = code;
    });
}
