/**
 * The pre-commit check (issue 15, item 1): `kmsw hooks install` writes Git's pre-commit hook, which
 * runs `kmsw check --staged` on the records as staged. Real git in temp folders, with the machine's
 * Git settings kept out (GIT_CONFIG_NOSYSTEM, HOME in a temp folder).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, renameSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
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
      const clone = path.join(tempFolder({}, 'kmsw-clone-'), '克隆');
      ok(git(path.dirname(clone), 'clone', '-q', r, clone));
      ok(git(clone, 'config', 'user.name', 'kmsw test'));
      ok(git(clone, 'config', 'user.email', 'test@example.org'));
      ok(kmsw(['hooks', 'install'], { cwd: clone, env: ENV }));
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

      ok(kmsw(['hooks', 'uninstall'], { cwd: top, env: ENV }));
      expect(existsSync(hook)).toBe(false);
      expect(existsSync(`${hook}.local`)).toBe(true);
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
