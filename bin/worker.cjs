// A worker thread of `kmsw check` on a big folder (src/scan/parallel.ts): scans its share of
// the files with kmsw's own build and answers.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { loadKmsw } = require('./kmsw.cjs');

loadKmsw()
  .scanJob(workerData)
  .then((reply) => parentPort.postMessage(reply));
