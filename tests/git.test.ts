/**
 * Git is the team's sync engine (issue 6): two assistants each write their records in their own
 * clone, on the same day, including a record of the same group session; the clones merge with no
 * conflict and `kmsw check` on the merge sees every record. Exports never enter Git.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, forRuns, kmsw, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const PERSON = {
  GIT_AUTHOR_NAME: 'kmsw test',
  GIT_AUTHOR_EMAIL: 'test@example.org',
  GIT_COMMITTER_NAME: 'kmsw test',
  GIT_COMMITTER_EMAIL: 'test@example.org',
};

function git(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...PERSON } });
  expect(run.status, `git ${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout + run.stderr;
}

/**
 * What one assistant writes on 2026-11-28: a log, a supervision record, and the group session both attended.
 * 李明's through the spawned kmsw, 赵雪's through main() in-process (tests/support/in-process.ts: the same
 * command lines and code, a few ms where a spawn costs ~0.3 s of CPU).
 */
async function writeDay(clone: string, me: string, spawned: boolean): Promise<string[]> {
  const env = { KMSW_TODAY: '2026-11-28', KMSW_USER: me };
  const made: string[] = [];
  for (const args of [
    ['new', 'log', '--yes'],
    ['new', 'record', '--yes', '--set', 'supervisee=张丽', '--set', 'supervisor=王芳'],
    ['new', 'group', '--yes', '--set', 'county=五华区', '--set', 'experts=王芳'],
    ['new', 'needs', '--yes', '--set', 'county=五华区', '--set', 'station=红云街道社工站'],
  ]) {
    const run = spawned ? kmsw(args, { cwd: clone, env }) : await kmswInProcess(args, { cwd: clone, env });
    expect(run.code, run.stderr).toBe(0);
    made.push(/2026\/11\/\S+\.yaml/.exec(run.stdout)![0]);
  }
  git(clone, 'add', '-A');
  git(clone, 'commit', '-qm', `${me} 2026-11-28`);
  return made;
}

describe('two clones, one day, merged', () => {
  it(
    'no conflict, and check on the merged folder sees every record of both',
    async () => {
      const base = tempFolder({}, 'kmsw-git-');
      const origin = path.join(base, 'origin.git');
      git(base, 'init', '-q', '--bare', origin);
      const seed = path.join(base, 'seed');
      expect(kmsw(['init', seed]).code).toBe(0);
      writeFileSync(path.join(seed, 'kmsw.yaml'), CONFIG);
      git(seed, 'add', '-A');
      git(seed, 'commit', '-qm', 'records folder');
      git(seed, 'push', '-q', origin, 'HEAD:main');

      const [a, b] = ['李明', '赵雪'].map((who) => {
        const clone = path.join(base, who);
        git(base, 'clone', '-q', '-b', 'main', origin, clone);
        return clone;
      }) as [string, string];
      const byA = await writeDay(a, '李明', true);
      const byB = await writeDay(b, '赵雪', false);
      // The same session, recorded by each: two paths, not one.
      expect(byA[2]).toBe('2026/11/group/2026-11-28-五华区-李明.yaml');
      expect(byB[2]).toBe('2026/11/group/2026-11-28-五华区-赵雪.yaml');

      git(a, 'push', '-q', 'origin', 'main');
      const merge = git(b, 'pull', '--no-rebase', '--no-edit', 'origin', 'main');
      expect(merge).not.toMatch(/CONFLICT/);
      git(b, 'push', '-q', 'origin', 'main');
      git(a, 'pull', '-q', '--no-rebase', 'origin', 'main');

      // In a, list and check spawned; in b, through main() in-process.
      for (const clone of [a, b]) {
        const run = clone === a ? (...args: Parameters<typeof kmsw>) => Promise.resolve(kmsw(...args)) : kmswInProcess;
        expect(git(clone, 'status', '--porcelain')).toBe('');
        const listed = JSON.parse((await run(['list', '--format', 'json'], { cwd: clone })).stdout) as Array<{
          file: string;
        }>;
        expect(listed.map((r) => r.file).sort()).toEqual([...byA, ...byB].sort());
        const checked = await run(['check', '--format', 'json'], { cwd: clone, env: { KMSW_TODAY: '2026-11-28' } });
        expect(JSON.parse(checked.stdout).summary.files).toBe(byA.length + byB.length);
        // Each record file is byte for byte what its author wrote.
        for (const file of byA)
          expect(readFileSync(path.join(clone, file), 'utf8')).toBe(readFileSync(path.join(a, file), 'utf8'));
      }
      // 7 runs of kmsw (and 6 in-process) and 14 of git.
    },
    forRuns(27),
  );

  it(
    'exports (salaries, ages) stay out of Git',
    () => {
      const dir = tempFolder({}, 'kmsw-git-');
      expect(kmsw(['init', dir]).code).toBe(0);
      writeFileSync(path.join(dir, 'kmsw.yaml'), CONFIG);
      expect(
        kmsw(['new', 'roster', '--yes', '--as', '李明', '--set', 'county=五华区'], {
          cwd: dir,
          env: { KMSW_TODAY: '2026-11-28' },
        }).code,
      ).toBe(0);
      expect(kmsw(['export', '--month', '2026-11'], { cwd: dir, env: { KMSW_TODAY: '2026-11-28' } }).code).toBe(0);
      const status = git(dir, 'status', '--porcelain', '--untracked-files=all');
      expect(status).toContain('2026/11/roster/');
      expect(status).not.toContain('exports/');
      expect(
        git(dir, 'check-ignore', 'exports/2026-11/乡镇（街道）社工站点人员情况统计总表-2026年11月.xlsx'),
      ).toContain('exports/');
    },
    forRuns(5),
  );
});
