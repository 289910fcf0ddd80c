import { describe, expect, it } from 'vitest';
import { CONFIG, EXAMPLE, EXAMPLE_RECORDS, kmsw, snapshot, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

// The first run of each kind through the real binary; the others through main() in-process
// (tests/support/in-process.ts): the same argv, output and exit code, a few ms where a spawn costs ~0.3 s of CPU.

describe('kmsw list', () => {
  it('lists records.example in date order and changes none of its files', () => {
    const before = snapshot(EXAMPLE);
    const run = kmsw(['--dir', EXAMPLE, 'list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^日期\s+表格\s+对象\s+文件$/);
    expect(lines.at(-1)).toBe(`共 ${EXAMPLE_RECORDS.length} 份`);
    const days = lines.slice(1, -2).map((l) => l.split(/\s+/)[0]!);
    expect(days).toEqual([...days].sort());
    expect(run.stdout).toMatch(/2026-11-24\s+督导记录表\s+张丽\s+2026\/11\/record\/2026-11-24-张丽\.yaml/);
    expect(snapshot(EXAMPLE)).toEqual(before);
  });

  it('filters by month and form, and speaks JSON', async () => {
    const run = kmsw(['--dir', EXAMPLE, 'ls', '--month', '2026年11月', '--form', 'log', '--format', 'json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ form: string; who: string; when: string }>;
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.form))).toEqual(new Set(['log']));
    expect(new Set(rows.map((r) => r.who))).toEqual(new Set(['李明', '赵雪']));
    expect((await kmswInProcess(['--dir', EXAMPLE, 'ls', '--month', '2026-10'])).stdout).toContain('2026-10 没有记录');
  });

  it('shows a name written as a list or a mapping as it is written, never as [object Object]', async () => {
    const dir = tempFolder({
      'kmsw.yaml': CONFIG,
      '2026/11/log/2026-11-27-李明.yaml': 'form: log\nauthor: { name: 李明 }\ndate: 2026-11-27\n',
      '2026/11/log/2026-11-28-李明.yaml': 'form: log\nauthor: [李明, { n: 1 }]\ndate: 2026-11-28\n',
      '2026/11/log/2026-11-29-李明.yaml': 'form: { 表格: 日志 }\n',
    });
    const run = await kmswInProcess(['ls'], { cwd: dir });
    expect(run.stdout).not.toContain('[object Object]');
    expect(run.stdout).toMatch(/2026-11-27\s+督导工作日志\s+\{"name":"李明"\}/);
    expect(run.stdout).toMatch(/2026-11-28\s+督导工作日志\s+李明、\{"n":1\}/);
    expect(run.stdout).toMatch(/2026-11-29-李明\.yaml\s+← form 应为表格的名称（\{"表格":"日志"\}）/);
  });

  it('reads records through the fast path and says of every file what the full parser would', () => {
    // list reads as check does (the Document built only when the fast reader is unsure): the rows must be the same
    // as with the full parser alone (KMSW_TEST_FULL_PARSE=1), for odd files as much as for records.example's.
    const odd = {
      '2026/11/log/2026-11-20-李明.yaml': '- form: log\n- author: 李明\n',
      '2026/11/log/2026-11-21-李明.yaml': 'form log, 李明\n',
      '2026/11/log/2026-11-22-李明.yaml': '',
      '2026/11/log/2026-11-23-李明.yaml': '# only a comment\n',
      '2026/11/log/2026-11-24-李明.yaml': 'form: log\nauthor： 李明\ndate: 2026-11-24\n',
      '2026/11/log/2026-11-25-李明.yaml': 'form: &f log\nauthor: *f\ndate: 2026-11-25\n',
      '2026/11/log/2026-11-26-李明.yaml': 'form: log\nauthor: 李明\nauthor: 赵雪\ndate: 2026-11-26\n',
      '2026/11/log/2026-11-27-李明.yaml': '---\nform: log\n---\nform: log\n',
      '2026/11/log/2026-11-28-李明.yaml': 'form: log\nauthor: 李明\ndate: 2026年11月28日\n',
    };
    const dir = tempFolder({ 'kmsw.yaml': CONFIG, ...odd });
    for (const folder of [EXAMPLE, dir]) {
      const fast = kmsw(['--dir', folder, 'ls', '--format', 'json']);
      const full = kmsw(['--dir', folder, 'ls', '--format', 'json'], { env: { KMSW_TEST_FULL_PARSE: '1' } });
      expect(fast.code).toBe(0);
      expect(fast.stdout).toBe(full.stdout);
    }
    const rows = JSON.parse(kmsw(['--dir', dir, 'ls', '--format', 'json']).stdout) as Array<{
      file: string;
      problem?: string;
      when?: string;
    }>;
    expect(rows).toHaveLength(Object.keys(odd).length);
    const of = (day: string) => rows.find((r) => r.file.includes(day))!;
    for (const day of ['11-20', '11-21', '11-22', '11-23']) expect(of(day).problem).toContain('不是一份记录');
    expect(of('11-28').when).toBe('2026-11-28');
  });

  it('shows a file it cannot read instead of stopping, and goes on with the others', () => {
    const dir = tempFolder({
      'kmsw.yaml': CONFIG,
      '2026/11/log/2026-11-27-李明.yaml': 'form: log\nauthor: 李明\ndate: 2026-11-27\ncontent: |\n  x\nplan: [a]\n',
      '2026/11/log/2026-11-28-李明.yaml': 'form: log\nauthor: 李明\ndate: [2026-11-28\n',
      '2026/11/log/2026-11-29-李明.yaml': 'form: 日志\n',
      'templates/x.yaml': 'not: a record\n',
    });
    const run = kmsw(['ls'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2026-11-27\s+督导工作日志\s+李明/);
    expect(run.stdout).toMatch(/2026-11-28-李明\.yaml\s+← 方括号 \[ \] 或花括号 \{ \} 没有收尾/);
    expect(run.stdout).toMatch(/2026-11-29-李明\.yaml\s+← form 应为表格的名称（日志）/);
    expect(run.stdout).toContain('共 3 份，其中 2 份无法读取或无法确定日期');
    expect(run.stdout).not.toContain('templates');
  });

  it('says why a record has no date, and why a file does not read, in the words check uses', () => {
    const log = (date: string, plan = '  - 跟进') =>
      `form: log\nauthor: 李明\ndate: ${date}\ncontent: |\n  x\nplan:\n${plan}\n`;
    const dir = tempFolder({
      'kmsw.yaml': CONFIG,
      '2026/10/log/2026-10-30-李明.yaml': log('2026-10-32'),
      '2026/10/log/2026-10-31-李明.yaml': 'form: log\nauthor: 李明\ncontent: |\n  x\n',
      '2026/11/log/2026-11-27-李明.yaml': log('2026-11-27', '\u3000- 跟进\n\u3000- 准备'),
      '2026/11/log/2026-11-28-李明.yaml': log('2026-11-28'),
    });
    const check = JSON.parse(kmsw(['check', '--format', 'json', '--today', '2026-11-30'], { cwd: dir }).stdout) as {
      diagnostics: Array<{ file: string; message: string; rule: string }>;
    };
    const says = (file: string, rule: string) =>
      check.diagnostics.find((d) => d.file === file && d.rule === rule)!.message;
    const run = kmsw(['ls'], { cwd: dir });
    expect(run.code).toBe(0);
    const undated = says('2026/10/log/2026-10-30-李明.yaml', 'invalid-value');
    expect(undated).toBe('日期：2026年10月没有32日');
    expect(run.stdout).toMatch(
      /\?\s+督导工作日志\s+李明\s+2026\/10\/log\/2026-10-30-李明\.yaml {2}← 日期：2026年10月没有32日\n/,
    );
    expect(run.stdout).toContain(`2026-10-31-李明.yaml  ← ${says('2026/10/log/2026-10-31-李明.yaml', 'required')}`);
    const fullwidth = says('2026/11/log/2026-11-27-李明.yaml', 'fullwidth-syntax');
    expect(fullwidth).toContain('全角空格');
    expect(run.stdout).toContain(`2026-11-27-李明.yaml  ← ${fullwidth}`);
    expect(run.stdout).toContain('共 4 份，其中 3 份无法读取或无法确定日期');
    const rows = JSON.parse(kmsw(['ls', '--format', 'json'], { cwd: dir }).stdout) as Array<{
      file: string;
      problem?: string;
    }>;
    expect(rows.find((r) => r.file.endsWith('2026-10-30-李明.yaml'))!.problem).toBe(undated);
    expect(rows.find((r) => r.file.endsWith('2026-11-28-李明.yaml'))!.problem).toBeUndefined();
  });

  it.each([
    [['ls', '--month', '2026-13'], /--month “2026-13”：没有13月/],
    [['ls', '--form', 'logs'], /没有名为“logs”的表格，是不是 log？/],
    [['ls', '--format', 'xml'], /xml/],
  ])('%j is refused with exit 2', async (args, message) => {
    const run =
      args[1] === '--month' ? kmsw(['--dir', EXAMPLE, ...args]) : await kmswInProcess(['--dir', EXAMPLE, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
