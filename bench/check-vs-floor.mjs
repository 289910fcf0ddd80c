#!/usr/bin/env node
/**
 * `kmsw check` against the floor (bench/floor.mjs: list, read and YAML-parse every file, nothing
 * more) on one folder, alternating the two, median of N runs. Prints the ratio.
 *
 *   node bench/check-vs-floor.mjs /tmp/kmsw-bench [runs]
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] ?? path.join(os.tmpdir(), 'kmsw-bench'));
const runs = Number(process.argv[3] ?? 5);
const commands = {
  floor: [path.join(here, 'floor.mjs'), dir],
  'kmsw check': [path.join(here, '..', 'bin', 'kmsw.cjs'), '--dir', dir, '--today', '2026-11-01', 'check', '--format', 'json'],
};
const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(commands)) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
    if (run.status !== 0 && !(name === 'kmsw check' && run.status === 1)) throw new Error(`${name} exited ${run.status}`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const floor = median(times.floor);
for (const [name, xs] of Object.entries(times)) console.log(`${name.padEnd(12)} ${median(xs).toFixed(0).padStart(6)} ms  ${(median(xs) / floor).toFixed(2)}×`);
