/**
 * `check --staged` shows the folder rules' findings on the staged records only, but what they say stands on other
 * records of the work tree: the earlier log of the same day, the other record of a group session, a roster that
 * names a person, an expert's evaluations and the sessions they led, the group record a survey names, a month's
 * summary. Each staged record here gets a folder rule's finding because of another record, then loses it when only
 * that other record changes in the work tree (not staged), with the other records' results taken from the cache
 * (checked by a full run before) and checked anew (changed since). Each step says what `--no-cache` says
 * (tests/support/no-cache.ts).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, forRuns, put, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';
import { sameAsNoCache } from './support/no-cache.js';

const DAY = '2026-11-30';
const M = '2026/11';
/** A group session led by 杨帆 alone (no one else's counts change), unsigned: its first record is in the work tree. */
const GROUP = `${M}/group/2026-11-18-盘龙区`;

/** The file name the staged survey gives its session: a second record of GROUP's session, by 李明. */
const NAMED = '2026-11-18-盘龙区-李明.yaml';

/** A record of GROUP's session. */
const group = (duration: string) =>
  edited(
    `${M}/group/2026-11-20-五华区.yaml`,
    [/^county: .*$/m, 'county: 盘龙区'],
    [/^address: .*$/m, 'address: 盘龙区拓东街道社工站'],
    [/^date: .*$/m, 'date: 2026-11-18'],
    [/^experts: .*$/m, 'experts: [杨帆]'],
    [/^duration: .*$/m, `duration: ${duration}`],
    [/^signature: .*\n/m, ''],
  );

function git(cwd: string, ...args: string[]): void {
  const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd });
  expect(run.status, `git ${args.join(' ')}: ${String(run.stderr)}`).toBe(0);
}

/** A record of records.example, with each `[from, to]` replaced (each must be there). */
function edited(file: string, ...changes: Array<[string | RegExp, string]>): string {
  let text = readFileSync(path.join(EXAMPLE, file), 'utf8');
  for (const [from, to] of changes) {
    const next = text.replace(from, to);
    expect(next, `${file}: ${String(from)}`).not.toBe(text);
    text = next;
  }
  return text;
}

/** The staged records, each with the folder rule another record gives it. */
const STAGED: Record<string, { rules: string[]; text: () => string }> = {
  // Dated as the earlier log of 李明: a second log of the day.
  [`${M}/log/2026-11-27-李明.yaml`]: {
    rules: ['duplicate'],
    text: () => edited(`${M}/log/2026-11-27-李明.yaml`, [/^date: .*$/m, 'date: 2026-11-26']),
  },
  // A second record of a group session (GROUP), with another duration; led by 杨帆 after her exit.
  [`${GROUP}-2.yaml`]: {
    rules: ['session-conflict', 'expert-exit'],
    text: () => group('2小时'),
  },
  // A supervisee no roster names (supervised by 陈建国: 王芳's count stays as it is).
  [`${M}/record/2026-11-25-新人.yaml`]: {
    rules: ['unknown-person'],
    text: () =>
      edited(
        `${M}/record/2026-11-24-张丽.yaml`,
        [/^supervisee: .*$/m, 'supervisee: 新人'],
        [/^supervisor: .*$/m, 'supervisor: 陈建国'],
        [/^date: .*$/m, 'date: 2026-11-25'],
      ),
  },
  // A survey of GROUP's session that names its record by a file name no group record has (yet).
  [`${M}/survey/2026-11-18-盘龙区.yaml`]: {
    rules: ['unknown-session'],
    text: () =>
      edited(
        `${M}/survey/2026-11-20-五华区.yaml`,
        [/^county: .*$/m, 'county: 盘龙区'],
        [/^date: .*$/m, 'date: 2026-11-18'],
        [/^session: .*$/m, `session: ${NAMED}`],
      ),
  },
  // 王芳's evaluation says 2 sessions done; the records hold 3.
  [`${M}/evaluation/2026-11-30-王芳.yaml`]: {
    rules: ['evaluation-count'],
    text: () =>
      edited(`${M}/evaluation/2026-11-30-王芳.yaml`, [
        'quantity: { planned: 3, done: 3 }',
        'quantity: { planned: 3, done: 2 }',
      ]),
  },
};

/**
 * A log by someone kmsw.yaml does not list, in a month that has ended, without a summary: missing-monthly, which
 * then reads every record (staged apart: the rules above would read them too).
 */
const LONE: typeof STAGED = {
  ['2026/10/log/2026-10-15-王五.yaml']: {
    rules: ['missing-monthly'],
    text: () =>
      edited(`${M}/log/2026-11-26-李明.yaml`, [/^author: .*$/m, 'author: 王五'], [/^date: .*$/m, 'date: 2026-10-15']),
  },
};

/** The work tree's other records that give the staged records their findings: GROUP's first record, 杨帆's failed evaluations. */
function others(dir: string): void {
  put(dir, `${GROUP}.yaml`, group('2.5小时'));
  for (const day of ['10', '12']) put(dir, `${M}/evaluation/2026-11-${day}-杨帆.yaml`, evaluation(day, '不合格'));
}

/** An evaluation of 杨帆 on 11-`day`. */
const evaluation = (day: string, result: string) =>
  edited(
    `${M}/evaluation/2026-11-30-王芳.yaml`,
    [/^expert: .*$/m, 'expert: 杨帆'],
    [/^date: .*$/m, `date: 2026-11-${day}`],
  ).replace(/^result: .*$/m, `result: ${result}`);

/** The work tree's changes, none staged, that take each staged record's folder finding away. */
function clearInWorkTree(dir: string): void {
  // The earlier log of 11-26 is 赵雪's now; GROUP's first record says 2 hours too.
  put(dir, `${M}/log/2026-11-26-李明.yaml`, edited(`${M}/log/2026-11-26-李明.yaml`, [/^author: .*$/m, 'author: 赵雪']));
  put(dir, `${GROUP}.yaml`, group('2小时'));
  // The group record the survey names is written.
  put(dir, `${M}/group/${NAMED}`, group('2小时'));
  // The roster names 新人.
  const roster = `${M}/roster/2026-11-10-五华区.yaml`;
  put(
    dir,
    roster,
    `${readFileSync(path.join(dir, roster), 'utf8')}  - { station: 红云街道社工站, name: 新人, gender: 女, age: 25, hired: 2026-11, major: 社会工作, education: 本科, salary: 3600元/月 }\n`,
  );
  // One of 王芳's sessions is 陈建国's: she led 2. 杨帆's second evaluation passed: no exit.
  const individual = `${M}/individual/2026-11-25-周强.yaml`;
  put(dir, individual, edited(individual, [/^supervisor: .*$/m, 'supervisor: 陈建国']));
  put(dir, `${M}/evaluation/2026-11-12-杨帆.yaml`, evaluation('12', '合格'));
}

/** Stages the records of `table` as it writes them. */
function stage(dir: string, table: typeof STAGED): void {
  for (const [file, { text }] of Object.entries(table)) put(dir, file, text());
  git(dir, 'add', ...Object.keys(table));
}

/** Each record of `table` with its rules, or with none. */
const expected = (table: typeof STAGED, fire: boolean) =>
  Object.fromEntries(Object.entries(table).map(([file, s]) => [file, fire ? [...s.rules].sort() : []]));

/**
 * The rules `table` names for each of its records that a cached `check --staged` said on it (once --no-cache said
 * them too).
 */
async function stagedFolderRules(dir: string, table: typeof STAGED): Promise<Record<string, string[]>> {
  const run = await sameAsNoCache(dir, DAY, ['--staged']);
  const diagnostics = (JSON.parse(run.stdout) as { diagnostics: Array<{ rule: string; file: string }> }).diagnostics;
  // The staged records are the work tree's: on them, the staged run says all a whole check says, and nothing else
  // (a rule run over their groups alone says what it says over every record).
  const whole = await kmswInProcess(['--dir', dir, '--today', DAY, 'check', '--format', 'json']);
  const staged = new Set([...Object.keys(STAGED), ...Object.keys(LONE)]);
  const on = (out: string) => (JSON.parse(out) as { diagnostics: Array<{ file: string }> }).diagnostics;
  expect(diagnostics.filter((d) => staged.has(d.file))).toEqual(on(whole.stdout).filter((d) => staged.has(d.file)));
  // `check <files>` shows only theirs too, and says the same on them.
  const named = await kmswInProcess(['--dir', dir, '--today', DAY, 'check', '--format', 'json', ...Object.keys(table)]);
  expect(on(named.stdout)).toEqual(on(whole.stdout).filter((d) => d.file in table));
  return Object.fromEntries(
    Object.entries(table).map(([file, { rules }]) => [
      file,
      [...new Set(diagnostics.filter((d) => d.file === file && rules.includes(d.rule)).map((d) => d.rule))].sort(),
    ]),
  );
}

describe('check --staged: folder rules that stand on other records', () => {
  let dir = '';
  beforeAll(() => {
    dir = tempFolder({}, 'kmsw-staged-groups-');
    cpSync(EXAMPLE, dir, { recursive: true, filter: (from) => path.basename(from) !== '.kmsw' });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'records', '--no-verify');
    others(dir);
  });

  it(
    'says them from the other records as the work tree holds them, cached or changed since',
    async () => {
      // The other records' results cached by a full run, then the staged records, new to the cache.
      await sameAsNoCache(dir, DAY, [], true);
      stage(dir, STAGED);
      expect(await stagedFolderRules(dir, STAGED)).toEqual(expected(STAGED, true));
      // The other records changed in the work tree only: checked anew by the staged run, then cached by a full run.
      clearInWorkTree(dir);
      expect(await stagedFolderRules(dir, STAGED)).toEqual(expected(STAGED, false));
      await sameAsNoCache(dir, DAY, []);
      expect(await stagedFolderRules(dir, STAGED)).toEqual(expected(STAGED, false));
      // 王五's log, then 王五's summary of October in the work tree.
      stage(dir, LONE);
      expect(await stagedFolderRules(dir, LONE)).toEqual(expected(LONE, true));
      put(
        dir,
        '2026/10/monthly/2026-10-王五.yaml',
        edited(`${M}/monthly/2026-11-李明.yaml`, [/^author: .*$/m, 'author: 王五'], [/^month: .*$/m, 'month: 2026-10']),
      );
      expect(await stagedFolderRules(dir, LONE)).toEqual(expected(LONE, false));
    },
    forRuns(12),
  );
});
