/**
 * The records folder is untrusted input (issue 12 §1–§3, issue 11.5, 11.11, 11.15): a teammate can
 * commit a symbolic link, a FIFO, an odd file name or a far-off date. Nothing is read or written
 * outside the folder, only regular files are read, every command terminates, and whatever kmsw
 * skips it names. Every case that could hang (a FIFO, /dev/zero, a link, a pattern) runs the real binary with a
 * timeout: a regression fails, not hangs. Some commands over regular files only run in-process, through main().
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, CONFIG, EXAMPLE, EXAMPLE_RECORDS, snapshot, tempFolder } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';
import { globMatcher, selectFiles } from '../src/records/select.js';
import { pathsInFolder, today } from '../src/cli/context.js';
import { loadConfig } from '../src/config.js';
import { KmswError } from '../src/errors.js';

const TODAY = '2026-11-30';
/** Far above what any of these takes: only a hang reaches it. */
const HANG = 120_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The real binary, killed if it runs past HANG, so that a hang is a failure. */
function run(
  args: string[],
  opts: { cwd?: string; uid?: number; gid?: number; env?: Record<string, string> } = {},
): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? os.tmpdir(),
    env: { ...process.env, NO_COLOR: '1', KMSW_USER: '', KMSW_TODAY: TODAY, ...opts.env },
    encoding: 'utf8',
    timeout: HANG,
    maxBuffer: 64 * 1024 * 1024,
    uid: opts.uid,
    gid: opts.gid,
  });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut: r.signal !== null };
}

/** A copy of records.example that the test may change. */
function example(): string {
  const dir = tempFolder({}, 'kmsw-untrusted-');
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** A folder outside the records folder, with a real picture in it. */
function elsewhere(): string {
  const dir = tempFolder({}, 'kmsw-elsewhere-');
  cpSync(path.join(EXAMPLE, 'photos/2026-11/红云街道社工站-门牌.png'), path.join(dir, 'secret.png'));
  return dir;
}

const mkfifo = (file: string) => expect(spawnSync('mkfifo', [file]).status).toBe(0);
const canFifo = spawnSync('mkfifo', ['--version']).status === 0;

const RECORD = '2026/11/record/2026-11-24-张丽.yaml';
/** kmsw in-process, through main() (tests/support/in-process.ts), as run() runs the binary: for what cannot hang. */
const inProcess = (args: string[]) => kmswInProcess(args, { cwd: os.tmpdir(), env: { KMSW_TODAY: TODAY } });
describe('12 §1: nothing is read or written outside the records folder', () => {
  it('new: a linked year folder (2026 -> /elsewhere) is refused, naming the link, and nothing is written there', () => {
    const dir = example();
    const out = elsewhere();
    renameSync(path.join(dir, '2026'), path.join(dir, '2026-real'));
    symlinkSync(out, path.join(dir, '2026'));
    const r = run(['--dir', dir, 'new', 'log', '--yes', '--as', '李明']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/2026 是一个符号链接，指向资料文件夹以外的 .*kmsw-elsewhere-/);
    expect(r.stderr).not.toMatch(/内部错误/);
    expect(readdirSync(out)).toEqual(['secret.png']);
  });

  it('new: a linked schemas/ is not written through (the record itself is still written)', async () => {
    const dir = example();
    const out = elsewhere();
    symlinkSync(out, path.join(dir, 'schemas'));
    // A day without a log yet: a second log of one day is refused before anything is written.
    // In-process, through main(), which the binary runs (tests/support/in-process.ts), as the links below that lead
    // to folders and files, nothing that could hang: the binary writes through the linked year folder above.
    const r = await inProcess(['--dir', dir, 'new', 'log', '--yes', '--as', '李明', '--set', 'date=2026-11-29']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(['secret.png']);
  });

  it.each([
    ['export', 'exports', ['export', '--month', '2026-11']],
    ['schema', 'schemas', ['schema']],
    ['templates copy', 'templates', ['templates', 'copy', 'log']],
  ])(
    '%s: a linked %s/ that leaves the folder is refused with the link named; nothing written there',
    async (_, folder, args) => {
      const dir = example();
      const out = elsewhere();
      symlinkSync(out, path.join(dir, folder));
      // export through the binary, schema and templates copy in-process.
      const r = args[0] === 'export' ? run(['--dir', dir, ...args]) : await inProcess(['--dir', dir, ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`没有写入：${folder} 是一个符号链接`);
      expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
      expect(readdirSync(out)).toEqual(['secret.png']);
    },
  );

  it('export: a template reached through a linked templates/ is refused, not read', async () => {
    const dir = example();
    const out = elsewhere();
    symlinkSync(out, path.join(dir, 'templates'));
    const r = await inProcess(['--dir', dir, 'export', '--month', '2026-11']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/templates 是一个符号链接，指向资料文件夹以外/);
    expect(existsSync(path.join(dir, 'exports'))).toBe(false);
  });

  it('a link that stays inside the folder is fine: export writes through exports -> ./out', async () => {
    const dir = example();
    mkdirSync(path.join(dir, 'out'));
    symlinkSync('out', path.join(dir, 'exports'));
    const r = await inProcess(['--dir', dir, 'export', '--month', '2026-11', '--only', 'checklist']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'out/2026-11'))).toEqual(['督导资料清单汇总表-2026年11月.xlsx']);
  });
});

describe('11.11: a photo or signature that is not a picture in the folder is missing-photo', () => {
  // One folder holds every case, each in its own copy of a sites record, checked in one run.
  describe('a photo of a sites record', () => {
    const PHOTOS: Array<[string, string, RegExp]> = [
      ['a folder', 'photos/2026-11', /是一个文件夹，不是图片文件/],
      ['a path out of the folder', '../secret.png', /不在资料文件夹里/],
      ['an absolute path', '/etc/passwd', /不在资料文件夹里/],
      // The formats listed are those the sites workbook can hold, no more (a GIF is a picture, but left out).
      ['a text file', 'kmsw.yaml', /不是图片文件（应为 JPG、PNG）$/],
      ['a photo through a linked photos/ folder', 'linked/secret.png', /linked 是一个符号链接/],
    ];
    const SITES = '2026/11/sites/2026-11-26-盘龙区.yaml';
    const copyOf = (i: number) => SITES.replace('.yaml', `-${i + 1}.yaml`);
    let photoFindings: Array<{ file: string; line: number; message: string }> = [];
    beforeAll(() => {
      const dir = example();
      symlinkSync(elsewhere(), path.join(dir, 'linked'));
      const text = readFileSync(path.join(dir, SITES), 'utf8');
      PHOTOS.forEach(([, photo], i) => {
        const planted = text.replace(
          'photos: [photos/2026-11/拓东街道社工站-门牌.png]',
          `photos: [${JSON.stringify(photo)}]`,
        );
        expect(planted).not.toBe(text);
        writeFileSync(path.join(dir, copyOf(i)), planted);
      });
      const r = run(['--dir', dir, 'check', '--format', 'json', '2026/11/sites']);
      photoFindings = JSON.parse(r.stdout).diagnostics.filter((d: { rule: string }) => d.rule === 'missing-photo');
    });

    it('only the planted photos are missing-photo', () => {
      expect([...new Set(photoFindings.map((d) => d.file))].sort()).toEqual(PHOTOS.map((_, i) => copyOf(i)).sort());
    });

    it.each(PHOTOS.map(([name, , message], i) => [name, message, i] as const))('%s', (_, message, i) => {
      const found = photoFindings.filter((d) => d.file === copyOf(i));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ file: copyOf(i), line: 18 });
      expect(found[0]!.message).toMatch(message);
    });
  });
});

/**
 * Signature pictures (12 §1, 11.11, 12 §2): one folder holds every case, each in its own copy of 张丽's
 * record with a token of its own in 督导地点, checked once and exported once. A picture reached through
 * a link that leaves the folder, one that is not a PNG or JPEG, a FIFO or /dev/zero is missing-photo and
 * not embedded; a PNG in the folder, and the very picture the links reach copied into it, are.
 */
describe('a signature picture the Word export cannot hold is missing-photo, and export leaves it out', () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  /** A case: the picture 王芳's slot names, how it is made (`out` holds secret.png), and the missing-photo message (none: embedded). */
  type Case = [string, string, (dir: string, out: string) => void, RegExp | undefined];
  const CASES: Case[] = [
    [
      'a PNG in the folder',
      'signatures/王芳.png',
      (dir) => writeFileSync(path.join(dir, 'signatures/王芳.png'), png),
      undefined,
    ],
    [
      'the outside picture copied into the folder',
      'sig/secret.png',
      (dir, out) => cpSync(path.join(out, 'secret.png'), path.join(dir, 'sig/secret.png')),
      undefined,
    ],
    [
      'a linked folder',
      'linked-sigs/secret.png',
      (dir, out) => symlinkSync(out, path.join(dir, 'linked-sigs')),
      /linked-sigs(\/secret\.png)? 是一个符号链接，指向资料文件夹以外/,
    ],
    [
      'a linked picture file',
      'signatures/outside.png',
      (dir, out) => symlinkSync(path.join(out, 'secret.png'), path.join(dir, 'signatures/outside.png')),
      /signatures\/outside\.png 是一个符号链接，指向资料文件夹以外/,
    ],
    [
      'a GIF',
      'signatures/王芳.gif',
      (dir) => writeFileSync(path.join(dir, 'signatures/王芳.gif'), gif),
      /是 GIF 图片，这里只能用 PNG、JPG（导出的 Word 表格只能放这几种）/,
    ],
    [
      'a link to /dev/zero',
      'signatures/zero.png',
      (dir) => symlinkSync('/dev/zero', path.join(dir, 'signatures/zero.png')),
      /signatures\/zero\.png 是一个符号链接，指向资料文件夹以外的 \/dev\/zero/,
    ],
    ...(canFifo
      ? [
          [
            'a FIFO',
            'signatures/fifo.png',
            (dir: string) => mkfifo(path.join(dir, 'signatures/fifo.png')),
            /signatures\/fifo\.png”不是普通文件，而是命名管道/,
          ] as Case,
        ]
      : []),
  ];
  const copyOf = (i: number) => RECORD.replace('.yaml', `-${i + 1}.yaml`);
  const token = (i: number) => `SIGCASE${i + 1}X`;
  let findings: Array<{ file: string; rule: string; message: string }> = [];
  let check: Run;
  let exported: Run;
  /** The pages of the exported 督导记录表, as XML: one a record. */
  let pages: string[] = [];
  let parts: string[] = [];
  beforeAll(() => {
    const dir = example();
    const out = elsewhere();
    mkdirSync(path.join(dir, 'signatures'));
    mkdirSync(path.join(dir, 'sig'));
    const text = readFileSync(path.join(dir, RECORD), 'utf8');
    CASES.forEach(([, image, make], i) => {
      make(dir, out);
      const planted = text
        .replace(
          'supervisor: { name: 王芳, date: 2026-11-24,',
          `supervisor: { name: 王芳, date: 2026-11-24, image: ${image},`,
        )
        .replace('location: 五华区红云街道社工站', `location: ${token(i)}`);
      expect(planted).not.toBe(text);
      writeFileSync(path.join(dir, copyOf(i)), planted);
    });
    check = run(['--dir', dir, 'check', '--format', 'json', '2026/11/record']);
    findings = JSON.parse(check.stdout).diagnostics;
    exported = run(['--dir', dir, 'export', '--month', '2026-11', '--only', 'record']);
    const file = path.join(dir, 'exports/2026-11/督导记录表-2026年11月.docx');
    const zip = unzipSync(readFileSync(file));
    parts = Object.keys(zip);
    pages = strFromU8(zip['word/document.xml']!).split('<w:pageBreakBefore/>');
  });

  it('check and export end; export writes a page per record, the example’s own too', () => {
    expect(check.timedOut).toBe(false);
    expect(exported.timedOut).toBe(false);
    expect(exported.code, exported.stderr).toBe(0);
    expect(pages).toHaveLength(CASES.length + 1);
    // Every picture embedded is one a record below names: as many drawings as embedded cases, PNGs both.
    const embedded = CASES.filter(([, , , message]) => !message).length;
    expect(pages.join('').match(/<w:drawing>/g)).toHaveLength(embedded);
    expect(parts.filter((p) => /^word\/media\/.+\.png$/.test(p))).toHaveLength(embedded);
  });

  it.each(CASES.map(([name, , , message], i) => [name, message, i] as const))('%s', (_, message, i) => {
    const missing = findings.filter((d) => d.file === copyOf(i) && d.rule === 'missing-photo');
    const page = pages.filter((p) => p.includes(token(i)));
    expect(page).toHaveLength(1);
    expect(page[0]!.replace(/<[^>]+>/g, '')).toContain('督导（签名）：王芳');
    if (message) {
      expect(missing).toHaveLength(1);
      expect(missing[0]!.message).toMatch(message);
      expect(page[0]).not.toContain('<w:drawing>');
    } else {
      expect(missing).toEqual([]);
      expect(page[0]!.match(/<w:drawing>/g)).toHaveLength(1);
    }
  });
});

describe.runIf(canFifo)('12 §2: only regular files are read; no hang, no memory blow-up', () => {
  it('a record that is a link to /dev/zero: check (human and json) ends, names the link, reads nothing', () => {
    const dir = example();
    symlinkSync('/dev/zero', path.join(dir, '2026/11/log/2026-11-28-李明.yaml'));
    for (const format of ['text', 'json']) {
      const r = run(['--dir', dir, 'check', '--format', format]);
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/2026-11-28-李明\.yaml[\s\S]*符号链接（指向 \/dev\/zero）/);
    }
  });

  it('a record that is a FIFO: check, list, tally and export end and name it', () => {
    const dir = example();
    mkfifo(path.join(dir, '2026/11/log/2026-11-28-李明.yaml'));
    const check = run(['--dir', dir, 'check']);
    expect(check.timedOut).toBe(false);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/2026-11-28-李明\.yaml\n.*不是普通文件.*unreadable/);
    const list = run(['--dir', dir, 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/2026-11-28-李明\.yaml/);
    // Exit 1: a record file of the month is left out of the count (and named).
    const tally = run(['--dir', dir, 'tally', '--month', '2026-11']);
    expect(tally.code, tally.stderr).toBe(1);
    expect(tally.stdout).toMatch(/2026-11-28-李明\.yaml.*不是普通文件/);
    expect(run(['--dir', dir, 'export', '--month', '2026-11', '--only', 'checklist']).timedOut).toBe(false);
  });

  it('a template that is a FIFO or a link to /dev/zero: export refuses it by name, writes nothing', () => {
    const cases: Array<[(f: string) => void, RegExp]> = [
      [(f) => mkfifo(f), /templates\/督导工作日志\.docx 不是普通文件，而是命名管道/],
      [
        (f) => symlinkSync('/dev/zero', f),
        /templates\/督导工作日志\.docx 是一个符号链接，指向资料文件夹以外的 \/dev\/zero/,
      ],
    ];
    for (const [make, message] of cases) {
      const dir = example();
      mkdirSync(path.join(dir, 'templates'));
      make(path.join(dir, 'templates/督导工作日志.docx'));
      const r = run(['--dir', dir, 'export', '--month', '2026-11']);
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(path.join(dir, 'exports'))).toBe(false);
    }
  });

  it('kmsw.yaml that is a FIFO, a link to /dev/zero or over 1 MiB: a clear error, exit 2', async () => {
    const cases: Array<[(f: string) => void, RegExp]> = [
      [(f) => mkfifo(f), /kmsw\.yaml 不是普通文件，而是命名管道/],
      [(f) => symlinkSync('/dev/zero', f), /kmsw\.yaml 是一个符号链接，指向资料文件夹以外的 \/dev\/zero/],
    ];
    for (const [make, message] of cases) {
      const dir = example();
      const config = path.join(dir, 'kmsw.yaml');
      renameSync(config, path.join(dir, 'kmsw.yaml.bak'));
      make(config);
      const r = run(['--dir', dir, 'check']);
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    // Over 1 MiB, a regular file (reading it could not hang): loadConfig, which check reads kmsw.yaml with, in
    // this process; its refusal is a KmswError, exit 2 as the two above.
    const big = tempFolder({ 'kmsw.yaml': `# ${'x'.repeat(2 * 1024 * 1024)}\n` }, 'kmsw-untrusted-');
    const error = await loadConfig(big).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KmswError);
    expect((error as Error).message).toMatch(/kmsw\.yaml 有 2 MiB，超过上限 1 MiB/);
  });

  it('export --out /proc/x ends with a clear message, exit 2, no endless loop', () => {
    const r = run(['--dir', EXAMPLE, 'export', '--month', '2026-11', '--out', '/proc/kmsw-x']);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/无法新建文件夹 \/proc\/kmsw-x/);
    expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
  });
  // export --out <a file>: tests/export-truth.test.ts ('--out naming a file'), for --month and --year,
  // asserts the exit code, the file named and that nothing in the folder (the file too) changed.
});

// As root, permissions do not stop reads: these cases run kmsw as nobody.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe('11.5: an unreadable folder or file is reported, and every other file still checked', () => {
  let dir = '';
  beforeAll(() => {
    dir = example();
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, '2026/11/log'), 0o000);
    chmodSync(path.join(dir, '2026/11/sites/2026-11-26-五华区.yaml'), 0o000);
  });
  afterAll(() => chmodSync(path.join(dir, '2026/11/log'), 0o755));
  const as = (...args: string[]) => run(['--dir', dir, ...args], { ...asUser });

  it('check: unreadable diagnostics on the folder and the file, the other records checked', () => {
    const r = as('check', '--format', 'json');
    expect(r.stderr).not.toMatch(/无法写入|内部错误/);
    const { diagnostics, summary } = JSON.parse(r.stdout);
    const unreadable = diagnostics
      .filter((d: { rule: string }) => d.rule === 'unreadable')
      .map((d: { file: string }) => d.file);
    expect(unreadable).toEqual(['2026/11/log/', '2026/11/sites/2026-11-26-五华区.yaml']);
    expect(summary.files).toBeGreaterThan(5);
    expect(r.code).toBe(1);
  });

  it('list, tally and export go on and name what they could not read; never "无法写入"', () => {
    const list = as('list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/2026\/11\/log\//);
    expect(list.stdout).toMatch(/2026-11-26-五华区\.yaml/);
    // Exit 1: what could not be read is left out of the count, and named.
    const tally = as('tally', '--month', '2026-11');
    expect(tally.code, tally.stderr).toBe(1);
    expect(tally.stdout).toMatch(/^ {2}2026\/11\/log\/:.*无法打开这个文件夹/m);
    expect(tally.stdout).toMatch(/^ {2}2026\/11\/sites\/2026-11-26-五华区\.yaml:.*无法读取/m);
    const out = tempFolder({}, 'kmsw-out-');
    chmodSync(out, 0o777);
    // The checklist alone: what the export could not read is named whatever forms it writes.
    const r = as('export', '--month', '2026-11', '--only', 'checklist', '--out', out);
    expect(r.stderr).not.toMatch(/无法写入|内部错误/);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}2026\/11\/log\/:.*无法打开这个文件夹/m);
    expect(r.stdout).toMatch(/^ {2}2026\/11\/sites\/2026-11-26-五华区\.yaml:.*无法读取/m);
  });
});

describe.runIf(process.getuid?.() === 0)('11.5: a records folder kmsw may not open', () => {
  it('is said to be unreadable, not "not a records folder"', () => {
    const dir = example();
    chmodSync(dir, 0o700);
    const r = run(['--dir', dir, 'check'], { ...asUser });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/无法读取文件夹 .*（EACCES）：请检查文件夹的权限/);
  });
});

// 12 §3, a read-only folder: export and schema say so clearly (EACCES, no permission to write this folder; no
// ENOENT, no internal error) and change nothing: tests/safety.test.ts ('a read-only records folder'), which runs
// the same two commands on the same read-only copy of records.example, as nobody, and asserts all of it.

describe('12 §3: names that are not UTF-8 are reported, and the rest is checked', () => {
  it('a GBK folder name and a GBK file name: unreadable with \\xNN bytes and a hint; every command runs', async () => {
    const dir = example();
    // 督导 in GBK.
    const gbk = Buffer.from('b6bdb5bc', 'hex');
    const folder = Buffer.concat([Buffer.from(path.join(dir, '2026/11/log/')), gbk]);
    mkdirSync(folder);
    writeFileSync(Buffer.concat([folder, Buffer.from('/a.yaml')]), 'form: log\n');
    writeFileSync(
      Buffer.concat([Buffer.from(path.join(dir, '2026/11/log/')), gbk, Buffer.from('.yaml')]),
      'form: log\n',
    );
    const r = run(['--dir', dir, 'check', '--format', 'json']);
    expect(r.stderr).toBe('');
    const found = JSON.parse(r.stdout).diagnostics.filter((d: { rule: string }) => d.rule === 'unreadable');
    expect(found.map((d: { file: string }) => d.file)).toEqual([
      '2026/11/log/\\xB6\\xBD\\xB5\\xBC.yaml',
      '2026/11/log/\\xB6\\xBD\\xB5\\xBC/',
    ]);
    expect(found[0].message).toMatch(/不是 UTF-8 编码.*改成正确的中文名/);
    // list and status run as usual; tally and export run too, and exit 1 naming what they leave out. Names are
    // regular files, nothing to hang on: list and status in-process, through main(), which the binary runs
    // (tests/support/in-process.ts); check above, tally and export through the binary.
    for (const [args, code] of [
      [['list'], 0],
      [['status'], 0],
      [['tally', '--month', '2026-11'], 1],
      [['export', '--month', '2026-11', '--only', 'checklist'], 1],
    ] as const) {
      const other =
        args[0] === 'list' || args[0] === 'status'
          ? await kmswInProcess(['--dir', dir, ...args], { env: { KMSW_TODAY: TODAY } })
          : run(['--dir', dir, ...args]);
      expect(other.code, `${args.join(' ')}: ${other.stderr}`).toBe(code);
      if (code === 1) expect(other.stdout).toContain('\\xB6\\xBD\\xB5\\xBC');
    }
  });
});

describe('12 §3: dates far from now are refused with the range, never a crash', () => {
  // One of each through the binary: --today's refusal is an error main turns into exit 2, on stderr; and a
  // kmsw.yaml whose since is out of range stops check the same way.
  it('--today 2526-11-30: exit 2, the range said', () => {
    const r = run(['--dir', EXAMPLE, '--today', '2526-11-30', 'check']);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    // --today's own range, the one the working-day rules need, not the records' wider one.
    expect(r.stderr).toMatch(/不在 2000–2100 年之间/);
    expect(r.stderr).not.toMatch(/内部错误|RangeError|Invalid time/);
  });

  // The other days: the function the binary reads --today with (src/cli/context.ts), in this process.
  it.each(['9999-12-31', '0000-01-01', '1026-11-23', '1950-06-01'])(
    '--today %s: refused with the range (a KmswError: exit 2, as above)',
    async (given) => {
      const error = await today({ today: given, color: false }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KmswError);
      expect((error as Error).message).toMatch(/不在 2000–2100 年之间/);
      expect((error as Error).message).not.toMatch(/RangeError|Invalid time/);
    },
  );

  /** records.example's kmsw.yaml with 李明's since changed. */
  const withSince = (since: string) =>
    readFileSync(path.join(EXAMPLE, 'kmsw.yaml'), 'utf8').replace(
      '{ name: 李明, since: 2026-11-23 }',
      `{ name: 李明, since: ${since} }`,
    );
  const SINCE_ERROR = /kmsw\.yaml:\d+:\d+: assistants\.0\.since：年份 \d{4} 不在 2000–2100 年之间/;

  it('since: 1026-11-23 is a kmsw.yaml error with its line', () => {
    const dir = example();
    writeFileSync(path.join(dir, 'kmsw.yaml'), withSince('1026-11-23'));
    const r = run(['--dir', dir, 'check']);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(SINCE_ERROR);
  });

  // The other years: loadConfig (src/config.ts), which check reads kmsw.yaml with, in this process.
  it.each(['0001-01-01', '1950-01-02', '2526-01-01'])(
    'since: %s is a kmsw.yaml error with its line (a KmswError: exit 2, as above)',
    async (since) => {
      const dir = tempFolder({ 'kmsw.yaml': withSince(since) }, 'kmsw-untrusted-');
      const error = await loadConfig(dir).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KmswError);
      expect((error as Error).message).toMatch(SINCE_ERROR);
      expect((error as Error).message).toContain(`年份 ${since.slice(0, 4)} 不在`);
    },
  );

  it('the widest range allowed runs: since 2000-01-01 and --today 2100-12-31', () => {
    const dir = example();
    const config = path.join(dir, 'kmsw.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace('{ name: 李明, since: 2026-11-23 }', '{ name: 李明, since: 2000-01-01 }'),
    );
    const r = run(['--dir', dir, '--today', '2100-12-31', 'check', '--format', 'json', '--rule', 'missing-log']);
    expect(r.timedOut).toBe(false);
    expect(r.stderr).not.toMatch(/内部错误|RangeError/);
    // 101 years of working days without a log, each named.
    expect(JSON.parse(r.stdout).diagnostics.length).toBeGreaterThan(20_000);
  });

  it('a record dated in year 0000 or 1826 is invalid-value; new refuses a date in year 0000', async () => {
    const dir = example();
    const file = path.join(dir, '2026/11/log/2026-11-27-李明.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^date: .*$/m, 'date: 0000-11-27'));
    const r = run(['--dir', dir, 'check', '--format', 'json', '2026/11/log/2026-11-27-李明.yaml']);
    expect(JSON.parse(r.stdout).diagnostics).toContainEqual(
      expect.objectContaining({
        rule: 'invalid-value',
        field: 'date',
        message: expect.stringMatching(/年份 0000 不在 1900–2100 年之间/),
      }),
    );
    // new's refusal in-process, through main(), which the binary runs (its spawned refusals: the linked folders above).
    const n = await kmswInProcess(['--dir', dir, 'new', 'log', '--yes', '--as', '李明', '--set', 'date=0000-01-01'], {
      env: { KMSW_TODAY: TODAY },
    });
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/年份 0000 不在 1900–2100 年之间/);
    expect(existsSync(path.join(dir, '0'))).toBe(false);
  });
});

describe('11.15: check paths and globs', () => {
  // Through the binary: a pattern with --dir from another folder, one that matches nothing, and every record
  // file (kmsw's reading of the folder against the files on disk).
  it.each([
    ['2026/*/log/*李明*.yaml', 6],
    ['2026/1[!1]/log/*.yaml', 0],
    ['**/*.yaml', EXAMPLE_RECORDS.length],
  ])('with --dir, %s is relative to the records folder: %i files', (glob, files) => {
    const r = run(['--dir', EXAMPLE, 'check', '--format', 'json', glob], { cwd: os.tmpdir() });
    if (files === 0) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/不是资料文件夹里的记录文件或文件夹/);
    } else expect(JSON.parse(r.stdout).summary.files, r.stderr).toBe(files);
  });

  // The other patterns: what check does with them (src/commands/check.ts, as the three above show), in this
  // process: pathsInFolder makes them relative to --dir's folder, selectFiles matches them to its record files.
  it.each([
    ['2026/11/log/', 12],
    ['2026/1[01]/log/*.yaml', 12],
    ['2026/11/{log,monthly}', 14],
    ['2026/11/{log,monthly}/*.yaml', 14],
  ])('with --dir, %s is relative to the records folder: %i files (as check selects them)', (glob, files) => {
    const patterns = pathsInFolder(EXAMPLE, [glob], EXAMPLE)!;
    expect(patterns).toEqual([glob.replace(/\/$/, '')]);
    expect(selectFiles(EXAMPLE_RECORDS, patterns).size).toBe(files);
  });

  // In-process, through main(), which the binary runs (tests/support/in-process.ts), in the folder given: the
  // patterns above ran through the binary, with --dir from another folder and from none.
  it('with --dir an absolute path inside the folder is accepted; without --dir a path is relative to the current folder', async () => {
    const inProcess = (args: string[], cwd = os.tmpdir()) => kmswInProcess(args, { cwd, env: { KMSW_TODAY: TODAY } });
    const absolute = await inProcess([
      '--dir',
      EXAMPLE,
      'check',
      '--format',
      'json',
      path.join(EXAMPLE, '2026/11/log'),
    ]);
    expect(JSON.parse(absolute.stdout).summary.files).toBe(12);
    const relative = await inProcess(['check', '--format', 'json', '11/log'], path.join(EXAMPLE, '2026'));
    expect(JSON.parse(relative.stdout).summary.files).toBe(12);
    const outside = await inProcess(['--dir', EXAMPLE, 'check', '../x.yaml']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/不在资料文件夹/);
  });

  it('the glob matcher: classes, negation, braces, ** and folders', () => {
    const files = [
      '2026/10/log/a.yaml',
      '2026/11/log/b.yaml',
      '2026/12/log/c.yaml',
      '2026/11/monthly/m.yaml',
      'x.yaml',
    ];
    expect([...selectFiles(files, ['2026/1[01]/log/*.yaml'])]).toEqual(files.slice(0, 2));
    expect([...selectFiles(files, ['2026/1[!01]/*/*'])]).toEqual(['2026/12/log/c.yaml']);
    expect([...selectFiles(files, ['**/m.yaml'])]).toEqual(['2026/11/monthly/m.yaml']);
    expect([...selectFiles(files, ['**'])]).toEqual(files);
    expect([...selectFiles(files, ['2026/1?'])]).toEqual(files.slice(0, 4));
    expect([...selectFiles(files, ['2026/11/{log,monthly}'])]).toEqual([
      '2026/11/log/b.yaml',
      '2026/11/monthly/m.yaml',
    ]);
    expect(globMatcher('*.yaml')('2026/11/log/b.yaml')).toBe(false);
  });

  it('12 §5: a pathological pattern against a long name answers right', () => {
    const name = `2026/11/log/${'a'.repeat(5000)}.yaml`;
    expect(globMatcher('2026/11/log/*a*a*a*a*a*a*a*a*b')(name)).toBe(false);
    expect(globMatcher('2026/11/log/*a*a*a*a*a*a*a*a*.yaml')(name)).toBe(true);
  });

  it('12 §5: … and ends (a backtracking matcher takes hours): the binary, killed at HANG if it does not', () => {
    // Run apart from the test process: a matcher that never ends would block it, and no timeout could fire.
    const dir = tempFolder({ 'kmsw.yaml': CONFIG, [`2026/11/log/${'a'.repeat(240)}.yaml`]: 'form: log\n' });
    const none = run(['--dir', dir, 'check', '--format', 'json', '2026/11/log/*a*a*a*a*a*a*a*a*b']);
    expect(none.timedOut).toBe(false);
    const one = run(['--dir', dir, 'check', '--format', 'json', '2026/11/log/*a*a*a*a*a*a*a*a*.yaml']);
    expect(one.timedOut).toBe(false);
    expect(JSON.parse(one.stdout).summary.files, one.stderr).toBe(1);
  });
});

// A read-only mount needs root (CI runs as root); elsewhere this is skipped.
const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;

describe.runIf(canMount)('12 §3: a read-only mount: every writing command says EROFS, never an internal ENOENT', () => {
  it.each([
    ['export', ['export', '--month', '2026-11']],
    ['schema', ['schema']],
    ['templates copy', ['templates', 'copy', 'log']],
    ['new in a month without a folder yet', ['new', 'log', '--yes', '--as', '李明', '--set', 'date=2026-10-30']],
  ])('%s', (_, args) => {
    const dir = example();
    const mounted = tempFolder({}, 'kmsw-ro-');
    expect(spawnSync('mount', ['--bind', dir, mounted]).status).toBe(0);
    try {
      expect(spawnSync('mount', ['-o', 'remount,bind,ro', mounted]).status).toBe(0);
      const before = snapshot(mounted);
      const r = run(['--dir', mounted, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/无法写入 .*（EROFS）：这个位置是只读的/);
      expect(r.stderr).not.toMatch(/ENOENT|内部错误/);
      expect(snapshot(mounted)).toEqual(before);
    } finally {
      spawnSync('umount', [mounted]);
    }
  });
});

describe('a file in a form folder that kmsw does not read as a record is named everywhere, never passed over', () => {
  it('….yaml.txt, no extension, a trailing space, a hidden copy: unreadable in check, left out in tally and export, with errors in status, never a missing day', async () => {
    const dir = example();
    const log = (name: string) => path.join(dir, '2026/11/log', name);
    renameSync(log('2026-11-27-李明.yaml'), log('2026-11-27-李明.yaml.txt'));
    renameSync(log('2026-11-25-李明.yaml'), log('2026-11-25-李明'));
    renameSync(log('2026-11-24-李明.yaml'), log('2026-11-24-李明.yaml '));
    renameSync(log('2026-11-23-李明.yaml'), log('.2026-11-23-李明.yaml'));
    // What editors and file managers leave beside files is not named.
    for (const litter of ['Thumbs.db', 'desktop.ini', '.2026-11-26-李明.yaml.swp', '2026-11-26-李明.yaml~'])
      writeFileSync(log(litter), 'x');
    const strays = [
      '2026/11/log/.2026-11-23-李明.yaml',
      '2026/11/log/2026-11-24-李明.yaml ',
      '2026/11/log/2026-11-25-李明',
      '2026/11/log/2026-11-27-李明.yaml.txt',
    ];

    const check = run(['--dir', dir, 'check', '--format', 'json']);
    expect(check.code).toBe(1);
    const { diagnostics } = JSON.parse(check.stdout) as {
      diagnostics: Array<{ file: string; rule: string; message: string }>;
    };
    expect(diagnostics.filter((d) => d.rule === 'unreadable').map((d) => d.file)).toEqual(strays);
    expect(diagnostics.find((d) => d.file.endsWith('.txt'))!.message).toMatch(/以“\.txt”结尾，不是 \.yaml/);
    expect(diagnostics.find((d) => d.file.startsWith('2026/11/log/.'))!.message).toMatch(/隐藏文件/);
    // The days those files stand for are not missing: the advice would write a second log.
    expect(diagnostics.filter((d) => d.rule === 'missing-log')).toEqual([]);

    // The log's document: files that are no record are named whatever forms the export writes.
    for (const args of [
      ['tally', '--month', '2026-11'],
      ['export', '--month', '2026-11', '--only', 'log'],
    ]) {
      const r = run(['--dir', dir, ...args]);
      expect(r.code, r.stderr).toBe(1);
      for (const stray of strays) expect(r.stdout).toContain(`  ${stray}:1:1  `);
    }
    // status in-process, through main(), which the binary runs (regular files: nothing to hang on).
    const status = await kmswInProcess(['--dir', dir, 'status'], { env: { KMSW_TODAY: TODAY } });
    expect(status.stdout).toMatch(/李明 +█+░+ 2\/6 {2}4 天的日志有错误：11-23、11-24、11-25、11-27/);
  });
});
