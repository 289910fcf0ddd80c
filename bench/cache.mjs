#!/usr/bin/env node
/**
 * The folder cache (.kmsw/, issue 17) and the pre-commit check it serves (issue 15), measured on a
 * copy of a generated folder, alternating runs, medians:
 *
 * - js-yaml floor: list, read and `js-yaml` load every record, in one process (skipped, and said,
 *   when js-yaml cannot be found: bench/node_modules or `--js-yaml <path to its index.js>`);
 * - `kmsw check --no-cache`: a first run, nothing cached;
 * - `kmsw check`, cached: the same run again with nothing changed;
 * - `kmsw check`, one file changed: a comment appended to one log before each run;
 * - `kmsw check --staged`, one record staged in a Git copy (the hook), cached;
 * - `kmsw check --staged`, a record staged with new content on the next working day, and on the first working day
 *   of a month, each against the cache of the day before (daysBench: a Git copy of the folder as it stood that
 *   day, every record dated later removed, as an assistant's folder is);
 * - `node -e 0`.
 *
 *   node bench/cache.mjs --sizes office,decade --runs 5
 *
 * bench/run.mjs runs this after its own sizes (office and decade), so `npm run bench` shows both.
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SIZES, generate, todayAfter } from './generate.mjs';

const { officialCalendar, addDays } = createRequire(import.meta.url)('../bin/kmsw.cjs').loadKmsw().internals;

const here = path.dirname(fileURLToPath(import.meta.url));
const KMSW = path.join(path.dirname(here), 'bin', 'kmsw.cjs');

/** js-yaml's entry, wherever it is installed; undefined when nowhere. */
function jsYaml(given) {
  if (given) return given;
  for (const from of [here, path.dirname(here)]) {
    try {
      return createRequire(path.join(from, 'x.js')).resolve('js-yaml');
    } catch {
      // Not installed there.
    }
  }
  return undefined;
}

const FLOOR = `
const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');
const yaml = require(process.argv[1]);
let files = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) { if (!e.name.startsWith('.')) walk(full); }
    else if (e.name.endsWith('.yaml') && e.name !== 'kmsw.yaml') { yaml.load(readFileSync(full, 'utf8')); files++; }
  }
};
walk(process.argv[2]);
process.stdout.write(files + '\\n');`;

function run(argv, env = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KMSW_NO_CACHE: '', ...env },
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}\n${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const git = (cwd, ...a) => {
  const r = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.org', ...a], { cwd });
  if (r.status !== 0) throw new Error(`git ${a[0]}: ${r.stderr}`);
};

/** A fresh copy of the size's folder, and a Git copy with one log changed and staged. */
function folders(size) {
  const source = path.join(os.tmpdir(), `kmsw-bench-${size}`);
  if (!existsSync(path.join(source, 'kmsw.yaml'))) generate({ out: source, ...SIZES[size] });
  const dir = path.join(os.tmpdir(), `kmsw-bench-cache-${size}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true, filter: (f) => path.basename(f) !== '.kmsw' });
  const repo = `${dir}-git`;
  rmSync(repo, { recursive: true, force: true });
  cpSync(dir, repo, { recursive: true });
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'bench', '--no-verify');
  const logs = path.join('2025', '06', 'log');
  const staged = path.join(
    logs,
    readdirSync(path.join(repo, logs)).find((f) => f.endsWith('.yaml')),
  );
  appendFileSync(path.join(repo, staged), '# 补充说明\n');
  git(repo, 'add', staged);
  const changed = path.join(
    dir,
    logs,
    readdirSync(path.join(dir, logs)).find((f) => f.endsWith('.yaml')),
  );
  return { dir, repo, changed };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The rows of one size, each the median of `runs` alternating runs. */
export function cacheBench(size, { runs = 5, jsYamlPath } = {}) {
  const { dir, repo, changed } = folders(size);
  const today = todayAfter(SIZES[size].to);
  const check = (d, ...a) => [KMSW, '--dir', d, '--today', today, 'check', ...a];
  const floor = jsYaml(jsYamlPath);
  let edits = 0;
  const rows = {
    ...(floor ? { 'js-yaml floor': () => run(['-e', FLOOR, floor, dir]) } : {}),
    'kmsw check --no-cache': () => run(check(dir, '--no-cache')),
    'kmsw check (cached, nothing changed)': () => run(check(dir)),
    'kmsw check (cached, one file changed)': () => {
      appendFileSync(changed, `# ${++edits}\n`);
      // Saved ten seconds before the check, as a person's edit is: one made within 2 s of a check (MTIME_SLACK in
      // src/scan/cache.ts) is hashed again on the next run, which then rewrites the cache, and the next row,
      // "nothing changed", would measure that instead (tests/cache.test.ts covers the slack itself).
      const saved = new Date(Date.now() - 10_000);
      utimesSync(changed, saved, saved);
      return run(check(dir));
    },
    'kmsw check --staged (1 record, cached)': () => run(check(repo, '--staged')),
    'kmsw check --staged --no-cache': () => run(check(repo, '--staged', '--no-cache')),
    'node -e 0': () => run(['-e', '0']),
  };
  // The caches filled once, as by the day's first run.
  run(check(dir));
  run(check(repo, '--staged'));
  const times = Object.fromEntries(Object.keys(rows).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [name, f] of Object.entries(rows)) times[name].push(f());
  const out = Object.entries(times).map(([name, t]) => ({
    name,
    ms: median(t),
    min: Math.min(...t),
    max: Math.max(...t),
  }));
  rmSync(dir, { recursive: true, force: true });
  rmSync(repo, { recursive: true, force: true });
  return { size, rows: out, floor: Boolean(floor) };
}

/**
 * The days around the turn of `to`'s month: the working day before the last working day of the month before, that
 * last working day, and the first working day of `to`'s month (2025-11-27, 2025-11-28 and 2025-12-01 for office).
 */
function monthTurn(to) {
  const calendar = officialCalendar();
  const working = (day, step) => {
    while (!calendar.isWorkday(day)) day = addDays(day, step);
    return day;
  };
  const first = working(`${to.slice(0, 7)}-01`, 1);
  const last = working(addDays(`${to.slice(0, 7)}-01`, -1), -1);
  return { before: working(addDays(last, -1), -1), last, first };
}

/** Removes every record dated after `day` (by its month folder or its name's date); the rest saved a minute ago. */
function trimAfter(dir, day) {
  const saved = new Date(Date.now() - 60_000);
  const walk = (at, depth) => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, e.name);
      const month = path.relative(dir, full).split(path.sep).slice(0, 2).join('-');
      if (depth === 1 && e.isDirectory() && month > day.slice(0, 7)) rmSync(full, { recursive: true });
      else if (e.isDirectory()) walk(full, depth + 1);
      else if (/^\d{4}-\d{2}-\d{2}/.test(e.name) && e.name.slice(0, 10) > day) rmSync(full);
      else utimesSync(full, saved, saved);
    }
  };
  walk(dir, 0);
}

/** `.kmsw/` as it is now, kept as hard links (the cache knows its files by inode) and the journal's length. */
function snapshot(repo, name) {
  const from = path.join(repo, '.kmsw');
  const to = path.join(`${repo}.${name}`);
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to);
  for (const f of readdirSync(from)) linkSync(path.join(from, f), path.join(to, f));
  return { to, journal: statSync(path.join(from, 'details.jsonl')).size };
}

function restore(repo, { to, journal }) {
  const into = path.join(repo, '.kmsw');
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into);
  for (const f of readdirSync(to)) linkSync(path.join(to, f), path.join(into, f));
  truncateSync(path.join(into, 'details.jsonl'), journal);
}

/**
 * The pre-commit check on a new day (issue 15): a Git copy of the size's folder as it stood on the last working day
 * of the month before its last, every later record removed. Its cache filled by a whole check on the day before and
 * on that day; before each run the cache is put back as it was, and one of that day's logs is given new content and
 * staged: then `check --staged` the next working day, and on the first working day of the next month.
 */
export function daysBench(size, { runs = 5 } = {}) {
  const source = path.join(os.tmpdir(), `kmsw-bench-${size}`);
  if (!existsSync(path.join(source, 'kmsw.yaml'))) generate({ out: source, ...SIZES[size] });
  const { before, last, first } = monthTurn(SIZES[size].to);
  const repo = path.join(os.tmpdir(), `kmsw-bench-days-${size}`);
  rmSync(repo, { recursive: true, force: true });
  cpSync(source, repo, { recursive: true, filter: (f) => path.basename(f) !== '.kmsw' });
  trimAfter(repo, last);
  writeFileSync(path.join(repo, '.gitignore'), '.kmsw/\n');
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'bench', '--no-verify');
  const logs = path.join(repo, last.slice(0, 4), last.slice(5, 7), 'log');
  const log = path.join(
    logs,
    readdirSync(logs).find((f) => f.startsWith(last)),
  );
  const check = (today, ...a) => [KMSW, '--dir', repo, '--today', today, 'check', ...a];
  run(check(before));
  const dayBefore = snapshot(repo, 'before');
  run(check(last));
  const lastDay = snapshot(repo, 'last');
  const text = readFileSync(log, 'utf8');
  let edits = 0;
  const staged = (cache, today) => () => {
    restore(repo, cache);
    writeFileSync(log, text.replace(/\n$/, `（补记${++edits}）\n`));
    const saved = new Date(Date.now() - 20_000);
    utimesSync(log, saved, saved);
    git(repo, 'add', path.relative(repo, log));
    return run(check(today, '--staged'));
  };
  const rows = {
    [`kmsw check --staged (new content, next working day: cache of ${before}, today ${last})`]: staged(dayBefore, last),
    [`kmsw check --staged (new content, first working day of a month: cache of ${last}, today ${first})`]: staged(
      lastDay,
      first,
    ),
    'node -e 0': () => run(['-e', '0']),
  };
  const times = Object.fromEntries(Object.keys(rows).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [name, f] of Object.entries(rows)) times[name].push(f());
  for (const r of [repo, dayBefore.to, lastDay.to]) rmSync(r, { recursive: true, force: true });
  return Object.entries(times).map(([name, t]) => ({ name, ms: median(t), min: Math.min(...t), max: Math.max(...t) }));
}

/** daysBench's rows as a table, each judged against issue 15's target. */
export function daysTable(size, rows) {
  const base = rows.find((r) => r.name === 'node -e 0').ms;
  return [
    `### The pre-commit check on a new day, ${size}`,
    '',
    '| command | median | min–max | over `node -e 0` (≤ +300 ms) |',
    '|---|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.ms.toFixed(0)} ms | ${r.min.toFixed(0)}–${r.max.toFixed(0)} | ` +
        (r.name === 'node -e 0' ? '' : `+${(r.ms - base).toFixed(0)} ms ${r.ms - base <= 300 ? '✓' : '✗'}`) +
        ' |',
    ),
  ].join('\n');
}

/** The rows as a table, with the targets of issues 15 and 17 that they judge. */
export function cacheTable({ size, rows, floor }) {
  const at = (name) => rows.find((r) => r.name === name)?.ms;
  const lines = [
    `### The cache on ${size}`,
    '',
    '| command | median | min–max |',
    '|---|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${r.ms.toFixed(0)} ms | ${r.min.toFixed(0)}–${r.max.toFixed(0)} |`),
    '',
  ];
  const warm = at('kmsw check (cached, nothing changed)');
  const one = at('kmsw check (cached, one file changed)');
  const staged = at('kmsw check --staged (1 record, cached)') - at('node -e 0');
  const mark = (ok) => (ok ? '✓' : '✗');
  if (floor) {
    const ratio = warm / at('js-yaml floor');
    lines.push(`- nothing changed ≤ 0.6× the js-yaml floor: ${ratio.toFixed(2)}× ${mark(ratio <= 0.6)}`);
  } else lines.push('- nothing changed ≤ 0.6× the js-yaml floor: not judged (js-yaml not installed)');
  lines.push(
    `- one file changed within 10% of nothing changed: ${((one / warm - 1) * 100).toFixed(0)}% ${mark(one <= warm * 1.1)}`,
  );
  lines.push(
    `- \`check --staged\` of 1 record ≤ \`node -e 0\` + 300 ms: +${staged.toFixed(0)} ms ${mark(staged <= 300)}`,
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: 'office' },
      runs: { type: 'string', default: '5' },
      'js-yaml': { type: 'string' },
    },
  });
  for (const size of values.sizes.split(',')) {
    const result = cacheBench(size, { runs: Number(values.runs), jsYamlPath: values['js-yaml'] });
    process.stdout.write(`${cacheTable(result)}\n\n`);
    process.stdout.write(`${daysTable(size, daysBench(size, { runs: Number(values.runs) }))}\n\n`);
  }
}
