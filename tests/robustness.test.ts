/**
 * Nothing a user writes may crash kmsw or be lost (issue 6). Bad input: every broken file of one
 * folder gets its own clear diagnostic in one run, with no stack trace, while the good files are
 * still checked. Unusual but valid input passes. Personal data never reaches the screen.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/rules/types.js';
import { stringify } from 'yaml';
import { check } from '../src/commands/check.js';
import { KmswError } from '../src/errors.js';
import { formatHuman } from '../src/format/diagnostics.js';
import { walkFieldDefs } from '../src/forms/fields.js';
import { FORMS } from '../src/forms/index.js';
import { RULE_IDS } from '../src/rules/index.js';
import { kmsw, ROOT, ROSTER_HEADER, snapshot, tempFolder, type Run } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const CLEAN = path.join(ROOT, 'tests', 'fixtures', 'clean');
const read = (rel: string) => readFileSync(path.join(CLEAN, rel), 'utf8');
const LOG = read('2026/11/log/2026-11-27-李明.yaml');
const GROUP = read('2026/11/group/2026-11-20-五华区.yaml');
const RECORD = read('2026/11/record/2026-11-24-张丽.yaml');

/** A log that is valid but for what `change` does to it, dated `day` (so no two are duplicates). */
const log = (day: number, change: (text: string) => string = (t) => t) =>
  change(LOG.replace('date: 2026-11-27', `date: 2026-11-${String(day).padStart(2, '0')}`));
const content = (replacement: string) => (t: string) => t.replace(/content: \|[\s\S]*?\n(?=plan)/, replacement);

const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const swapBytes = (b: Buffer) => {
  const c = Buffer.from(b);
  for (let i = 0; i + 1 < c.length; i += 2) [c[i], c[i + 1]] = [c[i + 1]!, c[i]!];
  return c;
};
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;

interface Bad {
  name: string;
  /** Relative to the records folder. */
  file: string;
  bytes: string | Buffer;
  /** Every diagnostic the file must get, as `rule:line`. */
  expect: string[];
  message?: RegExp;
}

const L = (slug: string, day = 20) => `2026/11/log/2026-11-${String(day).padStart(2, '0')}-${slug}.yaml`;

// Each bad input of issue 6, and a few more that hand-editing produces.
const BAD: Bad[] = [
  {
    name: 'GBK',
    file: L('gbk'),
    bytes: readFileSync(path.join(ROOT, 'tests/fixtures/encoding-gbk/2026/11/log/2026-11-26-李明.yaml')),
    expect: ['encoding:1'],
    message: /GBK\/GB18030，不是 UTF-8/,
  },
  {
    name: 'GB18030 (four-byte sequences)',
    file: L('gb18030'),
    bytes: Buffer.concat([
      Buffer.from('form: log\nauthor: '),
      Buffer.from([0xc0, 0xee, 0xc3, 0xf7, 0x81, 0x30, 0x81, 0x30, 0x95, 0x32, 0x82, 0x36]),
      Buffer.from('\n'),
    ]),
    expect: ['encoding:1'],
    message: /GBK\/GB18030/,
  },
  {
    name: 'UTF-16 LE with a BOM',
    file: L('utf16le-bom'),
    bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(LOG)]),
    expect: ['encoding:1'],
    message: /UTF-16 LE，不是 UTF-8/,
  },
  {
    name: 'UTF-16 BE with a BOM',
    file: L('utf16be-bom'),
    bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), swapBytes(utf16le(LOG))]),
    expect: ['encoding:1'],
    message: /UTF-16 BE，不是 UTF-8/,
  },
  {
    name: 'UTF-16 without a BOM, mostly Chinese',
    file: L('utf16le'),
    bytes: utf16le(LOG),
    expect: ['encoding:1'],
    message: /UTF-16，不是 UTF-8/,
  },
  {
    name: 'binary junk',
    file: L('junk'),
    bytes: Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256))),
    expect: ['encoding:1'],
  },
  {
    name: 'a PNG named .yaml',
    file: L('png'),
    bytes: Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]),
    expect: ['encoding:1'],
    message: /照片或 Word 文件/,
  },
  {
    name: 'a .docx named .yaml',
    file: L('docx'),
    bytes: Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(200)]),
    expect: ['encoding:1'],
    message: /照片或 Word 文件/,
  },
  {
    name: 'NUL bytes in UTF-8 text',
    file: L('nul'),
    bytes: 'form: log\nauthor: 李明\u0000\u0000\ndate: 2026-11-20\n',
    expect: ['encoding:1'],
    message: /空字符/,
  },
  { name: 'an empty file', file: L('empty'), bytes: '', expect: ['unknown-form:1'], message: /文件是空的/ },
  {
    name: 'only blank lines',
    file: L('blank'),
    bytes: '   \n\n\t\n',
    expect: ['unknown-form:1'],
    message: /文件是空的/,
  },
  {
    name: 'only comments',
    file: L('comments'),
    bytes: '# 今天的日志\n# 还没写\n',
    expect: ['unknown-form:1'],
    message: /文件是空的/,
  },
  {
    name: 'a YAML list where a map is expected',
    file: L('list'),
    bytes: '- form: log\n- author: 李明\n',
    expect: ['unknown-form:1'],
    message: /整个文件是一个列表/,
  },
  {
    name: 'a YAML scalar where a map is expected',
    file: L('scalar'),
    bytes: '今天去了红云街道社工站\n',
    expect: ['unknown-form:1'],
    message: /整个文件是一段文字/,
  },
  {
    name: 'form: a number',
    file: L('form-number'),
    bytes: 'form: 123\nauthor: 李明\ndate: 2026-11-20\n',
    expect: ['unknown-form:1'],
    message: /“123”不是表格名称/,
  },
  {
    name: 'form: a list',
    file: L('form-list'),
    bytes: 'form: [log]\nauthor: 李明\ndate: 2026-11-20\n',
    expect: ['unknown-form:1'],
  },
  {
    name: 'form: blank',
    file: L('form-null'),
    bytes: 'form:\nauthor: 李明\ndate: 2026-11-20\n',
    expect: ['unknown-form:1'],
    message: /缺少 form/,
  },
  {
    name: 'a file over 1 MiB',
    file: L('huge', 2),
    bytes: `${log(2)}note: "${'很'.repeat(400_000)}"\n`,
    expect: ['too-large:1'],
    message: /超过 1 MiB/,
  },
  {
    name: 'an alias bomb (billion laughs)',
    file: L('alias-bomb'),
    bytes: [
      'form: log',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(',')}]`,
      ),
      '',
    ].join('\n'),
    expect: ['too-large:1'],
    message: /别名/,
  },
  {
    name: '10,000 nested flow lists',
    file: L('deep-lists'),
    bytes: `form: log\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    expect: ['too-large:1'],
    message: /嵌套层数太多/,
  },
  {
    name: '10,000 nested flow maps',
    file: L('deep-maps'),
    bytes: `form: log\nx: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
    expect: ['too-large:1'],
    message: /嵌套层数太多/,
  },
  {
    name: 'a very long broken line (an unclosed quote 300,000 字 long)',
    file: L('long-broken'),
    bytes: `form: log\nauthor: 李明\ndate: 2026-11-20\ncontent: "${'社工站督导'.repeat(60_000)}\n`,
    expect: ['yaml-syntax:4'],
    message: /引号没有收尾/,
  },
  {
    name: 'an impossible date',
    file: L('feb30', 3),
    bytes: log(3, (t) => t.replace('date: 2026-11-03', 'date: 2026-02-30')),
    expect: ['invalid-value:3'],
    message: /2026年2月没有30日/,
  },
  {
    name: 'a thirteenth month',
    file: L('month13', 4),
    bytes: log(4, (t) => t.replace('date: 2026-11-04', 'date: 2026-13-01')),
    expect: ['invalid-value:3'],
    message: /没有13月/,
  },
  {
    name: 'a list where text is expected',
    file: L('content-list', 5),
    bytes: log(5, content('content: [上午整理资料, 下午走访]\n')),
    expect: ['invalid-value:4'],
    message: /应为文字，不是列表/,
  },
  {
    name: 'a map where text is expected',
    file: L('content-map', 6),
    bytes: log(6, content('content:\n  上午: 整理资料\n  下午: 走访\n')),
    expect: ['invalid-value:5'],
    message: /应为文字/,
  },
  {
    name: 'keys named like object internals',
    file: L('proto', 9),
    bytes: `${log(9)}__proto__: { form: x }\nconstructor: 1\n`,
    expect: ['unknown-field:11', 'unknown-field:12'],
    message: /没有“constructor”这一项/,
  },
  {
    name: 'a list as a key, a number and a null key',
    file: L('complex-key', 10),
    bytes: `${log(10)}? [a, b]\n: c\n1: 2\n~: 3\n`,
    expect: ['unknown-field:1', 'unknown-field:1', 'unknown-field:13'],
    message: /（空的键）/,
  },
  {
    name: 'a lone surrogate escape',
    file: L('surrogate', 11),
    bytes: `${log(11)}note: "\\uD800"\n`,
    expect: ['unknown-field:11'],
  },
  {
    name: 'a negative duration',
    file: '2026/11/group/2026-11-20-negative.yaml',
    bytes: GROUP.replace('duration: 3小时', 'duration: -2小时'),
    expect: ['invalid-value:12'],
    message: /督导时长/,
  },
  {
    name: 'an absurd duration',
    file: '2026/11/group/2026-11-20-absurd.yaml',
    bytes: GROUP.replace('duration: 3小时', 'duration: 999小时'),
    expect: ['invalid-value:12'],
    message: /不应超过24小时/,
  },
  {
    name: 'a zero duration',
    file: '2026/11/group/2026-11-20-zero.yaml',
    bytes: GROUP.replace('duration: 3小时', 'duration: 0'),
    expect: ['invalid-value:12'],
    message: /应大于0/,
  },
  {
    name: 'signatures: null',
    file: '2026/11/record/2026-11-24-sig-null.yaml',
    bytes: RECORD.replace(/signatures:[\s\S]*$/, 'signatures: null\n'),
    expect: ['signature-missing:12', 'signature-missing:12'],
    message: /缺少签名人和签名日期/,
  },
  {
    name: 'signatures: a list',
    file: '2026/11/record/2026-11-24-sig-list.yaml',
    bytes: RECORD.replace(/signatures:[\s\S]*$/, 'signatures: [王芳, 张丽]\n'),
    expect: ['invalid-value:12', 'signature-missing:12', 'signature-missing:12'],
    message: /应为一组字段/,
  },
  {
    name: 'a county named like an object internal',
    file: '2026/11/group/2026-11-20-constructor.yaml',
    bytes: GROUP.replace('county: 五华区', 'county: constructor'),
    expect: ['unknown-place:3'],
    message: /没有“constructor”/,
  },
];

/** A folder outside the records, with a record in it, that a link points to. */
const OUTSIDE = tempFolder({}, 'kmsw-outside-');
mkdirSync(path.join(OUTSIDE, 'log'));
writeFileSync(path.join(OUTSIDE, 'log', '2026-11-21-李明.yaml'), 'form: log\n');

/** The clean fixture plus every bad file, in a folder whose path has spaces and Chinese. */
function badFolder(): string {
  const dir = tempFolder({}, 'kmsw 督导 资料 ');
  cpSync(CLEAN, dir, { recursive: true });
  for (const bad of BAD) {
    mkdirSync(path.dirname(path.join(dir, bad.file)), { recursive: true });
    writeFileSync(path.join(dir, bad.file), bad.bytes);
  }
  symlinkSync('/etc/hostname', path.join(dir, L('link-outside')));
  symlinkSync(OUTSIDE, path.join(dir, '2026/11/linked-folder'));
  return dir;
}

/** What `check --format json` prints for each problem. */
type JsonDiagnostic = Diagnostic;

describe('bad input: one run over a folder of broken files', () => {
  let dir = '';
  let before = new Map<string, string>();
  let run: Run;
  let human: Run;
  let diagnostics: JsonDiagnostic[] = [];
  beforeAll(() => {
    dir = badFolder();
    before = snapshot(dir);
    run = kmsw(['--dir', dir, '--today', '2026-11-27', 'check', '--format', 'json']);
    human = kmsw(['--dir', dir, '--today', '2026-11-27', 'check']);
    diagnostics = JSON.parse(run.stdout).diagnostics as JsonDiagnostic[];
  });
  const of = (file: string) => diagnostics.filter((d) => d.file === file);

  it('exits 1 with no stack trace and no warning from a library, in either format', () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(human.code).toBe(1);
    expect(human.stderr).toBe('');
    expect(human.stdout).not.toMatch(/\n\s+at |内部错误|TypeError|RangeError/);
  });

  it.each(BAD.map((b) => [b.name, b] as const))('%s', (_, bad) => {
    expect(of(bad.file).map((d) => `${d.rule}:${d.line}`)).toEqual(bad.expect);
    if (bad.message)
      expect(
        of(bad.file)
          .map((d) => d.message)
          .join('\n'),
      ).toMatch(bad.message);
  });

  it('a symbolic link to a file outside the folder is reported, not followed', () => {
    expect(of(L('link-outside'))).toMatchObject([
      {
        rule: 'unreadable',
        severity: 'error',
        line: 1,
        message: expect.stringContaining('符号链接（指向 /etc/hostname）'),
      },
    ]);
    expect(of('2026/11/linked-folder')).toMatchObject([
      { rule: 'unreadable', message: expect.stringContaining(`指向 ${OUTSIDE}`) },
    ]);
    expect(diagnostics.some((d) => d.file.startsWith('2026/11/linked-folder/'))).toBe(false);
  });

  it('still checks the good files: the clean fixture’s records have nothing to say', () => {
    for (const good of [
      '2026/11/log/2026-11-27-李明.yaml',
      '2026/11/group/2026-11-20-五华区.yaml',
      '2026/11/record/2026-11-24-张丽.yaml',
    ])
      expect(of(good)).toEqual([]);
    // The bad files and the clean fixture's five records; the two links are reported, not read.
    expect(JSON.parse(run.stdout).summary.files).toBe(BAD.length + 5);
  });

  it('every diagnostic names a known rule and a line inside its file', () => {
    for (const d of diagnostics) {
      expect(RULE_IDS).toContain(d.rule);
      const lines =
        d.file === 'kmsw.yaml'
          ? readFileSync(path.join(dir, d.file), 'utf8').split('\n').length
          : (BAD.find((b) => b.file === d.file)
              ?.bytes.toString()
              .split('\n').length ?? 1);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(Math.max(lines, 1));
    }
  });

  it('prints no binary junk or control characters, and no line longer than a screen', () => {
    expect(human.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    for (const line of human.stdout.split('\n')) expect(line.length).toBeLessThan(400);
  });

  it('list, tally, status and export read the same folder without a crash', async () => {
    const out = tempFolder({}, 'kmsw-out-');
    for (const args of [
      ['list'],
      ['list', '--format', 'json'],
      ['tally', '--month', '2026-11'],
      ['status', '--year', '2026'],
      ['export', '--month', '2026-11', '--out', out],
    ]) {
      // list's JSON and status in-process, through main(), which the binary runs (tests/support/in-process.ts): the
      // same reading of the folder, stderr and exit code; list, tally and export through the binary.
      const inProcess = args[0] === 'status' || args.includes('json');
      const all = ['--dir', dir, '--today', '2026-11-27', ...args];
      const r = inProcess ? await kmswInProcess(all) : kmsw(all);
      expect(r.stderr, args.join(' ')).toBe('');
      // tally and export name the broken files they leave out, and say so with exit 1.
      expect(r.code, args.join(' ')).toBe(args[0] === 'tally' || args[0] === 'export' ? 1 : 0);
      if (args[0] === 'tally' || args[0] === 'export') expect(r.stdout).toMatch(/没有计入|没有导出/);
    }
    // Three spawned commands: on 2 cores shared with other suites that can pass 30 s (the default
    // timeout, five minutes, is for a hang).
  });

  it('leaves every file as it was', () => {
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('unusual but valid input passes', () => {
  it('BOM, CRLF, tabs in block text, trailing spaces, Chinese names, a path with spaces and Chinese', () => {
    const dir = tempFolder({}, 'kmsw 督导 资料 ');
    cpSync(CLEAN, dir, { recursive: true });
    const file = path.join(dir, '2026/11/log/2026-11-27-李明.yaml');
    const text = LOG.replace('content: |\n  上午', 'content: |\n  上午\t（制表符）').replace(/\n/g, '   \r\n');
    writeFileSync(file, `\uFEFF${text}`);
    const run = kmsw(['--dir', dir, '--today', '2026-11-27', 'check', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).diagnostics.filter((d: JsonDiagnostic) => d.file !== 'kmsw.yaml')).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe('a broken or missing kmsw.yaml stops the command (exit 2) with the line of the fault', () => {
  const withConfig = (config: string | Buffer) => {
    const dir = tempFolder({}, 'kmsw-');
    cpSync(CLEAN, dir, { recursive: true });
    writeFileSync(path.join(dir, 'kmsw.yaml'), config);
    return dir;
  };

  it.each([
    ['an unclosed bracket', 'assistants: [李明\n', /kmsw\.yaml:\d+:\d+: 方括号 \[ \] 或花括号 \{ \} 没有收尾/],
    ['a tab indent', 'assistants:\n\t- { name: 李明, since: 2026-11-27 }\n', /kmsw\.yaml:2/],
    ['a list, not a map', '- 李明\n- 赵雪\n', /kmsw\.yaml/],
    ['an assistant without since', 'assistants:\n  - { name: 李明 }\n', /kmsw\.yaml:2/],
    [
      'a bad rule setting',
      `${read('kmsw.yaml').replace('rules: {}', 'rules:\n  quota: { constructor: 1 }')}`,
      /kmsw\.yaml:\d+:\d+: rules\.quota\.constructor/,
    ],
    [
      'GBK',
      Buffer.from([
        0x61, 0x73, 0x73, 0x69, 0x73, 0x74, 0x61, 0x6e, 0x74, 0x73, 0x3a, 0x20, 0xc0, 0xee, 0xc3, 0xf7, 0x0a,
      ]),
      /kmsw\.yaml/,
    ],
  ])('%s', async (name, config, where) => {
    const dir = withConfig(config);
    // The first through the command line; the others in-process: main() prints the KmswError check() throws
    // (its message, never a stack or 内部错误, which is what main says of any other error) and exits with its code.
    if (name === 'an unclosed bracket') {
      const run = kmsw(['--dir', dir, '--today', '2026-11-27', 'check']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(where);
      expect(run.stderr).not.toMatch(/\n\s+at |内部错误/);
      return;
    }
    const error = await check({ root: dir, today: '2026-11-27' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KmswError);
    expect((error as KmswError).exitCode).toBe(2);
    expect((error as KmswError).message).toMatch(where);
    expect((error as KmswError).message).not.toMatch(/\n\s+at |内部错误/);
  });

  it('no kmsw.yaml at all', () => {
    const dir = tempFolder({}, 'kmsw-');
    const run = kmsw(['check'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/kmsw\.yaml/);
    expect(run.stderr).toMatch(/kmsw init/);
  });
});

describe('personal data: check never prints an age, a birth date or a salary', () => {
  const ROSTER = `${ROSTER_HEADER}  - { station: 红云街道社工站, name: 张丽, gender: 女, age: 137, hired: 2024-03, major: 社会工作, education: 本科, salary: 3817元/月 }
  - { station: 红云街道社工站, name: 刘洋, gender: 男, age: 二十九岁, hired: 2024-03, major: 社会工作, education: 本科, salary: [3911, 4022] }
  - station: 华山街道社工站
    name: 陈静
    gender: 女
    birth: 1991-02-30
    hired: 2023-07
    major: 社会工作
    education: 大专
    salary:
      monthly: 4133
    年龄: 46
  - { station: 火星站, name: 王五, gender: 女, age: 55, hired: 2023-07, major: 社会工作, education: 本科, salery: 4244 }
  - { station: 华山街道社工站, name: 赵六, gender: 男, birth: 1987-02-29, hired: 2023-07, major: 社会工作, education: 本科 }
  - { station: 华山街道社工站, name: 孙七, gender: 男, "age": 81, hired: 2023-07, major: 社会工作, education: 本科, 'salary': [4355] }
`;
  const SECRETS = ['137', '二十九', '3817', '3911', '4022', '1991', '4133', '46', '4244', '1987', '55', '81', '4355'];

  it('neither in the messages nor in the excerpts, while every fault is still reported', async () => {
    const dir = tempFolder({}, 'kmsw-');
    cpSync(CLEAN, dir, { recursive: true });
    writeFileSync(path.join(dir, '2026/11/roster/2026-11-10-五华区.yaml'), ROSTER);
    // The JSON in-process, through main(), which the binary runs; what a person reads (human) through the binary.
    const json = await kmswInProcess(['--dir', dir, '--today', '2026-11-27', 'check', '--format', 'json']);
    const human = kmsw(['--dir', dir, '--today', '2026-11-27', 'check']);
    const rows = (JSON.parse(json.stdout).diagnostics as JsonDiagnostic[])
      .filter((d) => d.file.includes('roster'))
      .map((d) => `${d.rule}:${d.line}`);
    expect(rows).toEqual([
      'invalid-value:8',
      'invalid-value:9',
      'invalid-value:9',
      'invalid-value:13',
      'invalid-value:18',
      'unknown-field:19',
      'unknown-place:20',
      'unknown-field:20',
      'invalid-value:21',
      'invalid-value:22',
      'invalid-value:22',
    ]);
    const roster = human.stdout.slice(human.stdout.indexOf('2026/11/roster'));
    for (const secret of SECRETS) {
      expect(json.stdout, secret).not.toContain(secret);
      expect(roster, secret).not.toContain(secret);
    }
    // The excerpt keeps its shape: the caret still stands under the age.
    expect(roster).toContain('age: ***, hired: 2024-03');
  });
});

describe('the whole check pipeline never throws (property)', () => {
  const FIELD_KEYS = [...new Set(FORMS.flatMap((f) => walkFieldDefs(f.fields).map(([key]) => key)))];
  const scalar = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(
      '2026-11-20',
      '2026年11月20日',
      '2026-02-30',
      '2小时',
      '-1小时',
      '1h30',
      '李明',
      '王芳',
      '五华区',
      '红云街道社工站',
      '线下',
      '是',
      '非常满意',
      '0871-65110000',
    ),
  );
  const value = fc.oneof(
    scalar,
    fc.array(scalar, { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...FIELD_KEYS, 'name', 'date'), scalar, { maxKeys: 4 }),
    fc.array(fc.dictionary(fc.constantFrom(...FIELD_KEYS), scalar, { maxKeys: 5 }), { maxLength: 3 }),
  );
  const record = fc
    .tuple(
      fc.constantFrom(...FORMS.map((f) => f.key), 'x', 123),
      fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_KEYS), fc.string({ maxLength: 8 })), value, { maxKeys: 12 }),
    )
    .map(([form, fields]) => stringify({ form, ...fields }));
  // Valid YAML records, the same cut anywhere (a save interrupted), and plain junk text.
  const text = fc.oneof(
    record,
    record.chain((r) => fc.nat({ max: r.length }).map((n) => r.slice(0, n))),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
  const file = fc.record({
    form: fc.constantFrom(...FORMS.map((f) => f.key)),
    day: fc.integer({ min: 1, max: 30 }),
    slug: fc.constantFrom('李明', '赵雪', '五华区', '张丽'),
    text,
  });

  it('any files: every diagnostic has a known rule, a file that exists and a line inside it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(file, { minLength: 1, maxLength: 6 }), async (files) => {
        const dir = tempFolder({}, 'kmsw-prop-');
        try {
          cpSync(path.join(CLEAN, 'kmsw.yaml'), path.join(dir, 'kmsw.yaml'));
          const lines = new Map<string, number>([['kmsw.yaml', read('kmsw.yaml').split('\n').length]]);
          files.forEach((f, i) => {
            const rel = `2026/11/${f.form}/2026-11-${String(f.day).padStart(2, '0')}-${f.slug}-${i}.yaml`;
            mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
            writeFileSync(path.join(dir, rel), f.text);
            lines.set(rel, f.text.split('\n').length);
          });
          const result = await check({ root: dir, today: '2026-11-27' });
          formatHuman(result, { root: dir, color: true });
          for (const d of result.diagnostics) {
            expect(RULE_IDS).toContain(d.rule);
            expect(lines.has(d.file), d.file).toBe(true);
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.line).toBeLessThanOrEqual(lines.get(d.file)!);
            expect(d.column).toBeGreaterThanOrEqual(1);
            expect(d.message.length).toBeGreaterThan(0);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 150 },
    );
  });
});
