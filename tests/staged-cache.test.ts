/**
 * `check --staged` with the folder's cache (src/scan/cache.ts, src/records/staged.ts): a staged record's result is
 * taken from the cache only for the very bytes staged (the cache's row for its path holds the work tree's, which may
 * differ), and a result checked from staged bytes is kept for the work-tree file only when it holds the same bytes.
 * Each step says what `--no-cache` says (tests/support/no-cache.ts).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, forRuns, kmsw, put, tempFolder } from './helpers.js';
import { sameAsNoCache } from './support/no-cache.js';

const LOG = '2026/11/log/2026-11-26-李明.yaml';
const DAY = '2026-11-30';

function git(cwd: string, ...args: string[]): void {
  const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd });
  expect(run.status, `git ${args.join(' ')}: ${String(run.stderr)}`).toBe(0);
}

/** A copy of records.example (no cache) in a new Git repository, all of it staged, and committed when `commit`. */
function repository(prefix: string, commit: boolean): string {
  const dir = tempFolder({}, prefix);
  cpSync(EXAMPLE, dir, { recursive: true, filter: (from) => path.basename(from) !== '.kmsw' });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  if (commit) git(dir, 'commit', '-qm', 'records', '--no-verify');
  return dir;
}

/** The rules of the diagnostics of a cached `check` that said what --no-cache says. */
async function rules(dir: string, ...args: string[]): Promise<string[]> {
  const run = await sameAsNoCache(dir, DAY, args);
  if (run.stdout === '') return [];
  return (JSON.parse(run.stdout) as { diagnostics: Array<{ rule: string; file: string }> }).diagnostics
    .filter((d) => d.file === LOG)
    .map((d) => d.rule);
}

describe('check --staged with the cache', () => {
  let dir = '';
  let clean = '';
  let broken = '';
  beforeAll(() => {
    dir = repository('kmsw-staged-cache-', true);
    clean = `${readFileSync(path.join(dir, LOG), 'utf8')}  - 补充一条\n`;
    broken = clean.replace(/^date: .*$/m, 'date: 2026-11-31');
    expect(broken).not.toBe(clean);
  });

  it(
    'never takes the work tree file’s cached result for other bytes staged under its name',
    async () => {
      // Broken as staged, clean in the work tree, whose result the cache holds: the staged error is said.
      put(dir, LOG, broken);
      git(dir, 'add', LOG);
      put(dir, LOG, clean);
      expect(await rules(dir)).toEqual([]);
      const staged = await rules(dir, '--staged');
      expect(staged.length).toBeGreaterThan(0);
      expect(await rules(dir, '--staged')).toEqual(staged);
      // Clean as staged, broken in the work tree (cached so): nothing said of the staged bytes.
      git(dir, 'add', LOG);
      put(dir, LOG, broken);
      expect(await rules(dir)).toEqual(staged);
      expect(await rules(dir, '--staged')).toEqual([]);
      // The same bytes staged and in the work tree: the cache's result for them, the same answer twice.
      git(dir, 'add', LOG);
      expect(await rules(dir, '--staged')).toEqual(staged);
      expect(await rules(dir, '--staged')).toEqual(staged);
    },
    forRuns(16),
  );

  it(
    'keeps a staged result for the work tree only while the work tree holds the bytes checked',
    async () => {
      // New bytes, staged as they are in the work tree: checked first by --staged (and kept for the work tree's file).
      put(dir, LOG, `${clean}  - 再补充一条\n`);
      git(dir, 'add', LOG);
      const index = readFileSync(path.join(dir, '.kmsw/cache.json'));
      expect(await rules(dir, '--staged')).toEqual([]);
      // Its result appended to the journal, the folder rules' results to their own file: the index is not written.
      expect(readFileSync(path.join(dir, '.kmsw/cache.json')).equals(index)).toBe(true);
      expect(await rules(dir)).toEqual([]);
      // The work tree changed since (the same size): its new bytes are checked, not the result kept.
      put(dir, LOG, `${broken}  - 再补充一条\n`);
      expect(await rules(dir)).not.toEqual([]);
      expect(await rules(dir, '--staged')).toEqual([]);
    },
    forRuns(10),
  );
});

describe('check --staged on a list of staged files past its cap', () => {
  it('stops with a message that says what to do, not with whatever memory allows', () => {
    const dir = repository('kmsw-staged-cap-', false);
    // The cap lowered to 10 bytes (tests only): the list of 29 staged records is past it.
    const over = kmsw(['--dir', dir, '--today', DAY, 'check', '--staged'], { env: { KMSW_TEST_DIFF_CAP: '10' } });
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('暂存区的文件清单超过 256 MB');
    expect(over.stderr).toContain('--no-verify');
    // Under the cap, the same staged records are checked.
    const under = kmsw(['--dir', dir, '--today', DAY, 'check', '--staged'], { env: { KMSW_TEST_DIFF_CAP: '100000' } });
    expect(under.code).toBe(0);
  });
});

describe('check --staged with kmsw.yaml edited but not staged', () => {
  it("reads the index's kmsw.yaml too when the records folder is below the repository's top", () => {
    const top = tempFolder({}, 'kmsw-staged-below-');
    const dir = path.join(top, 'records');
    cpSync(EXAMPLE, dir, { recursive: true, filter: (from) => path.basename(from) !== '.kmsw' });
    git(top, 'init', '-q');
    git(top, 'add', '-A');
    git(top, 'commit', '-qm', 'records', '--no-verify');
    const config = path.join(dir, 'kmsw.yaml');
    const named = readFileSync(config, 'utf8').replace(
      '  - { name: 赵雪, since: 2026-11-23 }',
      '$&\n  - { name: 孙悦, since: 2026-11-23 }',
    );
    writeFileSync(config, named);
    const log = '2026/11/log/2026-11-26-孙悦.yaml';
    put(dir, log, readFileSync(path.join(dir, LOG), 'utf8').replaceAll('李明', '孙悦'));
    git(dir, 'add', log);
    const run = kmsw(['--dir', dir, '--today', DAY, 'check', '--staged']);
    // The commit's kmsw.yaml does not name 孙悦: said, and said which kmsw.yaml judged it.
    expect(run.stdout).toContain('unknown-person');
    expect(run.stdout).toContain('kmsw.yaml 有还没暂存的修改：这次按暂存区里的 kmsw.yaml 检查');
  });

  it("checks the staged records by the index's kmsw.yaml, the one the commit holds", () => {
    const dir = repository('kmsw-staged-config-', true);
    const config = path.join(dir, 'kmsw.yaml');
    const committed = readFileSync(config, 'utf8');
    const staged = ['--dir', dir, '--today', DAY, 'check', '--staged', '--format', 'json'];
    // A new assistant in the work tree's kmsw.yaml only, and a log of theirs staged: the commit would hold a log by
    // someone its kmsw.yaml does not name.
    put(
      dir,
      'kmsw.yaml',
      committed.replace('  - { name: 赵雪, since: 2026-11-23 }', '$&\n  - { name: 孙悦, since: 2026-11-23 }'),
    );
    const log = '2026/11/log/2026-11-26-孙悦.yaml';
    put(dir, log, readFileSync(path.join(dir, LOG), 'utf8').replaceAll('李明', '孙悦'));
    git(dir, 'add', log);
    const unknown = kmsw(staged);
    const about = (run: { stdout: string }) =>
      (JSON.parse(run.stdout) as { diagnostics: Array<{ file: string; rule: string }> }).diagnostics
        .filter((d) => d.file === log)
        .map((d) => d.rule);
    expect(about(unknown)).toContain('unknown-person');
    // kmsw.yaml staged too: the commit names them, and the log passes.
    git(dir, 'add', 'kmsw.yaml');
    const named = kmsw(staged);
    expect(about(named)).toEqual([]);
    // The work tree's kmsw.yaml broken after that, not staged: the commit's is whole, and so is the check.
    writeFileSync(config, `${readFileSync(config, 'utf8')}\nassistants: [\n`);
    const whole = kmsw(staged);
    expect(whole.code).toBe(named.code);
    expect(whole.stdout).toBe(named.stdout);
    // The run says which kmsw.yaml it went by, only when it is not the work tree's.
    const told = 'kmsw.yaml 有还没暂存的修改：这次按暂存区里的 kmsw.yaml 检查';
    expect(kmsw(staged.slice(0, -2)).stdout).toContain(told);
    git(dir, 'add', 'kmsw.yaml');
    git(dir, 'add', log);
    expect(kmsw(staged.slice(0, -2)).stdout).not.toContain(told);
  });
});

describe('check --staged beside records with findings of their own', () => {
  it('takes their results from the cache as a full check left them, checking none again', async () => {
    const dir = repository('kmsw-staged-faults-', true);
    // A log staged with new content, and another too short (min-chars) in the work tree: its check asks the period
    // twice (the fast path, then the full path for its finding).
    put(dir, LOG, `${readFileSync(path.join(dir, LOG), 'utf8')}  - 补充一条\n`);
    git(dir, 'add', LOG);
    const short = '2026/11/log/2026-11-23-赵雪.yaml';
    put(
      dir,
      short,
      readFileSync(path.join(dir, short), 'utf8').replace(/^content: [|]\n(?: {2}.*\n)+/m, 'content: 太短\n'),
    );
    // Every file changed well before the check (one changed within 2 s of it is hashed again next time: MTIME_SLACK).
    const then = new Date(Date.now() - 60_000);
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }))
      if (!file.startsWith('.git')) utimesSync(path.join(dir, file), then, then);
    expect((await sameAsNoCache(dir, DAY, [], true)).stdout).toContain('"min-chars"');
    // Out of the staged check's scope, the short log's stored result holds: nothing is checked, nothing appended.
    const details = () => readFileSync(path.join(dir, '.kmsw/details.jsonl')).length;
    const before = details();
    await sameAsNoCache(dir, DAY, ['--staged']);
    expect(details()).toBe(before);
  });
});
