/**
 * TEST ONLY. The suite kills `kmsw export` at named points of its commit to prove that a kill leaves
 * every document whole (tests/safety.test.ts). With `KMSW_TEST_PAUSE=<point>` set, reaching that
 * point writes `KMSW_TEST_PAUSED <point>` to stderr and blocks the process until it is killed; the
 * test waits for that line, so no kill depends on how fast the machine is. Without the variable
 * (every real run) this is one comparison and nothing else.
 */
import { existsSync, writeSync } from 'node:fs';

/**
 * - `temp-written`: every document written in full beside its place, none put in place yet;
 * - `renames-started`: the first document put in place (its old one kept aside), the others not yet;
 * - `renames-done`: every document in place, the old ones kept aside not yet removed;
 * - `fix-read` (testOnlyHold): `check --fix` has read and planned every file, none written yet.
 */
export type TestPausePoint = 'temp-written' | 'renames-started' | 'renames-done' | 'fix-read';

export function testOnlyPause(point: TestPausePoint): void {
  if (process.env.KMSW_TEST_PAUSE !== point) return;
  writeSync(2, `KMSW_TEST_PAUSED ${point}\n`);
  // Blocks this thread for good (no timer, no busy loop): only a signal ends the process.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

/**
 * The same pause, but held only until the file named by `KMSW_TEST_RESUME` exists: the test changes a
 * record meanwhile and then lets kmsw go on (`check --fix` must then leave that record alone).
 */
export function testOnlyHold(point: TestPausePoint): void {
  if (process.env.KMSW_TEST_PAUSE !== point) return;
  writeSync(2, `KMSW_TEST_PAUSED ${point}\n`);
  const resume = process.env.KMSW_TEST_RESUME ?? '';
  const nap = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(resume)) Atomics.wait(nap, 0, 0, 20);
}
