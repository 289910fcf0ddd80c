/**
 * Data safety (issue 6): no command changes a record unless asked to; every write is whole or not
 * at all, even when the process is killed; a read-only folder or a full disk gives a clear error
 * and changes nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { BIN, chmodTree, EXAMPLE, kmsw, kmswAsync, snapshot } from './helpers.js';

const TODAY = { KMSW_TODAY: '2026-11-30' };

/** A copy of records.example that the test may change. */
function example(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kmsw-safety-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** The records, kmsw.yaml and photos: what a command must not touch unless it is asked to. */
const records = (dir: string) => new Map([...snapshot(dir)].filter(([file]) => !/^(exports|schemas|templates)\//.test(file)));

describe('no command changes a record unless asked to', () => {
  it('every command over records.example leaves every record, kmsw.yaml and photo byte-identical', () => {
    const dir = example();
    const before = records(dir);
    const out = mkdtempSync(path.join(os.tmpdir(), 'kmsw-out-'));
    const commands = [
      ['check'],
      ['check', '--format', 'json'],
      ['check', '--year', '2026'],
      ['check', '--month', '2026-11', '2026/11/log'],
      ['check', '--list-rules'],
      ['status'],
      ['status', '--year', '2026', '--format', 'json'],
      ['tally', '--month', '2026-11'],
      ['tally', '--month', '2026-11', '--format', 'json'],
      ['list'],
      ['list', '--month', '2026-11', '--form', 'log', '--format', 'json'],
      ['export', '--month', '2026-11'],
      ['export', '--month', '2026-11', '--out', out],
      ['export', '--year', '2026', '--out', out],
      ['export', '--month', '2026-11', '--only', 'log,checklist', '--out', out],
      ['templates', 'list'],
      ['templates', 'copy', 'log'],
      ['schema'],
      ['new', 'log', '--yes', '--as', '李明', '--set', 'date=2026-11-28'],
      ['new', 'group', '--yes', '--as', '赵雪', '--set', 'county=五华区'],
      ['init'],
      ['--help'],
      ['new', '--list'],
    ];
    for (const args of commands) {
      const run = kmsw(args, { cwd: dir, env: TODAY });
      expect(run.stderr.includes('内部错误'), `${args.join(' ')}: ${run.stderr}`).toBe(false);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBeLessThanOrEqual(args[0] === 'init' ? 2 : 1);
    }
    const after = records(dir);
    // Only `new` adds files, and only new ones.
    for (const [file, bytes] of before) expect(after.get(file), file).toBe(bytes);
    expect([...after.keys()].filter((f) => !before.has(f)).sort()).toEqual(['2026/11/group/2026-11-30-五华区-赵雪.yaml', '2026/11/log/2026-11-28-李明.yaml']);
    // 23 spawned commands: on 2 cores shared with other suites that takes over a minute.
  }, 300_000);
});

describe('two `new` racing for the same path never overwrite one another', () => {
  it('8 processes × 3 forms at once: 24 files, each whole, none lost', async () => {
    const dir = example();
    const sets: Record<string, string[]> = { log: ['--force'], record: ['--set', 'supervisee=张丽'], group: ['--set', 'county=五华区'] };
    const jobs = Object.entries(sets).flatMap(([form, set]) =>
      Array.from({ length: 8 }, () => kmswAsync(['new', form, '--yes', '--as', '李明', '--set', 'date=2026-11-28', ...set], { cwd: dir, env: TODAY })),
    );
    const runs = await Promise.all(jobs);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const written = runs.map((r) => /2026\/11\/\S+\.yaml/.exec(r.stdout)?.[0]);
    expect(new Set(written).size).toBe(24);
    for (const file of written) expect(readFileSync(path.join(dir, file!), 'utf8')).toMatch(/^# yaml-language-server/);
    for (const sub of ['log', 'record', 'group']) expect(readdirSync(path.join(dir, '2026/11', sub)).filter((f) => f.endsWith('.tmp') || f.startsWith('.'))).toEqual([]);
  });
});

/** Every exported file opens as a whole zip with its main part. */
function whole(bytes: Buffer): boolean {
  try {
    const parts = unzipSync(new Uint8Array(bytes));
    return '[Content_Types].xml' in parts && ('word/document.xml' in parts || 'xl/workbook.xml' in parts);
  } catch {
    return false;
  }
}

describe('an export killed midway leaves the old export or the new one, never half a file', () => {
  /**
   * No kill depends on a clock: the test watches the out folder and kills the export when it sees
   * the k-th temp file of that process (its staged documents, then the old ones it keeps aside while
   * putting the new ones in place). Whatever the process did between the sighting and the kill, every
   * document must then be the old one or a whole new one, and nothing else be left but hidden temps.
   * A machine fast enough to finish before a sighting only makes a kill come after the end, which
   * the same assertions cover; the last, uninterrupted run covers "the new export is in place".
   */
  it('SIGKILL at the k-th staged file of a 220-log export, for every k: every file is the old one or a whole new one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kmsw-kill-'));
    generate({ out: dir, assistants: 10, from: '2025-11-01', to: '2025-11-30' });
    const out = path.join(dir, 'out');
    const args = [BIN, '--dir', dir, '--today', '2025-12-01', 'export', '--month', '2025-11', '--out', out];
    expect(spawnSync(process.execPath, args).status).toBe(0);
    const old = new Map(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f))]));
    expect(old.size).toBeGreaterThanOrEqual(7);
    // The next export differs from the old one: one log says more.
    const logs = path.join(dir, '2025/11/log');
    const first = path.join(logs, readdirSync(logs).sort()[0]!);
    writeFileSync(first, readFileSync(first, 'utf8').replace('content: |\n', 'content: |\n  KILLTEST 这一段是新加的。\n'));

    const tempsOf = (pid: number) => readdirSync(out).filter((name) => name.startsWith('.') && name.includes(`.${pid}.`) && name.endsWith('.tmp')).length;
    for (let k = 1; k <= old.size + 2; k++) {
      const child = spawn(process.execPath, args, { stdio: 'ignore' });
      let running = true;
      const exited = new Promise((r) => child.once('exit', () => r((running = false))));
      while (running && tempsOf(child.pid!) < k) await new Promise((r) => setTimeout(r, 2));
      child.kill('SIGKILL');
      await exited;
      for (const [name, bytes] of old) {
        const now = readFileSync(path.join(out, name));
        expect(now.equals(bytes) || whole(now), `${name} after the kill at temp file ${k}`).toBe(true);
      }
      // Nothing but the exports and, at most, hidden temp files of the killed process.
      for (const name of readdirSync(out)) expect(old.has(name) || /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/.test(name), name).toBe(true);
    }
    // The next export finishes the job and tidies up what the killed ones left: every file whole, the log's the new one.
    expect(spawnSync(process.execPath, args).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...old.keys()].sort());
    for (const name of old.keys()) expect(whole(readFileSync(path.join(out, name))), name).toBe(true);
    const logDoc = [...old.keys()].find((name) => name.startsWith('督导工作日志'))!;
    expect(strFromU8(unzipSync(readFileSync(path.join(out, logDoc)))['word/document.xml']!)).toContain('KILLTEST');
  }, 300_000);
});

// As root, permissions do not stop writes: the read-only cases run kmsw as nobody.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe('a read-only records folder: a clear error and nothing changed', () => {
  const dir = example();
  const before = snapshot(dir);
  const tree = (mode: number) => chmodTree(dir, mode);
  tree(0o555);
  afterAll(() => tree(0o755));
  const run = (...args: string[]) => kmsw(['--dir', dir, ...args], { cwd: dir, env: TODAY, ...asUser });

  it('check, status, tally and list still work', () => {
    expect(run('check').code).toBe(0);
    expect(run('status').code).toBe(0);
    expect(run('tally', '--month', '2026-11').code).toBe(0);
    expect(run('list').code).toBe(0);
  });

  it.each([
    // 2026-11-30 has 李明's log already (new would refuse it as a second one): a day without one.
    ['new log', ['new', 'log', '--yes', '--as', '李明', '--set', 'date=2026-11-28'], /无法写入 .*2026-11-28-李明\.yaml（EACCES）：没有写入这个文件夹的权限/],
    ['export into the folder', ['export', '--month', '2026-11'], /无法写入 .*exports.*（EACCES）/],
    ['schema', ['schema'], /无法写入 .*schemas.*（EACCES）/],
    ['templates copy', ['templates', 'copy', 'log'], /无法写入 .*templates.*（EACCES）/],
  ])('%s: exit 2, the file named, nothing written', (_, args, message) => {
    const r = run(...args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/已有的文件都没有改动/);
    expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
    expect(snapshot(dir)).toEqual(before);
  });
});

// A full disk is a small tmpfs: mounting one needs root (CI runs as root).
const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;

describe.runIf(canMount)('a full exports/ target: a clear error, the earlier export intact', () => {
  it('ENOSPC while replacing an export: exit 2, disk full said, every old file byte-identical, no temp left', () => {
    const target = mkdtempSync(path.join(os.tmpdir(), 'kmsw-full-'));
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', target]).status).toBe(0);
    try {
      const args = ['--dir', EXAMPLE, 'export', '--month', '2026-11', '--out', target];
      expect(kmsw(args, { env: TODAY }).code).toBe(0);
      const before = snapshot(target);
      // Leave 8 KiB free: the first new file's temp copy cannot be written in full.
      const used = Number(spawnSync('df', ['-k', '--output=used', target], { encoding: 'utf8' }).stdout.trim().split('\n').pop());
      expect(spawnSync('mount', ['-o', `remount,size=${used + 8}k`, target]).status).toBe(0);
      const r = kmsw(args, { env: TODAY });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/无法写入 .+\.(docx|xlsx)（ENOSPC）：磁盘已满/);
      expect(snapshot(target)).toEqual(before);
    } finally {
      spawnSync('umount', [target]);
      rmSync(target, { recursive: true, force: true });
    }
  });
});

describe('temp files', () => {
  it('a temp file of a live process is left alone; one of a dead process is removed by the next export', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kmsw-out-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(out, `.督导工作日志-2026年11月.docx.${dead}.0badc0de.tmp`), 'half');
    writeFileSync(path.join(out, `.督导工作日志-2026年11月.docx.${process.pid}.0badc0de.tmp`), 'in progress');
    expect(kmsw(['--dir', EXAMPLE, 'export', '--month', '2026-11', '--out', out], { env: TODAY }).code).toBe(0);
    expect(existsSync(path.join(out, `.督导工作日志-2026年11月.docx.${dead}.0badc0de.tmp`))).toBe(false);
    expect(existsSync(path.join(out, `.督导工作日志-2026年11月.docx.${process.pid}.0badc0de.tmp`))).toBe(true);
  });
});
