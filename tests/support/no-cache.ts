/**
 * A cached `check --format json` against `--no-cache`, for the cache's tests: the same stderr, stdout and exit code.
 * The cached run is a spawned kmsw (only the build has a BUILD_ID: only it reads and writes the folder's cache, the
 * run under test). The `--no-cache` answer is main() in-process (tests/support/in-process.ts: the same arguments,
 * the same code, reading and writing no cache), a few ms where a spawn costs ~0.3 s of CPU; with `spawned` it is a
 * spawned kmsw too, as the first comparison of each test has it (the build's own --no-cache).
 */
import { expect } from 'vitest';
import { kmsw, type Run } from '../helpers.js';
import { kmswInProcess } from './in-process.js';

/** Cache on, whatever the suite's environment says (CI also runs the suite with KMSW_NO_CACHE=1). */
export const ON = { KMSW_NO_CACHE: '' };

/** The cached run, once it said what `--no-cache` says. */
export async function sameAsNoCache(dir: string, today: string, args: string[], spawned = false): Promise<Run> {
  const command = ['--dir', dir, '--today', today, 'check', '--format', 'json', ...args];
  const cached = kmsw(command, { env: ON });
  const more = [...command, '--no-cache'];
  const fresh = spawned ? kmsw(more, { env: ON }) : await kmswInProcess(more, { env: ON });
  const label = `${today} ${args.join(' ')}`;
  expect(cached.stderr, label).toBe(fresh.stderr);
  expect(cached.stdout, label).toBe(fresh.stdout);
  expect(cached.code, label).toBe(fresh.code);
  return cached;
}
