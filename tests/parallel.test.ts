/**
 * On a folder of 10,000 records or more, check shares the scan with worker threads. What it says
 * must not depend on that: the spawned binary (threads) and check() in-process (one thread) must
 * agree diagnostic for diagnostic, including the rules that look across records whose files fell
 * into different threads' shares.
 */
import { appendFileSync, copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { check } from '../src/commands/check.js';
import { listRecordFiles } from '../src/records/load.js';
import { recordRules, scanFolder } from '../src/scan/folder.js';
import { openFolder } from '../src/scan/open.js';
import { PARALLEL_FROM, RUN, scanClaimed, threadsFor } from '../src/scan/parallel.js';
import { kmsw, tempFolder } from './helpers.js';

describe('check on a big folder, across threads', () => {
  it('uses a thread per core (up to 4) from 10,000 files', () => {
    expect(threadsFor(PARALLEL_FROM - 1)).toBe(1);
    // As many threads as cores, at most 4: machines of 1, 2 and 8 cores.
    const cores = vi.spyOn(os, 'availableParallelism');
    try {
      expect([1, 2, 8].map((n) => (cores.mockReturnValue(n), threadsFor(PARALLEL_FROM)))).toEqual([1, 2, 4]);
      cores.mockReturnValue(8);
      expect(threadsFor(30_000)).toBe(4);
      expect(threadsFor(PARALLEL_FROM - 1)).toBe(1);
    } finally {
      cores.mockRestore();
    }
  });

  it('has threads claim runs of files from one counter: each file checked once, put back in order', async () => {
    const dir = tempFolder({}, 'kmsw-claimed-');
    generate({ out: dir, assistants: 3, from: '2025-01-01', to: '2025-04-30' });
    const files = await listRecordFiles(dir);
    expect(files.length).toBeGreaterThan(3 * RUN);
    const { ctx } = await openFolder({ root: dir, today: '2026-01-01' });
    const rules = recordRules(() => true);
    const next = new Int32Array(new SharedArrayBuffer(4));
    // Three claimers at once in one thread: each awaits between runs, so their claims interleave.
    const claimed = await Promise.all([1, 2, 3].map(() => scanClaimed(ctx, { rules }, files, next)));
    expect(claimed.every((parts) => parts.length > 0)).toBe(true);
    const parts = claimed.flat().sort((a, b) => a.at - b.at);
    expect(parts.map((p) => p.at)).toEqual(Array.from({ length: Math.ceil(files.length / RUN) }, (_, i) => i * RUN));
    const one = await scanFolder(ctx, { rules, files });
    expect(parts.flatMap((p) => p.findings)).toEqual(one.findings);
    expect(parts.flatMap((p) => p.facts)).toEqual(one.facts);
    expect(parts.reduce((n, p) => n + p.checked, 0)).toBe(one.checked);
  }, 120_000);

  it('says exactly what one thread says, across the shares', async () => {
    const dir = tempFolder({}, 'kmsw-parallel-');
    // A thousand files and the threshold lowered to them (KMSW_TEST_PARALLEL_FROM, test only): the
    // threads' path without generating and checking ten thousand.
    const from = 1_000;
    const count = generate({ out: dir, assistants: 4, from: '2025-01-01', to: '2025-12-31' });
    expect(count).toBeGreaterThanOrEqual(from);
    vi.stubEnv('KMSW_TEST_PARALLEL_FROM', String(from));
    try {
      expect(threadsFor(count)).toBe(Math.max(1, Math.min(os.availableParallelism(), 4)));
    } finally {
      vi.unstubAllEnvs();
    }
    const logs = (month: string) => readdirSync(path.join(dir, '2025', month, 'log')).sort();
    // A duplicate whose original is in the first share and its copy in the last, a short log in the
    // middle, a missing log, and a name nobody knows.
    const first = path.join(dir, '2025/01/log', logs('01')[0]!);
    copyFileSync(first, path.join(dir, '2025/01/log', logs('01')[0]!.replace('.yaml', '-2.yaml')));
    copyFileSync(first, path.join(dir, '2025/04/log', logs('01')[0]!));
    appendFileSync(path.join(dir, '2025/02/log', logs('02')[5]!), 'author2: 李四\n');
    rmSync(path.join(dir, '2025/03/log', logs('03')[7]!));
    // A log that does not read (its day stands on its name alone: not missing), and one whose record says another day.
    writeFileSync(path.join(dir, '2025/05/log', logs('05')[3]!), 'form: log\nauthor: [\n');
    const moved = path.join(dir, '2025/06/log', logs('06')[2]!);
    writeFileSync(moved, readFileSync(moved, 'utf8').replace(/^date: 2025-06-(\d\d)/m, 'date: 2025-07-$1'));

    const env = { KMSW_TEST_PARALLEL_FROM: String(from) };
    const spawned = kmsw(['--dir', dir, '--today', '2026-01-01', 'check', '--format', 'json'], { env });
    expect(spawned.stderr).toBe('');
    // Without the cache, the workers start while the folder is listed (ScanWorkers.listed), and are then given its files.
    const uncached = kmsw(['--dir', dir, '--today', '2026-01-01', 'check', '--no-cache', '--format', 'json'], { env });
    expect(uncached.stderr).toBe('');
    const inProcess = await check({ root: dir, today: '2026-01-01' });
    for (const json of [JSON.parse(spawned.stdout), JSON.parse(uncached.stdout)]) {
      expect(json.diagnostics).toEqual(inProcess.diagnostics);
      expect(json.summary).toEqual(inProcess.summary);
    }
    expect(inProcess.diagnostics.map((d) => d.rule).sort()).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'misplaced',
      'misplaced',
      'missing-log',
      'unknown-field',
      'yaml-syntax',
    ]);
  }, 300_000);

  it('checks in every thread with kmsw.yaml as the main thread read it (--fix-dry-run: as --fix would leave it)', () => {
    const dir = tempFolder({}, 'kmsw-parallel-config-');
    generate({ out: dir, assistants: 2, from: '2025-09-01', to: '2025-10-31' });
    const config = path.join(dir, 'kmsw.yaml');
    // A full-width colon from the input method: kmsw.yaml does not read as written, and --fix would mend it.
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^city: /m, 'city：'));
    const args = ['--dir', dir, '--today', '2025-11-01', 'check', '--fix-dry-run'];
    const one = kmsw([...args, '--no-cache']);
    expect(`${one.stdout}${one.stderr}`).toContain('city：');
    // The threshold lowered (KMSW_TEST_PARALLEL_FROM): the threads' path, started early without the cache and
    // later with it. A thread that opened kmsw.yaml from the disk stopped the run with its syntax error.
    const env = { KMSW_TEST_PARALLEL_FROM: '20' };
    for (const cache of [['--no-cache'], []]) {
      const threaded = kmsw([...args, ...cache], { env });
      expect([threaded.code, threaded.stdout, threaded.stderr]).toEqual([one.code, one.stdout, one.stderr]);
    }
  }, 120_000);
});
