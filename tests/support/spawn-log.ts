/**
 * Test-only profiling (vitest setupFiles when KMSW_SPAWN_LOG names a file; see vitest.config.ts): logs every
 * child process the tests start (kmsw, git, sh…), one JSON line each: the test file and test, the command and
 * its arguments, the exit code, wall time and (for spawnSync, from /proc/self/stat's cutime + cstime) its CPU.
 * Also one line per test and one per test file with its own CPU and its children's. Changes nothing a test sees.
 */
import cp from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';

const log = process.env.KMSW_SPAWN_LOG ?? '';
const TICK = 10; // ms per clock tick (USER_HZ 100)

function childCpu(): number {
  try {
    const fields = (readFileSync('/proc/self/stat', 'utf8').split(') ')[1] ?? '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) * TICK;
  } catch {
    return NaN;
  }
}

/** Inside a test (between this file's beforeEach and afterEach), not a hook: vitest keeps the last test's name. */
let inTest = false;

function where(): { file: string; test: string } {
  const state = expect.getState();
  return { file: path.basename(state.testPath ?? '?'), test: (inTest && state.currentTestName) || '(hook)' };
}

function short(command: string, args: readonly string[]): string[] {
  const all = [command, ...args].map(String);
  return all
    .map((a) => (a.length > 80 ? `${a.slice(0, 77)}...` : a))
    .map((a) => a.replace(/.*\/bin\/kmsw\.cjs$/, 'kmsw'));
}

const record = (entry: object) => appendFileSync(log, `${JSON.stringify(entry)}\n`);

const patched = globalThis as { kmswSpawnLog?: boolean };
if (log && !patched.kmswSpawnLog) {
  patched.kmswSpawnLog = true;
  const spawnSync = cp.spawnSync;
  const spawn = cp.spawn;
  const execFileSync = cp.execFileSync;
  // @ts-expect-error -- patched for profiling only
  cp.spawnSync = function (command: string, args?: readonly string[], opts?: object) {
    const at = where();
    const cpu0 = childCpu();
    const t0 = Date.now();
    const r = spawnSync.call(this, command, args as string[], opts as cp.SpawnSyncOptions);
    record({
      ...at,
      kind: 'spawnSync',
      args: short(command, Array.isArray(args) ? args : []),
      code: r.status,
      wall: Date.now() - t0,
      cpu: childCpu() - cpu0,
    });
    return r;
  };
  // @ts-expect-error -- patched for profiling only
  cp.execFileSync = function (command: string, args?: readonly string[], opts?: object) {
    const at = where();
    const cpu0 = childCpu();
    const t0 = Date.now();
    try {
      return execFileSync.call(this, command, args as string[], opts as cp.ExecFileSyncOptions);
    } finally {
      record({
        ...at,
        kind: 'execFileSync',
        args: short(command, Array.isArray(args) ? args : []),
        code: null,
        wall: Date.now() - t0,
        cpu: childCpu() - cpu0,
      });
    }
  };
  // @ts-expect-error -- patched for profiling only
  cp.spawn = function (command: string, args?: readonly string[], opts?: object) {
    const at = where();
    const t0 = Date.now();
    const child = spawn.call(this, command, args as string[], opts as cp.SpawnOptions);
    child.on('close', (code) =>
      record({
        ...at,
        kind: 'spawn',
        args: short(command, Array.isArray(args) ? args : []),
        code,
        wall: Date.now() - t0,
        cpu: null,
      }),
    );
    return child;
  };
  syncBuiltinESMExports();
}
if (log) {
  // One line per test too: its own CPU (this process: in-process runs, folders built, properties) and its children's.
  let start = { child: 0, wall: 0, self: process.cpuUsage() };
  beforeEach(() => {
    inTest = true;
    start = { child: childCpu(), wall: Date.now(), self: process.cpuUsage() };
  });
  afterEach(() => {
    const self = process.cpuUsage(start.self);
    record({
      ...where(),
      kind: 'test',
      childCpu: childCpu() - start.child,
      wall: Date.now() - start.wall,
      selfCpu: Math.round((self.user + self.system) / 1000),
    });
    inTest = false;
  });
  const fileStart = childCpu();
  const wallStart = Date.now();
  const self0 = process.cpuUsage(); // a worker runs file after file (isolate: false): this file's share
  afterAll(() => {
    record({
      file: where().file,
      kind: 'file',
      childCpu: childCpu() - fileStart,
      wall: Date.now() - wallStart,
      selfCpu: Math.round((process.cpuUsage(self0).user + process.cpuUsage(self0).system) / 1000),
    });
  });
}
