import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'kmsw.cjs');
export const EXAMPLE = path.join(ROOT, 'records.example');

/**
 * The record files of records.example as they lie on disk (every .yaml but kmsw.yaml), counted apart
 * from kmsw's own reading of the folder: a count that must equal it fails when kmsw misses one.
 */
export const EXAMPLE_RECORDS: readonly string[] = readdirSync(EXAMPLE, { recursive: true, encoding: 'utf8' })
  .map((f) => f.split(path.sep).join('/'))
  .filter((f) => f.endsWith('.yaml') && f !== 'kmsw.yaml')
  .sort();

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a test runs kmsw in: no colour, no user of the machine's own. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env, NO_COLOR: '1', KMSW_USER: '', KMSW_TODAY: '' };
  return { ...base, ...extra };
}

/** Runs the real binary, as a user would. */
export function kmsw(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; uid?: number; gid?: number } = {},
): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: env(opts.env),
    encoding: 'utf8',
    uid: opts.uid,
    gid: opts.gid,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without waiting: for races between processes. */
export function kmswAsync(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: env(opts.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Every folder tempFolder made for the test file running now (removed after it, see removeTempFolders). */
const made: string[] = [];

/**
 * Removes the folders tempFolder made, read-only ones too (made writable first: a test may have failed
 * before undoing its chmod). Called after each test file by tests/support/each-file.ts (a vitest setup
 * file, run before every test file): workers are reused across files, so this module may be shared.
 */
export function removeTempFolders(): void {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      chmodTree(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/**
 * The timeout of a test that runs kmsw (or git) `runs` times one after another: on 2 cores shared with
 * other suites one run took up to 19 s (load 12, a run of the suite's own beside it). Never less than
 * the default testTimeout (vitest.config.ts): a timeout only catches a hang, never a busy machine.
 */
export const forRuns = (runs: number): number => 300_000 + runs * 30_000;

/** Writes `content` at `rel` below `dir`, making its folders. */
export function put(dir: string, rel: string, content: string | Buffer): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), content);
}

/** A records folder in the system temp directory, built from `{ path: content }`; removed after the file's tests. */
export function tempFolder(files: Record<string, string> = {}, prefix = 'kmsw-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  for (const [file, content] of Object.entries(files)) put(dir, file, content);
  return dir;
}

/**
 * Every file below `dir` (relative, `/`), with its bytes (a link with its target): to prove nothing was changed.
 * Not `.git`, nor `.kmsw`: kmsw's cache of its checks (src/scan/cache.ts), which any scanning command may write.
 */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (name === '.git' || (at === dir && name === '.kmsw')) continue;
      const stat = lstatSync(full);
      if (stat.isSymbolicLink())
        files.set(path.relative(dir, full).split(path.sep).join('/'), `link → ${readlinkSync(full)}`);
      else if (stat.isDirectory()) walk(full);
      else files.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full).toString('base64'));
    }
  };
  walk(dir);
  return files;
}

export const CONFIG = `city: 昆明市
centre: 昆明市社会工作服务站督导中心
assistants:
  - { name: 李明, since: 2026-11-23 }
  - { name: 赵雪, since: 2026-11-23 }
experts:
  - { name: 王芳, kind: 专业技术督导, title: 中级社会工作师 }
  - { name: 陈建国, kind: 行政协同督导 }
counties:
  五华区:
    org: { name: 昆明市五华区某社会工作服务中心, head: 赵敏, title: 主任, contact: "0871-0000000" }
    stations: [红云街道社工站, 华山街道社工站]
  盘龙区:
    stations: [拓东街道社工站]
`;

/** Sets the mode of `dir` and of every folder below it (0o555: a read-only records folder; 0o755 to undo). */
export function chmodTree(dir: string, mode: number): void {
  for (const e of readdirSync(dir, { withFileTypes: true }))
    if (e.isDirectory()) chmodTree(path.join(dir, e.name), mode);
  chmodSync(dir, mode);
}

/** The header of a roster of 五华区, up to `staff:`: the personal-data tests add their rows below it. */
export const ROSTER_HEADER = `form: roster
city: 昆明市
county: 五华区
date: 2026-11-10
assistant: 李明
org: { name: 昆明市五华区同心社会工作服务中心, head: 赵敏, title: 主任, contact: "0871-65110000" }
staff:
`;

/**
 * For a describe block: a copy of records.example made read-only before its tests (with what it held
 * then, to compare with), and writable again after them, so that it can be removed.
 */
export function readOnlyExample(prefix: string): { dir: string; before: Map<string, string> } {
  const folder = { dir: '', before: new Map<string, string>() };
  beforeAll(() => {
    folder.dir = tempFolder({}, prefix);
    cpSync(EXAMPLE, folder.dir, { recursive: true });
    folder.before = snapshot(folder.dir);
    chmodTree(folder.dir, 0o555);
  });
  afterAll(() => chmodTree(folder.dir, 0o755));
  return folder;
}

/** kmsw.yaml of two assistants (刘洋, 孙婷), neither named by KMSW_USER: who writes a record is what `new` is told. */
export const TEAM = `city: 昆明市
assistants:
  - { name: 刘洋, since: 2026-09-01 }
  - { name: 孙婷, since: 2026-09-01 }
experts:
  - { name: 王芳, kind: 专业技术督导, title: 中级社会工作师 }
counties:
  盘龙区:
    stations: [拓东街道社工站]
  西山区:
    stations: []
`;
