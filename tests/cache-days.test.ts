/**
 * The cache across days (src/scan/cache.ts, src/rules/today.ts): a file's result is reused on another day only
 * when checking it on that day would say the same, so a new day (or a day moved backwards) gives exactly what
 * `--no-cache` gives, byte for byte in `--format json`, while the files whose answer the day does not change are
 * not read again.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { EXAMPLE, forRuns, kmsw, put, tempFolder, type Run } from './helpers.js';

/** Cache on, whatever the suite's environment says (CI also runs the suite with KMSW_NO_CACHE=1). */
const ON = { KMSW_NO_CACHE: '' };
const withoutCache = (from: string) => path.basename(from) !== '.kmsw';
const cacheFile = (dir: string) => path.join(dir, '.kmsw', 'cache.json');

/**
 * The `--no-cache` runs of folders whose records no test changes (`settled`), by folder and arguments: a second
 * `--no-cache` run of the same arguments on the same records reads no cache either, so it would print the same.
 */
const settled = new Set<string>();
const freshRuns = new Map<string, Run>();

/** `check` on `today` with the cache and without: the same output and exit code; the cached run's output. */
function sameOn(dir: string, today: string, ...args: string[]): string {
  const run = (...more: string[]) =>
    kmsw(['--dir', dir, '--today', today, 'check', ...args, '--format', 'json', ...more], { env: ON });
  const cached = run();
  const key = JSON.stringify([dir, today, ...args]);
  const fresh = freshRuns.get(key) ?? run('--no-cache');
  if (settled.has(dir)) freshRuns.set(key, fresh);
  expect(cached.stderr, today).toBe(fresh.stderr);
  expect(cached.stdout, today).toBe(fresh.stdout);
  expect(cached.code, today).toBe(fresh.code);
  return cached.stdout;
}

/** When each file the cache holds was last checked (its index's `m` column: five doubles a row, the fifth). */
function checkedAt(dir: string): Map<string, number> {
  const { m, files } = JSON.parse(readFileSync(cacheFile(dir), 'utf8')) as { m: string; files: string[] };
  const bytes = Buffer.from(m, 'base64');
  return new Map(files.map((f, i) => [f, bytes.readDoubleLE(40 * i + 32)]));
}

/** The diagnostics of one file, as `rule severity` each. */
function said(stdout: string, file: string): string[] {
  const { diagnostics } = JSON.parse(stdout) as {
    diagnostics: Array<{ file: string; rule: string; severity: string }>;
  };
  return diagnostics.filter((d) => d.file === file).map((d) => `${d.rule} ${d.severity}`);
}

const read = (file: string) => readFileSync(path.join(EXAMPLE, file), 'utf8');

const PENDING = '2026/11/record/2026-11-24-张丽.yaml';
const SIGNED_AHEAD = '2026/11/individual/2026-11-25-周强.yaml';
const AHEAD = '2026/12/log/2026-12-01-李明.yaml';
const NEXT_MONTH = '2026/12/monthly/2026-12-李明.yaml';
const NEXT_YEAR = '2027/01/log/2027-01-01-李明.yaml';
const SETTLED = '2026/11/log/2026-11-24-李明.yaml';

describe('the cache on a new day', () => {
  let dir = '';
  beforeAll(() => {
    dir = tempFolder({}, 'kmsw-cache-days-');
    cpSync(EXAMPLE, dir, { recursive: true, preserveTimestamps: true, filter: withoutCache });
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
    // Only the days change below, never the records: a day checked again is compared with its first --no-cache run.
    settled.add(dir);
  });

  it(
    'says what --no-cache says as signatures fall due, dates come, and logs go missing; reads only those files again',
    () => {
      const first = sameOn(dir, '2026-11-30');
      expect(said(first, PENDING)).toEqual(['signature-missing warning']);
      expect(said(first, SIGNED_AHEAD)).toEqual(['signature-date error']);
      expect(said(first, AHEAD)).toEqual(['future-date error']);
      expect(said(first, NEXT_MONTH)).toEqual(['future-date error', 'future-date error']);
      const before = checkedAt(dir);
      // The first of the month: the log and the summary are no longer ahead; the signature is due today.
      const due = sameOn(dir, '2026-12-01');
      expect(said(due, AHEAD)).toEqual([]);
      expect(said(due, NEXT_MONTH)).toEqual([]);
      expect(said(due, PENDING)).toEqual(['signature-missing warning']);
      expect(said(due, SIGNED_AHEAD)).toEqual(['signature-date error']);
      const after = checkedAt(dir);
      // A record the day changes nothing for was not read again; those whose answer changed were.
      expect(after.get(SETTLED)).toBe(before.get(SETTLED));
      expect(after.get(AHEAD)).toBeGreaterThan(before.get(AHEAD)!);
      // A day later the missing signature is late (an error), and the signature dated ahead is today's.
      const later = sameOn(dir, '2026-12-02');
      expect(said(later, PENDING)).toEqual(['signature-missing error']);
      expect(said(later, SIGNED_AHEAD)).toEqual([]);
      // Working days without a log: more of them a week on.
      const missing = (out: string) =>
        (JSON.parse(out) as { diagnostics: Array<{ rule: string }> }).diagnostics.filter(
          (d) => d.rule === 'missing-log',
        ).length;
      expect(missing(sameOn(dir, '2026-12-10'))).toBeGreaterThan(missing(due));
    },
    forRuns(12),
  );

  it(
    "moves to the year's end and over it, and back to days before the cache's",
    () => {
      expect(said(sameOn(dir, '2026-12-31'), NEXT_YEAR)).toEqual(['future-date error']);
      expect(said(sameOn(dir, '2027-01-01'), NEXT_YEAR)).toEqual([]);
      // Backwards: every answer of the earlier day again, from the results checked later.
      const back = sameOn(dir, '2026-11-30');
      expect(said(back, AHEAD)).toEqual(['future-date error']);
      expect(said(back, SIGNED_AHEAD)).toEqual(['signature-date error']);
      sameOn(dir, '2026-11-24');
      sameOn(dir, '2026-12-02', '--month', '2026-11');
      sameOn(dir, '2026-12-01');
    },
    forRuns(12),
  );
});

describe('the cache on any two days (property)', () => {
  let source = '';
  beforeAll(() => {
    source = tempFolder({}, 'kmsw-cache-days-gen-');
    generate({ out: source, assistants: 1, from: '2025-10-01', to: '2025-10-31', seed: 7 });
  });

  it(
    'checked on day A, then on day B, says on B what --no-cache says on B',
    () => {
      const dir = tempFolder({}, 'kmsw-cache-days-ab-');
      const day = fc.integer({ min: 0, max: 120 }).map((n) => {
        const t = new Date(Date.UTC(2025, 8, 20 + n));
        return t.toISOString().slice(0, 10);
      });
      fc.assert(
        fc.property(day, day, fc.nat(), (a, b, unsign) => {
          rmSync(dir, { recursive: true, force: true });
          cpSync(source, dir, { recursive: true });
          // A signature left unsigned in some record that has one: pending, then late, depending on the day.
          const signed = readdirSync(dir, { recursive: true, encoding: 'utf8' })
            .filter((f) => f.endsWith('.yaml') && f !== 'kmsw.yaml')
            .sort()
            .filter((f) => /date: \d{4}-\d{2}-\d{2} \}/.test(readFileSync(path.join(dir, f), 'utf8')));
          if (signed.length > 0) {
            const file = path.join(dir, signed[unsign % signed.length]!);
            writeFileSync(file, readFileSync(file, 'utf8').replace(/, date: \d{4}-\d{2}-\d{2} \}/, ' }'));
          }
          kmsw(['--dir', dir, '--today', a, 'check', '--format', 'json'], { env: ON });
          sameOn(dir, b);
        }),
        { seed: 1731, numRuns: 8 },
      );
    },
    forRuns(8 * 4),
  );
});
