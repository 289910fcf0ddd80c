// Records every module that a kmsw run loads, to prove heavy ones stay off a command's path.
// Usage: KMSW_TRACE_FILE=/tmp/x node --import ./tests/support/trace-imports.mjs bin/kmsw.js …
import { register } from 'node:module';

register('./trace-hooks.mjs', import.meta.url, { data: { file: process.env.KMSW_TRACE_FILE } });
