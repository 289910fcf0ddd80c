#!/usr/bin/env node
/**
 * Peak RSS of `kmsw check` (issue 17: ≤ 300 MB at 100k files) in each state of the folder's cache, one run each, in
 * this order, on a copy of a generated folder (or, with `--dir`, on a folder of your own, its .kmsw/ removed first):
 *
 * - first run: no .kmsw/ yet, every file checked and the cache written;
 * - nothing changed: the same run again;
 * - one file changed: a comment appended to one log (saved ten seconds before, as bench/cache.mjs does);
 * - a new day: `--today` one day later;
 * - `--no-cache`;
 * - `--format json` (cached).
 *
 * The peak is the process's, worker threads included (bench/rss.cjs, preloaded: process.resourceUsage().maxRSS).
 *
 *   node bench/memory.mjs --sizes city          # what `npm run bench` runs after the city size
 *   node bench/memory.mjs --dir /tmp/my-city --today 2026-01-01
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SIZES, generate, todayAfter } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const KMSW = path.join(path.dirname(here), 'bin', 'kmsw.cjs');
const RSS_HOOK = path.join(here, 'rss.cjs');
/** Issue 17's target for every run at 100k files. */
export const RSS_TARGET_MB = 300;

/** One run of kmsw: its peak RSS in MB and its wall time in ms. */
function peak(argv) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kmsw-rss-')), 'rss');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', RSS_HOOK, KMSW, ...argv], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KMSW_NO_CACHE: '', KMSW_BENCH_RSS: file },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`kmsw ${argv.join(' ')} exited ${r.status}\n${r.stderr}`);
  const kb = Math.max(...readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number));
  rmSync(path.dirname(file), { recursive: true, force: true });
  return { mb: kb / 1024, ms };
}

/** The day after `day` (YYYY-MM-DD). */
const nextDay = (day) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Each state's peak RSS on `dir` (its .kmsw/ removed first), checked on `today`. */
export function memoryRuns(dir, today) {
  rmSync(path.join(dir, '.kmsw'), { recursive: true, force: true });
  const logs = path.join(dir, '2025', '06', 'log');
  const changed = path.join(
    logs,
    readdirSync(logs).find((f) => f.endsWith('.yaml')),
  );
  const check = (...a) => ['--dir', dir, '--today', today, 'check', ...a];
  const cases = {
    'first run (writes the cache)': () => peak(check()),
    'nothing changed': () => peak(check()),
    'one file changed': () => {
      appendFileSync(changed, '# 补充说明\n');
      const saved = new Date(Date.now() - 10_000);
      utimesSync(changed, saved, saved);
      return peak(check());
    },
    'a new day': () => peak(['--dir', dir, '--today', nextDay(today), 'check']),
    '--no-cache': () => peak(check('--no-cache')),
    '--format json (cached)': () => peak(check('--format', 'json')),
  };
  return Object.entries(cases).map(([name, run]) => ({ name, ...run() }));
}

/** The size's folder copied (the generator's, made when missing), its peak RSS in each state, the copy removed. */
export function memoryBench(size) {
  const source = path.join(os.tmpdir(), `kmsw-bench-${size}`);
  if (!existsSync(path.join(source, 'kmsw.yaml'))) generate({ out: source, ...SIZES[size] });
  const dir = path.join(os.tmpdir(), `kmsw-bench-memory-${size}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true, filter: (f) => path.basename(f) !== '.kmsw' });
  try {
    return { size, files: files(dir), rows: memoryRuns(dir, todayAfter(SIZES[size].to)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The record files under `dir` (its .yaml files but kmsw.yaml, outside dot folders). */
function files(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile() && e.name.endsWith('.yaml') && e.name !== 'kmsw.yaml' && !/[/\\]\./.test(e.parentPath ?? e.path))
      n++;
  return n;
}

/** The runs as a table, each judged against the target. */
export function memoryTable({ size, files: count, rows }) {
  return [
    `### Peak RSS of \`kmsw check\` on ${size} (${count.toLocaleString('en')} records), by the state of its cache`,
    '',
    `| run | peak RSS | ≤ ${RSS_TARGET_MB} MB | time |`,
    '|---|---:|:---:|---:|',
    ...rows.map(
      (r) => `| ${r.name} | ${r.mb.toFixed(0)} MB | ${r.mb <= RSS_TARGET_MB ? '✓' : '✗'} | ${r.ms.toFixed(0)} ms |`,
    ),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: 'city' }, dir: { type: 'string' }, today: { type: 'string' } },
  });
  if (values.dir) {
    const today = values.today ?? new Date().toISOString().slice(0, 10);
    const result = { size: path.basename(values.dir), files: files(values.dir), rows: memoryRuns(values.dir, today) };
    process.stdout.write(`${memoryTable(result)}\n`);
  } else for (const size of values.sizes.split(',')) process.stdout.write(`${memoryTable(memoryBench(size))}\n\n`);
}
