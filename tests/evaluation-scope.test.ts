/**
 * A count across months under `check --month`: an evaluation in November whose period began in October
 * counts the expert's sessions of both months, and leaves out a session whose record has an error,
 * whichever month it lies in. `check --month 2026-11` used to check October's records for nothing, so it
 * counted the broken October session and warned (or kept quiet) where the whole check did not.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, kmsw, tempFolder } from './helpers.js';

const TODAY = ['--today', '2026-11-30'];
const EVALUATION = '2026/11/evaluation/2026-11-30-王芳.yaml';
const OCTOBER = '2026/10/group/2026-10-20-五华区.yaml';

interface Diagnostic {
  file: string;
  rule: string;
  field?: string;
  message: string;
}

/**
 * records.example with 王芳's evaluation period starting 10-01, and an October group session she led
 * whose record lacks its 督导形式 (an error): her sessions in the period are 3 counted, 1 not.
 */
function folder(done: number): string {
  const dir = tempFolder({}, 'kmsw-evaluation-scope-');
  cpSync(EXAMPLE, dir, { recursive: true });
  const group = readFileSync(path.join(dir, '2026/11/group/2026-11-20-五华区.yaml'), 'utf8');
  mkdirSync(path.join(dir, '2026/10/group'), { recursive: true });
  writeFileSync(
    path.join(dir, OCTOBER),
    group
      .replace('date: 2026-11-20', 'date: 2026-10-20')
      .replace(/date: 2026-11-21, digest: sha256:[0-9a-f]+/, 'date: 2026-10-21')
      .replace(/^mode: .*\n/m, ''),
  );
  const evaluation = path.join(dir, EVALUATION);
  writeFileSync(
    evaluation,
    readFileSync(evaluation, 'utf8')
      .replace('from: 2026-11-01', 'from: 2026-10-01')
      .replace(/, digest: sha256:[0-9a-f]+/, '')
      .replace('done: 3', `done: ${done}`),
  );
  return dir;
}

function check(dir: string, ...args: string[]): Diagnostic[] {
  const run = kmsw(['--dir', dir, ...TODAY, 'check', '--format', 'json', ...args]);
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
}

const counted = (ds: Diagnostic[]) =>
  ds.filter((d) => d.rule === 'evaluation-count').map((d) => `${d.file} ${d.message}`);

describe('an evaluation checked with --month counts as the whole check does', () => {
  let right: string;
  let wrong: string;
  beforeAll(() => {
    right = folder(3);
    wrong = folder(4);
  });

  it('names the broken October record in the whole check, and does not count its session', () => {
    const all = check(right, '--no-cache');
    expect(all.filter((d) => d.file === OCTOBER).map((d) => d.rule)).toEqual(['required']);
    expect(counted(all)).toEqual([]);
  });

  it('agrees with the whole check under --month, with and without the cache', () => {
    // Without the cache; then cached from a month run (October checked out of the period), then from a whole run.
    expect(counted(check(right, '--no-cache', '--month', '2026-11'))).toEqual([]);
    expect(counted(check(right, '--month', '2026-11'))).toEqual([]);
    expect(counted(check(right, '--month', '2026-11'))).toEqual([]);
    check(right);
    expect(counted(check(right, '--month', '2026-11'))).toEqual([]);
  });

  it('still warns, under --month too, where 完成次数 claims the broken session', () => {
    const all = counted(check(wrong, '--no-cache'));
    expect(all).toHaveLength(1);
    expect(all[0]).toContain(EVALUATION);
    expect(all[0]).toContain('4');
    expect(counted(check(wrong, '--no-cache', '--month', '2026-11'))).toEqual(all);
    expect(counted(check(wrong, '--month', '2026-11'))).toEqual(all);
  });
});
