#!/usr/bin/env node
/**
 * kmsw against its floors and its peer, at the generator's sizes (issues 5 and 17). For each size, in one
 * run, the commands alternate (floors, check, check --format json, peer, …) and each one's median of N
 * runs is reported, with its peak RSS from one more run. Ratios are only ever taken within one run.
 *
 *   npm run bench                      # small, office (3k), decade (27k), city (100k); 5 runs (3 for city);
 *                                      # writes bench/RESULTS.md
 *   npm run bench -- --quick           # small only, 3 runs, nothing written (CI runs this)
 *   node bench/run.mjs --sizes office --runs 7
 *   node bench/run.mjs --quick --sizes none --runs 7   # kmsw sign alone, nothing written
 *
 * - floor (bench/floor.mjs): lists, reads and parses every record with js-yaml, nothing more, in one
 *   process: issue 17's floor, the one the ratios are taken against; `floor (yaml)` does the same with
 *   `yaml`, the parser that keeps positions (issue 5's floor);
 * - peer: ajv-cli validating the same files against the JSON Schema `kmsw schema` writes, one run
 *   per form, as a user who picked it instead would script it (bench/package.json installs it);
 * - start-up: `node -e 0`, `kmsw --help` and `kmsw check` on the small folder;
 * - export: `kmsw export --month` of one month of the office folder (10 assistants);
 * - sign: `kmsw sign` of 50 records waiting for one expert's signature, each run on a fresh copy.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SIZES, generate, todayAfter } from './generate.mjs';
import { cacheBench, cacheTable, daysBench, daysTable } from './cache.mjs';
import { memoryBench, memoryTable } from './memory.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const KMSW = path.join(root, 'bin', 'kmsw.cjs');
const AJV = path.join(here, 'node_modules', 'ajv-cli', 'dist', 'index.js');
const RSS_HOOK = path.join(here, 'rss.cjs');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    runs: { type: 'string' },
    results: { type: 'string', default: path.join(here, 'RESULTS.md') },
  },
});
// `--sizes none`: no folder, only the measures of their own (kmsw sign), e.g. `--quick --sizes none --runs 7`.
const sizes = (args.sizes ?? (args.quick ? 'small' : 'small,office,decade,city'))
  .split(',')
  .filter((s) => s !== 'none');
const runs = Number(args.runs ?? (args.quick ? 3 : 5));
for (const size of sizes)
  if (!(size in SIZES)) throw new Error(`--sizes: ${size} is not one of ${Object.keys(SIZES).join(', ')}`);

if (sizes.length > 0 && !existsSync(AJV)) {
  process.stderr.write('Installing the peer (ajv-cli) into bench/node_modules …\n');
  const install = spawnSync('npm', ['ci', '--prefix', here, '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (install.status !== 0) throw new Error('npm ci --prefix bench failed');
}

/** The size's folder, generated once per generator version and reused after that. */
function folderFor(size) {
  const dir = path.join(os.tmpdir(), `kmsw-bench-${size}`);
  const stamp = path.join(dir, '.generated');
  const version = createHash('sha256')
    .update(readFileSync(path.join(here, 'generate.mjs')))
    .update(size)
    .digest('hex');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== version) {
    process.stderr.write(`Generating the ${size} folder in ${dir} …\n`);
    generate({ out: dir, ...SIZES[size] });
    writeFileSync(stamp, version);
  }
  // The peer's schemas, written by kmsw itself (idempotent).
  must(node([KMSW, '--dir', dir, 'schema']), 'kmsw schema');
  return dir;
}

/**
 * A Git copy of a size's folder, committed, with one record of June changed and staged: what a
 * pre-commit hook sees when an assistant commits today's record. Made once per generated folder.
 */
function stagedRepo(dir) {
  const repo = `${dir}-git`;
  const stamp = path.join(repo, '.staged');
  const version = readFileSync(path.join(dir, '.generated'), 'utf8');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version) return repo;
  rmSync(repo, { recursive: true, force: true });
  cpSync(dir, repo, { recursive: true });
  const git = (...a) =>
    must(
      spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.org', ...a], { cwd: repo }),
      `git ${a[0]}`,
    );
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'bench', '--no-verify');
  const month = path.join(repo, '2025', '06', 'log');
  const file = path.join(
    month,
    readdirSync(month).find((f) => f.endsWith('.yaml')),
  );
  writeFileSync(file, `${readFileSync(file, 'utf8')}# 补充说明\n`);
  git('add', path.relative(repo, file));
  writeFileSync(stamp, version);
  return repo;
}

const files = (dir) => {
  const count = (d) =>
    readdirSync(d, { withFileTypes: true }).reduce(
      (n, e) =>
        n +
        (e.isDirectory() ? count(path.join(d, e.name)) : e.name.endsWith('.yaml') && e.name !== 'kmsw.yaml' ? 1 : 0),
      0,
    );
  return count(dir);
};

/** One run of a node script: wall time in ms and, when asked, the peak RSS of its processes. */
function node(argv, { rss = false, capture = false, env = {} } = {}) {
  const rssFile = rss ? path.join(mkdtempSync(path.join(os.tmpdir(), 'kmsw-rss-')), 'rss') : undefined;
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, rss ? ['--require', RSS_HOOK, ...argv] : argv, {
    stdio: ['ignore', capture ? 'pipe' : 'ignore', capture ? 'pipe' : 'ignore'],
    env: { ...process.env, NO_COLOR: '1', KMSW_BENCH_RSS: rssFile ?? '', ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const kb =
    rssFile && existsSync(rssFile)
      ? Math.max(...readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number))
      : undefined;
  if (rssFile) rmSync(path.dirname(rssFile), { recursive: true, force: true });
  return { ms, kb, status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
}

function must(result, what, ok = [0]) {
  if (!ok.includes(result.status)) throw new Error(`${what} exited ${result.status}\n${result.stderr}`);
  return result;
}

/** A command made of one or more node runs, timed as a whole. */
function measure(steps, opts) {
  const parts = steps.map((s) => ({ ...s, result: node(s.argv, { ...opts, env: s.env }) }));
  for (const p of parts) must(p.result, p.name, p.ok);
  return { ms: parts.reduce((t, p) => t + p.result.ms, 0), kb: Math.max(...parts.map((p) => p.result.kb ?? 0)), parts };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The commands measured at one size, in the order they alternate. */
function commandsFor(size, dir) {
  const today = todayAfter(SIZES[size].to);
  const kmsw = (...a) => [{ name: `kmsw ${a.join(' ')}`, argv: [KMSW, '--dir', dir, '--today', today, ...a], ok: [0] }];
  const forms = readdirSync(path.join(dir, 'schemas')).map((f) => f.replace(/\.json$/, ''));
  const peer = forms
    .filter((form) =>
      readdirSync(dir).some(
        (y) => /^\d{4}$/.test(y) && readdirSync(path.join(dir, y)).some((m) => existsSync(path.join(dir, y, m, form))),
      ),
    )
    // ajv-cli exits 1 on records it calls invalid: js-yaml reads `date: 2025-06-03` as a Date, which
    // the schema (strings, as editors see them) refuses. It still reads and validates every file.
    .map((form) => ({
      name: `ajv-cli ${form}`,
      argv: [
        AJV,
        'validate',
        '--spec=draft7',
        '--errors=no',
        '-s',
        path.join(dir, 'schemas', `${form}.json`),
        '-d',
        path.join(dir, '*', '*', form, '*.yaml'),
      ],
      ok: [0, 1],
    }));
  const floor = (parser) => [{ name: `floor (${parser})`, argv: [path.join(here, 'floor.mjs'), dir, parser], ok: [0] }];
  const commands = {
    floor: floor('js-yaml'),
    'floor (yaml)': floor('yaml'),
    'kmsw check': kmsw('check'),
    'kmsw check --format json': kmsw('check', '--format', 'json'),
    'ajv-cli (peer)': peer,
  };
  // At 100k files each run takes tens of seconds: the JSON output is measured at the smaller sizes.
  if (size === 'city') delete commands['kmsw check --format json'];
  if (size === 'small') {
    commands['node -e 0'] = [{ name: 'node -e 0', argv: ['-e', '0'], ok: [0] }];
    commands['kmsw --help'] = [{ name: 'kmsw --help', argv: [KMSW, '--help'], ok: [0] }];
    // As a person runs it: with the folder's cache (.kmsw/), filled by the first of these runs.
    commands['kmsw check (cached)'] = [{ ...kmsw('check')[0], env: { KMSW_NO_CACHE: '' } }];
  }
  if (size === 'office') {
    const out = path.join(os.tmpdir(), 'kmsw-bench-exports');
    commands['kmsw export --month 2025-06'] = kmsw('export', '--month', '2025-06', '--out', out);
    // The office's year report (issue 16): three views of the folder, charts drawn, one HTML page.
    commands['kmsw report --year 2025'] = kmsw('report', '--year', '2025', '--out', out);
    // The pre-commit check (issue 15): one changed record staged in a Git copy of the folder.
    const repo = stagedRepo(dir);
    commands['kmsw check --staged (1 record)'] = [
      { name: 'kmsw check --staged', argv: [KMSW, '--dir', repo, '--today', today, 'check', '--staged'], ok: [0, 1] },
    ];
    commands['node -e 0'] = [{ name: 'node -e 0', argv: ['-e', '0'], ok: [0] }];
  }
  return commands;
}

function bench(size) {
  const dir = folderFor(size);
  const commands = commandsFor(size, dir);
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  // Start-up is tens of milliseconds on a noisy machine: the small size takes three times the runs.
  const n = size === 'small' && !args.quick ? 3 * runs : size === 'city' ? Math.min(runs, 3) : runs;
  for (let i = 0; i < n; i++) {
    for (const [name, steps] of Object.entries(commands)) times[name].push(measure(steps).ms);
  }
  const rows = Object.entries(commands).map(([name, steps]) => {
    const last = measure(steps, { rss: true, capture: true });
    return {
      name,
      ms: median(times[name]),
      runs: times[name].length,
      min: Math.min(...times[name]),
      max: Math.max(...times[name]),
      mb: last.kb / 1024,
      last,
    };
  });
  // The peer really looked at every file: ajv-cli says "valid" or "invalid" once per file.
  const peer = rows.find((r) => r.name.startsWith('ajv-cli'));
  const peerSaid = peer.last.parts.map((p) => p.result.stderr + p.result.stdout).join('\n');
  const verdicts = (peerSaid.match(/ (in)?valid$/gm) ?? []).length;
  const invalid = (peerSaid.match(/ invalid$/gm) ?? []).length;
  return { size, dir, files: files(dir), rows, peer: { verdicts, invalid } };
}

const ms = (x) => `${x.toFixed(0)} ms`;
function table(result) {
  const floor = result.rows.find((r) => r.name === 'floor').ms;
  const lines = [
    `### ${result.size}: ${result.files.toLocaleString('en')} records (${SIZES[result.size].assistants} assistant${SIZES[result.size].assistants > 1 ? 's' : ''}, ${SIZES[result.size].from} to ${SIZES[result.size].to})`,
    '',
    '| command | median | min–max | runs | × floor (js-yaml) | peak RSS |',
    '|---|---:|---:|---:|---:|---:|',
    ...result.rows.map(
      (r) =>
        `| ${r.name} | ${ms(r.ms)} | ${r.min.toFixed(0)}–${r.max.toFixed(0)} | ${r.runs} | ${(r.ms / floor).toFixed(2)}× | ${r.mb.toFixed(0)} MB |`,
    ),
    '',
    `ajv-cli gave a verdict on ${result.peer.verdicts} of ${result.files} files (${result.peer.invalid} "invalid": js-yaml reads dates as Date objects, which the schema's strings refuse).`,
  ];
  return lines.join('\n');
}

/** A difference in ms with its sign: `+27`, `−19` (a run faster than `node -e 0` is noise, said as it is). */
const over = (ms) => (ms < 0 ? `−${(-ms).toFixed(0)}` : `+${ms.toFixed(0)}`);

/** Each target of issue 5 that this run can judge, with the numbers behind it. */
function targets(results) {
  const at = (size, name) => results.find((r) => r.size === size)?.rows.find((r) => r.name === name);
  const out = [];
  const target = (label, ok, detail) => out.push(`| ${label} | ${detail} | ${ok ? '✓' : '✗'} |`);
  const small = at('small', 'node -e 0');
  if (small) {
    const help = at('small', 'kmsw --help').ms - small.ms;
    const check = at('small', 'kmsw check').ms - small.ms;
    const cached = at('small', 'kmsw check (cached)').ms - small.ms;
    target('`kmsw --help` ≤ `node -e 0` + 30 ms', help <= 30, `${over(help)} ms`);
    target(
      '`kmsw check` on small (as records.example) ≤ `node -e 0` + 150 ms',
      cached <= 150,
      `${over(cached)} ms with its cache; ${over(check)} ms the first run, no cache ` +
        `(the floor: +${(at('small', 'floor').ms - small.ms).toFixed(0)} ms)`,
    );
  }
  if (at('office', 'kmsw check --staged (1 record)')) {
    const staged = at('office', 'kmsw check --staged (1 record)').ms - at('office', 'node -e 0').ms;
    // Not the hook's target: `kmsw hooks install` fills the cache, and bench/cache.mjs judges the hook with it.
    out.push(
      '| `check --staged` of 1 record on office without a cache (a folder never checked; the hook’s target, ' +
        `≤ \`node -e 0\` + 300 ms, is judged with its cache in bench/cache.mjs) | ${over(staged)} ms | — |`,
    );
  }
  if (at('office', 'kmsw export --month 2025-06')) {
    const exp = at('office', 'kmsw export --month 2025-06').ms;
    target('`export --month` of a 10-assistant month ≤ 2 s', exp <= 2000, ms(exp));
  }
  if (at('office', 'kmsw report --year 2025')) {
    const report = at('office', 'kmsw report --year 2025').ms;
    target('`report --year` of the office folder < 3 s', report < 3000, ms(report));
  }
  for (const size of ['decade', 'office', 'city']) {
    if (!at(size, 'floor')) continue;
    const ratio = at(size, 'kmsw check').ms / at(size, 'floor').ms;
    const peer = at(size, 'ajv-cli (peer)').ms;
    target(`\`kmsw check\` on ${size} ≤ 1.5× the js-yaml floor`, ratio <= 1.5, `${ratio.toFixed(2)}×`);
    target(
      `\`kmsw check\` on ${size} faster than ajv-cli`,
      at(size, 'kmsw check').ms < peer,
      `${ms(at(size, 'kmsw check').ms)} vs ${ms(peer)}`,
    );
  }
  for (const size of ['decade', 'city'])
    if (at(size, 'kmsw check'))
      target(
        `peak RSS of \`check\` on ${size} ≤ 300 MB`,
        at(size, 'kmsw check').mb <= 300,
        `${at(size, 'kmsw check').mb.toFixed(0)} MB`,
      );
  // Linear growth: the time per file of check, and of the js-yaml floor for comparison, at each size.
  const grown = ['office', 'decade', 'city'].map((size) => results.find((r) => r.size === size)).filter(Boolean);
  if (grown.length > 1) {
    const per = (r, name) => (r.rows.find((x) => x.name === name).ms * 1000) / r.files;
    const first = per(grown[0], 'kmsw check');
    const worst = Math.max(...grown.map((r) => per(r, 'kmsw check') / first));
    target(
      `\`kmsw check\` grows linearly (time per file at ${grown.map((r) => r.size).join(' / ')} within 1.25× of ${grown[0].size}'s)`,
      worst <= 1.25,
      grown.map((r) => `${per(r, 'kmsw check').toFixed(0)} µs`).join(' / ') +
        ` (floor ${grown.map((r) => `${per(r, 'floor').toFixed(0)}`).join(' / ')} µs)`,
    );
  }
  return ['| target | this run | met |', '|---|---:|:-:|', ...out].join('\n');
}

/** 50 supervision records waiting for 王芳's signature, in a folder of their own. */
function pendingFolder() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kmsw-bench-sign-'));
  writeFileSync(
    path.join(dir, 'kmsw.yaml'),
    'city: 昆明市\nassistants: []\nexperts:\n  - { name: 王芳, kind: 专业技术督导, title: 中级社会工作师 }\n',
  );
  const files = [];
  for (let i = 1; i <= 50; i++) {
    const day = `2026-11-${String(20 + (i % 5)).padStart(2, '0')}`;
    const file = `2026/11/record/${day}-社工${i}.yaml`;
    mkdirSync(path.join(dir, '2026/11/record'), { recursive: true });
    const text = [
      '# 督导记录表',
      'form: record',
      `supervisee: 社工${i}`,
      'supervisor: 王芳',
      'type: 个人督导',
      'method: 面谈',
      `date: ${day}`,
      'duration: 1.5小时',
      'location: 五华区红云街道社工站',
      `content: |\n  第${i}次督导：讨论个案服务中遇到的困难，回顾服务计划。`,
      'advice: |\n  1、尊重服务对象的意愿。\n  2、与家属保持沟通。',
      'worker_plan: 下周完成两次入户访谈。',
      'signatures:',
      `  worker: { name: 社工${i}, date: ${day} }`,
      '  supervisor: { name: 王芳, date: }',
      '',
    ].join('\n');
    writeFileSync(path.join(dir, file), text);
    files.push(file);
  }
  return { dir, files };
}

/**
 * `kmsw sign` of the 50 pending records, timed on a fresh copy each run (a signed record is not signed
 * twice), alternating with `kmsw check` of the same folder: on a busy machine the ratio still says something.
 */
function signBench() {
  const { dir, files } = pendingFolder();
  const times = [];
  const checks = [];
  for (let i = 0; i < runs; i++) {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'kmsw-bench-signing-'));
    cpSync(dir, copy, { recursive: true });
    const argv = [KMSW, '--dir', copy, '--today', '2026-11-26'];
    const run = must(node([...argv, 'sign', ...files, '--as', '王芳'], { capture: true }), 'kmsw sign');
    if (!run.stdout.includes('签名 50 份'))
      throw new Error(`kmsw sign did not sign the 50 records:\n${run.stdout}${run.stderr}`);
    times.push(run.ms);
    checks.push(must(node([...argv, 'check']), 'kmsw check').ms);
    rmSync(copy, { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
  return { ms: median(times), min: Math.min(...times), max: Math.max(...times), check: median(checks) };
}

// The rows above measure kmsw without its folder cache (.kmsw/), as a first run (but small's `kmsw check (cached)`);
// bench/cache.mjs measures the cache.
process.env.KMSW_NO_CACHE = '1';
const results = sizes.map(bench);
const signed = signBench();
const commit =
  spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout?.trim() || 'unknown';
const report = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'an unknown CPU'} (${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB), Node ${process.version}, ${os.platform()} ${os.release()}, kmsw ${commit}. Median of ${runs} alternating runs each${args.quick ? '' : ` (${3 * runs} for small)`}.`,
  '',
  targets(results),
  `| \`kmsw sign\` of 50 pending records < 1 s | ${ms(signed.ms)} (${signed.min.toFixed(0)}–${signed.max.toFixed(0)}; ` +
    `\`check\` of them ${ms(signed.check)}) | ${signed.ms < 1000 ? '✓' : '✗'} |`,
  '',
  ...results.map(table).flatMap((t) => [t, '']),
].join('\n');
process.stdout.write(`${report}\n`);

if (!args.quick) {
  const old = existsSync(args.results)
    ? readFileSync(args.results, 'utf8')
    : `# Benchmark results\n\n${START}\n${END}\n`;
  const [before, rest] = old.includes(START) ? old.split(START) : [`${old}\n`, END];
  writeFileSync(args.results, `${before}${START}\n${report}\n${END}${rest.split(END)[1] ?? ''}`);
  process.stderr.write(`Written to ${path.relative(process.cwd(), args.results)}\n`);
}

// The folder cache (issue 17) and the pre-commit check it serves (issue 15): bench/cache.mjs, on the big sizes.
if (!args.quick)
  for (const size of sizes.filter((s) => s === 'office' || s === 'decade'))
    process.stdout.write(`${cacheTable(cacheBench(size, { runs }))}\n\n`);
// The pre-commit check on a new day and on the first working day of a month (issue 15: a 3,000-file folder).
if (!args.quick && sizes.includes('office'))
  process.stdout.write(`${daysTable('office', daysBench('office', { runs }))}\n\n`);

// Peak RSS at 100k files in each state of the cache (issue 17: ≤ 300 MB each): bench/memory.mjs, one run each.
if (!args.quick && sizes.includes('city')) process.stdout.write(`${memoryTable(memoryBench('city'))}\n\n`);
