/**
 * Found by a new user (a team's first weeks): a stray copy of a log blamed the right file, so tally dropped it while
 * status called the month complete; status counted a log that only a duplicate made wrong; the report counted files
 * it said it did not; missing-monthly told a misspelt author to write a summary; quota judged quarters before
 * anyone was on duty. Each case spawns the binary (or runs main() in-process) on a real folder.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, kmsw, put, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const TODAY = { KMSW_TODAY: '2026-11-30' };

function example(): string {
  const dir = tempFolder({}, 'kmsw-newuser-');
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

interface Diag {
  file: string;
  rule: string;
  message: string;
}
const diagnostics = (dir: string, args: string[] = []): Diag[] =>
  JSON.parse(kmsw(['check', '--format', 'json', ...args], { cwd: dir, env: TODAY }).stdout).diagnostics;
const tallyOf = (dir: string) =>
  JSON.parse(kmsw(['tally', '--month', '2026-11', '--format', 'json'], { cwd: dir, env: TODAY }).stdout) as {
    rows: Array<{ form: string; count: number; files: string[] }>;
    leftOut: Array<{ file: string; rule: string }>;
  };
const logsOf = (dir: string) =>
  JSON.parse(kmsw(['status', '--format', 'json'], { cwd: dir, env: TODAY }).stdout).logs.assistants as Array<{
    name: string;
    written: number;
    expected: number;
    missing: string[];
    faulty: Array<{ day: string; files: string[] }>;
  }>;

describe('a stray copy of a log is the duplicate, wherever its name sorts', () => {
  const LOG = '2026/11/log/2026-11-30-李明.yaml';
  const copies = [
    '2026/11/2026-11-30-李明副本.yaml',
    '2026/11/log/2026-11-30-李明.YAML',
    '2026/11/log/2026-11-30-李明.yml',
  ];
  for (const copy of copies) {
    it(`${copy}: check blames the copy, tally counts the log, status agrees`, () => {
      const dir = example();
      writeFileSync(path.join(dir, copy), readFileSync(path.join(dir, LOG)));
      const found = diagnostics(dir).filter((d) => d.rule === 'duplicate');
      expect(found.map((d) => d.file)).toEqual([copy]);
      expect(found[0]!.message).toBe(`李明 2026-11-30 的督导工作日志已经有一份：${LOG}`);
      const tally = tallyOf(dir);
      const logs = tally.rows.find((r) => r.form === 'log')!;
      expect(logs.count).toBe(12);
      expect(logs.files).toContain(LOG);
      expect(tally.leftOut.map((l) => l.file)).toEqual([copy]);
      expect(logsOf(dir).find((a) => a.name === '李明')).toMatchObject({ written: 6, expected: 6, faulty: [] });
    });
  }

  it('status counts only logs without errors: a day whose only clean-looking log is a duplicate has errors', async () => {
    const dir = example();
    const log = path.join(dir, '2026/11/log/2026-11-24-赵雪.yaml');
    const text = readFileSync(log, 'utf8');
    // A `-2` copy (as `kmsw new --force` writes), then the original emptied to a line: min-chars on it, duplicate on the copy.
    writeFileSync(path.join(dir, '2026/11/log/2026-11-24-赵雪-2.yaml'), text);
    writeFileSync(log, text.replace(/^content: \|\n(?: {2}.*\n)+/m, 'content: 今天开会。\n'));
    const rules = diagnostics(dir).map((d) => `${d.file} ${d.rule}`);
    expect(rules).toContain('2026/11/log/2026-11-24-赵雪.yaml min-chars');
    expect(rules).toContain('2026/11/log/2026-11-24-赵雪-2.yaml duplicate');
    expect(tallyOf(dir).rows.find((r) => r.form === 'log')!.count).toBe(11);
    const files = ['2026/11/log/2026-11-24-赵雪-2.yaml', '2026/11/log/2026-11-24-赵雪.yaml'];
    expect(logsOf(dir).find((a) => a.name === '赵雪')).toMatchObject({
      written: 5,
      faulty: [{ day: '2026-11-24', files: expect.arrayContaining(files) }],
    });
    const text2 = (await kmswInProcess(['status'], { cwd: dir, env: TODAY })).stdout;
    expect(text2).toContain('赵雪          ████████░░ 5/6  1 天的日志有错误：11-24（kmsw check 查看）');
    expect(text2).not.toMatch(/赵雪.*齐全/);
  });
});

describe('missing-monthly for an author kmsw.yaml does not list', () => {
  it('says the name is no assistant’s, instead of only telling them to write a summary', async () => {
    const dir = example();
    const log = readFileSync(path.join(dir, '2026/11/log/2026-11-26-李明.yaml'), 'utf8');
    put(
      dir,
      '2026/10/log/2026-10-30-刘阳.yaml',
      log.replace('author: 李明', 'author: 刘阳').replace('2026-11-26', '2026-10-30'),
    );
    const run = kmsw(['check', '--format', 'json'], { cwd: dir, env: TODAY });
    const found = (JSON.parse(run.stdout).diagnostics as Array<Diag & { hint?: string }>).filter(
      (d) => d.file === '2026/10/log/2026-10-30-刘阳.yaml',
    );
    expect(found.map((d) => d.rule).sort()).toEqual(['missing-monthly', 'unknown-person']);
    const hint = found.find((d) => d.rule === 'missing-monthly')!.hint!;
    expect(hint).toMatch(/^刘阳 不是 kmsw\.yaml 里的督导助理：姓名写错了就改正这些日志的填表人/);
    expect(hint).not.toMatch(/^运行 kmsw new monthly/);
    // The same in English, in-process through main().
    const en = await kmswInProcess(['--lang', 'en', 'check', '--format', 'json', '--rule', 'missing-monthly'], {
      cwd: dir,
      env: TODAY,
    });
    expect(JSON.parse(en.stdout).diagnostics[0].hint).toMatch(/^刘阳 is no assistant in kmsw\.yaml/);
  });
});

describe('quota judges no period that ended before anyone was on duty', () => {
  /** records.example with its assistants on duty from 2026-10-08 (Q4). */
  const fromOctober = () => {
    const dir = example();
    const config = path.join(dir, 'kmsw.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replaceAll('since: 2026-11-23', 'since: 2026-10-08'));
    return dir;
  };
  const quota = (dir: string, year: string, today = TODAY) =>
    (
      JSON.parse(
        kmsw(['check', '--format', 'json', '--year', year, '--rule', 'quota'], { cwd: dir, env: today }).stdout,
      ).diagnostics as Array<Diag & { severity: string }>
    ).map((d) => `${d.severity} ${d.message}`);

  it('a team from October: Q1–Q3 not judged, Q4 and the year are; status says why Q1–Q3 show no bar', async () => {
    const dir = fromOctober();
    const lines = quota(dir, '2026');
    expect(lines.filter((l) => l.includes('季度'))).toEqual([
      'warning 全市 2026年第4季度线上团体督导 0/1次，尚未达到要求',
    ]);
    expect(lines).toContain('warning 全市 2026年线上团体督导 0/3次，尚未达到要求');
    // After the year: the year and Q4 are errors, Q1–Q3 still nothing.
    const after = quota(dir, '2026', { KMSW_TODAY: '2027-01-05' });
    expect(after.filter((l) => l.includes('季度'))).toEqual(['error 全市 2026年第4季度线上团体督导 0/1次，未达到要求']);
    expect(after).toContain('error 全市 2026年线上团体督导 0/3次，未达到要求');
    // A year that ended before anyone's since: nothing owed, meetings included.
    expect(quota(dir, '2025')).toEqual([]);
    const status = (await kmswInProcess(['status'], { cwd: dir, env: TODAY })).stdout;
    expect(status).toContain('  第1季度       督导助理开始工作（kmsw.yaml 的 since）之前，不计');
    expect(status).toContain('  第4季度       ░░░░░░░░░░ 0/1');
    const json = JSON.parse(kmsw(['status', '--format', 'json'], { cwd: dir, env: TODAY }).stdout);
    const quarters = json.quotas.filter((q: { what: string }) => q.what === 'online-quarter');
    expect(quarters.map((q: { offDuty?: boolean }) => q.offDuty === true)).toEqual([true, true, true, false]);
    // status of that year, as check says of it: nothing owed, the meetings' bars not red but said why.
    const before = (await kmswInProcess(['status', '--year', '2025'], { cwd: dir, env: TODAY })).stdout;
    expect(before).toContain('  陈建国        督导助理开始工作（kmsw.yaml 的 since）之前，不计');
    expect(before).not.toContain('0/1');
    expect((await kmswInProcess(['status'], { cwd: dir, env: TODAY })).stdout).toMatch(/ {2}陈建国 {8}\S+ \d\/1/);
  });
});

describe('the report says exactly what it counts of files it cannot read or date', () => {
  it('a GBK log and an undated one: days with errors as check and status count them, and marked so in the list', async () => {
    const dir = example();
    const log = (day: string) => path.join(dir, `2026/11/log/2026-11-${day}-李明.yaml`);
    // 11-24: a date that does not read; 11-25: too short (reads and dates, has an error); 11-26: saved as GBK.
    writeFileSync(log('24'), readFileSync(log('24'), 'utf8').replace('date: 2026-11-24', 'date: 2026-11-31'));
    writeFileSync(
      log('25'),
      readFileSync(log('25'), 'utf8').replace(/^content: \|\n(?: {2}.*\n)+/m, 'content: 开会。\n'),
    );
    cpSync(path.join(import.meta.dirname, 'fixtures/encoding-gbk/2026/11/log/2026-11-26-李明.yaml'), log('26'));
    const rules = diagnostics(dir).map((d) => `${d.file.slice(12)} ${d.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining(['2026-11-24-李明.yaml invalid-value', '2026-11-25-李明.yaml min-chars']),
    );
    expect(rules).toContain('2026-11-26-李明.yaml encoding');
    expect(rules.filter((r) => r.includes('missing-log'))).toEqual([]);
    const status = logsOf(dir).find((a) => a.name === '李明')!;
    expect(status).toMatchObject({ expected: 6, written: 3, missing: [] });
    expect(status.faulty.map((f) => f.day)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);

    const run = await kmswInProcess(['report', '--month', '2026-11'], { cwd: dir, env: TODAY });
    expect(run.code, run.stderr).toBe(1);
    const html = readFileSync(path.join(dir, 'exports/2026-11/督导工作报告-2026年11月.html'), 'utf8');
    const numbers = new Map(
      [...html.matchAll(/data-k="([^"]+)"[^>]*>([^<]*)</g)].map((m) => [m[1]!, m[2]!] as [string, string]),
    );
    expect(['expected', 'written', 'faulty', 'missing'].map((k) => numbers.get(`log.李明.${k}`))).toEqual([
      '6',
      '3',
      '3',
      '0',
    ]);
    // The list names the two files it could not read or date, each with the day the calendar counts it on; the
    // short log, which reads and dates, is no such file.
    const list = html.slice(html.indexOf('没有计入的文件'));
    expect(list).toContain('只有标明的日志例外：它的文件名写着日期和督导助理，日志日历把那天算作“有错误”');
    expect(list).toMatch(/2026-11-24-李明\.yaml：[^<]*（日志日历把 李明 2026-11-24 算作有错误）<\/li>/);
    expect(list).toMatch(/2026-11-26-李明\.yaml：[^<]*（日志日历把 李明 2026-11-26 算作有错误）<\/li>/);
    expect(list).not.toContain('2026-11-25-李明.yaml');
    expect(list).not.toContain('不在以上任何数字中');
    // The terminal says the same, last.
    const tail = run.stdout.slice(run.stdout.indexOf('没有计入：'));
    expect(tail).toMatch(/^没有计入：以下 2 个文件无法读取或无法确定日期，除了标明的日志那天算作“有错误”/);
    expect(tail).toMatch(/2026-11-26-李明\.yaml:1:1 .*（日志日历把 李明 2026-11-26 算作有错误）/);
  });
});
