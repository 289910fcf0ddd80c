/**
 * A records folder inside another (an accidental `kmsw init` in the parent of the real folder, or
 * `cp -r records.example 我的督导资料/示例`): the outer folder's commands never take the inner one's
 * files for their own records, name it once each, and `check --fix` never moves a record out of it.
 * `kmsw init` refuses to make either situation.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, EXAMPLE, EXAMPLE_RECORDS, forRuns, kmsw, put, snapshot, tempFolder } from './helpers.js';

const TODAY = { KMSW_TODAY: '2026-11-30' };

/** An empty records folder (kmsw.yaml alone) whose sub-folder 我的督导资料/ is records.example: init in the parent. */
function parentOfExample(): string {
  const dir = tempFolder({ 'kmsw.yaml': CONFIG });
  cpSync(EXAMPLE, path.join(dir, '我的督导资料'), { recursive: true });
  return dir;
}

/** records.example with a copy of itself in 示例/. */
function exampleWithCopy(): string {
  const dir = tempFolder();
  cpSync(EXAMPLE, dir, { recursive: true });
  cpSync(EXAMPLE, path.join(dir, '示例'), { recursive: true });
  return dir;
}

const NOTE = (folder: string, verb: string, run: string) =>
  `注意：${folder} 是另一个督导资料文件夹（有自己的 kmsw.yaml），其中的文件不是这里的记录，没有${verb}；` +
  `要${verb}它请运行 ${run}`;

describe('a records folder inside the records folder', () => {
  it(
    'is not checked as this folder’s records, and is named once with the command that checks it',
    () => {
      const dir = parentOfExample();
      const run = kmsw(['check'], { cwd: dir, env: TODAY });
      expect(run.stdout).not.toContain('misplaced');
      expect(run.stdout).not.toContain('--fix');
      expect(run.stdout).toContain(NOTE('我的督导资料/', '检查', 'kmsw --dir 我的督导资料 check'));
      expect(run.stdout.split('我的督导资料/ 是另一个').length).toBe(2);
      expect(run.stdout).toContain('检查了 0 个文件');
      // The same from elsewhere: --dir as typed from the working folder.
      const away = kmsw(['--dir', path.basename(dir), 'check', '--format', 'json'], {
        cwd: path.dirname(dir),
        env: TODAY,
      });
      expect(JSON.parse(away.stdout).summary.files).toBe(0);
      expect(away.stderr).toContain(`kmsw --dir ${path.basename(dir)}/我的督导资料 check`);
    },
    forRuns(2),
  );

  it(
    'check --fix moves nothing out of it, nor into this folder’s months',
    () => {
      for (const dir of [parentOfExample(), exampleWithCopy()]) {
        const before = snapshot(dir);
        const dry = kmsw(['check', '--fix-dry-run'], { cwd: dir, env: TODAY });
        expect(dry.stdout + dry.stderr).not.toMatch(/rename from|移到/);
        const fix = kmsw(['check', '--fix'], { cwd: dir, env: TODAY });
        expect(fix.code, fix.stdout + fix.stderr).toBe(0);
        expect(snapshot(dir)).toEqual(before);
      }
    },
    forRuns(4),
  );

  it(
    'leaves the folder’s own records as they were checked: records.example with a copy in 示例/',
    () => {
      const dir = exampleWithCopy();
      const run = kmsw(['check'], { cwd: dir, env: TODAY });
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toContain(`检查了 ${EXAMPLE_RECORDS.length} 个文件：没有发现问题。`);
      expect(run.stdout).toContain(NOTE('示例/', '检查', 'kmsw --dir 示例 check'));
      // Again, from the cache: the same answer, the same note.
      const again = kmsw(['check'], { cwd: dir, env: TODAY });
      expect(again.stdout).toBe(run.stdout);
      // A kmsw.yaml taken away: its records are this folder's again (and misplaced), cache or not.
      spawnSync('rm', [path.join(dir, '示例', 'kmsw.yaml')]);
      const merged = kmsw(['check'], { cwd: dir, env: TODAY });
      expect(merged.code).toBe(1);
      expect(merged.stdout).toContain('示例/2026/11/log/');
      expect(merged.stdout).not.toContain('是另一个督导资料文件夹');
    },
    forRuns(3),
  );

  it(
    'is named by list, status, tally and export, whose counts leave its records out',
    () => {
      const dir = exampleWithCopy();
      const list = kmsw(['list'], { cwd: dir, env: TODAY });
      expect(list.stdout).toContain(`共 ${EXAMPLE_RECORDS.length} 份`);
      expect(list.stdout).not.toContain('示例/2026');
      expect(list.stdout).toContain(NOTE('示例/', '列出', 'kmsw --dir 示例 list'));
      const json = kmsw(['list', '--format', 'json'], { cwd: dir, env: TODAY });
      expect(JSON.parse(json.stdout)).toHaveLength(EXAMPLE_RECORDS.length);
      expect(json.stderr).toContain(NOTE('示例/', '列出', 'kmsw --dir 示例 list'));
      const status = kmsw(['status'], { cwd: dir, env: TODAY });
      expect(status.stdout).toContain(NOTE('示例/', '统计', 'kmsw --dir 示例 status'));
      expect(status.stdout).not.toContain('示例/2026');
      const tally = kmsw(['tally', '--month', '2026-11'], { cwd: dir, env: TODAY });
      expect(tally.code, tally.stdout).toBe(0);
      expect(tally.stdout).toContain('本月的记录文件全部计入');
      expect(tally.stdout).toContain(NOTE('示例/', '统计', 'kmsw --dir 示例 tally --month 2026-11'));
      const out = path.join(dir, 'exports', 'x');
      const exported = kmsw(['export', '--month', '2026-11', '--out', out], { cwd: dir, env: TODAY });
      expect(exported.code, exported.stdout).toBe(0);
      expect(exported.stdout).toContain(NOTE('示例/', '导出', 'kmsw --dir 示例 export --month 2026-11'));
    },
    forRuns(6),
  );

  it(
    'staged in Git, is not checked by the pre-commit check as this folder’s records',
    () => {
      const dir = exampleWithCopy();
      const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
      git('init', '-q');
      git('add', '-A');
      const run = kmsw(['check', '--staged'], { cwd: dir, env: TODAY });
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).not.toContain('示例/2026');
      expect(run.stdout).toContain('示例/ 是另一个督导资料文件夹');
    },
    forRuns(1),
  );

  it(
    'check --fix does not move a misplaced record into a folder below that is a records folder of its own',
    () => {
      const log = readdirSync(path.join(EXAMPLE, '2026/11/log'))[0]!;
      const dir = tempFolder({ 'kmsw.yaml': CONFIG, '2026/kmsw.yaml': CONFIG });
      cpSync(path.join(EXAMPLE, '2026/11/log', log), path.join(dir, log));
      const fix = kmsw(['check', '--fix'], { cwd: dir, env: TODAY });
      expect(existsSync(path.join(dir, log)), fix.stdout).toBe(true);
      expect(existsSync(path.join(dir, '2026/11/log', log))).toBe(false);
      expect(fix.stdout).toContain(`2026/11/log/${log} 在另一个督导资料文件夹 2026/ 里`);
    },
    forRuns(1),
  );
});

describe('a kmsw.yaml that does not make a records folder', () => {
  it(
    'one inside a year folder, or one without a kmsw.yaml key, hides nothing: the files are checked, it is a stray',
    () => {
      const dir = tempFolder();
      cpSync(EXAMPLE, dir, { recursive: true });
      const group = '2026/11/group/2026-11-20-五华区.yaml';
      put(dir, group, 'form: group\ndate: 2026-13-45\n');
      const before = kmsw(['check', '--format', 'json'], { cwd: dir, env: TODAY });
      const said = (r: typeof before) =>
        (JSON.parse(r.stdout) as { diagnostics: Array<{ file: string }> }).diagnostics.filter((d) => d.file === group);
      expect(said(before).length).toBeGreaterThan(0);
      for (const [where, text] of [
        ['2026/11/group/kmsw.yaml', ''],
        ['2026/11/group/kmsw.yaml', CONFIG],
        ['2026/kmsw.yaml', CONFIG],
        ['备份/kmsw.yaml', 'note: not a config\n'],
      ] as const) {
        put(dir, where, text);
        const run = kmsw(['check', '--format', 'json'], { cwd: dir, env: TODAY });
        expect(run.code, where).toBe(1);
        expect(said(run), where).toEqual(said(before));
        expect(run.stderr, where).not.toContain('另一个督导资料文件夹');
        spawnSync('rm', [path.join(dir, where)]);
      }
    },
    forRuns(4),
  );

  it(
    'check --staged: a kmsw.yaml the commit does not hold (untracked, ignored) makes no records folder of its own',
    () => {
      const dir = tempFolder();
      cpSync(EXAMPLE, dir, { recursive: true });
      const git = (...a: string[]) =>
        spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...a], { cwd: dir });
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'records', '--no-verify');
      put(dir, 'extra/kmsw.yaml', CONFIG);
      put(dir, '.gitignore', '.kmsw/\nextra/kmsw.yaml\n');
      put(dir, 'extra/2026-11-27-李明.yaml', 'form: log\nauthor: 李明\ndate: 2026-11-3x\n');
      git('add', 'extra', '.gitignore');
      const run = kmsw(['check', '--staged'], { cwd: dir, env: TODAY });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('extra/2026-11-27-李明.yaml');
      git('add', '-f', 'extra/kmsw.yaml');
      const held = kmsw(['check', '--staged'], { cwd: dir, env: TODAY });
      expect(held.code).toBe(0);
      expect(held.stderr + held.stdout).toContain('extra/ 是另一个督导资料文件夹');
    },
    forRuns(3),
  );
});

describe('kmsw init', () => {
  it(
    'refuses to make a records folder around one, or inside one, and writes nothing',
    () => {
      const dir = tempFolder({ 'notes.txt': 'x' });
      cpSync(EXAMPLE, path.join(dir, '资料', '我的督导资料'), { recursive: true });
      const before = snapshot(dir);
      for (const at of [dir, path.join(dir, '资料')]) {
        const run = kmsw(['init', at]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('里面已有督导资料文件夹');
        expect(run.stderr).toContain(`我的督导资料${path.sep}kmsw.yaml`);
        expect(run.stderr).toContain('没有写入任何文件');
      }
      const inside = path.join(dir, '资料', '我的督导资料', '2026', '备份');
      const run = kmsw(['init', inside]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`在督导资料文件夹 ${path.join(dir, '资料', '我的督导资料')} 里面`);
      expect(snapshot(dir)).toEqual(before);
      expect(existsSync(path.join(dir, '.git'))).toBe(false);
      expect(existsSync(inside)).toBe(false);
    },
    forRuns(3),
  );

  it('looks only a few levels down', () => {
    const dir = tempFolder();
    put(dir, 'a/b/c/d/kmsw.yaml', CONFIG);
    expect(kmsw(['init', dir]).code).toBe(0);
  });
});
