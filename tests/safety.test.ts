/**
 * Data safety (issue 6): no command changes a record unless asked to; every write is whole or not
 * at all, even when the process is killed; a read-only folder or a full disk gives a clear error
 * and changes nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, EXAMPLE, forRuns, kmsw, kmswAsync, readOnlyExample, snapshot, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const TODAY = { KMSW_TODAY: '2026-11-30' };

/** A copy of records.example that the test may change. */
function example(): string {
  const dir = tempFolder({}, 'kmsw-safety-');
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** The records, kmsw.yaml and photos: what a command must not touch unless it is asked to. */
const records = (dir: string) =>
  new Map([...snapshot(dir)].filter(([file]) => !/^(exports|schemas|templates)\//.test(file)));

describe('no command changes a record unless asked to', () => {
  it(
    'every command over records.example leaves every record, kmsw.yaml and photo byte-identical',
    async () => {
      const dir = example();
      const before = records(dir);
      const out = tempFolder({}, 'kmsw-out-');
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
      // Two commands that write through the real binary: export into the folder, and init. The others in-process,
      // through main(), which the binary runs (tests/support/in-process.ts): they read and write the folder as the
      // binary does. Each is spawned below too: check, status, tally and list on a read-only copy, new, export,
      // schema and templates copy refused there, export again on a full disk and killed midway, new in a race.
      const writes = (args: string[]) =>
        args[0] === 'init' || (args[0] === 'export' && args[1] === '--month' && !args.includes('--out'));
      for (const args of commands) {
        const run = writes(args)
          ? kmsw(args, { cwd: dir, env: TODAY })
          : await kmswInProcess(args, { cwd: dir, env: TODAY });
        expect(run.stderr.includes('内部错误'), `${args.join(' ')}: ${run.stderr}`).toBe(false);
        expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBeLessThanOrEqual(args[0] === 'init' ? 2 : 1);
      }
      const after = records(dir);
      // Only `new` adds files, and only new ones.
      for (const [file, bytes] of before) expect(after.get(file), file).toBe(bytes);
      expect([...after.keys()].filter((f) => !before.has(f)).sort()).toEqual([
        '2026/11/group/2026-11-30-五华区-赵雪.yaml',
        '2026/11/log/2026-11-28-李明.yaml',
      ]);
    },
    forRuns(11),
  );
});

describe('two `new` racing for the same path never overwrite one another', () => {
  it(
    '8 processes × 3 forms at once: 24 files, each whole, none lost',
    async () => {
      const dir = example();
      const sets: Record<string, string[]> = {
        log: ['--force'],
        record: ['--set', 'supervisee=张丽'],
        group: ['--set', 'county=五华区'],
      };
      const jobs = Object.entries(sets).flatMap(([form, set]) =>
        Array.from({ length: 8 }, () =>
          kmswAsync(['new', form, '--yes', '--as', '李明', '--set', 'date=2026-11-28', ...set], {
            cwd: dir,
            env: TODAY,
          }),
        ),
      );
      const runs = await Promise.all(jobs);
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      const written = runs.map((r) => /2026\/11\/\S+\.yaml/.exec(r.stdout)?.[0]);
      expect(new Set(written).size).toBe(24);
      // The 8 logs (--force: one author, one day) are numbered 2 to 8 after the first, each name printed by its run.
      const logs = ['2026-11-28-李明.yaml', ...[2, 3, 4, 5, 6, 7, 8].map((n) => `2026-11-28-李明-${n}.yaml`)].sort();
      expect(
        readdirSync(path.join(dir, '2026/11/log'))
          .filter((f) => f.startsWith('2026-11-28-'))
          .sort(),
      ).toEqual(logs);
      expect(
        written
          .filter((f) => f!.startsWith('2026/11/log/'))
          .map((f) => path.basename(f!))
          .sort(),
      ).toEqual(logs);
      for (const file of written)
        expect(readFileSync(path.join(dir, file!), 'utf8')).toMatch(/^# yaml-language-server/);
      for (const sub of ['log', 'record', 'group'])
        expect(
          readdirSync(path.join(dir, '2026/11', sub)).filter((f) => f.endsWith('.tmp') || f.startsWith('.')),
        ).toEqual([]);
      // 24 processes at once on 2 cores: as long as 24 runs one after another.
    },
    forRuns(24),
  );
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
   * No kill depends on a clock: with KMSW_TEST_PAUSE=<point> (src/test-pause.ts, test only) the
   * export stops at that named point of its commit and says so on stderr; the test kills it there
   * and then looks at what is left. Each round starts from what the last one left.
   */
  const TEMP = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;
  /** Each document of `out` (temps aside): its bytes and its inode (a rename puts a new one in place). */
  const documents = (out: string) =>
    new Map(
      readdirSync(out)
        .filter((name) => !TEMP.test(name))
        .map((name) => [name, { bytes: readFileSync(path.join(out, name)), ino: statSync(path.join(out, name)).ino }]),
    );

  /** Runs the export paused at `point`, kills it there, and returns its pid. */
  async function killAt(point: string, args: string[]): Promise<number> {
    const env = { ...process.env, KMSW_TEST_PAUSE: point };
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let stderr = '';
    const paused = await new Promise<boolean>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes(`KMSW_TEST_PAUSED ${point}\n`)) resolve(true);
      });
      void exited.then(() => resolve(false));
    });
    child.kill('SIGKILL');
    await exited;
    expect(paused, `the export never reached ${point}: ${stderr}`).toBe(true);
    return child.pid!;
  }

  let dir = '';
  let out = '';
  let args: string[] = [];
  let logDoc = '';
  beforeAll(() => {
    dir = example();
    out = path.join(dir, 'out');
    // Three documents of both kinds (a Word form, a form's workbook, the checklist) through the one
    // commit every export goes through: a kill between two renames has a document on each side,
    // for a third of the CPU of all 13 (this export runs five times).
    const only = ['--only', 'log,roster,checklist'];
    args = [BIN, '--dir', dir, '--today', '2026-11-30', 'export', '--month', '2026-11', ...only, '--out', out];
    expect(spawnSync(process.execPath, args).status).toBe(0);
    expect([...documents(out).keys()].map((name) => path.extname(name)).sort()).toEqual(['.docx', '.xlsx', '.xlsx']);
    logDoc = [...documents(out).keys()].find((name) => name.startsWith('督导工作日志'))!;
    // The next export differs from the old one: one log says more.
    const logs = path.join(dir, '2026/11/log');
    const first = path.join(logs, readdirSync(logs).sort()[0]!);
    writeFileSync(
      first,
      readFileSync(first, 'utf8').replace('content: |\n', 'content: |\n  KILLTEST 这一段是新加的。\n'),
    );
  });

  /**
   * Kills the export at `point`; every document is the one before or a whole new one, and only the
   * killed process's temps are left.
   */
  async function killAndLook(point: string): Promise<{ replaced: string[]; kept: string[] }> {
    const before = documents(out);
    const pid = await killAt(point, args);
    const after = documents(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const replaced = [...before.keys()].filter((name) => after.get(name)!.ino !== before.get(name)!.ino);
    for (const name of replaced) expect(whole(after.get(name)!.bytes), `${name} after the kill at ${point}`).toBe(true);
    const kept = [...before.keys()].filter((name) => !replaced.includes(name));
    for (const name of kept) expect(after.get(name)!.bytes.equals(before.get(name)!.bytes), name).toBe(true);
    // Left beside them: one temp a document (a staged new one, or an old one kept aside), all of the killed process.
    const temps = readdirSync(out).filter((name) => TEMP.test(name));
    expect(temps.map((name) => Number(TEMP.exec(name)![1]))).toEqual(temps.map(() => pid));
    expect(temps).toHaveLength(before.size);
    return { replaced, kept };
  }

  it('killed once every document is written beside its place: the old export is untouched', async () => {
    const { replaced } = await killAndLook('temp-written');
    expect(replaced).toEqual([]);
  });

  it('killed once the first document is in place: that one is a whole new file, the others the old ones', async () => {
    const { replaced } = await killAndLook('renames-started');
    expect(replaced).toHaveLength(1);
  });

  it('killed once every document is in place: all are the new export, before its backups are removed', async () => {
    const { kept } = await killAndLook('renames-done');
    expect(kept).toEqual([]);
    expect(strFromU8(unzipSync(readFileSync(path.join(out, logDoc)))['word/document.xml']!)).toContain('KILLTEST');
  });

  it('the next export finishes the job and removes what the killed ones left', () => {
    const before = documents(out);
    expect(spawnSync(process.execPath, args).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...before.keys()].sort());
    for (const name of before.keys()) expect(whole(readFileSync(path.join(out, name))), name).toBe(true);
    expect(strFromU8(unzipSync(readFileSync(path.join(out, logDoc)))['word/document.xml']!)).toContain('KILLTEST');
  });
});

// As root, permissions do not stop writes: the read-only cases run kmsw as nobody.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe('a read-only records folder: a clear error and nothing changed', () => {
  const folder = readOnlyExample('kmsw-safety-');
  const run = (...args: string[]) => kmsw(['--dir', folder.dir, ...args], { cwd: folder.dir, env: TODAY, ...asUser });

  // Each through the real binary: the every-command test above runs them in-process.
  it('check, status, tally and list still work', () => {
    expect(run('check').code).toBe(0);
    expect(run('status').code).toBe(0);
    expect(run('tally', '--month', '2026-11').code).toBe(0);
    expect(run('list').code).toBe(0);
  });

  it.each([
    // 2026-11-30 has 李明's log already (new would refuse it as a second one): a day without one.
    [
      'new log',
      ['new', 'log', '--yes', '--as', '李明', '--set', 'date=2026-11-28'],
      /无法写入 .*2026-11-28-李明\.yaml（EACCES）：没有写入这个文件夹的权限/,
    ],
    // Export and schema: also the read-only cases of tests/untrusted-folder.test.ts (12 §3), asserted here.
    [
      'export into the folder',
      ['export', '--month', '2026-11'],
      /无法写入 .*exports.*（EACCES）：没有写入这个文件夹的权限/,
    ],
    ['schema', ['schema'], /无法写入 .*schemas.*（EACCES）：没有写入这个文件夹的权限/],
    ['templates copy', ['templates', 'copy', 'log'], /无法写入 .*templates.*（EACCES）/],
  ])('%s: exit 2, the file named, nothing written', (_, args, message) => {
    const r = run(...args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/已有的文件都没有改动/);
    expect(r.stderr).not.toMatch(/ENOENT|内部错误|\n\s+at /);
    expect(snapshot(folder.dir)).toEqual(folder.before);
  });
});

// A full disk is a small tmpfs: mounting one needs root (CI runs as root).
const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;

describe.runIf(canMount)('a full exports/ target: a clear error, the earlier export intact', () => {
  it('ENOSPC while replacing an export: exit 2, disk full said, every old file byte-identical, no temp left', () => {
    const target = tempFolder({}, 'kmsw-full-');
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', target]).status).toBe(0);
    try {
      // Three documents of both kinds: the first new temp copy fails whichever it is.
      const only = ['--only', 'log,roster,checklist'];
      const args = ['--dir', EXAMPLE, 'export', '--month', '2026-11', ...only, '--out', target];
      expect(kmsw(args, { env: TODAY }).code).toBe(0);
      const before = snapshot(target);
      // Leave 8 KiB free: the first new file's temp copy cannot be written in full.
      const used = Number(
        spawnSync('df', ['-k', '--output=used', target], { encoding: 'utf8' }).stdout.trim().split('\n').pop(),
      );
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
    const out = tempFolder({}, 'kmsw-out-');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    writeFileSync(path.join(out, `.督导工作日志-2026年11月.docx.${dead}.0badc0de.tmp`), 'half');
    writeFileSync(path.join(out, `.督导工作日志-2026年11月.docx.${process.pid}.0badc0de.tmp`), 'in progress');
    // The temps are those of 督导工作日志, the log's document: the log's export is enough to clear them.
    const args = ['--dir', EXAMPLE, 'export', '--month', '2026-11', '--only', 'log', '--out', out];
    expect(kmsw(args, { env: TODAY }).code).toBe(0);
    expect(existsSync(path.join(out, `.督导工作日志-2026年11月.docx.${dead}.0badc0de.tmp`))).toBe(false);
    expect(existsSync(path.join(out, `.督导工作日志-2026年11月.docx.${process.pid}.0badc0de.tmp`))).toBe(true);
  });
});
