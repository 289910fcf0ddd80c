/**
 * What a new user found in `kmsw new` (spawned): a file name that does not carry its writer (two clones then
 * write one path and conflict in Git), the monthly summary of the wrong month, a future-dated or holiday log
 * made without a word, and no next step after a log.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kmsw, TEAM, tempFolder } from './helpers.js';

const GROUP = ['new', 'group', '--yes', '--today', '2026-11-05'];
const SESSION = ['--set', 'county=西山区', '--set', 'mode=线下', '--set', 'experts=王芳'];

/** The record files under `dir`, relative, with `/`. */
function records(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => /^\d{4}\/.*\.yaml$/.test(f))
    .sort();
}

describe('kmsw new names the writer in the file', () => {
  it('takes the writer from the one assistant set in the record: two clones write two paths', () => {
    const liu = tempFolder({ 'kmsw.yaml': TEAM });
    const sun = tempFolder({ 'kmsw.yaml': TEAM });
    const a = kmsw([...GROUP, ...SESSION, '--set', 'assistants=刘洋'], { cwd: liu });
    const b = kmsw([...GROUP, ...SESSION, '--set', 'assistants=孙婷'], { cwd: sun });
    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    expect(records(liu)).toEqual(['2026/11/group/2026-11-05-西山区-刘洋.yaml']);
    expect(records(sun)).toEqual(['2026/11/group/2026-11-05-西山区-孙婷.yaml']);
    expect(a.stdout).toContain('2026-11-05-西山区-刘洋.yaml');
  });

  it('takes --as (and KMSW_USER) over the record, and the folder’s only assistant when no one is named', () => {
    const dir = tempFolder({ 'kmsw.yaml': TEAM });
    expect(kmsw([...GROUP, ...SESSION, '--set', 'assistants=刘洋,孙婷', '--as', '孙婷'], { cwd: dir }).code).toBe(0);
    const alone = TEAM.replace('  - { name: 孙婷, since: 2026-09-01 }\n', '');
    const one = tempFolder({ 'kmsw.yaml': alone });
    const run = kmsw(['new', 'record', '--yes', '--today', '2026-11-05', '--set', 'supervisee=张丽'], { cwd: one });
    expect(run.code).toBe(0);
    expect(records(dir)).toEqual(['2026/11/group/2026-11-05-西山区-孙婷.yaml']);
    expect(records(one)).toEqual(['2026/11/record/2026-11-05-张丽-刘洋.yaml']);
  });

  it('refuses with --yes when it cannot know who is writing, naming --as, and writes nothing', () => {
    const dir = tempFolder({ 'kmsw.yaml': TEAM });
    for (const args of [
      ['new', 'record', '--yes', '--today', '2026-11-05', '--set', 'supervisee=张丽'],
      [...GROUP, ...SESSION, '--set', 'assistants=刘洋,孙婷'],
    ]) {
      const run = kmsw(args, { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--as');
      expect(run.stderr).toContain('KMSW_USER');
      expect(run.stderr).toContain('没有写入任何文件');
    }
    expect(records(dir)).toEqual([]);
    const en = kmsw(['new', 'record', '--yes', '--today', '2026-11-05', '--set', 'supervisee=张丽', '--lang', 'en'], {
      cwd: dir,
    });
    expect(en.stderr).toMatch(/who is writing.*--as/i);
  });
});

describe('kmsw new monthly: the month whose summary is due', () => {
  const LOG = (author: string, date: string) => `form: log\nauthor: ${author}\ndate: ${date}\ncontent: ''\nplan: []\n`;

  it('writes last month’s summary while it is missing, and says which month', () => {
    const dir = tempFolder({
      'kmsw.yaml': TEAM,
      // 刘洋's October log is named as the file says; 孙婷's only by what it holds.
      '2026/10/log/2026-10-30-刘洋.yaml': LOG('刘洋', '2026-10-30'),
      '2026/10/log/2026-10-29-日志.yaml': LOG('孙婷', '2026-10-29'),
    });
    const run = kmsw(['new', 'monthly', '--yes', '--as', '刘洋', '--today', '2026-11-02'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2026/10/monthly/2026-10-刘洋.yaml');
    expect(run.stdout).toContain('2026年10月');
    expect(parse(readFileSync(path.join(dir, '2026/10/monthly/2026-10-刘洋.yaml'), 'utf8'))).toMatchObject({
      month: '2026-10',
      date: '2026-11-02',
    });
    // Written: the next one is this month's, as it is for someone without October logs.
    const next = kmsw(['new', 'monthly', '--yes', '--as', '刘洋', '--today', '2026-11-02'], { cwd: dir });
    expect(next.stdout).toContain('2026/11/monthly/2026-11-刘洋.yaml');
    expect(next.stdout).toContain('2026年11月');
    const hers = kmsw(['new', 'monthly', '--yes', '--as', '孙婷', '--today', '2026-11-02'], { cwd: dir });
    expect(hers.stdout).toContain('2026/10/monthly/2026-10-孙婷.yaml');
    const other = tempFolder({ 'kmsw.yaml': TEAM });
    const fresh = kmsw(['new', 'monthly', '--yes', '--as', '刘洋', '--today', '2026-11-02'], { cwd: other });
    expect(fresh.stdout).toContain('2026/11/monthly/2026-11-刘洋.yaml');
    // A month given is the month written.
    const given = ['new', 'monthly', '--yes', '--as', '孙婷', '--today', '2026-11-02', '--set', 'month=2026-11'];
    expect(kmsw(given, { cwd: dir }).stdout).toContain('2026/11/monthly/2026-11-孙婷.yaml');
  });
});

describe('kmsw new log: the day, and what to do next', () => {
  it('refuses a log dated after today, as check would call it an error', () => {
    const dir = tempFolder({ 'kmsw.yaml': TEAM });
    const args = ['new', 'log', '--yes', '--as', '刘洋', '--set', 'date=2026-11-05', '--today', '2026-10-30'];
    const run = kmsw(args, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2026-11-05 在今天（2026-10-30）之后');
    expect(existsSync(path.join(dir, '2026'))).toBe(false);
  });

  it('writes a log on a public holiday, and says it is one', () => {
    const dir = tempFolder({ 'kmsw.yaml': TEAM });
    const run = kmsw(['new', 'log', '--yes', '--as', '刘洋', '--today', '2026-10-03'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/注意：2026-10-03 是法定节假日（国庆节）/);
    expect(records(dir)).toEqual(['2026/10/log/2026-10-03-刘洋.yaml']);
    // A working day says nothing.
    const workday = kmsw(['new', 'log', '--yes', '--as', '刘洋', '--today', '2026-10-09'], { cwd: dir });
    expect(workday.stderr).toBe('');
  });

  it('says the next step after the success line', () => {
    const dir = tempFolder({ 'kmsw.yaml': TEAM });
    const run = kmsw(['new', 'log', '--yes', '--as', '刘洋', '--today', '2026-10-09'], { cwd: dir });
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('2026/10/log/2026-10-09-刘洋.yaml');
    expect(lines[1]).toMatch(/当日工作内容.*不少于300字.*kmsw check/);
  });
});
