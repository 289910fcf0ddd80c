/**
 * The pre-commit check (issue 15, item 1): `kmsw hooks install` writes Git's pre-commit hook, which
 * runs `kmsw check --staged` on the records as staged. Real git in temp folders, with the machine's
 * Git settings kept out (GIT_CONFIG_NOSYSTEM, HOME in a temp folder).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, EXAMPLE, forRuns, kmsw, put, tempFolder, type Run } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const HOME = tempFolder({}, 'kmsw-home-');
const ENV: Record<string, string> = {
  GIT_CONFIG_NOSYSTEM: '1',
  HOME,
  XDG_CONFIG_HOME: HOME,
  KMSW_TODAY: '2026-11-23',
  GIT_CEILING_DIRECTORIES: path.dirname(HOME),
};

/** Each test runs git and kmsw (through the hook) about ten times. */
const RUNS = forRuns(10);

const CLEAN = readFileSync(path.join(EXAMPLE, '2026/11/log/2026-11-23-李明.yaml'), 'utf8');
const BROKEN = 'form: log\nauthor: 李明\ndate: 2026-11-3x\n';
/** A Chinese name with a space: Git quotes it (core.quotepath) unless -z. */
const LOG = '2026/11/log/2026-11-23-李 明.yaml';

function git(cwd: string, ...args: string[]): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', KMSW_USER: '', ...ENV };
  for (const key of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE']) delete env[key];
  const r = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function ok(run: Run): Run {
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return run;
}

const commits = (repo: string) => Number(ok(git(repo, 'rev-list', '--count', 'HEAD')).stdout.trim());

/** Each kind of repository built once (git init, the hook installed, the first commit through it), then copied. */
const templates = new Map<string, string>();

/** A repository holding a records folder (at `sub` inside it), its first commit made, kmsw's hook installed. */
function template(sub: string): string {
  const built = templates.get(sub);
  if (built) return built;
  const top = tempFolder({}, 'kmsw-hooks-template-');
  const root = path.join(top, sub);
  put(root, 'kmsw.yaml', CONFIG);
  ok(git(top, 'init', '-q'));
  ok(git(top, 'config', 'user.name', 'kmsw test'));
  ok(git(top, 'config', 'user.email', 'test@example.org'));
  const installed = ok(kmsw(['hooks', 'install'], { cwd: root, env: ENV }));
  expect(installed.stdout).toContain('pre-commit');
  ok(git(top, 'add', '-A'));
  ok(git(top, 'commit', '-qm', 'records folder'));
  templates.set(sub, top);
  return top;
}

/**
 * A fresh copy of template(sub): the hook names the records folder relative to the repository and kmsw by
 * its absolute path, so a copy is a repository of its own with the hook working (git re-reads the stat
 * data its index holds for the copied files).
 */
function repo(sub = '.'): { repo: string; root: string } {
  const top = tempFolder({}, 'kmsw-hooks-');
  cpSync(template(sub), top, { recursive: true, verbatimSymlinks: true });
  return { repo: top, root: path.join(top, sub) };
}

describe('the pre-commit check', () => {
  it(
    'refuses a commit of a broken record (Chinese name, space), passes a clean one; --no-verify skips it',
    () => {
      const { repo: r } = repo();
      put(r, LOG, BROKEN);
      ok(git(r, 'add', '-A'));
      const refused = git(r, 'commit', '-qm', 'broken');
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toContain(LOG);
      expect(refused.stdout + refused.stderr).toContain('invalid-value');
      expect(commits(r)).toBe(1);

      ok(git(r, 'commit', '-qm', 'broken all the same', '--no-verify'));
      expect(commits(r)).toBe(2);

      put(r, LOG, CLEAN);
      ok(git(r, 'add', '-A'));
      ok(git(r, 'commit', '-qm', 'fixed'));
      expect(commits(r)).toBe(3);
    },
    RUNS,
  );

  it(
    'checks the staged content, not the work tree',
    () => {
      const { repo: r } = repo();
      // Staged broken, work tree fixed: refused.
      put(r, LOG, BROKEN);
      ok(git(r, 'add', '-A'));
      put(r, LOG, CLEAN);
      expect(git(r, 'commit', '-qm', 'staged broken').code).not.toBe(0);
      // Staged clean, work tree broken: passes.
      ok(git(r, 'add', '-A'));
      put(r, LOG, BROKEN);
      ok(git(r, 'commit', '-qm', 'staged clean'));
      expect(ok(git(r, 'show', `HEAD:${LOG}`)).stdout).toBe(CLEAN);
    },
    RUNS,
  );

  it(
    'git commit -a and git commit <path> (a temporary index) are checked as they would commit',
    () => {
      const { repo: r, root } = repo('记录');
      put(root, LOG, CLEAN);
      ok(git(r, 'add', '-A'));
      ok(git(r, 'commit', '-qm', 'clean'));
      put(root, LOG, BROKEN);
      expect(git(r, 'commit', '-qam', 'broken').code).not.toBe(0);
      const deep = path.join(root, '2026/11');
      expect(git(deep, 'commit', '-qm', 'broken', 'log/2026-11-23-李 明.yaml').code).not.toBe(0);
      put(root, LOG, `${CLEAN}# 补充\n`);
      ok(git(deep, 'commit', '-qm', 'clean', 'log/2026-11-23-李 明.yaml'));
      expect(commits(r)).toBe(3);
    },
    RUNS,
  );

  it(
    'works from a sub-folder, with the records folder below the repository top',
    () => {
      const { repo: r, root } = repo('督导 记录');
      put(root, LOG, BROKEN);
      const deep = path.join(root, '2026/11/log');
      ok(git(deep, 'add', '-A'));
      const refused = git(deep, 'commit', '-qm', 'broken');
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toContain('invalid-value');
      put(root, LOG, CLEAN);
      ok(git(deep, 'add', '-A'));
      ok(git(deep, 'commit', '-qm', 'clean'));
      expect(commits(r)).toBe(2);
    },
    RUNS,
  );

  it(
    'never blocks a commit that touches no record, even with a broken record in the work tree',
    async () => {
      const { repo: r } = repo();
      put(r, LOG, BROKEN);
      put(r, 'README.md', '# 记录\n');
      ok(git(r, 'add', 'README.md'));
      const run = ok(git(r, 'commit', '-qm', 'readme'));
      expect(run.stderr).toContain('没有改动记录');
      // The English line through main() in-process (tests/support/in-process.ts); the hook above ran the binary.
      const direct = ok(await kmswInProcess(['check', '--staged', '--lang', 'en'], { cwd: r, env: ENV }));
      expect(direct.stderr).toContain('changes no record');
    },
    RUNS,
  );

  it(
    'reports only the staged files, with the work tree beside them for the folder rules',
    async () => {
      const { repo: r } = repo();
      put(r, '2026/11/log/2026-11-23-李明.yaml', CLEAN);
      put(r, '2026/11/log/2026-11-24-赵雪.yaml', BROKEN.replace('李明', '赵雪'));
      ok(git(r, 'add', '2026/11/log/2026-11-23-李明.yaml'));
      // Through main() in-process (tests/support/in-process.ts): the staged kind is spawned in the tests below.
      const run = ok(await kmswInProcess(['check', '--staged'], { cwd: r, env: ENV }));
      expect(run.stdout).not.toContain('赵雪.yaml');
      // A second copy of the same day's log, staged: the duplicate is found against the work tree's.
      put(r, '2026/11/log/2026-11-23-李明-2.yaml', CLEAN);
      ok(git(r, 'add', '2026/11/log/2026-11-23-李明-2.yaml'));
      const dup = await kmswInProcess(['check', '--staged', '--format', 'json'], { cwd: r, env: ENV });
      const files = (JSON.parse(dup.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file);
      expect(files.length).toBeGreaterThan(0);
      expect(new Set(files)).toEqual(new Set(['2026/11/log/2026-11-23-李明-2.yaml']));
    },
    RUNS,
  );

  it(
    'reads the staged kmsw.yaml as the config',
    () => {
      const { repo: r } = repo();
      put(r, 'kmsw.yaml', `${CONFIG}\nstatons: []\n`);
      ok(git(r, 'add', 'kmsw.yaml'));
      put(r, 'kmsw.yaml', CONFIG);
      const run = kmsw(['check', '--staged', '--format', 'json'], { cwd: r, env: ENV });
      expect(run.stdout).toContain('statons');
    },
    RUNS,
  );

  it(
    "with the cache: says what it says without it, keeps the folder's cache through a staged kmsw.yaml",
    async () => {
      const { repo: r } = repo();
      const on = { ...ENV, KMSW_NO_CACHE: '' };
      // The cached run spawned (only the built kmsw caches); --no-cache through main() in-process, which reads no cache.
      const both = async () => {
        const cached = kmsw(['check', '--staged', '--format', 'json'], { cwd: r, env: on });
        const fresh = await kmswInProcess(['check', '--staged', '--format', 'json', '--no-cache'], { cwd: r, env: on });
        expect(cached.stdout).toBe(fresh.stdout);
        expect(cached.code).toBe(fresh.code);
        return cached.stdout;
      };
      // The work tree's own bytes staged (read from it), then other bytes staged than the work tree holds.
      put(r, '2026/11/log/2026-11-23-李明.yaml', CLEAN);
      put(r, '2026/11/log/2026-11-24-李明.yaml', CLEAN.replace('2026-11-23', '2026-11-24'));
      kmsw(['check'], { cwd: r, env: on });
      ok(git(r, 'add', '-A'));
      expect(await both()).not.toContain('misplaced');
      put(r, '2026/11/log/2026-11-24-李明.yaml', CLEAN);
      ok(git(r, 'add', '-A'));
      put(r, '2026/11/log/2026-11-24-李明.yaml', CLEAN.replace('2026-11-23', '2026-11-24'));
      expect(await both()).toContain('misplaced');
      // A staged kmsw.yaml is another key: the folder's cache is read, not replaced.
      const cache = path.join(r, '.kmsw', 'cache.json');
      const before = readFileSync(cache);
      put(r, 'kmsw.yaml', `${CONFIG}\nstatons: []\n`);
      ok(git(r, 'add', 'kmsw.yaml'));
      put(r, 'kmsw.yaml', CONFIG);
      expect(await both()).toContain('statons');
      expect(readFileSync(cache).equals(before)).toBe(true);
    },
    RUNS,
  );

  it(
    'reads a staged link as a link and a staged file over the cap as too large',
    () => {
      const { repo: r } = repo();
      symlinkSync('/etc/passwd', path.join(r, '2026-11-23-链接.yaml'));
      put(r, '2026/11/log/2026-11-24-李明.yaml', `${CLEAN}# ${'字'.repeat(400_000)}\n`);
      ok(git(r, 'add', '-A'));
      const run = kmsw(['check', '--staged'], { cwd: r, env: ENV });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('2026-11-23-链接.yaml');
      expect(run.stdout).toContain('too-large');
    },
    RUNS,
  );

  it(
    'a clone gets the hook through kmsw hooks install',
    () => {
      const { repo: r } = repo();
      put(r, '2026/11/log/2026-11-24-李明.yaml', CLEAN.replace('2026-11-23', '2026-11-24'));
      ok(git(r, 'add', '-A'));
      ok(git(r, 'commit', '-qm', 'a record', '--no-verify'));
      const clone = path.join(tempFolder({}, 'kmsw-clone-'), '克隆');
      ok(git(path.dirname(clone), 'clone', '-q', r, clone));
      ok(git(clone, 'config', 'user.name', 'kmsw test'));
      ok(git(clone, 'config', 'user.email', 'test@example.org'));
      expect(existsSync(path.join(clone, '.kmsw'))).toBe(false);
      const installed = kmsw(['hooks', 'install'], { cwd: clone, env: { ...ENV, KMSW_NO_CACHE: '' } });
      ok(installed);
      // The folder checked once at install, so that the clone's first commit finds the other records in .kmsw/.
      expect(installed.stdout).toContain('已检查一遍 1 个文件并存入 .kmsw/ 缓存');
      expect(existsSync(path.join(clone, '.kmsw', 'cache.json'))).toBe(true);
      put(clone, LOG, BROKEN);
      ok(git(clone, 'add', '-A'));
      expect(git(clone, 'commit', '-qm', 'broken').code).not.toBe(0);
    },
    RUNS,
  );

  it(
    'keeps an existing hook: refuses, then chains it as pre-commit.local; reinstall and uninstall',
    async () => {
      const top = tempFolder({ 'kmsw.yaml': CONFIG }, 'kmsw-hooks-');
      ok(git(top, 'init', '-q'));
      ok(git(top, 'config', 'user.name', 'kmsw test'));
      ok(git(top, 'config', 'user.email', 'test@example.org'));
      const hook = path.join(top, '.git/hooks/pre-commit');
      const mine = '#!/bin/sh\necho mine >> ran.txt\n';
      writeFileSync(hook, mine);
      chmodSync(hook, 0o755);
      // The refusals, which write nothing, through main() in-process (tests/support/in-process.ts); the installs
      // spawned (the hook names the kmsw that wrote it).
      const refused = await kmswInProcess(['hooks', 'install'], { cwd: top, env: ENV });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('pre-commit.local');
      expect(readFileSync(hook, 'utf8')).toBe(mine);
      expect((await kmswInProcess(['hooks', 'uninstall'], { cwd: top, env: ENV })).code).toBe(2);
      expect(readFileSync(hook, 'utf8')).toBe(mine);

      renameSync(hook, `${hook}.local`);
      ok(kmsw(['hooks', 'install'], { cwd: top, env: ENV }));
      expect(ok(kmsw(['hooks', 'install'], { cwd: top, env: ENV })).stdout).toContain('已更新');
      put(top, LOG, BROKEN);
      ok(git(top, 'add', LOG, 'kmsw.yaml'));
      expect(git(top, 'commit', '-qm', 'broken').code).not.toBe(0);
      expect(readFileSync(path.join(top, 'ran.txt'), 'utf8')).toBe('mine\n');

      // Uninstalled, the user's own hook is put back as pre-commit, and runs on its own as before.
      const removed = ok(kmsw(['hooks', 'uninstall'], { cwd: top, env: ENV }));
      expect(removed.stdout).toContain(`${hook}.local 已改回 ${hook}`);
      expect(readFileSync(hook, 'utf8')).toBe(mine);
      expect(existsSync(`${hook}.local`)).toBe(false);
      ok(git(top, 'commit', '-qm', 'broken, no kmsw'));
      expect(readFileSync(path.join(top, 'ran.txt'), 'utf8')).toBe('mine\nmine\n');
    },
    RUNS,
  );

  it(
    'respects core.hooksPath; kmsw init installs the hook',
    () => {
      const base = tempFolder({}, 'kmsw-hooks-');
      const root = path.join(base, '记录');
      const init = ok(kmsw(['init', root], { env: ENV }));
      expect(init.stdout).toContain('pre-commit');
      expect(readFileSync(path.join(root, '.git/hooks/pre-commit'), 'utf8')).toContain('check --staged');
      ok(git(root, 'config', 'core.hooksPath', 'my hooks'));
      ok(kmsw(['hooks', 'install'], { cwd: root, env: ENV }));
      expect(readFileSync(path.join(root, 'my hooks/pre-commit'), 'utf8')).toContain('check --staged');
    },
    RUNS,
  );

  it(
    'lets the commit through with a warning when kmsw cannot be found',
    () => {
      const { repo: r } = repo();
      const hook = path.join(r, '.git/hooks/pre-commit');
      writeFileSync(hook, readFileSync(hook, 'utf8').replace(/^bin=.*$/m, "bin='/nowhere/kmsw.cjs'"));
      // A PATH with git alone: no kmsw, no npx.
      const bin = tempFolder({}, 'kmsw-path-');
      symlinkSync(spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim(), path.join(bin, 'git'));
      put(r, LOG, BROKEN);
      ok(git(r, 'add', '-A'));
      const run = spawnSync('git', ['commit', '-qm', 'unchecked'], {
        cwd: r,
        env: { ...ENV, PATH: bin, NO_COLOR: '1' },
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('找不到 kmsw');
    },
    RUNS,
  );

  it(
    'outside a Git repository: a clear error, exit 2',
    async () => {
      const root = tempFolder({ 'kmsw.yaml': CONFIG }, 'kmsw-nogit-');
      // Refusals, through main() in-process (tests/support/in-process.ts): the hook above runs check --staged spawned.
      const run = await kmswInProcess(['check', '--staged'], { cwd: root, env: ENV });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('不在 Git 仓库里');
      expect((await kmswInProcess(['hooks', 'install', '--lang', 'en'], { cwd: root, env: ENV })).stderr).toContain(
        'not in a Git repository',
      );
    },
    RUNS,
  );
});

describe('the pre-commit check, and the repositories and folders it is for', () => {
  it(
    'a global core.hooksPath: install and init refuse and say why; a hook there never blocks another repository',
    async () => {
      // A HOME of its own: the global setting must not reach the other tests.
      const home = tempFolder({}, 'kmsw-home-');
      const env = { ...ENV, HOME: home, XDG_CONFIG_HOME: home };
      const shared = path.join(home, 'hooks');
      const inHome = (cwd: string, ...args: string[]) => {
        const r = spawnSync('git', args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8' });
        return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
      };
      ok(inHome(home, 'config', '--global', 'core.hooksPath', shared));
      const r1 = tempFolder({ 'kmsw.yaml': CONFIG }, 'kmsw-hooks-');
      ok(inHome(r1, 'init', '-q'));
      const refused = kmsw(['hooks', 'install'], { cwd: r1, env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`Git 的钩子文件夹 ${shared} 不在这个仓库里`);
      expect(refused.stderr).toContain('git config core.hooksPath .git/hooks');
      const en = await kmswInProcess(['hooks', 'install', '--lang', 'en'], { cwd: r1, env });
      expect(en.stderr).toContain('runs on the commits of every repository');
      const init = ok(kmsw(['init', path.join(home, '记录')], { env }));
      expect(init.stdout).toContain('没有安装提交前检查：Git 的钩子文件夹');
      expect(existsSync(path.join(shared, 'pre-commit'))).toBe(false);

      // As the message says: this repository's own hooks folder, then the hook installs, and works.
      ok(inHome(r1, 'config', 'core.hooksPath', '.git/hooks'));
      ok(kmsw(['hooks', 'install'], { cwd: r1, env }));
      put(r1, LOG, BROKEN);
      ok(inHome(r1, 'add', '-A'));
      expect(inHome(r1, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'broken').code).toBe(1);

      // A kmsw hook in the shared folder (copied there, or installed by an older kmsw) checks no other repository:
      // neither one without kmsw.yaml nor another records folder with a broken record.
      mkdirSync(shared, { recursive: true });
      cpSync(path.join(r1, '.git/hooks/pre-commit'), path.join(shared, 'pre-commit'));
      const others: Array<Record<string, string>> = [{ 'a.txt': 'hi\n' }, { 'kmsw.yaml': CONFIG, [LOG]: BROKEN }];
      for (const files of others) {
        const other = tempFolder(files, 'kmsw-other-');
        ok(inHome(other, 'init', '-q'));
        ok(inHome(other, 'add', '-A'));
        const run = ok(inHome(other, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'x'));
        expect(run.stderr).toContain('这个钩子是为别的仓库安装的');
      }
    },
    RUNS,
  );

  it(
    'a records folder without kmsw.yaml in the commit (orphan branch, folder renamed, kmsw.yaml deleted) blocks nothing',
    () => {
      const { repo: r, root } = repo('记录');
      // An orphan branch of documents: nothing to check, and said so.
      ok(git(r, 'checkout', '-q', '--orphan', 'docs'));
      ok(git(r, 'rm', '-rqf', '.'));
      put(r, 'index.md', 'x\n');
      ok(git(r, 'add', 'index.md'));
      const orphan = ok(git(r, 'commit', '-qm', 'docs'));
      expect(orphan.stderr).toContain(`提交前检查的资料文件夹 ${root} 在这次提交里没有 kmsw.yaml，什么都没有检查`);
      expect(orphan.stderr).toContain('请在新的位置运行 kmsw hooks install');
      expect(orphan.stderr).not.toContain('kmsw init');

      // The records folder renamed with git mv: the hook's folder is gone; a re-install in the new place checks it.
      const { repo: r2 } = repo('记录');
      ok(git(r2, 'mv', '记录', '资料'));
      const moved = ok(git(r2, 'commit', '-qm', 'renamed'));
      expect(moved.stderr).toContain('没有 kmsw.yaml，什么都没有检查');
      const again = ok(kmsw(['hooks', 'install'], { cwd: path.join(r2, '资料'), env: ENV }));
      expect(again.stdout).toContain('不再检查它们：记录');
      put(path.join(r2, '资料'), LOG, BROKEN);
      ok(git(r2, 'add', '-A'));
      expect(git(r2, 'commit', '-qm', 'broken').code).toBe(1);

      // kmsw.yaml deleted while records are staged in the folder: not checked, and said so, with how many.
      const { repo: r3 } = repo('记录');
      ok(git(r3, 'rm', '-q', '记录/kmsw.yaml'));
      put(path.join(r3, '记录'), LOG, BROKEN);
      ok(git(r3, 'add', '-A'));
      const deleted = ok(git(r3, 'commit', '-qm', 'no kmsw.yaml'));
      expect(deleted.stderr).toContain('这次提交改动了资料文件夹');
      expect(deleted.stderr).toContain('里的 1 个记录文件，但那里没有 kmsw.yaml，这些文件没有检查');
      expect(deleted.stderr).not.toContain('没有改动记录');
    },
    RUNS,
  );

  it(
    'checks every records folder it was installed for; uninstall in one keeps the others',
    () => {
      const { repo: r, root: a } = repo('A');
      const b = path.join(r, 'B');
      put(b, 'kmsw.yaml', CONFIG);
      const second = ok(kmsw(['hooks', 'install'], { cwd: b, env: ENV }));
      expect(second.stdout).toContain('已更新');
      expect(second.stdout).toContain('检查这几个资料文件夹（相对于仓库的根目录）：A、B');
      ok(git(r, 'add', '-A'));
      ok(git(r, 'commit', '-qm', 'B'));
      for (const root of [a, b]) {
        put(root, LOG, BROKEN);
        ok(git(r, 'add', '-A'));
        const refused = git(r, 'commit', '-qm', 'broken');
        expect(refused.code, root).toBe(1);
        expect(refused.stdout + refused.stderr).toContain('invalid-value');
        put(root, LOG, CLEAN);
        ok(git(r, 'add', '-A'));
        ok(git(r, 'commit', '-qm', 'clean'));
      }
      const narrowed = ok(kmsw(['hooks', 'uninstall'], { cwd: b, env: ENV }));
      expect(narrowed.stdout).toContain('提交前检查不再检查 B；它仍检查：A');
      put(b, LOG, BROKEN);
      put(a, LOG, BROKEN);
      ok(git(r, 'add', path.join('B', LOG)));
      ok(git(r, 'commit', '-qm', 'B unchecked'));
      ok(git(r, 'add', '-A'));
      expect(git(r, 'commit', '-qm', 'A broken').code).toBe(1);
    },
    RUNS,
  );

  it(
    'a refused commit whose problems check --fix mends says so, with the command, which mends them',
    () => {
      const { repo: r, root } = repo('记录');
      const slipped = CLEAN.replace(/^author: /m, 'author：');
      put(root, LOG, slipped);
      ok(git(r, 'add', '-A'));
      const refused = git(r, 'commit', '-qm', 'slip');
      expect(refused.code).toBe(1);
      const line = /其中 1 个问题可以用 (kmsw --dir .* check --fix .*) 自动修复：它改的是工作区里的文件/.exec(
        refused.stdout + refused.stderr,
      );
      expect(line, refused.stdout + refused.stderr).not.toBeNull();
      const argv = spawnSync(
        'sh',
        ['-c', `for w in ${line![1]!.slice('kmsw '.length)}; do printf '%s\\0' "$w"; done`],
        {
          encoding: 'utf8',
        },
      )
        .stdout.split('\0')
        .slice(0, -1);
      ok(kmsw(argv, { env: ENV }));
      expect(readFileSync(path.join(root, LOG), 'utf8')).toBe(CLEAN);
      ok(git(r, 'add', '-A'));
      ok(git(r, 'commit', '-qm', 'fixed'));
    },
    RUNS,
  );
});
