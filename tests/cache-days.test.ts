/**
 * The cache across days (src/scan/cache.ts, src/rules/today.ts): a file's result is reused on another day only
 * when checking it on that day would say the same, so a new day (or a day moved backwards) gives exactly what
 * `--no-cache` gives, byte for byte in `--format json`, while the files whose answer the day does not change are
 * not read again.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { dayNumber } from '../src/rules/today.js';
import { runNoting } from '../src/scan/folder-rules.js';
import type { FolderContext, FolderRule } from '../src/rules/types.js';
import { EXAMPLE, forRuns, kmsw, put, ROOT, tempFolder } from './helpers.js';
import { ON, sameAsNoCache } from './support/no-cache.js';

/** Cache on, whatever the suite's environment says (CI also runs the suite with KMSW_NO_CACHE=1). */
const withoutCache = (from: string) => path.basename(from) !== '.kmsw';
const cacheFile = (dir: string) => path.join(dir, '.kmsw', 'cache.json');

/** `check` on `today` with the cache and with `--no-cache` (tests/support/no-cache.ts): the cached run's output. */
async function sameOn(dir: string, today: string, ...args: string[]): Promise<string> {
  return (await sameAsNoCache(dir, today, args)).stdout;
}

/**
 * sameOn, its `--no-cache` answer from a spawned kmsw too (the build's own --no-cache): the file's first comparison,
 * and its first with --staged. The build's --no-cache is main() as bundled: once of each kind is enough.
 */
async function sameOnSpawned(dir: string, today: string, ...args: string[]): Promise<string> {
  return (await sameAsNoCache(dir, today, args, true)).stdout;
}

/**
 * When each file the cache holds was last checked: its index's `m` column (five doubles a row, the fifth), then the
 * results its detail file's journal holds (`#<digest>{"f":…,"m":[…]…}` lines, the last for a file winning).
 */
function checkedAt(dir: string): Map<string, number> {
  const { m, files } = JSON.parse(readFileSync(cacheFile(dir), 'utf8')) as { m: string; files: string[] };
  const bytes = Buffer.from(m, 'base64');
  const at = new Map(files.map((f, i) => [f, bytes.readDoubleLE(40 * i + 32)]));
  for (const line of readFileSync(path.join(dir, '.kmsw', 'details.jsonl'), 'utf8').split('\n'))
    if (line.startsWith('#')) {
      const patch = JSON.parse(line.slice(23)) as { f: string; m: number[] };
      at.set(patch.f, patch.m[4]!);
    }
  return at;
}

/** The diagnostics of one file, as `rule severity` each. */
function said(stdout: string, file: string): string[] {
  const { diagnostics } = JSON.parse(stdout) as {
    diagnostics: Array<{ file: string; rule: string; severity: string }>;
  };
  return diagnostics.filter((d) => d.file === file).map((d) => `${d.rule} ${d.severity}`);
}

/**
 * For a describe block: a copy of records.example (its files' times kept, not its cache if it has one) that `change`
 * makes the block's folder before its tests; removed after this file.
 */
function exampleWith(prefix: string, change: (dir: string) => void): { dir: string } {
  const folder = { dir: '' };
  beforeAll(() => {
    folder.dir = tempFolder({}, prefix);
    cpSync(EXAMPLE, folder.dir, { recursive: true, preserveTimestamps: true, filter: withoutCache });
    change(folder.dir);
  });
  return folder;
}

const read = (file: string) => readFileSync(path.join(EXAMPLE, file), 'utf8');

const PENDING = '2026/11/record/2026-11-24-张丽.yaml';
const SIGNED_AHEAD = '2026/11/individual/2026-11-25-周强.yaml';
const AHEAD = '2026/12/log/2026-12-01-李明.yaml';
const NEXT_MONTH = '2026/12/monthly/2026-12-李明.yaml';
const NEXT_YEAR = '2027/01/log/2027-01-01-李明.yaml';
const SETTLED = '2026/11/log/2026-11-24-李明.yaml';

describe('the cache on a new day', () => {
  const day = exampleWith('kmsw-cache-days-', (dir) => {
    // Signatures without their digest (an edited signed record would be signed-then-edited).
    const unsigned = (text: string) => text.replace(/, digest: sha256:[0-9a-f]+/g, '');
    // The worker has not signed yet: due a week after the session (2026-12-01).
    put(dir, PENDING, unsigned(read(PENDING)).replace('{ name: 张丽, date: 2026-11-26 }', '{ name: 张丽 }'));
    // The worker's signature dated ahead of the days first checked.
    put(dir, SIGNED_AHEAD, unsigned(read(SIGNED_AHEAD)).replace('date: 2026-11-26', 'date: 2026-12-02'));
    const log = read('2026/11/log/2026-11-30-李明.yaml');
    put(dir, AHEAD, log.replace('date: 2026-11-30', 'date: 2026-12-01'));
    put(dir, NEXT_YEAR, log.replace('date: 2026-11-30', 'date: 2027-01-01'));
    const monthly = read('2026/11/monthly/2026-11-李明.yaml');
    put(
      dir,
      NEXT_MONTH,
      monthly.replace('date: 2026-11-30', 'date: 2026-12-01').replace('month: 2026-11', 'month: 2026-12'),
    );
  });

  it(
    'says what --no-cache says as signatures fall due, dates come, and logs go missing; reads only those files again',
    async () => {
      const { dir } = day;
      // The --no-cache answer spawned here; in-process below (sameOn).
      const first = await sameOnSpawned(dir, '2026-11-30');
      expect(said(first, PENDING)).toEqual(['signature-missing warning']);
      expect(said(first, SIGNED_AHEAD)).toEqual(['signature-date error']);
      expect(said(first, AHEAD)).toEqual(['future-date error']);
      expect(said(first, NEXT_MONTH)).toEqual(['future-date error', 'future-date error']);
      const before = checkedAt(dir);
      // The first of the month: the log and the summary are no longer ahead; the signature is due today.
      const due = await sameOn(dir, '2026-12-01');
      expect(said(due, AHEAD)).toEqual([]);
      expect(said(due, NEXT_MONTH)).toEqual([]);
      expect(said(due, PENDING)).toEqual(['signature-missing warning']);
      expect(said(due, SIGNED_AHEAD)).toEqual(['signature-date error']);
      const after = checkedAt(dir);
      // A record the day changes nothing for was not read again; those whose answer changed were.
      expect(after.get(SETTLED)).toBe(before.get(SETTLED));
      expect(after.get(AHEAD)).toBeGreaterThan(before.get(AHEAD)!);
      // A day later the missing signature is late (an error), and the signature dated ahead is today's.
      const later = await sameOn(dir, '2026-12-02');
      expect(said(later, PENDING)).toEqual(['signature-missing error']);
      expect(said(later, SIGNED_AHEAD)).toEqual([]);
      // Working days without a log: more of them a week on.
      const missing = (out: string) =>
        (JSON.parse(out) as { diagnostics: Array<{ rule: string }> }).diagnostics.filter(
          (d) => d.rule === 'missing-log',
        ).length;
      expect(missing(await sameOn(dir, '2026-12-10'))).toBeGreaterThan(missing(due));
    },
    forRuns(12),
  );

  it(
    "moves to the year's end and over it, and back to days before the cache's",
    async () => {
      const { dir } = day;
      expect(said(await sameOn(dir, '2026-12-31'), NEXT_YEAR)).toEqual(['future-date error']);
      expect(said(await sameOn(dir, '2027-01-01'), NEXT_YEAR)).toEqual([]);
      // Backwards: every answer of the earlier day again, from the results checked later.
      const back = await sameOn(dir, '2026-11-30');
      expect(said(back, AHEAD)).toEqual(['future-date error']);
      expect(said(back, SIGNED_AHEAD)).toEqual(['signature-date error']);
      await sameOn(dir, '2026-11-24');
      await sameOn(dir, '2026-12-02', '--month', '2026-11');
      await sameOn(dir, '2026-12-01');
    },
    forRuns(12),
  );
});

/** A git command in `cwd` (a records folder made a repository), as someone. */
function git(cwd: string, ...args: string[]): void {
  const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd });
  expect(run.status, `git ${args.join(' ')}: ${String(run.stderr)}`).toBe(0);
}

/** Makes `dir` a repository with every file committed. */
function commitAll(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'records', '--no-verify');
}

/** The folder rules' results the cache keeps, by rule: findings alone (every day), or `{d: [from, to], f}`. */
function keptFolder(dir: string): Record<string, unknown> {
  const file = path.join(path.dirname(cacheFile(dir)), 'folder.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { folder: Array<{ r: Record<string, unknown> }> }).folder[0]!.r;
}

const days = (from: string, to: string) => ({ d: [dayNumber(from), dayNumber(to)] });
const DUPLICATE = '2026/11/log/2026-11-26-李明-2.yaml';
const STRANGER = '2026/11/record/2026-11-24-张莉.yaml';

describe('the folder rules on a new day', () => {
  const day = exampleWith('kmsw-cache-days-folder-', (dir) => {
    // A second log of a day, a supervisee no roster knows, a log not written (11-30), a summary not written.
    put(dir, DUPLICATE, read('2026/11/log/2026-11-26-李明.yaml'));
    const fixture = path.join(ROOT, 'tests', 'fixtures', 'unknown-person', STRANGER);
    put(dir, STRANGER, readFileSync(fixture, 'utf8'));
    unlinkSync(path.join(dir, '2026/11/log/2026-11-30-赵雪.yaml'));
    unlinkSync(path.join(dir, '2026/11/monthly/2026-11-赵雪.yaml'));
    commitAll(dir);
  });

  it(
    'says what --no-cache says as logs go missing and months end; keeps what no day changes for every day',
    async () => {
      const { dir } = day;
      const rules = (out: string) => said(out, 'kmsw.yaml').map((r) => r.split(' ')[0]);
      const friday = await sameOn(dir, '2026-11-27');
      expect(said(friday, DUPLICATE)).toEqual(['duplicate error']);
      expect(said(friday, STRANGER)).toContain('unknown-person warning');
      expect(rules(friday)).not.toContain('missing-log');
      // Kept for every day: findings that no day changes. missing-log holds until the next working day.
      expect(Array.isArray(keptFolder(dir).duplicate)).toBe(true);
      expect(keptFolder(dir)['missing-log']).toMatchObject(days('2026-11-27', '2026-11-29'));
      // missing-monthly for every day, each finding with its month's last day (November's, not yet ended).
      expect(keptFolder(dir)['missing-monthly']).toMatchObject({ u: ['2026-11-30'] });
      // The weekend says what Friday said; Monday's log is missing; then November's summary.
      const sunday = await sameOn(dir, '2026-11-29');
      for (const file of ['kmsw.yaml', DUPLICATE, STRANGER]) expect(said(sunday, file)).toEqual(said(friday, file));
      const monday = await sameOn(dir, '2026-11-30');
      expect(rules(monday)).toEqual(['missing-log']);
      expect(said(monday, DUPLICATE)).toEqual(['duplicate error']);
      const december = await sameOn(dir, '2026-12-01');
      expect(rules(december).filter((r) => r === 'missing-log')).toHaveLength(3);
      expect(rules(december)).toContain('missing-monthly');
      // Back again: Friday's answer, from the results kept later.
      expect(await sameOn(dir, '2026-11-27')).toBe(friday);
    },
    forRuns(12),
  );

  it(
    'with --staged: the staged records as --no-cache says them on each day, as a whole check says them',
    async () => {
      const { dir } = day;
      // Staged: a second duplicate, and the stranger's record with a line more.
      const second = '2026/11/log/2026-11-26-李明-3.yaml';
      put(dir, second, read('2026/11/log/2026-11-26-李明.yaml'));
      put(dir, STRANGER, `${readFileSync(path.join(dir, STRANGER), 'utf8')}# 补充\n`);
      git(dir, 'add', second, STRANGER);
      for (const day of ['2026-11-27', '2026-11-30', '2026-12-01', '2026-11-28']) {
        // The first day's --no-cache answer spawned, the others in-process (sameOn).
        const staged = await (day === '2026-11-27' ? sameOnSpawned : sameOn)(dir, day, '--staged');
        expect(said(staged, second)).toEqual(['duplicate error']);
        expect(said(staged, STRANGER)).toContain('unknown-person warning');
        // Only the staged files, and none of kmsw.yaml's (missing-log is not run for them).
        const { diagnostics } = JSON.parse(staged) as { diagnostics: Array<{ file: string }> };
        expect(new Set(diagnostics.map((d) => d.file))).toEqual(new Set([second, STRANGER]));
        // The work tree is as staged: a whole check says the same of these files.
        const whole = await sameOn(dir, day);
        for (const file of [second, STRANGER]) expect(said(staged, file)).toEqual(said(whole, file));
      }
    },
    forRuns(32),
  );

  it('keeps a folder rule for every day only when it did not read today', () => {
    const ctx = { today: '2026-11-27', scope: {}, calendar: { isWorkday: () => true } } as unknown as FolderContext;
    const n = dayNumber('2026-11-27')!;
    const never: FolderRule = () => [];
    const reads: FolderRule = (_records, c) => (c.today > '2026-11-01' ? [] : []);
    // A rule that spreads its context reads today too.
    const spreads: FolderRule = (_records, c) => (JSON.stringify({ ...c }).length > 0 ? [] : []);
    expect(runNoting(never, [], ctx, []).span).toEqual([-2_147_483_647, 2_147_483_647]);
    expect(runNoting(reads, [], ctx, []).span).toEqual([n, n]);
    expect(runNoting(spreads, [], ctx, []).span).toEqual([n, n]);
  });
});

describe('the cache on any two days (property)', () => {
  let source = '';
  beforeAll(() => {
    source = tempFolder({}, 'kmsw-cache-days-gen-');
    generate({ out: source, assistants: 1, from: '2025-10-01', to: '2025-10-31', seed: 7 });
    // A repository, for the runs that check what is staged.
    commitAll(source);
  });

  it(
    'checked on day A, then on day B (any day, or one near A), says on B what --no-cache says on B; also --staged',
    async () => {
      const dir = tempFolder({}, 'kmsw-cache-days-ab-');
      const dayOf = (n: number) => new Date(Date.UTC(2025, 8, 20 + n)).toISOString().slice(0, 10);
      const day = fc.integer({ min: 0, max: 120 });
      // Day B: any day, or a few days from A (the folder rules' results hold on the days near theirs).
      const other = fc.oneof(fc.record({ any: day }), fc.record({ near: fc.integer({ min: -3, max: 9 }) }));
      const change = fc.record({ unsign: fc.nat(), twice: fc.boolean(), staged: fc.boolean() });
      await fc.assert(
        fc.asyncProperty(day, other, change, async (n, m, { unsign, twice, staged }) => {
          const [a, b] = [dayOf(n), dayOf('any' in m ? m.any : n + m.near)];
          rmSync(dir, { recursive: true, force: true });
          cpSync(source, dir, { recursive: true });
          // A signature left unsigned in some record that has one: pending, then late, depending on the day.
          const records = readdirSync(dir, { recursive: true, encoding: 'utf8' })
            .filter((f) => f.endsWith('.yaml') && f !== 'kmsw.yaml' && !f.startsWith('.git'))
            .sort();
          const signed = records.filter((f) =>
            /date: \d{4}-\d{2}-\d{2} \}/.test(readFileSync(path.join(dir, f), 'utf8')),
          );
          if (signed.length > 0) {
            const file = path.join(dir, signed[unsign % signed.length]!);
            writeFileSync(file, readFileSync(file, 'utf8').replace(/, date: \d{4}-\d{2}-\d{2} \}/, ' }'));
          }
          // A day's log written twice (a duplicate).
          const log = records.filter((f) => f.includes('/log/'))[unsign % 7];
          if (twice && log) put(dir, log.replace(/\.yaml$/, '-2.yaml'), readFileSync(path.join(dir, log), 'utf8'));
          if (staged) git(dir, 'add', '-A');
          const args = staged ? ['--staged'] : [];
          // Day A's check (spawned: only the built kmsw caches) writes the cache that day B's spawned kmsw reads; B's
          // --no-cache in-process (sameOn).
          kmsw(['--dir', dir, '--today', a, 'check', '--format', 'json', ...args], { env: ON });
          await sameOn(dir, b, ...args);
        }),
        { seed: 1731, numRuns: 10 },
      );
    },
    forRuns(10 * 4),
  );
});
