/**
 * The folder's cache (.kmsw/cache.json, src/scan/cache.ts): whatever the cache holds, kmsw says
 * exactly what it says without it (`--no-cache`), byte for byte in `--format json`, after every kind
 * of change a folder sees: an edit that keeps the size and mtime, a rename, a deletion, kmsw.yaml, a
 * new day, a corrupt, foreign or forged cache, two runs at once, a linked `.kmsw`, worker threads.
 */
import {
  appendFileSync,
  cpSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, EXAMPLE, forRuns, kmsw, kmswAsync, snapshot, tempFolder, type Run } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

/** Cache on, whatever the suite's environment says (CI also runs the suite with KMSW_NO_CACHE=1). */
const ON = { KMSW_NO_CACHE: '' };
const TODAY = ['--today', '2026-11-30'];
const LOG = '2026/11/log/2026-11-24-李明.yaml';

/** records.example without the cache that other tests' runs may have left in it. */
const withoutCache = (from: string) => path.basename(from) !== '.kmsw';
const cacheFile = (dir: string) => path.join(dir, '.kmsw', 'cache.json');
const detailsFile = (dir: string) => path.join(dir, '.kmsw', 'details.jsonl');
/** The files the cache holds a result for (its index, one valid JSON document: src/scan/cache.ts). */
const entries = (dir: string): string[] => JSON.parse(readFileSync(cacheFile(dir), 'utf8')).files;

/**
 * The same command with the cache and without: the same stdout, stderr and exit code; the cached run. The cached run
 * is a spawned kmsw (only the build has a BUILD_ID: only it reads and writes the folder's cache, the run under test).
 * The `--no-cache` answer it is compared with is main() in-process (tests/support/in-process.ts: the same arguments,
 * the same code, reading and writing no cache, as `--no-cache`), a few ms where a spawn costs ~0.3 s of CPU.
 */
function same(dir: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return compared(dir, args, env, (more, all) => kmswInProcess(more, { env: all }));
}

/**
 * same(), its `--no-cache` answer a spawned kmsw too (the build's own --no-cache): the file's first comparison, and the
 * threads' (an in-process kmsw checks on this thread). The build's --no-cache is main() as bundled: once is enough.
 */
function sameSpawned(dir: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return compared(dir, args, env, (more, all) => Promise.resolve(kmsw(more, { env: all })));
}

async function compared(
  dir: string,
  args: string[],
  env: Record<string, string>,
  noCache: (args: string[], env: Record<string, string>) => Promise<Run>,
): Promise<Run> {
  const cached = kmsw(['--dir', dir, ...args], { env: { ...ON, ...env } });
  const fresh = await noCache(['--dir', dir, ...args, '--no-cache'], { ...ON, ...env });
  expect(cached.stderr).toBe(fresh.stderr);
  expect(cached.stdout).toBe(fresh.stdout);
  expect(cached.code).toBe(fresh.code);
  return cached;
}

/**
 * The command with the cache, against `fresh`: a `--no-cache` run of the same arguments on the folder as
 * it still is (--no-cache reads no cache, so a second fresh run would print the same).
 */
function sameAs(dir: string, args: string[], fresh: Run) {
  const cached = kmsw(['--dir', dir, ...args], { env: ON });
  expect(cached.stderr).toBe(fresh.stderr);
  expect(cached.stdout).toBe(fresh.stdout);
  expect(cached.code).toBe(fresh.code);
  return cached;
}

describe('the cache', () => {
  let dir = '';
  /**
   * From the corrupt-cache test on, no test changes the records (only .kmsw): its --no-cache run of TODAY's
   * `check --format json` is the answer for that command in the tests after it, as a second one would print the
   * same. A test run alone (or before it) makes its own.
   */
  const settled: { fresh?: Run } = {};
  const CHECK = [...TODAY, 'check', '--format', 'json'];
  const sameOnSettled = async () => (settled.fresh ? sameAs(dir, CHECK, settled.fresh) : sameSpawned(dir, CHECK));
  beforeAll(() => {
    dir = tempFolder({}, 'kmsw-cache-');
    // As a clone an hour old: a file changed within seconds of its check is hashed again, whatever its mtime says.
    cpSync(EXAMPLE, dir, { recursive: true, preserveTimestamps: true, filter: withoutCache });
  });

  it(
    'is written on the first run, git-ignored, not rewritten when nothing changed',
    async () => {
      // Its --no-cache answer spawned (the build's own): the file's first comparison.
      const first = await sameSpawned(dir, [...TODAY, 'check', '--format', 'json']);
      expect(first.code).toBe(0);
      expect(readFileSync(path.join(dir, '.kmsw', '.gitignore'), 'utf8')).toBe('*\n');
      // Every record but those whose check looked at other files (photos, signature pictures).
      expect(entries(dir).length).toBeGreaterThan(20);
      const written = statSync(cacheFile(dir));
      sameAs(dir, [...TODAY, 'check', '--format', 'json'], first);
      // Every file was found in the cache: a miss would have been stored and the cache written again.
      expect(statSync(cacheFile(dir)).ino).toBe(written.ino);
    },
    forRuns(4),
  );

  it(
    'sees an edit that keeps size and mtime, a rename and a deletion; kmsw.yaml; a new day; --month',
    async () => {
      const log = path.join(dir, LOG);
      const before = statSync(log);
      const text = readFileSync(log, 'utf8');
      // Same length, same mtime: only the bytes tell.
      writeFileSync(log, text.replace('date: 2026-11-24', 'date: 2026-13-24'));
      utimesSync(log, before.atime, before.mtime);
      expect(statSync(log).size).toBe(before.size);
      renameSync(
        path.join(dir, '2026/11/log/2026-11-25-赵雪.yaml'),
        path.join(dir, '2026/11/log/2026-11-28-赵雪.yaml'),
      );
      rmSync(path.join(dir, '2026/11/log/2026-11-26-赵雪.yaml'));
      const edited = await same(dir, [...TODAY, 'check', '--format', 'json']);
      expect(edited.stdout).toContain('没有13月');
      expect(edited.stdout).toContain('2026-11-28-赵雪.yaml');
      expect(entries(dir)).not.toContain('2026/11/log/2026-11-26-赵雪.yaml');
      expect(entries(dir)).not.toContain('2026/11/log/2026-11-25-赵雪.yaml');
      // kmsw.yaml: a minimum raised, a station gone.
      const config = path.join(dir, 'kmsw.yaml');
      const settings = readFileSync(config, 'utf8').replace('rules: {}', 'rules:\n  min-chars: { log.content: 2000 }');
      writeFileSync(config, settings.replace('红云街道社工站, ', ''));
      const configured = (await same(dir, [...TODAY, 'check', '--format', 'json'])).stdout;
      expect(configured).toContain('min-chars');
      expect(configured).toContain('unknown-place');
      // A new day: signatures due, logs missing, a date that was in the future no longer is.
      for (const today of ['2026-12-20', '2026-11-24'])
        await same(dir, ['--today', today, 'check', '--format', 'json']);
      // Out of the period after in it, and back; the other commands that scan.
      await same(dir, [...TODAY, 'check', '--month', '2026-10', '--format', 'json']);
      await same(dir, [...TODAY, 'check', LOG, '--format', 'json']);
      await same(dir, [...TODAY, 'status', '--format', 'json']);
      await same(dir, [...TODAY, 'tally', '--month', '2026-11', '--format', 'json']);
      await same(dir, [...TODAY, '--lang', 'en', 'check', '--format', 'json']);
    },
    forRuns(22),
  );

  it(
    "ignores and rebuilds a corrupt cache, another version's, and one that is not its own file (copied, committed)",
    async () => {
      const good = readFileSync(cacheFile(dir), 'utf8');
      const args = [...TODAY, 'check', '--format', 'json'];
      // The records stay as they are in this test: one run without the cache is the answer for every run with it.
      const fresh = await kmswInProcess(['--dir', dir, ...args, '--no-cache'], { env: ON });
      settled.fresh = fresh;
      for (const bad of ['{"format":1,"key":', '\u0000\u0001', '[]', good.replace(/"format":\d+/, '"format":0')]) {
        writeFileSync(cacheFile(dir), bad);
        sameAs(dir, args, fresh);
      }
      expect(() => JSON.parse(readFileSync(cacheFile(dir), 'utf8'))).not.toThrow();
      // Forged: every finding of the edited log dropped, then put in place as a new file (as a checkout
      // of a committed cache would): not this folder's cache, ignored.
      const text = readFileSync(cacheFile(dir), 'utf8');
      const row = entries(dir).indexOf(LOG);
      expect(JSON.parse(text).index.f[row].length).toBeGreaterThan(0);
      const forged = text.replace(`"${row}":[`, `"${row}":[],"x":[`);
      expect(forged).not.toBe(text);
      writeFileSync(`${cacheFile(dir)}.new`, forged);
      renameSync(`${cacheFile(dir)}.new`, cacheFile(dir));
      expect(sameAs(dir, args, fresh).stdout).toContain('没有13月');
    },
    forRuns(6),
  );

  it(
    'lets two runs at once both finish, and stays a valid cache',
    async () => {
      rmSync(path.join(dir, '.kmsw'), { recursive: true, force: true });
      const args = ['--dir', dir, ...TODAY, 'check', '--format', 'json'];
      const [a, b] = await Promise.all([kmswAsync(args, { env: ON }), kmswAsync(args, { env: ON })]);
      expect(a.stdout).toBe(b.stdout);
      expect([a.code, b.code]).toEqual([1, 1]);
      expect(readdirSync(path.join(dir, '.kmsw')).sort()).toEqual([
        '.gitignore',
        'cache.json',
        'details.jsonl',
        'folder.json',
      ]);
      expect((await sameOnSettled()).stdout).toBe(a.stdout);
    },
    forRuns(4),
  );

  it(
    'neither reads nor writes through a linked .kmsw, and --no-cache or KMSW_NO_CACHE=1 write nothing',
    async () => {
      const outside = tempFolder({}, 'kmsw-cache-outside-');
      rmSync(path.join(dir, '.kmsw'), { recursive: true, force: true });
      symlinkSync(outside, path.join(dir, '.kmsw'));
      await sameOnSettled();
      expect(readdirSync(outside)).toEqual([]);
      rmSync(path.join(dir, '.kmsw'));
      const before = snapshot(dir);
      // The runs under test: the build's --no-cache and KMSW_NO_CACHE=1 (spawned, as a user's).
      for (const args of [['check'], ['status'], ['tally', '--month', '2026-11']])
        kmsw(['--dir', dir, ...TODAY, ...args, '--no-cache'], { env: ON });
      kmsw(['--dir', dir, ...TODAY, 'check'], { env: { KMSW_NO_CACHE: '1' } });
      expect(snapshot(dir)).toEqual(before);
      expect(existsSync(path.join(dir, '.kmsw'))).toBe(false);
    },
    forRuns(8),
  );
});

describe("the folder rules' results in the cache", () => {
  const args = (...more: string[]) => ['--today', '2026-12-20', 'check', ...more, '--format', 'json'];
  const check = (dir: string, ...more: string[]) => same(dir, args(...more));
  /**
   * The cached run alone, against `fresh`: a run of the same arguments on records byte for byte as they were
   * when `fresh`'s `--no-cache` run was compared (same() asserted it equal to its own `--no-cache` run).
   */
  const again = (dir: string, fresh: Run) => sameAs(dir, args(), fresh).stdout;

  it(
    'are reused only for the same facts, files, kmsw.yaml as written and period; a picture gone or back is seen',
    async () => {
      const dir = tempFolder({}, 'kmsw-cache-folder-');
      cpSync(EXAMPLE, dir, { recursive: true, preserveTimestamps: true, filter: withoutCache });
      const first = (await check(dir)).stdout;
      expect(first).toContain('missing-log');
      // The same facts (a comment): the same answer, the folder rules' results reused.
      appendFileSync(path.join(dir, LOG), '# 补充说明\n');
      const commented = await check(dir);
      expect(commented.stdout).toBe(first);
      // A second log of the day: a file more, and a duplicate; gone again, the first answer (the records
      // are again those `commented` ran on: its --no-cache answer is theirs).
      const copy = path.join(dir, LOG.replace('.yaml', '-2.yaml'));
      cpSync(path.join(dir, LOG), copy);
      expect((await check(dir)).stdout).toContain('duplicate');
      rmSync(copy);
      expect(again(dir, commented)).toBe(first);
      // Rewritten with the stored rows copied as they were: still one JSON document, a row per file.
      expect(entries(dir)).not.toContain(LOG.replace('.yaml', '-2.yaml'));
      expect(entries(dir)).toContain(LOG);
      // A log's date changed: its facts, and what the folder rules say of them.
      const log = path.join(dir, LOG);
      writeFileSync(log, readFileSync(log, 'utf8').replace('date: 2026-11-24', 'date: 2026-11-23'));
      expect((await check(dir)).stdout).toContain('duplicate');
      // kmsw.yaml with a line more above: the same settings, the findings on it a line lower.
      const config = path.join(dir, 'kmsw.yaml');
      writeFileSync(config, `# 本中心的设置\n${readFileSync(config, 'utf8')}`);
      const moved = await check(dir);
      // A photo gone, and back (the records of `moved` again).
      const photo = path.join(dir, 'photos/2026-11/拓东街道社工站-门牌.png');
      renameSync(photo, `${photo}.bak`);
      expect((await check(dir)).stdout).toContain('missing-photo');
      renameSync(`${photo}.bak`, photo);
      expect(again(dir, moved)).toBe(moved.stdout);
      // Another period, then the whole folder again (still the records of `moved`); another day.
      await check(dir, '--month', '2026-11');
      expect(again(dir, moved)).toBe(moved.stdout);
      await same(dir, ['--today', '2026-12-21', 'check', '--format', 'json']);
    },
    forRuns(22),
  );

  it(
    "checks a record again when the cache's copy of its facts does not match their digest",
    async () => {
      const dir = tempFolder({}, 'kmsw-cache-facts-');
      cpSync(EXAMPLE, dir, { recursive: true, preserveTimestamps: true, filter: withoutCache });
      // Fills the cache (that this first run says what --no-cache says: the test above, on the same records).
      kmsw(['--dir', dir, ...args()], { env: ON });
      // Every stored 李明 made 李四 (as many bytes), written in place (the same detail file, the one the index names).
      const text = readFileSync(detailsFile(dir), 'utf8');
      expect(text).toContain('李明');
      writeFileSync(detailsFile(dir), text.replaceAll('李明', '李四'));
      // A log's date changed: the folder rules run again, over every record's facts.
      const log = path.join(dir, LOG);
      writeFileSync(log, readFileSync(log, 'utf8').replace('date: 2026-11-24', 'date: 2026-11-23'));
      expect((await check(dir)).stdout).not.toContain('李四');
    },
    forRuns(3),
  );
});

describe('the detail file and its journal (.kmsw/details.jsonl)', () => {
  const CHECK = [...TODAY, 'check', '--format', 'json'];
  const OTHER = '2026/11/log/2026-11-27-赵雪.yaml';
  const copy = () => {
    const dir = tempFolder({}, 'kmsw-cache-details-');
    cpSync(EXAMPLE, dir, { recursive: true, preserveTimestamps: true, filter: withoutCache });
    return dir;
  };
  /** A comment appended to a record, saved ten seconds before the check (as a person's edit is). */
  const comment = (dir: string, file: string, text: string) => {
    appendFileSync(path.join(dir, file), `# ${text}\n`);
    const saved = new Date(Date.now() - 10_000);
    utimesSync(path.join(dir, file), saved, saved);
  };
  /** The journal's whole results (src/scan/cache-details.ts): each `#<digest><JSON>`, its JSON parsed. */
  const journal = (dir: string) =>
    readFileSync(detailsFile(dir), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l.slice(23)) as { f: string }];
        } catch {
          return [];
        }
      });
  const size = (dir: string) => statSync(detailsFile(dir)).size;

  it(
    'keeps a changed file in the journal, the index as it was; a torn journal, an index past the end: checked again',
    async () => {
      const dir = copy();
      await same(dir, CHECK);
      const index = statSync(cacheFile(dir)).ino;
      comment(dir, LOG, '补充说明');
      const commented = await same(dir, CHECK);
      expect(statSync(cacheFile(dir)).ino).toBe(index);
      expect(journal(dir).map((p) => p.f)).toEqual([LOG]);
      // Read back: nothing checked again, nothing written.
      const written = size(dir);
      sameAs(dir, CHECK, commented);
      expect(size(dir)).toBe(written);
      // Torn in its last result: the file checked again (and its result appended whole again).
      truncateSync(detailsFile(dir), written - 5);
      sameAs(dir, CHECK, commented);
      expect(journal(dir).map((p) => p.f)).toEqual([LOG]);
      expect(size(dir)).toBeGreaterThan(written);
      // Cut after its first line: every row of the index points past the end. A log's date changed: the folder
      // rules read every record's facts, each then checked again.
      truncateSync(detailsFile(dir), 60);
      const log = path.join(dir, LOG);
      writeFileSync(log, readFileSync(log, 'utf8').replace('date: 2026-11-24', 'date: 2026-11-23'));
      const moved = await same(dir, CHECK);
      expect(moved.stdout).toContain('duplicate');
      sameAs(dir, CHECK, moved);
    },
    forRuns(9),
  );

  it(
    'writes the detail file again, its live lines only, when its dead bytes outgrow them',
    async () => {
      const dir = copy();
      const first = await same(dir, CHECK);
      // A result in the journal: copied too.
      comment(dir, OTHER, '补充说明');
      await same(dir, CHECK);
      expect(journal(dir).map((p) => p.f)).toEqual([OTHER]);
      const before = statSync(detailsFile(dir));
      // 300 KB no row names (as many torn appends would leave): more than the journal holds, more than the live.
      appendFileSync(detailsFile(dir), `${'x'.repeat(999)}\n`.repeat(300));
      comment(dir, LOG, '补充说明');
      const commented = await same(dir, CHECK);
      expect(commented.stdout).toBe(first.stdout);
      const after = statSync(detailsFile(dir));
      expect(after.ino).not.toBe(before.ino);
      expect(after.size).toBeLessThan(before.size + 10_000);
      expect(readFileSync(detailsFile(dir), 'utf8')).not.toContain('xxxxx');
      sameAs(dir, CHECK, commented);
      expect(size(dir)).toBe(after.size);
      // Every record's facts read from it (the folder rules again): what they say without the cache.
      const log = path.join(dir, LOG);
      writeFileSync(log, readFileSync(log, 'utf8').replace('date: 2026-11-24', 'date: 2026-11-23'));
      expect((await same(dir, CHECK)).stdout).toContain('duplicate');
    },
    forRuns(9),
  );

  it(
    'neither reads nor writes through a linked detail file',
    async () => {
      const dir = copy();
      await same(dir, CHECK);
      // The link's target holds the very lines the index names: followed, it would be trusted.
      const outside = path.join(tempFolder({}, 'kmsw-cache-outside-'), 'details.jsonl');
      renameSync(detailsFile(dir), outside);
      symlinkSync(outside, detailsFile(dir));
      const before = readFileSync(outside);
      const log = path.join(dir, LOG);
      writeFileSync(log, readFileSync(log, 'utf8').replace('date: 2026-11-24', 'date: 2026-11-23'));
      expect((await same(dir, CHECK)).stdout).toContain('duplicate');
      expect(readFileSync(outside).equals(before)).toBe(true);
      expect(lstatSync(detailsFile(dir)).isFile()).toBe(true);
    },
    forRuns(3),
  );

  it(
    'lets two runs append at once, each result whole',
    async () => {
      const dir = copy();
      await same(dir, CHECK);
      const index = statSync(cacheFile(dir)).ino;
      comment(dir, LOG, '补充说明');
      comment(dir, OTHER, '补充说明');
      const args = ['--dir', dir, ...CHECK];
      const [a, b] = await Promise.all([kmswAsync(args, { env: ON }), kmswAsync(args, { env: ON })]);
      const fresh = await kmswInProcess([...args, '--no-cache'], { env: ON });
      expect([a.stdout, b.stdout]).toEqual([fresh.stdout, fresh.stdout]);
      expect(statSync(cacheFile(dir)).ino).toBe(index);
      // Each run appended the results it checked (both, or none when the other's were there first): every one whole,
      // so the next run checks nothing again.
      const lines = readFileSync(detailsFile(dir), 'utf8').split('\n');
      expect(journal(dir).length).toBe(lines.filter((l) => l.startsWith('#')).length);
      expect([...new Set(journal(dir).map((p) => p.f))].sort()).toEqual([LOG, OTHER].sort());
      const written = size(dir);
      sameAs(dir, CHECK, fresh);
      expect(size(dir)).toBe(written);
    },
    forRuns(6),
  );
});

describe('the cache and worker threads', () => {
  it(
    'is filled by the threads and read back on one thread',
    async () => {
      const dir = tempFolder({}, 'kmsw-cache-threads-');
      cpSync(EXAMPLE, dir, { recursive: true, filter: withoutCache });
      // The threads' path from 10 files (test only): records.example is 29.
      const env = { ...ON, KMSW_TEST_PARALLEL_FROM: '10' };
      const args = ['--today', '2026-12-20', 'check', '--format', 'json'];
      // Spawned on both sides: an in-process kmsw checks on this thread (tests/support/in-process.ts).
      const threads = await sameSpawned(dir, args, env);
      const count = entries(dir).length;
      expect(count).toBeGreaterThan(20);
      // Everything cached: no threads, the same answer.
      expect(kmsw(['--dir', dir, ...args], { env }).stdout).toBe(threads.stdout);
      expect(entries(dir).length).toBe(count);
    },
    forRuns(3),
  );

  it(
    "writes the threads' detail lines out as they come (a spool of a few bytes: tests only), each where the index says",
    async () => {
      const dir = tempFolder({}, 'kmsw-cache-spool-');
      cpSync(EXAMPLE, dir, { recursive: true, filter: withoutCache });
      // Every detail line written to the spool's temp file as it comes, as on a folder of a hundred thousand records.
      const env = { ...ON, KMSW_TEST_PARALLEL_FROM: '10', KMSW_TEST_SPOOL_CHUNK: '1' };
      const args = ['--today', '2026-12-20', 'check', '--format', 'json'];
      const first = await sameSpawned(dir, args, env);
      // The spool became the detail file (renamed into place): no temp file left.
      expectWholeCache(dir);
      // A new record: the index written again, the spool's lines appended to the detail file.
      const before = statSync(detailsFile(dir)).size;
      cpSync(path.join(dir, LOG), path.join(dir, LOG.replace('.yaml', '-2.yaml')));
      const second = await sameSpawned(dir, args, env);
      expect(second.stdout).not.toBe(first.stdout);
      expect(statSync(detailsFile(dir)).size).toBeGreaterThan(before);
      expectWholeCache(dir);
      expect(entries(dir)).toContain(LOG.replace('.yaml', '-2.yaml'));
    },
    forRuns(4),
  );
});

describe('the spool of detail lines', () => {
  const args = ['--today', '2026-12-20', 'check', '--format', 'json'];
  /** A spawned cached check whose files may grow to `kb` KiB at most (`ulimit -f`: EFBIG past it, as on a full disk). */
  const limited = (dir: string, kb: number) => {
    const r = spawnSync(
      'bash',
      ['-c', `ulimit -f ${kb}; exec "$0" "$@"`, process.execPath, BIN, '--dir', dir, ...args],
      {
        env: { ...process.env, NO_COLOR: '1', KMSW_USER: '', KMSW_TODAY: '', ...ON, KMSW_TEST_SPOOL_CHUNK: '300' },
        encoding: 'utf8',
      },
    );
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };

  it(
    'keeps lines in its buffer and its temp file at once; a write that fails leaves the check whole and no cache',
    async () => {
      const dir = tempFolder({}, 'kmsw-cache-spool-buffer-');
      cpSync(EXAMPLE, dir, { recursive: true, filter: withoutCache });
      // A buffer of 300 bytes: lines gather in it, then go to the temp file; read back from both.
      await sameSpawned(dir, args, { KMSW_TEST_SPOOL_CHUNK: '300' });
      expect(linesInPlace(dir)).toBe(entries(dir).length);
      // The temp file cannot grow past 4 KiB: the check says what --no-cache says, writes no cache, leaves no temp file.
      const full = tempFolder({}, 'kmsw-cache-spool-full-');
      cpSync(EXAMPLE, full, { recursive: true, filter: withoutCache });
      const fresh = await kmswInProcess(['--dir', full, ...args, '--no-cache']);
      const run = limited(full, 4);
      expect([run.code, run.stdout, run.stderr]).toEqual([fresh.code, fresh.stdout, fresh.stderr]);
      expect(readdirSync(path.join(full, '.kmsw')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(existsSync(cacheFile(full))).toBe(false);
    },
    forRuns(4),
  );
});

/** The cache's files and nothing else (no temp file left), every index row's detail line where the index says. */
function expectWholeCache(dir: string): void {
  expect(readdirSync(path.join(dir, '.kmsw')).sort()).toEqual([
    '.gitignore',
    'cache.json',
    'details.jsonl',
    'folder.json',
  ]);
  expect(linesInPlace(dir)).toBe(entries(dir).length);
}

/**
 * How many of the index's rows have their detail line where the index says (start, length, check: its column `o`,
 * three 32-bit numbers a row): a whole line of the detail file, `{"h":"<hash>",…}`, the hash beginning with the check.
 */
function linesInPlace(dir: string): number {
  const index = JSON.parse(readFileSync(cacheFile(dir), 'utf8')).index;
  const bytes = Buffer.from(index.o, 'base64');
  const o = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const details = readFileSync(detailsFile(dir));
  let held = 0;
  for (let k = 0; k < o.length; k += 3) {
    const [start, length, check] = [o[k]!, o[k + 1]!, o[k + 2]!];
    const line = details.toString('utf8', start, start + length);
    const whole = details[start - 1] === 10 && details[start + length] === 10;
    if (whole && line.startsWith('{"h":"') && line.endsWith('}') && parseInt(line.slice(6, 14), 16) === check) held++;
  }
  return held;
}
