/**
 * Issue 11 "Trust" (items 2, 6–10, 12–14) and issue 12 §4/§5: kmsw is never silent and never wrong
 * about a record. Each case builds a folder in the system temp dir from tests/fixtures/clean with a
 * few files changed, runs the real binary, and compares every diagnostic it prints.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/commands/check.js';
import type { Diagnostic } from '../src/rules/types.js';
import { redactText } from '../src/format/redact.js';
import { formJsonSchema } from '../src/format/json-schema.js';
import { FORMS } from '../src/forms/index.js';
import { parseDate, parseMonth } from '../src/values/date.js';
import { parseDuration } from '../src/values/duration.js';
import { ROOT, ROSTER_HEADER, kmsw, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const CLEAN = path.join(ROOT, 'tests', 'fixtures', 'clean');
const read = (rel: string) => readFileSync(path.join(CLEAN, rel), 'utf8');
const LOG = read('2026/11/log/2026-11-27-李明.yaml');
const GROUP = read('2026/11/group/2026-11-20-五华区.yaml');
const RECORD = read('2026/11/record/2026-11-24-张丽.yaml');
const SITES = read('2026/11/sites/2026-11-26-五华区.yaml');
const CONFIG = read('kmsw.yaml');
/** kmsw.yaml with 李明's logs due from Thursday 2026-11-26. */
const FROM_26 = CONFIG.replace('since: 2026-11-27', 'since: 2026-11-26');

const LOG26 = '2026/11/log/2026-11-26-李明.yaml';
const log26 = (change: (t: string) => string = (t) => t) => change(LOG.replace('date: 2026-11-27', 'date: 2026-11-26'));
const EMPTY_LOG = 'form: log\nauthor: 李明\ndate: 2026-11-26\ncontent: |\nplan:\n  -\n';

/** The clean fixture with some files replaced (`null` removes one), in a fresh temp folder. */
function folder(changes: Record<string, string | null>): string {
  const dir = tempFolder({}, 'kmsw-trust-');
  cpSync(CLEAN, dir, { recursive: true });
  for (const [file, text] of Object.entries(changes)) {
    const at = path.join(dir, file);
    if (text === null) rmSync(at);
    else {
      mkdirSync(path.dirname(at), { recursive: true });
      writeFileSync(at, text);
    }
  }
  return dir;
}

/** What `check --format json` prints for each problem. */
type JsonDiagnostic = Diagnostic;

function checkJson(dir: string, today: string, args: string[] = []) {
  const run = kmsw(['--today', today, 'check', '--format', 'json', ...args], { cwd: dir });
  expect(run.stderr).toBe('');
  return { code: run.code, diagnostics: JSON.parse(run.stdout).diagnostics as JsonDiagnostic[] };
}

/**
 * The same in-process: main(), which the binary runs (tests/support/in-process.ts), for the siblings of a
 * spawned run (a spawn costs ~0.25 s of CPU). Each kind (check --year --rule quota, status, tally) is spawned
 * at least once below.
 */
async function checkJsonIn(dir: string, today: string, args: string[] = []) {
  const run = await kmswInProcess(['--today', today, 'check', '--format', 'json', ...args], { cwd: dir });
  expect(run.stderr).toBe('');
  return { code: run.code, diagnostics: JSON.parse(run.stdout).diagnostics as JsonDiagnostic[] };
}

const brief = (d: JsonDiagnostic) => `${d.rule} ${d.severity} ${d.file}:${d.line}:${d.column}`;

interface Case {
  name: string;
  files: Record<string, string | null>;
  today: string;
  args?: string[];
  /** Every diagnostic, `rule severity file:line:column`, in output order. */
  expect: string[];
  messages?: RegExp[];
}

const CASES: Case[] = [
  // 11.2: a log that exists but is broken is that day's log: its own fault, never missing-log.
  {
    name: 'missing-log: a day without a file is missing (the control case)',
    files: { 'kmsw.yaml': FROM_26 },
    today: '2026-11-27',
    expect: ['missing-log warning kmsw.yaml:4:7'],
    messages: [/李明 2026-11-26（工作日）没有督导工作日志/],
  },
  {
    name: 'missing-log: an unparsable log is not a missing day',
    files: { 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => t.replace('date: 2026-11-26', 'date: "2026-11-26')) },
    today: '2026-11-27',
    expect: [`yaml-syntax error ${LOG26}:3:7`],
  },
  {
    name: 'missing-log: an impossible date',
    files: { 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => t.replace('date: 2026-11-26', 'date: 2026-11-31')) },
    today: '2026-11-27',
    expect: [`invalid-value error ${LOG26}:3:7`],
  },
  {
    name: 'missing-log: an unreadable date',
    files: { 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => t.replace('date: 2026-11-26', 'date: 昨天')) },
    today: '2026-11-27',
    expect: [`invalid-value error ${LOG26}:3:7`],
  },
  {
    name: 'missing-log: the author misspelt',
    files: { 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => t.replace('author: 李明', 'author: 李名')) },
    today: '2026-11-27',
    expect: [`misplaced error ${LOG26}:2:9`, `unknown-person warning ${LOG26}:2:9`],
  },
  {
    name: 'missing-log: the author key misspelt',
    files: { 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => t.replace('author: 李明', 'auther: 李明')) },
    today: '2026-11-27',
    expect: [`required error ${LOG26}:1:1`, `unknown-field warning ${LOG26}:2:1`],
  },
  {
    name: 'missing-log: an empty scaffold',
    files: { 'kmsw.yaml': FROM_26, [LOG26]: EMPTY_LOG },
    today: '2026-11-27',
    expect: [`required error ${LOG26}:4:10`, `required error ${LOG26}:6:4`],
  },
  {
    name: 'missing-log: a full-width colon',
    files: { 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => t.replace('date: 2026-11-26', 'date：2026-11-26')) },
    today: '2026-11-27',
    expect: [`fullwidth-syntax error ${LOG26}:3:5`],
  },
  {
    name: 'missing-log: a broken -2 copy also names the day',
    files: { 'kmsw.yaml': FROM_26, '2026/11/log/2026-11-26-李明-2.yaml': 'form: log\nauthor: [' },
    today: '2026-11-27',
    expect: ['yaml-syntax error 2026/11/log/2026-11-26-李明-2.yaml:2:10'],
  },
  {
    name: 'missing-log: a file that is not a record (a list)',
    files: { 'kmsw.yaml': FROM_26, [LOG26]: '- 上午整理资料\n' },
    today: '2026-11-27',
    expect: [`unknown-form error ${LOG26}:1:1`],
  },
  {
    name: 'missing-monthly: a broken summary is not a missing one',
    files: { '2026/11/monthly/2026-11-李明.yaml': 'form: monthly\nauthor: 李明\nmonth: 2026-13\n' },
    today: '2026-12-02',
    args: ['--rule', 'missing-monthly'],
    expect: [],
  },
  {
    name: 'missing-monthly: an unparsable summary',
    files: { '2026/11/monthly/2026-11-李明.yaml': 'form: monthly\nauthor: "李明\n' },
    today: '2026-12-02',
    args: ['--rule', 'missing-monthly'],
    expect: [],
  },
  {
    name: "missing-monthly: a log file named otherwise (…-日志.yaml) is its author's, not a person called 日志",
    files: { '2026/11/log/2026-11-27-李明.yaml': null, '2026/11/log/2026-11-27-日志.yaml': LOG },
    today: '2026-12-02',
    args: ['--rule', 'missing-monthly'],
    expect: ['missing-monthly warning kmsw.yaml:4:7'],
    messages: [/^李明 2026-11 写了 1 篇日志/],
  },
  {
    name: 'missing-monthly: the control case',
    files: {},
    today: '2026-12-02',
    args: ['--rule', 'missing-monthly'],
    expect: ['missing-monthly warning kmsw.yaml:4:7'],
  },

  // 11.7: one bad field hides none of the record's other checks.
  {
    name: 'missing-photo in a sites row that has another bad cell',
    files: {
      '2026/11/sites/2026-11-26-五华区.yaml': SITES.replace('office: 独用', 'office: 独占').replace(
        'photos/门牌.png',
        'photos/没有.png',
      ),
    },
    today: '2026-11-27',
    expect: [
      'invalid-value error 2026/11/sites/2026-11-26-五华区.yaml:9:13',
      'missing-photo error 2026/11/sites/2026-11-26-五华区.yaml:17:14',
    ],
  },
  {
    name: 'signature-mismatch beside a signature date that does not read',
    files: {
      '2026/11/record/2026-11-24-张丽.yaml': RECORD.replace(
        'supervisor: { name: 王芳, date: 2026-11-24 }',
        'supervisor: { name: 陈建国, date: 2026-11-32 }',
      ),
    },
    today: '2026-11-27',
    expect: [
      'signature-mismatch error 2026/11/record/2026-11-24-张丽.yaml:14:23',
      'invalid-value error 2026/11/record/2026-11-24-张丽.yaml:14:34',
    ],
  },
  {
    name: "the supervisor's signature is still checked when the worker's does not read",
    files: {
      '2026/11/record/2026-11-24-张丽.yaml': RECORD.replace(
        'worker: { name: 张丽, date: 2026-11-24 }',
        'worker: { name: 张丽, date: 明天 }',
      ).replace('supervisor: { name: 王芳', 'supervisor: { name: 陈建国'),
    },
    today: '2026-11-27',
    expect: [
      'invalid-value error 2026/11/record/2026-11-24-张丽.yaml:13:29',
      'signature-mismatch error 2026/11/record/2026-11-24-张丽.yaml:14:23',
    ],
  },
  {
    name: 'signature-mismatch when the session date does not read',
    files: {
      '2026/11/record/2026-11-24-张丽.yaml': RECORD.replace('date: 2026-11-24\n', 'date: 2026-11-31\n').replace(
        'supervisor: { name: 王芳',
        'supervisor: { name: 陈建国',
      ),
    },
    today: '2026-11-27',
    expect: [
      'invalid-value error 2026/11/record/2026-11-24-张丽.yaml:6:7',
      'signature-mismatch error 2026/11/record/2026-11-24-张丽.yaml:14:23',
    ],
  },

  // 11.8: a session counts once; records that disagree get session-conflict.
  {
    name: 'session-conflict: two records of one session disagree on experts and duration',
    files: {
      '2026/11/group/2026-11-20-五华区-赵雪.yaml': GROUP.replace('experts: [王芳, 陈建国]', 'experts: [王芳]').replace(
        'duration: 3小时',
        'duration: 2.5小时',
      ),
    },
    today: '2026-11-27',
    expect: ['session-conflict warning 2026/11/group/2026-11-20-五华区-赵雪.yaml:6:7'],
    messages: [
      /与 2026\/11\/group\/2026-11-20-五华区\.yaml 是同一次督导（五华区 2026-11-20 线下），但督导专家不同（王芳；那份写的是 王芳、陈建国），督导时长不同（2小时30分钟；那份写的是 3小时）/,
    ],
  },
  {
    name: 'session-conflict: records that agree (experts in another order) are silent',
    files: {
      '2026/11/group/2026-11-20-五华区-赵雪.yaml': GROUP.replace('experts: [王芳, 陈建国]', 'experts: [陈建国, 王芳]'),
    },
    today: '2026-11-27',
    expect: [],
  },
  {
    name: 'session-conflict: another mode is another session',
    files: {
      '2026/11/group/2026-11-20-五华区-赵雪.yaml': GROUP.replace('mode: 线下', 'mode: 线上').replace(
        'duration: 3小时',
        'duration: 1小时',
      ),
    },
    today: '2026-11-27',
    expect: [],
  },

  // 11.9: the exact value against the 2-hour rule, and only face to face.
  {
    name: 'duration-short: 119.5分钟 is short',
    files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('duration: 3小时', 'duration: 119.5分钟') },
    today: '2026-11-27',
    expect: ['duration-short error 2026/11/group/2026-11-20-五华区.yaml:12:11'],
    messages: [/督导时长是 1小时59\.5分钟，线下团体督导要求不少于 2小时/],
  },
  {
    name: 'duration-short: 1.995h is short',
    files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('duration: 3小时', 'duration: 1.995h') },
    today: '2026-11-27',
    expect: ['duration-short error 2026/11/group/2026-11-20-五华区.yaml:12:11'],
    messages: [/1小时59\.7分钟/],
  },
  {
    name: 'duration-short: a bare 1.999 (hours) is short',
    files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('duration: 3小时', 'duration: 1.999') },
    today: '2026-11-27',
    expect: ['duration-short error 2026/11/group/2026-11-20-五华区.yaml:12:11'],
  },
  {
    name: 'duration-short: exactly 2 hours is enough',
    files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('duration: 3小时', 'duration: 120分钟') },
    today: '2026-11-27',
    expect: [],
  },
  {
    name: 'duration-short: an online session of 1.5 hours is not held to it',
    files: {
      '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('mode: 线下', 'mode: 线上').replace(
        'duration: 3小时',
        'duration: 1.5小时',
      ),
    },
    today: '2026-11-27',
    expect: [],
  },

  // 11.10: full-width slips in flow style, at their column.
  {
    name: 'fullwidth-syntax: { name：王芳 } in a flow map',
    files: {
      '2026/11/record/2026-11-24-张丽.yaml': RECORD.replace('supervisor: { name: 王芳', 'supervisor: { name：王芳'),
    },
    today: '2026-11-27',
    expect: [
      'signature-missing warning 2026/11/record/2026-11-24-张丽.yaml:14:15',
      'fullwidth-syntax error 2026/11/record/2026-11-24-张丽.yaml:14:21',
    ],
    messages: [/“name”后面是中文冒号“：”/],
  },
  {
    name: 'fullwidth-syntax: { name:　王芳 } (a full-width space)',
    files: {
      '2026/11/record/2026-11-24-张丽.yaml': RECORD.replace('supervisor: { name: 王芳', 'supervisor: { name:　王芳'),
    },
    today: '2026-11-27',
    expect: [
      'signature-missing warning 2026/11/record/2026-11-24-张丽.yaml:14:15',
      'fullwidth-syntax error 2026/11/record/2026-11-24-张丽.yaml:14:22',
    ],
    messages: [/全角空格/],
  },
  {
    name: 'fullwidth-syntax: [王芳，陈建国] in a flow list of names',
    files: {
      '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('experts: [王芳, 陈建国]', 'experts: [王芳，陈建国]'),
    },
    today: '2026-11-27',
    expect: [
      'unknown-person warning 2026/11/group/2026-11-20-五华区.yaml:7:11',
      'fullwidth-syntax error 2026/11/group/2026-11-20-五华区.yaml:7:13',
      'signature-mismatch error 2026/11/group/2026-11-20-五华区.yaml:13:20',
    ],
    messages: [/中文逗号/],
  },
  {
    name: "fullwidth-syntax: -　王芳, a full-width space after a block list's dash",
    files: {
      '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace(
        'experts: [王芳, 陈建国]',
        'experts:\n  -　王芳\n  - 陈建国',
      ),
    },
    today: '2026-11-27',
    expect: [
      'unknown-person warning 2026/11/group/2026-11-20-五华区.yaml:8:3',
      'fullwidth-syntax error 2026/11/group/2026-11-20-五华区.yaml:8:4',
      'signature-mismatch error 2026/11/group/2026-11-20-五华区.yaml:15:20',
    ],
    messages: [/全角空格/],
  },
  {
    name: 'fullwidth-syntax: { name: 王芳，date: … } (a file that no longer parses)',
    files: {
      '2026/11/record/2026-11-24-张丽.yaml': RECORD.replace(
        'supervisor: { name: 王芳, date',
        'supervisor: { name: 王芳，date',
      ),
    },
    today: '2026-11-27',
    expect: ['fullwidth-syntax error 2026/11/record/2026-11-24-张丽.yaml:14:25'],
  },
  {
    name: 'a Chinese comma inside prose in a flow list is not a slip',
    files: {
      '2026/11/log/2026-11-27-李明.yaml': LOG.replace(
        'plan:\n  - 撰写月度总结',
        'plan: [上午整理资料，下午走访红云街道社工站]',
      ),
    },
    today: '2026-11-27',
    expect: [],
  },
  {
    name: 'a full-width rating ５ reads as 5',
    files: {
      '2026/11/survey/2026-11-20-五华区.yaml':
        'form: survey\ncounty: 五华区\ndate: 2026-11-20\nresponses:\n  - [５, 4, 5, ４, 3, 5, 5]\n',
    },
    today: '2026-11-27',
    expect: [],
  },

  // Issue 12 §4: control characters are named, with how to fix them; tab, LF and CR are fine.
  {
    name: 'invalid-value: a vertical tab (U+000B) in a text',
    files: {
      '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace(
        'advice: 服务台账按项目分册，每册按月份排列。',
        'advice: "服务台账按项目分册，\\x0b每册按月份排列。"',
      ),
    },
    today: '2026-11-27',
    expect: ['invalid-value error 2026/11/group/2026-11-20-五华区.yaml:11:9'],
    messages: [/督导建议：含有看不见的控制字符 U\+000B.*请删掉它/],
  },
  {
    name: 'invalid-value: a raw U+0001 in a plain value',
    files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('address: 红云', 'address: \u0001红云') },
    today: '2026-11-27',
    expect: ['invalid-value error 2026/11/group/2026-11-20-五华区.yaml:4:10'],
    messages: [/督导地址：含有看不见的控制字符 U\+0001/],
  },
  {
    name: 'invalid-value: an ESC (U+001B) in a list item',
    files: { '2026/11/log/2026-11-27-李明.yaml': LOG.replace('  - 撰写月度总结', '  - "撰写\\e[31m月度总结"') },
    today: '2026-11-27',
    expect: ['invalid-value error 2026/11/log/2026-11-27-李明.yaml:10:5'],
    messages: [/U\+001B/],
  },
  {
    name: 'invalid-value: a form feed (U+000C) at the end, which trimming would hide',
    files: {
      '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace(
        'advice: 服务台账按项目分册，每册按月份排列。',
        'advice: "服务台账按项目分册。\\f"',
      ),
    },
    today: '2026-11-27',
    expect: ['invalid-value error 2026/11/group/2026-11-20-五华区.yaml:11:9'],
    messages: [/U\+000C/],
  },
  {
    name: 'tab, line feed and carriage return are fine',
    files: {
      '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace(
        'advice: 服务台账按项目分册，每册按月份排列。',
        'advice: "服务台账按项目分册，\\t每册\\r\\n按月份排列。"',
      ),
    },
    today: '2026-11-27',
    expect: [],
  },
];

/**
 * The cases run check() in-process: `check --format json` prints exactly its result (formatJson: the
 * diagnostics and summary as they are; its notes go to stderr, and exit 1 is "an error among them"). The
 * spawned path itself, argv to JSON and exit code, is covered by check.test.ts's "(spawned)" cases (one per
 * rule, the same command on a fixture folder) and by the spawned tests below in this file. A spawn costs
 * ~0.25 s of CPU; these 39 cases were a quarter of this file's.
 */
describe('kmsw check: trust (issue 11), case by case', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = folder(c.files);
      const rules = c.args?.[0] === '--rule' ? [c.args[1]!] : undefined;
      expect(c.args?.length ?? 0).toBe(rules ? 2 : 0);
      const result = await check({ root: dir, today: c.today, rules });
      const diagnostics = result.diagnostics;
      expect(result.notes).toEqual([]);
      expect(diagnostics.map(brief)).toEqual(c.expect);
      expect(result.summary.errors).toBe(diagnostics.filter((d) => d.severity === 'error').length);
      for (const m of c.messages ?? []) expect(diagnostics.map((d) => d.message).join('\n')).toMatch(m);
    });
  }
});

const json = (dir: string, args: string[]) => {
  const run = kmsw(args, { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
};

/** The same in-process, through main() (as checkJsonIn). */
const jsonIn = async (dir: string, args: string[]) => {
  const run = await kmswInProcess(args, { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
};

describe('status counts only logs that pass their own rules (11.6)', () => {
  it('an empty scaffold and an unparsable log are days with errors, not written, and never 齐全', async () => {
    const dir = folder({ 'kmsw.yaml': FROM_26, [LOG26]: EMPTY_LOG });
    const status = json(dir, ['--today', '2026-11-27', 'status', '--format', 'json']);
    expect(status.logs.assistants).toEqual([
      { name: '李明', expected: 2, written: 1, missing: [], faulty: [{ day: '2026-11-26', files: [LOG26] }] },
    ]);
    const text = kmsw(['--today', '2026-11-27', 'status'], { cwd: dir }).stdout;
    expect(text).toContain('  李明          █████░░░░░ 1/2  1 天的日志有错误：11-26（kmsw check 查看）');
    expect(text).not.toContain('齐全');

    writeFileSync(path.join(dir, LOG26), 'form: log\nauthor: "李明\n');
    // In-process, through main() (status above is the binary's, in text and JSON).
    const broken = await jsonIn(dir, ['--today', '2026-11-27', 'status', '--format', 'json']);
    expect(broken.logs.assistants[0]).toMatchObject({
      written: 1,
      missing: [],
      faulty: [{ day: '2026-11-26', files: [LOG26] }],
    });
  });

  // In-process, through main() (the test above spawns status, in text and JSON).
  it('a log with only warnings counts as written; a day with no file is missing', async () => {
    const dir = folder({ 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => `${t}remark: 下午开会\n`) });
    expect(
      (await jsonIn(dir, ['--today', '2026-11-27', 'status', '--format', 'json'])).logs.assistants[0],
    ).toMatchObject({
      written: 2,
      missing: [],
      faulty: [],
    });
    expect((await kmswInProcess(['--today', '2026-11-27', 'status'], { cwd: dir })).stdout).toContain(
      '  李明          ██████████ 2/2  齐全 ✓',
    );
    rmSync(path.join(dir, LOG26));
    expect(
      (await jsonIn(dir, ['--today', '2026-11-27', 'status', '--format', 'json'])).logs.assistants[0],
    ).toMatchObject({
      written: 1,
      missing: ['2026-11-26'],
      faulty: [],
    });
  });
});

describe('a session counts once, in status, check --year and the checklist (11.8)', () => {
  const quotaOf = (
    status: { quotas: Array<{ county?: string; what: string; quarter?: number; count: number; files: string[] }> },
    county: string | undefined,
    what: string,
    quarter?: number,
  ) => status.quotas.find((q) => q.county === county && q.what === what && q.quarter === quarter)!;
  const SECOND = '2026/11/group/2026-11-20-五华区-赵雪.yaml';

  it('two records of one face-to-face session: 1/2 on site, not 2/2', async () => {
    const dir = folder({ [SECOND]: GROUP });
    const status = json(dir, ['--today', '2026-11-27', 'status', '--format', 'json']);
    expect(quotaOf(status, '五华区', 'on-site')).toMatchObject({
      count: 1,
      files: ['2026/11/group/2026-11-20-五华区.yaml', SECOND],
    });
    expect(quotaOf(status, '五华区', 'face-to-face')).toMatchObject({ count: 1 });
    // The text in-process, through main() (status JSON, check --year and tally here are the binary's).
    expect((await kmswInProcess(['--today', '2026-11-27', 'status'], { cwd: dir })).stdout).toContain(
      '  五华区        ██████████ 1/1 ✓        █████░░░░░ 1/2',
    );
    const { diagnostics } = checkJson(dir, '2026-11-27', ['--year', '2026', '--rule', 'quota']);
    expect(diagnostics.map((d) => d.message)).toContain('五华区 2026年实地团体督导（线下）1/2次，尚未达到要求');
    const tally = json(dir, ['--today', '2026-11-27', 'tally', '--month', '2026-11', '--format', 'json']);
    const row = tally.rows.find((r: { form: string }) => r.form === 'group');
    expect(row.count).toBe(1);
    expect([...row.files].sort()).toEqual([SECOND, '2026/11/group/2026-11-20-五华区.yaml']);
  });

  // This test and the two below in-process, through main() (the test above spawns status and check).
  it('two records of one online session count once in their quarter and the year', async () => {
    const online = GROUP.replace('mode: 线下', 'mode: 线上');
    const dir = folder({ '2026/11/group/2026-11-20-五华区.yaml': online, [SECOND]: online });
    const status = await jsonIn(dir, ['--today', '2026-11-27', 'status', '--format', 'json']);
    expect(quotaOf(status, undefined, 'online-quarter', 4).count).toBe(1);
    expect(quotaOf(status, undefined, 'online-year').count).toBe(1);
  });

  it("a session's duration is the longest written: one record of 1.5 hours, one of 3, is a 3-hour session", async () => {
    const dir = folder({ [SECOND]: GROUP.replace('duration: 3小时', 'duration: 1.5小时') });
    expect(
      quotaOf(await jsonIn(dir, ['--today', '2026-11-27', 'status', '--format', 'json']), '五华区', 'face-to-face')
        .count,
    ).toBe(1);
    const { diagnostics } = await checkJsonIn(dir, '2026-11-27');
    expect(diagnostics.map(brief)).toEqual([
      `session-conflict warning ${SECOND}:6:7`,
      `duration-short error ${SECOND}:12:11`,
    ]);
  });

  it('a session of 119.5 minutes is not face to face enough for the quota (exact values)', async () => {
    const dir = folder({
      '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('duration: 3小时', 'duration: 119.5分钟'),
    });
    const status = await jsonIn(dir, ['--today', '2026-11-27', 'status', '--format', 'json']);
    expect(quotaOf(status, '五华区', 'face-to-face').count).toBe(0);
    expect(quotaOf(status, '五华区', 'on-site').count).toBe(1);
  });
});

describe('quota: an ended quarter is an error, a running quarter or year a warning (11.12)', () => {
  // On duty from January: every quarter of the year is judged (one before anyone's since is not: new-user-counts).
  const FROM_JANUARY = { 'kmsw.yaml': CONFIG.replace('since: 2026-11-27', 'since: 2026-01-05') };
  // Through the binary in November; the other cases in-process, through main().
  const quota = (dir: string, today: string, year: string) =>
    checkJson(dir, today, ['--year', year, '--rule', 'quota']).diagnostics.map((d) => `${d.severity} ${d.message}`);
  const quotaIn = async (dir: string, today: string, year: string) =>
    (await checkJsonIn(dir, today, ['--year', year, '--rule', 'quota'])).diagnostics.map(
      (d) => `${d.severity} ${d.message}`,
    );

  it('in November: Q1–Q3 errors, Q4 and the year warnings', () => {
    const lines = quota(folder(FROM_JANUARY), '2026-11-27', '2026');
    expect(lines.filter((l) => l.includes('季度'))).toEqual([
      'error 全市 2026年第1季度线上团体督导 0/1次，未达到要求',
      'error 全市 2026年第2季度线上团体督导 0/1次，未达到要求',
      'error 全市 2026年第3季度线上团体督导 0/1次，未达到要求',
      'warning 全市 2026年第4季度线上团体督导 0/1次，尚未达到要求',
    ]);
    expect(lines).toContain('warning 全市 2026年线上团体督导 0/3次，尚未达到要求');
    expect(lines).toContain('warning 盘龙区 2026年面对面团体督导（线下、不少于2小时）0/1次，尚未达到要求');
  });

  it('in May: Q1 an error, Q2 a warning, Q3 and Q4 (not begun) nothing', async () => {
    const dir = folder({ ...FROM_JANUARY, '2026/11/group/2026-11-20-五华区.yaml': null });
    const lines = (await quotaIn(dir, '2026-05-10', '2026')).filter((l) => l.includes('季度'));
    expect(lines).toEqual([
      'error 全市 2026年第1季度线上团体督导 0/1次，未达到要求',
      'warning 全市 2026年第2季度线上团体督导 0/1次，尚未达到要求',
    ]);
  });

  it('a quarter met is silent; a year not begun is not behind', async () => {
    const dir = folder({ '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('mode: 线下', 'mode: 线上') });
    expect((await quotaIn(dir, '2026-11-27', '2026')).filter((l) => l.includes('第4季度'))).toEqual([]);
    expect(await quotaIn(dir, '2026-11-27', '2027')).toEqual([]);
  });

  it('after the year every shortfall is an error', async () => {
    const lines = await quotaIn(folder(FROM_JANUARY), '2027-01-05', '2026');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.startsWith('error '))).toBe(true);
  });
});

describe('personal data: starred out from the parsed YAML, in every spelling (11.13, issue 12 §5)', () => {
  const ROSTER = `${ROSTER_HEADER}  - { station: 红云街道社工站, name: 张丽, gender: 女, "age":137, hired: 2024-03, major: 社会工作, education: 本科, "salary":4217元 }
  - { station: 华山街道社工站, name: 刘洋, gender: 男, age: 30, hired: 2024-03, major: 社会工作, education: 本科, 工资: 5123, 年纪: 三十 }
  - station: 华山街道社工站
    name: 陈静
    gender: 女
    birth: 1987-03
    hired: 2023-07
    major: 社会工作
    education: 大专
    月薪: 6234元 # 六千多
    身份证号: 530111198703071234
    手机: 13812345678
    note: 身份证530111198703071235，电话 139-8765-4321
  - { station: "13912345670", name: 王五, gender: 女, age: 55, hired: 2023-07, major: 社会工作, education: 本科, 出生日期: 1969-05-06, 岁数: 57 }
`;
  const BROKEN = `form: roster
city: 昆明市
county: 盘龙区
date: 2026-11-10
assistant: 李明
staff:
  - station: 拓东街道社工站
    "age":74
    "salary":7311元
`;
  const SECRETS = [
    '137',
    '4217',
    '5123',
    '三十',
    '1987',
    '6234',
    '六千',
    '530111',
    '13812345678',
    '8765',
    '13912345670',
    '1969',
    '57',
    '74',
    '7311',
  ];

  it('neither in the excerpts nor in the messages, human or JSON, while the faults are still reported', () => {
    const dir = folder({
      '2026/11/roster/2026-11-10-五华区.yaml': ROSTER,
      '2026/11/roster/2026-11-10-盘龙区.yaml': BROKEN,
    });
    const human = kmsw(['--today', '2026-11-27', 'check'], { cwd: dir }).stdout;
    const { diagnostics } = checkJson(dir, '2026-11-27');
    const roster = diagnostics.filter((d) => d.file.includes('roster'));
    expect(roster.map((d) => `${d.rule}:${d.line}`)).toEqual([
      'invalid-value:8', // age 137: not repeated
      'unknown-field:9',
      'unknown-field:9', // 工资, 年纪
      'unknown-field:17',
      'unknown-field:18',
      'unknown-field:19', // 月薪, 身份证号, 手机
      'unknown-place:21',
      'unknown-field:21',
      'unknown-field:21', // a station named by a mobile number; 出生日期, 岁数
      'yaml-syntax:8', // the block-style "age":74 of the other roster
    ]);
    expect(roster.some((d) => d.rule === 'unknown-place' && d.message.includes('“***********”'))).toBe(true);
    const shown = human.slice(human.indexOf('2026/11/roster'));
    for (const secret of SECRETS) {
      expect(shown, secret).not.toContain(secret);
      expect(JSON.stringify(diagnostics), secret).not.toContain(secret);
    }
    // The excerpt keeps its shape: the caret still stands under the age.
    expect(shown).toContain('"age":***, hired: 2024-03');
    expect(shown).toContain('"age":**');
  });

  // Every spelling YAML has for a key and its value; the document holds no digit but the private values.
  const KEYS = [
    'age',
    'salary',
    'birth',
    '年龄',
    '薪资（数额）',
    '出生年月',
    '工资',
    '月薪',
    '年纪',
    '岁数',
    '出生日期',
    '身份证号',
    '手机',
    'salery',
    'Age',
  ];
  const quoted = (k: string) => fc.constantFrom(k, `"${k}"`, `'${k}'`);
  const secret = fc.stringMatching(/^[1-9][0-9]{1,9}(元|元\/月|岁)?$/);
  const comment = fc.constantFrom('', ' # 备注', '  # 与上月相同');
  const spelling = fc.oneof(
    // block: `key: value`, `"key":value`, `key:  value # comment`
    fc
      .tuple(fc.constantFrom(...KEYS).chain(quoted), secret, comment, fc.constantFrom(': ', ':  ', ':'))
      .map(([k, v, c, sep]) => [`    ${k}${sep}${v}${c}`]),
    // flow map inside a row
    fc
      .tuple(fc.constantFrom(...KEYS).chain(quoted), secret, fc.constantFrom(': ', ':'))
      .map(([k, v, sep]) => [`    more: { name: 甲, ${k}${sep}${v}, note: 无 }`]),
    // flow list as the value, and a nested block map under the key
    fc.tuple(fc.constantFrom(...KEYS).chain(quoted), secret, secret).map(([k, a, b]) => [`    ${k}: [${a}, ${b}]`]),
    fc
      .tuple(fc.constantFrom(...KEYS).chain(quoted), secret, comment)
      .map(([k, v, c]) => [`    ${k}:${c}`, `      monthly: ${v}`]),
    // a block text, and a comment between the key and its value
    fc.tuple(fc.constantFrom(...KEYS).chain(quoted), secret).map(([k, v]) => [`    ${k}: |`, `      ${v}`]),
    fc.tuple(fc.constantFrom(...KEYS).chain(quoted), secret).map(([k, v]) => [`    ${k}: # 见下`, `      ${v}`]),
    // an alias: the value written under another key, the private key naming it
    fc.tuple(fc.constantFrom(...KEYS).chain(quoted), secret).map(([k, v]) => [`    base: &s ${v}`, `    ${k}: *s`]),
    // a full-width colon or no space: YAML reads one text
    fc
      .tuple(fc.constantFrom(...KEYS), secret, fc.constantFrom('：', ':'))
      .map(([k, v, sep]) => [`    - ${k}${sep}${v}`]),
    // an ID-card or mobile number anywhere
    fc
      .tuple(fc.stringMatching(/^[1-9][0-9]{16}[0-9X]$/), fc.stringMatching(/^1[3-9][0-9]{9}$/))
      .map(([id, phone]) => [`    note: 身份证${id}，手机${phone}`]),
  );

  it('no digit of a private value survives any spelling, and the lines keep their width (property)', () => {
    fc.assert(
      fc.property(fc.array(spelling, { minLength: 1, maxLength: 5 }), (parts) => {
        const text = [
          'form: roster',
          'county: 五华区',
          'staff:',
          '  - name: 张丽',
          ...parts.flat(),
          '  - name: 刘洋',
          '',
        ].join('\n');
        const out = redactText(text);
        expect(out, text).not.toMatch(/[0-9]/);
        const lines = text.split('\n');
        const outLines = out.split('\n');
        expect(outLines.length).toBe(lines.length);
        for (const [i, line] of lines.entries()) {
          expect(outLines[i]!.length, line).toBe(line.length);
          if (!/[0-9]/.test(line) && !line.includes('- name: ')) continue;
          if (line.includes('- name: ')) expect(outLines[i]).toBe(line);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('one value grammar: the JSON Schema accepts what check accepts (11.14)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const schemaOf = (formKey: string, field: string) => {
    const form = FORMS.find((f) => f.key === formKey)!;
    const props = (formJsonSchema(form) as { properties: Record<string, object> }).properties;
    return ajv.compile(props[field]!);
  };
  const date = schemaOf('log', 'date');
  const month = schemaOf('monthly', 'month');
  const duration = schemaOf('group', 'duration');

  // The spellings of tests/values.test.ts's tables, and those of the issue.
  const DATES = [
    '2026-11-28',
    '2026/11/28',
    '2026.11.28',
    '2026年11月28日',
    '2026年11月28号',
    '2026 年 1 月 5 日',
    '2026-1-5',
    '２０２６－１１－２８',
    '２０２６年１１月２８日',
    '2026／11／28',
    '  2026-11-28 ',
    '2026-11-28T00:30:00+08:00',
    '2026-11-28 23:59',
    '2024-02-29',
    '2000-02-29',
    '２０２６．１１．２８',
    '2026-11-28\u3000',
  ];
  const MONTHS = ['2026-11', '2026-1', '2026/11', '2026.11', '2026年11月', '２０２６年１１月', '２０２６－１１'];
  const DURATIONS = [
    '2小时',
    '2.5小时',
    '1小时30分钟',
    '1小时30分',
    '90分钟',
    '2h',
    '1.5h',
    '90min',
    '1h30m',
    '1h30',
    '2 小时',
    '２小时',
    '3个小时',
    '2',
    '0.25h',
    '１．５ｈ',
    '90ｍｉｎ',
    '1H30M',
    '2 Hours',
    '１ｈ３０ｍ',
    2,
    1.5,
  ];

  it.each(DATES)('date %j: check reads it and the schema takes it', (s) => {
    expect(parseDate(s).ok).toBe(true);
    expect(date(s), JSON.stringify(date.errors)).toBe(true);
  });
  it.each(MONTHS)('month %j', (s) => {
    expect(parseMonth(s).ok).toBe(true);
    expect(month(s), JSON.stringify(month.errors)).toBe(true);
  });
  it.each(DURATIONS)('duration %j', (s) => {
    expect(parseDuration(s).ok).toBe(true);
    expect(duration(s), JSON.stringify(duration.errors)).toBe(true);
  });

  // Strings made of the grammar's own pieces, half- and full-width: whatever the parser reads, the schema takes.
  const piece = (items: string[]) =>
    fc.constantFrom(
      ...items,
      ...items.map((p) => p.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))),
    );
  const digits = fc.integer({ min: 0, max: 3000 }).map(String);
  const dateLike = fc
    .array(fc.oneof(digits, piece(['-', '/', '.', '年', '月', '日', '号', ' ', 'T', ':', 'Z', '+08:00', '\u3000'])), {
      maxLength: 9,
    })
    .map((p) => p.join(''));
  const durationLike = fc
    .array(
      fc.oneof(
        digits,
        piece([
          '.',
          '小时',
          '个小时',
          '钟头',
          '分钟',
          '分',
          'h',
          'H',
          'hr',
          'hours',
          'm',
          'min',
          'Min',
          'minutes',
          ' ',
        ]),
      ),
      { maxLength: 6 },
    )
    .map((p) => p.join(''));

  it('a date or a month check reads is one the schema takes (property)', () => {
    fc.assert(
      fc.property(dateLike, (s) => {
        if (parseDate(s).ok) expect(date(s), s).toBe(true);
        if (parseMonth(s).ok) expect(month(s), s).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('a duration check reads is one the schema takes, and the other way round (property)', () => {
    fc.assert(
      fc.property(durationLike, (s) => {
        const parsed = parseDuration(s);
        if (parsed.ok) expect(duration(s), s).toBe(true);
        // The schema cannot know the 24-hour cap or that 0 is not a duration; beyond that it refuses what check refuses.
        else if (!/大于0|不应超过/.test(parsed.reason)) expect(duration(s), s).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('the schema of a rating and an age takes their full-width digits, as check does', () => {
    const survey = FORMS.find((f) => f.key === 'survey')!;
    const validate = ajv.compile(formJsonSchema(survey));
    expect(
      validate({
        form: 'survey',
        county: '五华区',
        date: '２０２６－１１－２０',
        responses: [['５', 4, '一般', 5, 5, 5, '非常满意']],
      }),
      JSON.stringify(validate.errors),
    ).toBe(true);
    const roster = FORMS.find((f) => f.key === 'roster')!;
    const row = (formJsonSchema(roster) as { properties: { staff: { items: object } } }).properties.staff.items;
    const validRow = ajv.compile(row);
    const base = {
      station: '红云街道社工站',
      name: '张丽',
      gender: '女',
      hired: '2024-03',
      major: '社会工作',
      education: '本科',
    };
    expect(validRow({ ...base, age: '２９岁' }), JSON.stringify(validRow.errors)).toBe(true);
    expect(validRow({ ...base, age: '二十九' })).toBe(false);
  });

  it("kmsw.yaml's min-chars overrides reach the schema: a log check passes is one the schema takes", () => {
    const dir = folder({ 'kmsw.yaml': CONFIG.replace('rules: {}', 'rules:\n  min-chars: { log.content: 10 }') });
    const short = LOG.replace(/content: \|[\s\S]*?\nplan/, 'content: 上午整理资料，下午走访红云街道社工站。\nplan');
    writeFileSync(path.join(dir, '2026/11/log/2026-11-27-李明.yaml'), short);
    expect(checkJson(dir, '2026-11-27').diagnostics).toEqual([]);
    expect(kmsw(['schema'], { cwd: dir }).code).toBe(0);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(dir, 'schemas', 'log.json'), 'utf8')));
    expect(
      validate({
        form: 'log',
        author: '李明',
        date: '2026-11-27',
        content: '上午整理资料，下午走访红云街道社工站。',
        plan: ['撰写月度总结'],
      }),
      JSON.stringify(validate.errors),
    ).toBe(true);
  });
});

describe('11.7: a full-width slip that keeps the file from parsing hides none of its other faults', () => {
  it('missing-photo and a bad date are reported beside the fullwidth-syntax that stops the parse, at their own columns', () => {
    const sites = SITES.replace(/^( +)cap: /m, '$1cap：').replace(/photos: \[[^\]\n]*\]/, (list) =>
      list.replace(/\]$/, ', photos/2026-11/nope.png]'),
    );
    const record = RECORD.replace(/^type: /m, 'type：').replace(/^date: 2026-11-24$/m, 'date：2026-11-31');
    expect(sites).toMatch(/cap：/);
    expect(record).toMatch(/date：2026-11-31/);
    const dir = folder({
      '2026/11/sites/2026-11-26-五华区.yaml': sites,
      '2026/11/record/2026-11-24-张丽.yaml': record,
    });
    const { diagnostics } = checkJson(dir, '2026-11-28', ['2026/11/sites', '2026/11/record']);
    const found = diagnostics.map((d) => `${d.file.split('/')[2]} ${d.line}:${d.column} ${d.rule}`);
    const line = (text: string, re: RegExp) => text.split('\n').findIndex((l) => re.test(l)) + 1;
    const photoLine = line(sites, /nope\.png/);
    const photoColumn = sites.split('\n')[photoLine - 1]!.indexOf('photos/2026-11/nope.png') + 1;
    expect(found).toContain(
      `sites ${line(sites, /cap：/)}:${sites.split('\n')[line(sites, /cap：/) - 1]!.indexOf('：') + 1} fullwidth-syntax`,
    );
    expect(found).toContain(`sites ${photoLine}:${photoColumn} missing-photo`);
    // The date's own column in the file as written: just after the full-width colon.
    expect(found).toContain(`record ${line(record, /^date：/)}:6 invalid-value`);
  });
});

describe('personal data: a comma inside a private number', () => {
  it('`salary: 4,321元` in a flow row: neither part is shown, and the stray key is explained without repeating it', () => {
    const roster = `${ROSTER_HEADER}  - { station: 红云街道社工站, name: 张丽, gender: 女, age: 30, hired: 2024-03, major: 社会工作, education: 本科, salary: 4,321元 }
`;
    const dir = folder({ '2026/11/roster/2026-11-10-五华区.yaml': roster });
    const human = kmsw(['--today', '2026-11-27', 'check', '2026/11/roster'], { cwd: dir }).stdout;
    const { diagnostics } = checkJson(dir, '2026-11-27', ['2026/11/roster']);
    expect(diagnostics.map((d) => `${d.rule}:${d.line}`)).toEqual(['unknown-field:8']);
    expect(diagnostics[0]!.message).toMatch(/以数字开头的键.*逗号/);
    for (const secret of ['4,321', '321元', ',321']) {
      expect(human, secret).not.toContain(secret);
      expect(JSON.stringify(diagnostics), secret).not.toContain(secret);
    }
  });
});
