// Records every module that a kmsw run loads, to prove heavy ones stay off a command's path: ES
// modules through a loader hook, CommonJS ones (kmsw's one-file build requires its outside
// packages) through Module._load.
// Usage: KMSW_TRACE_FILE=/tmp/x node --import ./tests/support/trace-imports.mjs bin/kmsw.cjs …
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const file = process.env.KMSW_TRACE_FILE;
register('./trace-hooks.mjs', import.meta.url, { data: { file } });

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (file) {
    try {
      appendFileSync(file, `${Module._resolveFilename(request, parent, isMain)}\n`);
    } catch {
      // Unresolvable: the real load below reports it.
    }
  }
  return load.apply(this, arguments);
};
