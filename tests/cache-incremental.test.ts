/**
 * The folder rules' results the cache keeps across runs (src/scan/folder-rules.ts, src/scan/cache.ts): whatever was
 * kept on the days and records before, each run says what `--no-cache` says, byte for byte in `--format json`. Each
 * step below is one cached run after the others (whose results it may reuse) and one `--no-cache` run: a month that
 * ends after a cached run (missing-monthly kept for every day, each finding with its month's end), a record staged
 * with new content on a new day, a changed record that makes and then removes a duplicate or a session conflict with
 * a record that did not change, and a person added to and removed from kmsw.yaml.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, forRuns, put, tempFolder, type Run } from './helpers.js';
import { sameAsNoCache } from './support/no-cache.js';

interface Said {
  diagnostics: Array<{ file: string; rule: string; severity: string }>;
}

/** `check --format json` on `today`, cached and with `--no-cache` (tests/support/no-cache.ts): what it said. */
async function same(dir: string, today: string, ...args: string[]): Promise<Said> {
  return parsed(await sameAsNoCache(dir, today, args));
}

/**
 * same(), its `--no-cache` answer a spawned kmsw too (the build's own --no-cache): the file's first comparison, and
 * its first with --staged. The build's --no-cache is main() as bundled: once of each kind is enough.
 */
async function sameSpawned(dir: string, today: string, ...args: string[]): Promise<Said> {
  return parsed(await sameAsNoCache(dir, today, args, true));
}

// `--staged` with nothing staged says nothing.
const parsed = (run: Run): Said => (run.stdout === '' ? { diagnostics: [] } : (JSON.parse(run.stdout) as Said));

/** `rule file` of each diagnostic of `rule`. */
const of = (said: Said, rule: string) =>
  said.diagnostics.filter((d) => d.rule === rule).map((d) => `${d.rule} ${d.file}`);

function git(cwd: string, ...args: string[]): void {
  const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd });
  expect(run.status, `git ${args.join(' ')}: ${String(run.stderr)}`).toBe(0);
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

/** The keys of the folder rules' results the cache holds (`.kmsw/folder.json`'s slots). */
function folderKeys(dir: string): string[] {
  const text = readFileSync(path.join(dir, '.kmsw', 'folder.json'), 'utf8');
  return (JSON.parse(text) as { folder: Array<{ k: string }> }).folder.map((s) => s.k);
}

/** A log by someone kmsw.yaml does not name as an assistant: missing-monthly says it on the log itself. */
const STRANGER = '2026/11/log/2026-11-25-钱程.yaml';
const LOG_26 = '2026/11/log/2026-11-26-李明.yaml';
const DECEMBER = '2026/12/log/2026-12-01-李明.yaml';
const LOG_27 = '2026/11/log/2026-11-27-李明.yaml';
const GROUP = '2026/11/group/2026-11-20-五华区.yaml';
const GROUP_2 = '2026/11/group/2026-11-20-五华区-2.yaml';

describe('the folder rules kept by the cache, run after run', () => {
  let dir = '';
  beforeAll(() => {
    dir = tempFolder({}, 'kmsw-cache-incremental-');
    cpSync(EXAMPLE, dir, { recursive: true, filter: (from) => path.basename(from) !== '.kmsw' });
    put(dir, STRANGER, read(dir, '2026/11/log/2026-11-25-李明.yaml').replace('author: 李明', 'author: 钱程'));
    // 李明 wrote a log in December (no summary for it); 赵雪 wrote logs in November and no summary.
    unlinkSync(path.join(dir, '2026/11/monthly/2026-11-赵雪.yaml'));
    put(dir, DECEMBER, read(dir, LOG_26).replace('date: 2026-11-26', 'date: 2026-12-01'));
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'records', '--no-verify');
  });

  it(
    'says on the first working day of a month what --no-cache says, after a run in the month before',
    async () => {
      // November has not ended: no summary is missing yet. (Its --no-cache answer spawned, the build's own: the
      // file's first comparison.)
      expect(of(await sameSpawned(dir, '2026-11-27'), 'missing-monthly')).toEqual([]);
      // Tuesday 1 December: November's summaries are due.
      const december = of(await same(dir, '2026-12-01'), 'missing-monthly');
      expect(december).toEqual([`missing-monthly kmsw.yaml`, `missing-monthly ${STRANGER}`]);
      // A day when every record's result is settled, then the first working day of 2027: December's summary is
      // due, from the findings kept on the 30th (the same facts: no new folder key, nothing run again).
      expect(of(await same(dir, '2026-12-30'), 'missing-monthly')).toEqual(december);
      const kept = folderKeys(dir);
      const january = of(await same(dir, '2027-01-04'), 'missing-monthly');
      expect(folderKeys(dir)).toEqual(kept);
      expect(january).toEqual(['missing-monthly kmsw.yaml', ...december]);
      // Back to December, and forward again: each day its own.
      expect(of(await same(dir, '2026-12-31'), 'missing-monthly')).toEqual(december);
      expect(of(await same(dir, '2027-01-05'), 'missing-monthly')).toEqual(january);
      // The stranger's log staged with new content on a new day: its own finding, as --no-cache says it.
      put(dir, STRANGER, `${read(dir, STRANGER)}  - 补充一条\n`);
      git(dir, 'add', STRANGER);
      expect(of(await same(dir, '2026-12-03', '--staged'), 'missing-monthly')).toEqual([`missing-monthly ${STRANGER}`]);
      expect(of(await same(dir, '2026-11-27', '--staged'), 'missing-monthly')).toEqual([]);
      git(dir, 'commit', '-qm', 'more', '--no-verify');
    },
    forRuns(16),
  );

  it(
    'says what --no-cache says as a changed record makes, then removes, a duplicate and a session conflict',
    async () => {
      // A record staged with new content on a new day.
      put(dir, LOG_26, `${read(dir, LOG_26)}  - 明天回访红云街道社工站\n`);
      git(dir, 'add', LOG_26);
      expect(of(await sameSpawned(dir, '2026-12-04', '--staged'), 'duplicate')).toEqual([]);
      // The 27th's log changed to say the 26th: a second log of a day whose first did not change.
      const log27 = read(dir, LOG_27);
      put(dir, LOG_27, log27.replace('date: 2026-11-27', 'date: 2026-11-26'));
      git(dir, 'add', LOG_27);
      expect(of(await same(dir, '2026-12-04', '--staged'), 'duplicate')).toEqual([`duplicate ${LOG_27}`]);
      expect(of(await same(dir, '2026-12-07'), 'duplicate')).toEqual([`duplicate ${LOG_27}`]);
      // And back: no duplicate.
      put(dir, LOG_27, log27);
      git(dir, 'add', LOG_27);
      expect(of(await same(dir, '2026-12-07', '--staged'), 'duplicate')).toEqual([]);
      expect(of(await same(dir, '2026-12-07'), 'duplicate')).toEqual([]);
      // A second record of the group session: agreeing, then with another duration, then agreeing again.
      const group = read(dir, GROUP);
      put(dir, GROUP_2, group);
      git(dir, 'add', GROUP_2);
      expect(of(await same(dir, '2026-12-08', '--staged'), 'session-conflict')).toEqual([]);
      put(dir, GROUP_2, group.replace('duration: 3小时', 'duration: 2小时'));
      git(dir, 'add', GROUP_2);
      expect(of(await same(dir, '2026-12-08', '--staged'), 'session-conflict')).toEqual([
        `session-conflict ${GROUP_2}`,
      ]);
      expect(of(await same(dir, '2026-12-09'), 'session-conflict')).toEqual([`session-conflict ${GROUP_2}`]);
      put(dir, GROUP_2, group);
      git(dir, 'add', GROUP_2);
      expect(of(await same(dir, '2026-12-09', '--staged'), 'session-conflict')).toEqual([]);
      expect(of(await same(dir, '2026-12-09'), 'session-conflict')).toEqual([]);
    },
    forRuns(24),
  );

  it(
    'says what --no-cache says as a person is added to kmsw.yaml and another removed',
    async () => {
      const config = read(dir, 'kmsw.yaml');
      const before = await same(dir, '2026-12-10');
      expect(of(before, 'missing-monthly')).toContain(`missing-monthly ${STRANGER}`);
      // 钱程 an assistant: the stranger's missing summary is now said on their line in kmsw.yaml.
      const added = config.replace(
        '  - { name: 赵雪, since: 2026-11-23 }',
        '  - { name: 赵雪, since: 2026-11-23 }\n  - { name: 钱程, since: 2026-11-23 }',
      );
      put(dir, 'kmsw.yaml', added);
      const withQian = await same(dir, '2026-12-10');
      expect(of(withQian, 'missing-monthly')).toEqual(['missing-monthly kmsw.yaml', 'missing-monthly kmsw.yaml']);
      // 赵雪 removed: their logs' author is no one kmsw.yaml knows.
      put(dir, 'kmsw.yaml', added.replace('  - { name: 赵雪, since: 2026-11-23 }\n', ''));
      const withoutZhao = await same(dir, '2026-12-10');
      expect(of(withoutZhao, 'missing-monthly')).toHaveLength(2);
      expect(of(withoutZhao, 'missing-monthly')).toContain('missing-monthly kmsw.yaml');
      // Staged, and back to the first kmsw.yaml: what was said before.
      git(dir, 'add', 'kmsw.yaml');
      await same(dir, '2026-12-10', '--staged');
      put(dir, 'kmsw.yaml', config);
      expect(await same(dir, '2026-12-10')).toEqual(before);
    },
    forRuns(14),
  );
});
