import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, CONFIG, ROOT, tempFolder } from './helpers.js';

/** The modules a kmsw run loads (what start-up time is made of), listed by a module hook. */
function modulesLoadedBy(args: string[], cwd = ROOT): string[] {
  const trace = path.join(tempFolder({}, 'kmsw-trace-'), 'modules.txt');
  const run = spawnSync(
    process.execPath,
    ['--import', path.join(ROOT, 'tests/support/trace-imports.mjs'), BIN, ...args],
    {
      cwd,
      env: { ...process.env, KMSW_TRACE_FILE: trace, KMSW_TODAY: '2026-11-28', NO_COLOR: '1' },
      encoding: 'utf8',
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(trace, 'utf8').split(os.EOL).filter(Boolean);
}

const packages = (urls: string[]) =>
  new Set(urls.flatMap((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));

// commander, chalk, yaml and zod are inside kmsw's build (dist/kmsw.cjs and dist/commands.cjs,
// docs/build.md); what is left in node_modules is loaded only by the commands that need it.
describe('start-up path', () => {
  it('kmsw --help loads no package', () => {
    expect([...packages(modulesLoadedBy(['--help']))]).toEqual([]);
  });

  it('kmsw new --yes loads neither the prompts nor docx or exceljs', () => {
    const loaded = packages(
      modulesLoadedBy(['new', 'log', '--yes', '--as', '李明'], tempFolder({ 'kmsw.yaml': CONFIG })),
    );
    for (const heavy of ['docx', 'exceljs', 'echarts', '@inquirer/prompts', '@inquirer/core'])
      expect(loaded).not.toContain(heavy);
  });

  it('the code caches the build wrote are accepted by this Node, the commands’ only once a command runs', () => {
    const probe = `const k = require(${JSON.stringify(BIN)}).loadKmsw(); const before = Object.keys(k.scripts).join();
      k.main(['list', '--form', 'nothing']).then(() => process.stdout.write(before + ' ' + Object.entries(k.scripts).map(([p, s]) => p + ':' + s.cachedDataRejected).join()));`;
    const run = spawnSync(process.execPath, ['-e', probe], {
      cwd: path.join(ROOT, 'records.example'),
      encoding: 'utf8',
    });
    expect(run.stdout, run.stderr).toBe('cli cli:false,commands:false');
  });
});

/** What builtinsLoadedBy found for each command line: two tests ask of `check --no-cache`, one run answers both. */
const builtins = new Map<string, string[]>();

/** Node's own modules a kmsw run loads, beyond what `node -e 0` has loaded (once per command line). */
function builtinsLoadedBy(args: string[]): string[] {
  const key = JSON.stringify(args);
  if (!builtins.has(key)) builtins.set(key, loadBuiltins(args));
  return builtins.get(key)!;
}

function loadBuiltins(args: string[]): string[] {
  const probe = `const before = new Set(process.moduleLoadList);
    require(${JSON.stringify(BIN)}).loadKmsw().main(${JSON.stringify(args)}).then(() =>
      process.stderr.write(JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m)))));`;
  const run = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
  return (JSON.parse(run.stderr) as string[]).flatMap((m) => /^NativeModule (.+)$/.exec(m)?.[1] ?? []);
}

describe('Node’s own modules', () => {
  it('kmsw --help and check load neither child_process nor worker_threads (the build requires them when used)', () => {
    const check = ['--dir', path.join(ROOT, 'records.example'), '--today', '2026-11-30', 'check'];
    // With and without the cache: a cached check reads no record, and a record read must not load them either.
    for (const args of [['--help'], check, [...check, '--no-cache']]) {
      const loaded = builtinsLoadedBy(args);
      expect(loaded).toContain('vm');
      expect(loaded.filter((m) => /child_process|worker/.test(m))).toEqual([]);
    }
  });
});

describe('Node’s modules a small run does not use', () => {
  it('a check with nothing to write loads no fs/promises, os or tty, and kmsw new no crypto', () => {
    const check = ['--dir', path.join(ROOT, 'records.example'), '--today', '2026-11-30', 'check', '--no-cache'];
    expect(builtinsLoadedBy(check).filter((m) => /^(fs\/promises|os|tty)$/.test(m))).toEqual([]);
    const folder = tempFolder({ 'kmsw.yaml': CONFIG });
    const made = builtinsLoadedBy(['--dir', folder, 'new', 'log', '--yes', '--as', '李明']);
    // It writes the record (fs/promises), with a temp name that needs no crypto.
    expect(made).toContain('fs/promises');
    expect(made.filter((m) => /crypto/.test(m))).toEqual([]);
  });
});

describe('what check loads', () => {
  it('kmsw check loads the holiday data and nothing else: never the prompts, docx or exceljs', () => {
    const loaded = packages(
      modulesLoadedBy(['--dir', path.join(ROOT, 'records.example'), '--today', '2026-11-30', 'check']),
    );
    expect([...loaded]).toEqual(['chinese-days']);
  });
});

describe('docx and exceljs are for export only', () => {
  it('tally and status load neither', () => {
    for (const args of [['tally', '--month', '2026-11'], ['status']]) {
      // The example's last day, so that every record counts (none is dated after today) and tally exits 0.
      const loaded = packages(
        modulesLoadedBy(['--dir', path.join(ROOT, 'records.example'), '--today', '2026-11-30', ...args]),
      );
      expect(loaded).not.toContain('docx');
      expect(loaded).not.toContain('exceljs');
      expect(loaded).not.toContain('echarts');
    }
  });

  it('report loads echarts (and neither docx nor exceljs); check and --help never do (above)', () => {
    const out = tempFolder({});
    const loaded = packages(
      modulesLoadedBy(['--dir', path.join(ROOT, 'records.example'), '--today', '2026-11-30', 'report', '--out', out]),
    );
    expect(loaded).toContain('echarts');
    expect(loaded).not.toContain('docx');
    expect(loaded).not.toContain('exceljs');
  });

  it('exporting with kmsw’s own Word templates does not even load docx: their placeholders are whole', () => {
    const out = tempFolder({});
    const loaded = packages(
      modulesLoadedBy([
        '--dir',
        path.join(ROOT, 'records.example'),
        'export',
        '--month',
        '2026-11',
        '--out',
        out,
        '--only',
        'log,record',
      ]),
    );
    expect(loaded).not.toContain('docx');
    // The zips are read and written with Node's zlib (src/render/zip.ts), not a JavaScript deflate.
    expect(loaded).not.toContain('fflate');
  });
});

describe('how kmsw ends', () => {
  // bin/kmsw.cjs ends with process.exit() once stdout and stderr are flushed: a write that fails then
  // (a full disk) must still make the exit code 2, never 0 over output that was lost.
  it.runIf(process.platform === 'linux')('a check whose output cannot be written exits 2, not 0', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, '--today', '2026-11-30', 'check'], {
        cwd: path.join(ROOT, 'records.example'),
        stdio: ['ignore', full, 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(r.status).toBe(2);
    } finally {
      closeSync(full);
    }
  });
});
