/**
 * The rules, case by case: one fixture folder per scenario (tests/fixtures/<case>/), each run
 * in-process through check() and as the command line `kmsw check --format json` (spawned, or main()
 * in-process: see SPAWNED), which must agree.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { check } from '../src/commands/check.js';
import { KmswError } from '../src/errors.js';
import { calendarOf, officialCalendar, useCalendarForTests } from '../src/values/calendar.js';
import { EXAMPLE, EXAMPLE_RECORDS, ROOT, kmsw, snapshot, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

interface Case {
  name: string;
  fixture: string;
  today: string;
  args?: string[];
  exit: 0 | 1 | 2;
  /** Every diagnostic, as `rule severity file:line`, in output order. */
  expect?: string[];
  /** Some messages that must be said (what is wrong). */
  messages?: RegExp[];
  /** Some hints that must be given (what to do). */
  hints?: RegExp[];
  /** For exit 2: what stderr says. */
  stderr?: RegExp;
}

const LOG26 = '2026/11/log/2026-11-26-李明.yaml';

const CASES: Case[] = [
  { name: 'a clean folder', fixture: 'clean', today: '2026-11-27', exit: 0, expect: [] },
  {
    name: 'UTF-8 with BOM and CRLF line endings is fine',
    fixture: 'bom-crlf',
    today: '2026-11-27',
    exit: 0,
    expect: [],
  },
  {
    name: 'encoding: GBK named',
    fixture: 'encoding-gbk',
    today: '2026-11-27',
    exit: 1,
    expect: [`encoding error ${LOG26}:1`],
    messages: [/GBK\/GB18030，不是 UTF-8/],
  },
  {
    name: 'encoding: UTF-16 named',
    fixture: 'encoding-utf16',
    today: '2026-11-27',
    exit: 1,
    expect: [`encoding error ${LOG26}:1`],
    messages: [/UTF-16 LE/],
  },
  {
    name: 'encoding: a picture renamed .yaml',
    fixture: 'binary-junk',
    today: '2026-11-27',
    exit: 1,
    expect: [`encoding error ${LOG26}:1`],
    messages: [/这不是文本文件（含有二进制内容）/],
  },
  {
    name: 'yaml-syntax at the opening quote',
    fixture: 'yaml-syntax',
    today: '2026-11-27',
    exit: 1,
    expect: [`yaml-syntax error ${LOG26}:4`],
    messages: [/引号没有收尾/],
  },
  {
    name: 'fullwidth-syntax: a full-width colon',
    fixture: 'fullwidth-colon',
    today: '2026-11-27',
    exit: 1,
    expect: [`fullwidth-syntax error ${LOG26}:3`],
    messages: [/“date”后面是中文冒号“：”/],
    hints: [/请改成 date: /],
  },
  {
    name: 'fullwidth-syntax: a full-width space',
    fixture: 'fullwidth-space',
    today: '2026-11-27',
    exit: 1,
    expect: [`fullwidth-syntax error ${LOG26}:2`],
    messages: [/全角空格/],
  },
  {
    name: 'too-large: an alias bomb',
    fixture: 'alias-bomb',
    today: '2026-11-27',
    exit: 1,
    expect: [`too-large error ${LOG26}:1`],
    messages: [/别名/],
  },
  {
    name: 'too-large: 20,000 nested lists',
    fixture: 'deep-nesting',
    today: '2026-11-27',
    exit: 1,
    expect: [`too-large error ${LOG26}:1`],
    messages: [/嵌套层数太多/],
  },
  {
    name: 'yaml-syntax: two documents in one file',
    fixture: 'two-documents',
    today: '2026-11-27',
    exit: 1,
    expect: [`yaml-syntax error ${LOG26}:3`],
    messages: [/一个文件只能有一份记录/],
  },
  {
    name: 'unknown-form with a suggestion',
    fixture: 'unknown-form',
    today: '2026-11-27',
    exit: 1,
    expect: [`unknown-form error ${LOG26}:1`],
    messages: [/“lgo”不是表格名称$/m],
    hints: [/是不是 log？/],
  },
  {
    name: 'unknown-form: a list, not a record',
    fixture: 'not-a-record',
    today: '2026-11-27',
    exit: 1,
    expect: [`unknown-form error ${LOG26}:1`],
    messages: [/整个文件是一个列表/],
  },
  {
    name: 'misplaced: the month folder',
    fixture: 'misplaced',
    today: '2026-11-27',
    exit: 1,
    expect: ['misplaced error 2026/10/log/2026-11-26-李明.yaml:3'],
    messages: [/记录的日期是 2026-11-26，文件却在 2026\/10\//],
    hints: [/移到 2026\/11\/log\//],
  },
  {
    name: 'required',
    fixture: 'required',
    today: '2026-11-27',
    exit: 1,
    expect: [`required error ${LOG26}:1`],
    messages: [/缺少明日工作计划/],
  },
  {
    name: 'invalid-value: an impossible day',
    fixture: 'invalid-value',
    today: '2026-11-27',
    exit: 1,
    expect: [`invalid-value error ${LOG26}:3`],
    messages: [/2026年11月没有31日/],
  },
  {
    name: 'unknown-field with the nearest key',
    fixture: 'unknown-field',
    today: '2026-11-27',
    exit: 1,
    expect: [`required error ${LOG26}:1`, `unknown-field warning ${LOG26}:9`, `unknown-field warning ${LOG26}:11`],
    messages: [/没有“plna”这一项$/m, /没有“remark”这一项，会被忽略/],
    hints: [/是不是 plan（明日工作计划）？/],
  },
  {
    name: 'min-chars shows the count',
    fixture: 'min-chars',
    today: '2026-11-27',
    exit: 1,
    expect: [`min-chars error ${LOG26}:4`],
    messages: [/当日工作内容只有 24\/300字/],
  },
  {
    name: 'signature-missing: a warning inside the week',
    fixture: 'signature-missing',
    today: '2026-11-27',
    exit: 0,
    expect: ['signature-missing warning 2026/11/record/2026-11-24-张丽.yaml:13'],
    messages: [/社工（签名）缺少签名人和签名日期$/m],
    hints: [/请张丽最迟于 2026-12-01 签名/],
  },
  {
    name: 'signature-missing: an error after the week',
    fixture: 'signature-missing',
    today: '2026-12-02',
    args: ['--rule', 'signature-missing'],
    exit: 1,
    expect: ['signature-missing error 2026/11/record/2026-11-24-张丽.yaml:13'],
    messages: [/已过签名期限 2026-12-01/],
    hints: [/请尽快补签/],
  },
  {
    name: 'signature-mismatch',
    fixture: 'signature-mismatch',
    today: '2026-11-27',
    exit: 1,
    expect: ['signature-mismatch error 2026/11/record/2026-11-24-张丽.yaml:14'],
    messages: [/是“陈建国”，但应由 王芳 签名/],
  },
  {
    name: 'signature-date: before the session',
    fixture: 'signature-date',
    today: '2026-11-27',
    exit: 1,
    expect: ['signature-date error 2026/11/record/2026-11-24-张丽.yaml:13'],
    messages: [/早于督导日期/],
  },
  {
    name: 'late',
    fixture: 'late',
    today: '2026-11-27',
    exit: 0,
    expect: ['late warning 2026/11/record/2026-11-10-张丽.yaml:13'],
    messages: [/督导后 10 天才签/],
  },
  {
    name: 'duration-short',
    fixture: 'duration-short',
    today: '2026-11-27',
    exit: 1,
    expect: ['duration-short error 2026/11/group/2026-11-20-五华区.yaml:12'],
    messages: [/1小时30分钟.*不少于 2小时/],
  },
  {
    name: 'future-date',
    fixture: 'future-date',
    today: '2026-11-27',
    exit: 1,
    expect: ['future-date error 2026/11/log/2026-11-30-李明.yaml:3'],
  },
  {
    name: 'duplicate: the -2 copy is the second',
    fixture: 'duplicate',
    today: '2026-11-27',
    exit: 1,
    expect: ['duplicate error 2026/11/log/2026-11-27-李明-2.yaml:3'],
    messages: [/已经有一份：2026\/11\/log\/2026-11-27-李明\.yaml/],
  },
  {
    // 10-01…07 are National Day holidays, not missing; Saturday 10-10 is an adjusted working day (调休).
    name: 'missing-log follows the official calendar',
    fixture: 'missing-log',
    today: '2026-10-12',
    args: ['--month', '2026-10'],
    exit: 0,
    expect: ['missing-log warning kmsw.yaml:4'],
    messages: [/李明 2026-10-10（工作日）没有督导工作日志/],
    hints: [/运行 kmsw new log --as 李明 --set date=2026-10-10/],
  },
  {
    name: 'missing-log in a year the calendar does not cover: Monday to Friday, said once',
    fixture: 'calendar-uncovered',
    today: '2027-01-10',
    exit: 0,
    expect: ['missing-log warning kmsw.yaml:4'],
    messages: [/2027-01-08/],
  },
  {
    name: 'missing-monthly',
    fixture: 'missing-monthly',
    today: '2026-11-10',
    exit: 0,
    expect: ['missing-monthly warning kmsw.yaml:4'],
    messages: [/2026-10 写了 1 篇日志，但没有督导工作月度总结/],
  },
  {
    name: 'unknown-person',
    fixture: 'unknown-person',
    today: '2026-11-27',
    exit: 0,
    expect: ['unknown-person warning 2026/11/record/2026-11-24-张莉.yaml:2'],
  },
  {
    name: 'expert-title: a 专业技术督导 below 中级, on the expert’s line of kmsw.yaml',
    fixture: 'expert-title',
    today: '2026-11-27',
    exit: 0,
    expect: ['expert-title warning kmsw.yaml:5', 'expert-title warning kmsw.yaml:7'],
    messages: [/专业技术督导 王芳 的职称“助理社会工作师”低于中级/, /专业技术督导 刘涛 没有写职称（title）/],
    hints: [/expert-title: \{ accept: \[主治医师\] \}/],
  },
  {
    name: 'unknown-place with a suggestion',
    fixture: 'unknown-place',
    today: '2026-11-27',
    exit: 0,
    expect: ['unknown-place warning 2026/11/group/2026-11-20-五华.yaml:3'],
    messages: [/没有“五华”$/m],
    hints: [/是不是 五华区？/],
  },
  {
    name: 'missing-photo: absent, and outside the folder',
    fixture: 'missing-photo',
    today: '2026-11-27',
    exit: 1,
    expect: [
      'missing-photo error 2026/11/sites/2026-11-26-五华区.yaml:17',
      'missing-photo error 2026/11/sites/2026-11-26-五华区.yaml:17',
    ],
    messages: [/找不到照片“photos\/门牌.png”/, /“\.\.\/外面.png”不在资料文件夹里/],
  },
  {
    name: 'quota: errors once the year has ended',
    fixture: 'quota',
    today: '2027-01-05',
    args: ['--year', '2026', '--rule', 'quota'],
    exit: 1,
    expect: [
      // 陈建国 (行政协同督导) attended the centre's May meeting but no station activity.
      'quota error kmsw.yaml:7',
      'quota error kmsw.yaml:8',
      'quota error kmsw.yaml:8',
      'quota error kmsw.yaml:8',
      'quota error kmsw.yaml:8',
      'quota error kmsw.yaml:9',
      'quota error kmsw.yaml:12',
      'quota error kmsw.yaml:12',
    ],
    messages: [
      /五华区 2026年实地团体督导（线下）1\/2次/,
      /全市 2026年第1季度线上团体督导 0\/1次/,
      /全市 2026年线上团体督导 1\/3次/,
      /行政协同督导 陈建国 2026年参加社工站点活动 0\/1次，未达到要求/,
    ],
  },
  {
    // Spec section 5: a warning while its period (the quarter, or the year) runs; Q4 runs on 11-27.
    name: 'quota: warnings during the year and the running quarter, errors for ended quarters',
    fixture: 'quota',
    today: '2026-11-27',
    args: ['--year', '2026', '--rule', 'quota'],
    exit: 1,
    expect: [
      'quota warning kmsw.yaml:7',
      'quota error kmsw.yaml:8',
      'quota error kmsw.yaml:8',
      'quota warning kmsw.yaml:8',
      'quota warning kmsw.yaml:8',
      'quota warning kmsw.yaml:9',
      'quota warning kmsw.yaml:12',
      'quota warning kmsw.yaml:12',
    ],
    messages: [/全市 2026年第4季度线上团体督导 0\/1次，尚未达到要求/],
  },
  {
    name: 'rules: in kmsw.yaml turn rules off, change thresholds and severities',
    fixture: 'rule-settings',
    today: '2026-11-27',
    exit: 1,
    expect: ['late error 2026/11/group/2026-11-20-五华区.yaml:13', `min-chars error ${LOG26}:4`],
    messages: [/7\/10字/, /超过了 3 天的期限/],
  },
  {
    name: 'paths: one file',
    fixture: 'unknown-field',
    today: '2026-11-27',
    args: ['2026/11/log/2026-11-27-李明.yaml'],
    exit: 0,
    expect: [],
  },
  {
    name: 'paths: a glob',
    fixture: 'unknown-field',
    today: '2026-11-27',
    args: ['2026/11/**/*-26-*.yaml'],
    exit: 1,
    expect: [`required error ${LOG26}:1`, `unknown-field warning ${LOG26}:9`, `unknown-field warning ${LOG26}:11`],
  },
  {
    name: 'a path that names nothing is refused',
    fixture: 'clean',
    today: '2026-11-27',
    args: ['2026/12'],
    exit: 2,
    stderr: /“2026\/12”不是资料文件夹里的记录文件或文件夹/,
  },
  {
    name: 'an unknown --rule is refused before anything runs',
    fixture: 'clean',
    today: '2026-11-27',
    args: ['--rule', 'min-char'],
    exit: 2,
    stderr: /没有名为“min-char”的规则，是不是 min-chars？/,
  },
  {
    name: 'bad rules: settings are refused with their lines',
    fixture: 'bad-rule-settings',
    today: '2026-11-27',
    exit: 2,
    stderr:
      /kmsw\.yaml:15:3: rules\.min-char：.*是不是 min-chars？\n.*kmsw\.yaml:16:11: rules\.late\.dayz：.*是不是 days？/,
  },
  {
    name: 'a broken kmsw.yaml stops the command',
    fixture: 'broken-config',
    today: '2026-11-27',
    exit: 2,
    stderr: /kmsw\.yaml:4:\d+: assistants\.0\.since：没有13月/,
  },
];

/** `--month`, `--year`, `--rule` and paths, as check() takes them. */
function optionsOf(args: string[] = []) {
  const opts: { month?: string; year?: number; rules?: string[]; paths?: string[] } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--month') opts.month = args[++i];
    else if (a === '--year') opts.year = Number(args[++i]);
    else if (a === '--rule') (opts.rules ??= []).push(args[++i]!);
    else (opts.paths ??= []).push(a);
  }
  return opts;
}

const DiagnosticShape = z.strictObject({
  file: z.string().regex(/^[^\\]+$/),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  severity: z.enum(['error', 'warning']),
  rule: z.string(),
  message: z.string().min(1),
  hint: z.string().min(1).optional(),
  field: z.string().optional(),
});
const OutputShape = z.strictObject({
  diagnostics: z.array(DiagnosticShape),
  summary: z.strictObject({ files: z.number().int(), errors: z.number().int(), warnings: z.number().int() }),
});

const brief = (d: z.infer<typeof DiagnosticShape>) => `${d.rule} ${d.severity} ${d.file}:${d.line}`;

/**
 * The cases whose command line runs the built kmsw, one of each kind: exit 0, a file's finding (exit 1), a file too
 * deep for a parser's stack (a process of its own), the holiday data the build carries, the refusals before and
 * while reading kmsw.yaml (exit 2). The others run the same command line through main() in-process
 * (tests/support/in-process.ts): the same argv, JSON and exit code, a few ms where a spawn costs ~0.3 s of CPU.
 */
const SPAWNED = new Set([
  'a clean folder',
  'encoding: GBK named',
  'too-large: 20,000 nested lists',
  'missing-log follows the official calendar',
  'an unknown --rule is refused before anything runs',
  'a broken kmsw.yaml stops the command',
]);

describe('kmsw check: one case per rule', () => {
  it('spawns the cases SPAWNED names', () => {
    for (const name of SPAWNED) expect(CASES.map((c) => c.name)).toContain(name);
  });

  for (const c of CASES) {
    const root = path.join(FIXTURES, c.fixture);

    it(`${c.name} (in-process)`, async () => {
      const run = check({ root, today: c.today, ...optionsOf(c.args) });
      if (c.exit === 2) {
        await expect(run).rejects.toThrow(KmswError);
        await expect(run).rejects.toThrow(c.stderr!);
        return;
      }
      const result = await run;
      expect(result.diagnostics.map(brief)).toEqual(c.expect);
      expect(result.summary.errors > 0 ? 1 : 0).toBe(c.exit);
      for (const m of c.messages ?? []) expect(result.diagnostics.map((d) => d.message).join('\n')).toMatch(m);
      for (const h of c.hints ?? []) expect(result.diagnostics.map((d) => d.hint).join('\n')).toMatch(h);
    });

    const spawned = SPAWNED.has(c.name);
    it(`${c.name} (${spawned ? 'spawned' : 'command line, in-process'})`, async () => {
      const before = snapshot(root);
      const args = ['--today', c.today, 'check', '--format', 'json', ...(c.args ?? [])];
      const run = spawned ? kmsw(args, { cwd: root }) : await kmswInProcess(args, { cwd: root });
      expect(run.code).toBe(c.exit);
      expect(snapshot(root)).toEqual(before);
      if (c.exit === 2) {
        expect(run.stderr).toMatch(c.stderr!);
        expect(run.stdout).toBe('');
        return;
      }
      const output = OutputShape.parse(JSON.parse(run.stdout));
      expect(output.diagnostics.map(brief)).toEqual(c.expect);
      expect(output.summary.errors).toBe(output.diagnostics.filter((d) => d.severity === 'error').length);
      expect(output.summary.warnings).toBe(output.diagnostics.filter((d) => d.severity === 'warning').length);
      for (const m of c.messages ?? []) expect(output.diagnostics.map((d) => d.message).join('\n')).toMatch(m);
      for (const h of c.hints ?? []) expect(output.diagnostics.map((d) => d.hint).join('\n')).toMatch(h);
    });
  }
});

describe('missing-photo: a signature picture that is not there', () => {
  it('is an error at its line, so the exported form is not left unsigned without a word', async () => {
    const dir = tempFolder({}, 'kmsw-sign-');
    cpSync(path.join(FIXTURES, 'clean'), dir, { recursive: true });
    const file = '2026/11/record/2026-11-24-张丽.yaml';
    const text = readFileSync(path.join(dir, file), 'utf8');
    const signed = text.replace(/(supervisor: \{ name: 王芳, date: [\d-]+) \}/, '$1, image: signatures/王芳.png }');
    expect(signed).not.toBe(text);
    writeFileSync(path.join(dir, file), signed);
    const result = await check({ root: dir, today: '2026-11-27' });
    expect(result.diagnostics.map((d) => `${d.rule} ${d.file}:${d.line} ${d.message} | ${d.hint}`)).toEqual([
      `missing-photo ${file}:${signed.split('\n').findIndex((l) => l.includes('image:')) + 1} 找不到签名图片“signatures/王芳.png” | 请检查文件名和文件夹（区分大小写），或把文件放到这个位置`,
    ]);
    mkdirSync(path.join(dir, 'signatures'));
    // A picture by its first bytes (the text "png" would be missing-photo: not a picture).
    writeFileSync(path.join(dir, 'signatures/王芳.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    expect((await check({ root: dir, today: '2026-11-27' })).diagnostics).toEqual([]);
  });
});

/**
 * Spawned: records.example clean (exit 0), the human output of findings (exit 1), colours (read from the
 * environment as the process starts), the note beside the JSON, --lang en and a folder without kmsw.yaml (exit 2).
 * The other cases run their command line through main() in-process (tests/support/in-process.ts).
 */
describe('kmsw check: output and scope', () => {
  it('records.example checks clean with the --today its README gives', () => {
    const run = kmsw(['--dir', EXAMPLE, '--today', '2026-11-30', 'check']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`检查了 ${EXAMPLE_RECORDS.length} 个文件：没有发现问题。\n`);
    expect(run.code).toBe(0);
  });

  it('prints each file once, then line:column, severity, message, rule and the line with a caret', () => {
    const run = kmsw(['--today', '2026-11-27', 'check'], { cwd: path.join(FIXTURES, 'unknown-field') });
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines.filter((l) => l === LOG26)).toHaveLength(1);
    const i = lines.findIndex((l) => l.includes('plna'));
    expect(lines[i]).toMatch(/^ {2}9:1 {2}警告 {2}督导工作日志没有“plna”这一项 {2}unknown-field$/);
    expect(lines[i + 1]).toBe('    9 │ plna:');
    expect(lines[i + 2]).toBe('      │ ^');
    // What to do comes last, on its own line.
    expect(lines[i + 3]).toBe('      提示：是不是 plan（明日工作计划）？');
    expect(lines.at(-3)).toBe('检查了 2 个文件：1 个错误，2 个警告。');
    // plna is one edit from plan, which the record lacks: --fix would rename it.
    expect(lines.at(-2)).toBe('其中 1 个问题可以用 kmsw check --fix 自动修复（先用 --fix-dry-run 查看改动）。');
    expect(run.stdout).not.toMatch(/\x1b\[/);
  });

  it('findings at one place share one excerpt', async () => {
    const run = await kmswInProcess(['--today', '2026-10-13', 'check', '--month', '2026-10'], {
      cwd: path.join(FIXTURES, 'missing-log'),
    });
    const lines = run.stdout.split('\n');
    expect(lines.filter((l) => l.includes('missing-log'))).toHaveLength(2);
    expect(lines.filter((l) => l.includes('│ ^') || l.endsWith('│       ^'))).toHaveLength(1);
    // Each hint under its own message; the last one's under the excerpt they share.
    expect(lines[2]).toBe('      提示：运行 kmsw new log --as 李明 --set date=2026-10-10');
    expect(lines[4]).toBe('    4 │   - { name: 李明, since: 2026-10-05 }');
    expect(lines[6]).toBe('      提示：运行 kmsw new log --as 李明 --set date=2026-10-13');
  });

  it('four or more missing logs at one place are one finding naming every day by month; JSON keeps one a day', async () => {
    const cwd = path.join(FIXTURES, 'missing-log');
    const run = await kmswInProcess(['--today', '2026-10-16', 'check', '--month', '2026-10'], { cwd });
    expect(run.stdout).toBe(
      [
        'kmsw.yaml',
        '  4:7  警告  李明 有 5 个工作日没有督导工作日志：  missing-log',
        '      2026-10：10、13–16日',
        '    4 │   - { name: 李明, since: 2026-10-05 }',
        '      │       ^',
        '      提示：每天运行 kmsw new log --as 李明 --set date=<日期>；since 应是开始写日志的第一天，不对就改它',
        '',
        '检查了 3 个文件：没有错误，5 个警告。',
        '',
      ].join('\n'),
    );
    const json = await kmswInProcess(['--today', '2026-10-16', 'check', '--month', '2026-10', '--format', 'json'], {
      cwd,
    });
    const days = (JSON.parse(json.stdout) as { diagnostics: Array<{ rule: string; hint: string }> }).diagnostics
      .filter((d) => d.rule === 'missing-log')
      .map((d) => d.hint.slice(-10));
    expect(days).toEqual(['2026-10-10', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16']);
    const en = await kmswInProcess(['--lang', 'en', '--today', '2026-10-16', 'check', '--month', '2026-10'], { cwd });
    expect(en.stdout).toContain(
      '  4:7  warning  李明 has no log for 5 working days:  missing-log\n      2026-10: 10, 13–16\n',
    );
  });

  it('puts the caret under the column of a Chinese line', async () => {
    const run = await kmswInProcess(['--today', '2026-11-27', 'check'], { cwd: path.join(FIXTURES, 'unknown-place') });
    const lines = run.stdout.split('\n');
    const i = lines.findIndex((l) => l.includes('│ county: 五华'));
    expect(lines[i + 1]).toBe('      │         ^');
  });

  it('colours only when asked to (FORCE_COLOR) and never with NO_COLOR or --no-color', () => {
    const cwd = path.join(FIXTURES, 'min-chars');
    expect(kmsw(['--today', '2026-11-27', 'check'], { cwd, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toMatch(
      /\x1b\[31m错误/,
    );
    expect(
      kmsw(['--today', '2026-11-27', 'check', '--no-color'], { cwd, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout,
    ).not.toMatch(/\x1b\[/);
    expect(
      kmsw(['--today', '2026-11-27', 'check'], { cwd, env: { NO_COLOR: '1', FORCE_COLOR: '' } }).stdout,
    ).not.toMatch(/\x1b\[/);
  });

  it('says once when the holiday data does not cover a year, in human output and beside the JSON', async () => {
    // 2099: a year no holiday data will hold while this test lives.
    const config = readFileSync(path.join(FIXTURES, 'calendar-uncovered', 'kmsw.yaml'), 'utf8');
    const dir = tempFolder({ 'kmsw.yaml': config.replace('since: 2027-01-04', 'since: 2099-01-05') });
    const run = kmsw(['--today', '2099-01-10', 'check'], { cwd: dir });
    expect(run.stdout.match(/还没有 2099 年的放假安排/g)).toHaveLength(1);
    // The JSON through main() in-process (tests/support/in-process.ts): its stdout and stderr as written.
    const json = await kmswInProcess(['--today', '2099-01-10', 'check', '--format', 'json'], { cwd: dir });
    expect(json.stderr.match(/还没有 2099 年的放假安排/g)).toHaveLength(1);
    OutputShape.parse(JSON.parse(json.stdout));
  });

  it('--lang en', async () => {
    // In-process (main()): the Chinese human output is spawned above.
    const run = await kmswInProcess(['--lang', 'en', '--today', '2026-11-27', 'check'], {
      cwd: path.join(FIXTURES, 'min-chars'),
    });
    expect(run.stdout).toMatch(/4:10 {2}error {2}当日工作内容 has 24\/300字 {2}min-chars\n/);
    expect(run.stdout).toMatch(/\n {6}hint: 276 more 字 \(characters\) needed, please add to it\n/);
    expect(run.stdout).toMatch(/Checked 2 files: 1 error, no warnings\./);
  });

  it('--lang en: the rules say durations in English (duration-short, session-conflict, quota)', async () => {
    const dir = tempFolder({});
    // Not the fixture's own .kmsw/ cache (a run in the fixture writes one): its messages are of the build that ran.
    cpSync(path.join(FIXTURES, 'duration-short'), dir, { recursive: true, filter: (f) => !f.includes('.kmsw') });
    const group = readFileSync(path.join(dir, '2026/11/group/2026-11-20-五华区.yaml'), 'utf8');
    writeFileSync(path.join(dir, '2026/11/group/2026-11-20-五华区-2.yaml'), group.replace('90分钟', '3小时'));
    const run = await kmswInProcess(['--dir', dir, '--lang', 'en', '--today', '2026-11-27', 'check', '--year', '2026']);
    expect(run.stdout).toContain('督导时长 is 1 h 30 min; a face-to-face group session must last at least 2 h');
    expect(run.stdout).toContain('but the duration differs (3 h; it says 1 h 30 min)');
    expect(run.stdout).toContain(
      'hint: check them and make them agree (the session counts once, with the longer duration, 3 h)',
    );
    expect(run.stdout).toContain('face-to-face group sessions (线下, at least 2 h) in 2026');
    // Only the records' own lines (the excerpts) may still read 小时 or 分钟.
    const said = run.stdout.split('\n').filter((l) => !l.includes('│'));
    expect(said.filter((l) => /小时|分钟/.test(l))).toEqual([]);
  });

  it('--format json: a diagnostic with a fix says it in "hint", after "message" and before "field"', async () => {
    const run = await kmswInProcess(['--today', '2026-11-27', 'check', '--format', 'json'], {
      cwd: path.join(FIXTURES, 'min-chars'),
    });
    const [d] = OutputShape.parse(JSON.parse(run.stdout)).diagnostics;
    expect(d).toMatchObject({ rule: 'min-chars', message: '当日工作内容只有 24/300字', hint: '还差 276字，请补充' });
    expect(Object.keys(d!)).toEqual(['file', 'line', 'column', 'severity', 'rule', 'message', 'hint', 'field']);
    // Without a fix to give, there is no "hint" key at all.
    const short = await kmswInProcess(['--today', '2026-11-27', 'check', '--format', 'json'], {
      cwd: path.join(FIXTURES, 'duration-short'),
    });
    const [s] = OutputShape.parse(JSON.parse(short.stdout)).diagnostics;
    expect(Object.keys(s!)).toEqual(['file', 'line', 'column', 'severity', 'rule', 'message', 'field']);
  });

  it('a file over 1 MiB is too-large, and the other files are still checked', async () => {
    const dir = tempFolder({});
    cpSync(path.join(FIXTURES, 'min-chars'), dir, { recursive: true });
    writeFileSync(
      path.join(dir, '2026/11/log/2026-11-25-李明.yaml'),
      `form: log\ncontent: |\n${'  很长的一行文字\n'.repeat(60_000)}`,
    );
    const run = await kmswInProcess(['--today', '2026-11-27', 'check', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).diagnostics.map(brief)).toEqual([
      'too-large error 2026/11/log/2026-11-25-李明.yaml:1',
      `min-chars error ${LOG26}:4`,
    ]);
  });

  it('--month and --year narrow the files; both together are refused', async () => {
    const dir = path.join(FIXTURES, 'missing-monthly');
    const run = (...args: string[]) => kmswInProcess(['--today', '2026-11-10', 'check', ...args], { cwd: dir });
    const october = JSON.parse((await run('--month', '2026-10', '--format', 'json')).stdout);
    expect(october.summary.files).toBe(1);
    const november = JSON.parse((await run('--month', '2026-11', '--format', 'json')).stdout);
    expect(november.summary.files).toBe(7);
    expect(november.diagnostics).toEqual([]);
    expect((await run('--month', '2026-11', '--year', '2026')).code).toBe(2);
    expect((await kmswInProcess(['check', '--year', '26'], { cwd: dir })).code).toBe(2);
  });

  it('the README documents every rule id, in the rules table', async () => {
    const { RULE_IDS } = await import('../src/rules/index.js');
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const id of RULE_IDS) expect(readme).toMatch(new RegExp(`^\\| \`${id}\` \\|`, 'm'));
  });

  it('--list-rules lists every rule id', async () => {
    const run = await kmswInProcess(['check', '--list-rules']);
    expect(run.code).toBe(0);
    for (const id of ['encoding', 'fullwidth-syntax', 'signature-missing', 'missing-log', 'quota'])
      expect(run.stdout).toContain(id);
  });

  it('outside a records folder: exit 2', () => {
    const run = kmsw(['check'], { cwd: tempFolder({}) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/kmsw\.yaml/);
  });
});

describe('the official calendar', () => {
  it('knows 2026: 10-07 is a holiday, Saturday 10-10 an adjusted working day', () => {
    const calendar = officialCalendar();
    expect(calendar.covers(2026)).toBe(true);
    expect(calendar.isWorkday('2026-10-07')).toBe(false);
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
    expect(calendar.isWorkday('2026-10-11')).toBe(false);
    expect(calendar.isWorkday('2026-10-12')).toBe(true);
    expect(calendar.isWorkday('2026-02-17')).toBe(false);
  });
  it('covers the years its data has holidays in; any other year is Monday to Friday', () => {
    const calendar = calendarOf({
      holidays: { '2026-10-07': 'National Day,国庆节,3' },
      workdays: { '2026-10-10': 'National Day,国庆节,3' },
    });
    expect(calendar.covers(2026)).toBe(true);
    expect(calendar.covers(2027)).toBe(false);
    expect(calendar.isWorkday('2026-10-07')).toBe(false);
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
    // 2027-01-08 is a Friday, 01-09 a Saturday, 01-11 a Monday.
    expect(calendar.isWorkday('2027-01-08')).toBe(true);
    expect(calendar.isWorkday('2027-01-09')).toBe(false);
    expect(calendar.isWorkday('2027-01-11')).toBe(true);
  });
});

describe('check over a year the holiday data does not cover (an injected calendar)', () => {
  const root = path.join(FIXTURES, 'calendar-uncovered');
  afterEach(() => useCalendarForTests(undefined));
  const missing = (r: { diagnostics: Array<{ rule: string; message: string }> }) =>
    r.diagnostics
      .filter((d) => d.rule === 'missing-log')
      .map((d) => d.message)
      .join('\n');

  it('data without 2027: one note naming 2027, and 2027 counted Monday to Friday', async () => {
    useCalendarForTests(calendarOf({ holidays: { '2026-10-07': 'National Day,国庆节,3' }, workdays: {} }));
    const result = await check({ root, today: '2027-01-10' });
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toContain('还没有 2027 年的放假安排');
    // The logs of 01-04…07 are there; Friday 01-08 is missing; the weekend is not.
    expect(missing(result)).toMatch(/李明 2027-01-08（工作日）没有督导工作日志/);
    expect(missing(result)).not.toMatch(/2027-01-0[45679]/);
  });

  it('data with 2027: no note, and its holidays are not working days', async () => {
    useCalendarForTests(calendarOf({ holidays: { '2027-01-08': 'Test,测试假日,1' }, workdays: {} }));
    const result = await check({ root, today: '2027-01-10' });
    expect(result.notes).toEqual([]);
    expect(missing(result)).toBe('');
  });

  it('a year outside --year is not noted', async () => {
    useCalendarForTests(calendarOf({ holidays: {}, workdays: {} }));
    expect((await check({ root, today: '2027-01-10', year: 2027 })).notes).toHaveLength(1);
    expect((await check({ root, today: '2027-01-10', year: 2026 })).notes).toEqual([]);
  });
});
