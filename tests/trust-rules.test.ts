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
import { redactText } from '../src/format/redact.js';
import { formJsonSchema } from '../src/forms/json-schema.js';
import { FORMS } from '../src/forms/index.js';
import { parseDate, parseMonth } from '../src/values/date.js';
import { parseDuration } from '../src/values/duration.js';
import { ROOT, kmsw, tempFolder } from './helpers.js';

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

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
  field?: string;
}

function checkJson(dir: string, today: string, args: string[] = []) {
  const run = kmsw(['--today', today, 'check', '--format', 'json', ...args], { cwd: dir });
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
  { name: 'missing-log: a day without a file is missing (the control case)', files: { 'kmsw.yaml': FROM_26 }, today: '2026-11-27', expect: ['missing-log warning kmsw.yaml:4:7'], messages: [/李明 2026-11-26（工作日）没有督导工作日志/] },
  { name: 'missing-log: an unparsable log is not a missing day', files: { 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => t.replace('date: 2026-11-26', 'date: "2026-11-26')) }, today: '2026-11-27', expect: [`yaml-syntax error ${LOG26}:3:7`] },
  { name: 'missing-log: an impossible date', files: { 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => t.replace('date: 2026-11-26', 'date: 2026-11-31')) }, today: '2026-11-27', expect: [`invalid-value error ${LOG26}:3:7`] },
  { name: 'missing-log: an unreadable date', files: { 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => t.replace('date: 2026-11-26', 'date: 昨天')) }, today: '2026-11-27', expect: [`invalid-value error ${LOG26}:3:7`] },
  { name: 'missing-log: the author misspelt', files: { 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => t.replace('author: 李明', 'author: 李名')) }, today: '2026-11-27', expect: [`unknown-person warning ${LOG26}:2:9`] },
  { name: 'missing-log: the author key misspelt', files: { 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => t.replace('author: 李明', 'auther: 李明')) }, today: '2026-11-27', expect: [`required error ${LOG26}:1:1`, `unknown-field warning ${LOG26}:2:1`] },
  { name: 'missing-log: an empty scaffold', files: { 'kmsw.yaml': FROM_26, [LOG26]: EMPTY_LOG }, today: '2026-11-27', expect: [`required error ${LOG26}:4:10`, `required error ${LOG26}:6:4`] },
  { name: 'missing-log: a full-width colon', files: { 'kmsw.yaml': FROM_26, [LOG26]: log26((t) => t.replace('date: 2026-11-26', 'date：2026-11-26')) }, today: '2026-11-27', expect: [`fullwidth-syntax error ${LOG26}:3:5`] },
  { name: 'missing-log: a broken -2 copy also names the day', files: { 'kmsw.yaml': FROM_26, '2026/11/log/2026-11-26-李明-2.yaml': 'form: log\nauthor: [' }, today: '2026-11-27', expect: ['yaml-syntax error 2026/11/log/2026-11-26-李明-2.yaml:2:10'] },
  { name: 'missing-log: a file that is not a record (a list)', files: { 'kmsw.yaml': FROM_26, [LOG26]: '- 上午整理资料\n' }, today: '2026-11-27', expect: [`unknown-form error ${LOG26}:1:1`] },
  {
    name: 'missing-monthly: a broken summary is not a missing one',
    files: { '2026/11/monthly/2026-11-李明.yaml': 'form: monthly\nauthor: 李明\nmonth: 2026-13\n' },
    today: '2026-12-02',
    args: ['--rule', 'missing-monthly'],
    expect: [],
  },
  { name: 'missing-monthly: an unparsable summary', files: { '2026/11/monthly/2026-11-李明.yaml': 'form: monthly\nauthor: "李明\n' }, today: '2026-12-02', args: ['--rule', 'missing-monthly'], expect: [] },
  { name: 'missing-monthly: the control case', files: {}, today: '2026-12-02', args: ['--rule', 'missing-monthly'], expect: ['missing-monthly warning kmsw.yaml:4:7'] },

  // 11.7: one bad field hides none of the record's other checks.
  {
    name: 'missing-photo in a sites row that has another bad cell',
    files: { '2026/11/sites/2026-11-26-五华区.yaml': SITES.replace('office: 独用', 'office: 独占').replace('photos/门牌.png', 'photos/没有.png') },
    today: '2026-11-27',
    expect: ['invalid-value error 2026/11/sites/2026-11-26-五华区.yaml:9:13', 'missing-photo error 2026/11/sites/2026-11-26-五华区.yaml:17:14'],
  },
  {
    name: 'signature-mismatch beside a signature date that does not read',
    files: { '2026/11/record/2026-11-24-张丽.yaml': RECORD.replace('supervisor: { name: 王芳, date: 2026-11-24 }', 'supervisor: { name: 陈建国, date: 2026-11-32 }') },
    today: '2026-11-27',
    expect: ['signature-mismatch error 2026/11/record/2026-11-24-张丽.yaml:14:23', 'invalid-value error 2026/11/record/2026-11-24-张丽.yaml:14:34'],
  },
  {
    name: "the supervisor's signature is still checked when the worker's does not read",
    files: { '2026/11/record/2026-11-24-张丽.yaml': RECORD.replace('worker: { name: 张丽, date: 2026-11-24 }', 'worker: { name: 张丽, date: 明天 }').replace('supervisor: { name: 王芳', 'supervisor: { name: 陈建国') },
    today: '2026-11-27',
    expect: ['invalid-value error 2026/11/record/2026-11-24-张丽.yaml:13:29', 'signature-mismatch error 2026/11/record/2026-11-24-张丽.yaml:14:23'],
  },
  {
    name: 'signature-mismatch when the session date does not read',
    files: { '2026/11/record/2026-11-24-张丽.yaml': RECORD.replace('date: 2026-11-24\n', 'date: 2026-11-31\n').replace('supervisor: { name: 王芳', 'supervisor: { name: 陈建国') },
    today: '2026-11-27',
    expect: ['invalid-value error 2026/11/record/2026-11-24-张丽.yaml:6:7', 'signature-mismatch error 2026/11/record/2026-11-24-张丽.yaml:14:23'],
  },

  // 11.8: a session counts once; records that disagree get session-conflict.
  {
    name: 'session-conflict: two records of one session disagree on experts and duration',
    files: { '2026/11/group/2026-11-20-五华区-赵雪.yaml': GROUP.replace('experts: [王芳, 陈建国]', 'experts: [王芳]').replace('duration: 3小时', 'duration: 2.5小时') },
    today: '2026-11-27',
    expect: ['session-conflict warning 2026/11/group/2026-11-20-五华区-赵雪.yaml:6:7'],
    messages: [/与 2026\/11\/group\/2026-11-20-五华区\.yaml 是同一次督导（五华区 2026-11-20 线下），但督导专家不同（王芳；那份写的是 王芳、陈建国），督导时长不同（2小时30分钟；那份写的是 3小时）/],
  },
  { name: 'session-conflict: records that agree (experts in another order) are silent', files: { '2026/11/group/2026-11-20-五华区-赵雪.yaml': GROUP.replace('experts: [王芳, 陈建国]', 'experts: [陈建国, 王芳]') }, today: '2026-11-27', expect: [] },
  { name: 'session-conflict: another mode is another session', files: { '2026/11/group/2026-11-20-五华区-赵雪.yaml': GROUP.replace('mode: 线下', 'mode: 线上').replace('duration: 3小时', 'duration: 1小时') }, today: '2026-11-27', expect: [] },

  // 11.9: the exact value against the 2-hour rule, and only face to face.
  { name: 'duration-short: 119.5分钟 is short', files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('duration: 3小时', 'duration: 119.5分钟') }, today: '2026-11-27', expect: ['duration-short error 2026/11/group/2026-11-20-五华区.yaml:12:11'], messages: [/督导时长是 1小时59\.5分钟，线下团体督导要求不少于 2小时/] },
  { name: 'duration-short: 1.995h is short', files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('duration: 3小时', 'duration: 1.995h') }, today: '2026-11-27', expect: ['duration-short error 2026/11/group/2026-11-20-五华区.yaml:12:11'], messages: [/1小时59\.7分钟/] },
  { name: 'duration-short: a bare 1.999 (hours) is short', files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('duration: 3小时', 'duration: 1.999') }, today: '2026-11-27', expect: ['duration-short error 2026/11/group/2026-11-20-五华区.yaml:12:11'] },
  { name: 'duration-short: exactly 2 hours is enough', files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('duration: 3小时', 'duration: 120分钟') }, today: '2026-11-27', expect: [] },
  { name: 'duration-short: an online session of 1.5 hours is not held to it', files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('mode: 线下', 'mode: 线上').replace('duration: 3小时', 'duration: 1.5小时') }, today: '2026-11-27', expect: [] },

  // 11.10: full-width slips in flow style, at their column.
  { name: 'fullwidth-syntax: { name：王芳 } in a flow map', files: { '2026/11/record/2026-11-24-张丽.yaml': RECORD.replace('supervisor: { name: 王芳', 'supervisor: { name：王芳') }, today: '2026-11-27', expect: ['signature-missing warning 2026/11/record/2026-11-24-张丽.yaml:14:15', 'fullwidth-syntax error 2026/11/record/2026-11-24-张丽.yaml:14:21'], messages: [/“name”后面是中文冒号“：”/] },
  { name: 'fullwidth-syntax: { name:　王芳 } (a full-width space)', files: { '2026/11/record/2026-11-24-张丽.yaml': RECORD.replace('supervisor: { name: 王芳', 'supervisor: { name:　王芳') }, today: '2026-11-27', expect: ['signature-missing warning 2026/11/record/2026-11-24-张丽.yaml:14:15', 'fullwidth-syntax error 2026/11/record/2026-11-24-张丽.yaml:14:22'], messages: [/全角空格/] },
  { name: 'fullwidth-syntax: [王芳，陈建国] in a flow list of names', files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('experts: [王芳, 陈建国]', 'experts: [王芳，陈建国]') }, today: '2026-11-27', expect: ['unknown-person warning 2026/11/group/2026-11-20-五华区.yaml:7:11', 'fullwidth-syntax error 2026/11/group/2026-11-20-五华区.yaml:7:13', 'signature-mismatch error 2026/11/group/2026-11-20-五华区.yaml:13:20'], messages: [/中文逗号/] },
  { name: 'fullwidth-syntax: { name: 王芳，date: … } (a file that no longer parses)', files: { '2026/11/record/2026-11-24-张丽.yaml': RECORD.replace('supervisor: { name: 王芳, date', 'supervisor: { name: 王芳，date') }, today: '2026-11-27', expect: ['fullwidth-syntax error 2026/11/record/2026-11-24-张丽.yaml:14:25'] },
  { name: 'a Chinese comma inside prose in a flow list is not a slip', files: { '2026/11/log/2026-11-27-李明.yaml': LOG.replace('plan:\n  - 撰写月度总结', 'plan: [上午整理资料，下午走访红云街道社工站]') }, today: '2026-11-27', expect: [] },
  {
    name: 'a full-width rating ５ reads as 5',
    files: { '2026/11/survey/2026-11-20-五华区.yaml': 'form: survey\ncounty: 五华区\ndate: 2026-11-20\nresponses:\n  - [５, 4, 5, ４, 3, 5, 5]\n' },
    today: '2026-11-27',
    expect: [],
  },

  // Issue 12 §4: control characters are named, with how to fix them; tab, LF and CR are fine.
  {
    name: 'invalid-value: a vertical tab (U+000B) in a text',
    files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('advice: 服务台账按项目分册，每册按月份排列。', 'advice: "服务台账按项目分册，\\x0b每册按月份排列。"') },
    today: '2026-11-27',
    expect: ['invalid-value error 2026/11/group/2026-11-20-五华区.yaml:11:9'],
    messages: [/督导建议：含有看不见的控制字符 U\+000B.*请删掉它/],
  },
  { name: 'invalid-value: a raw U+0001 in a plain value', files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('address: 红云', 'address: \u0001红云') }, today: '2026-11-27', expect: ['invalid-value error 2026/11/group/2026-11-20-五华区.yaml:4:10'], messages: [/督导地址：含有看不见的控制字符 U\+0001/] },
  { name: 'invalid-value: an ESC (U+001B) in a list item', files: { '2026/11/log/2026-11-27-李明.yaml': LOG.replace('  - 撰写月度总结', '  - "撰写\\e[31m月度总结"') }, today: '2026-11-27', expect: ['invalid-value error 2026/11/log/2026-11-27-李明.yaml:10:5'], messages: [/U\+001B/] },
  { name: 'tab, line feed and carriage return are fine', files: { '2026/11/group/2026-11-20-五华区.yaml': GROUP.replace('advice: 服务台账按项目分册，每册按月份排列。', 'advice: "服务台账按项目分册，\\t每册\\r\\n按月份排列。"') }, today: '2026-11-27', expect: [] },
];

describe('kmsw check: trust (issue 11), case by case', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const dir = folder(c.files);
      const { code, diagnostics } = checkJson(dir, c.today, c.args);
      if (process.env.SHOW) console.log(c.name, JSON.stringify(diagnostics.map((d) => `${brief(d)} ${d.message}`), null, 1));
      expect(diagnostics.map(brief)).toEqual(c.expect);
      expect(code).toBe(diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
      for (const m of c.messages ?? []) expect(diagnostics.map((d) => d.message).join('\n')).toMatch(m);
    });
  }
});
