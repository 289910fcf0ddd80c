/**
 * What `kmsw new` and `kmsw init` write is exactly what was asked, in one piece, and never a
 * second record that check would call a duplicate: values from flags and the environment stay data,
 * rows go in order, a file in the way is named, a half-done state is never left.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check } from '../src/commands/check.js';
import { BIN, CONFIG, forRuns, kmsw, kmswAsync, snapshot, tempFolder } from './helpers.js';
import { newInProcess } from './support/new-in-process.js';
import { kmswInProcess } from './support/in-process.js';

const TODAY = { KMSW_TODAY: '2026-11-28' };
const folder = () => tempFolder({ 'kmsw.yaml': CONFIG });
const read = (dir: string, file: string) =>
  parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;

describe('kmsw new log / monthly: one record per author a day (a month)', () => {
  it(
    'refuses a second log for the day with exit 2, naming the file and how to open it; --force writes -2',
    async () => {
      const dir = folder();
      expect(kmsw(['new', 'log', '--yes', '--as', '李明'], { cwd: dir, env: TODAY }).code).toBe(0);
      const before = snapshot(dir);
      const again = kmsw(['new', 'log', '--yes', '--as', '李明'], { cwd: dir, env: TODAY });
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('李明 2026-11-28 已经有一份督导工作日志：2026/11/log/2026-11-28-李明.yaml');
      expect(again.stderr).toMatch(/打开它接着写.*--force/s);
      expect(snapshot(dir)).toEqual(before);
      // Another author, or another day, is another record. These and the English refusal in-process, through
      // main(), which the binary runs (tests/support/in-process.ts): the write and the refusal above are spawned.
      const inProcess = (args: string[]) => kmswInProcess(args, { cwd: dir, env: TODAY });
      expect((await inProcess(['new', 'log', '--yes', '--as', '赵雪'])).code).toBe(0);
      expect((await inProcess(['new', 'log', '--yes', '--as', '李明', '--set', 'date=2026-11-27'])).code).toBe(0);
      const forced = await inProcess(['new', 'log', '--yes', '--as', '李明', '--force']);
      expect(forced.code).toBe(0);
      expect(forced.stdout).toContain('2026/11/log/2026-11-28-李明-2.yaml');
      const english = await inProcess(['--lang', 'en', 'new', 'log', '--yes', '--as', '李明']);
      expect(english.stderr).toContain(
        '李明 already has a log (督导工作日志) for 2026-11-28: 2026/11/log/2026-11-28-李明.yaml',
      );
      // 2 runs of kmsw, 4 of main().
    },
    forRuns(6),
  );

  it('finds the existing log by its author and date when its file has another name, or when its date is spelt otherwise', async () => {
    const dir = tempFolder({
      'kmsw.yaml': CONFIG,
      '2026/11/log/李明的日志.yaml': 'form: log\nauthor: 李明\ndate: 2026年11月28日\ncontent: |\n  …\n',
      '2026/11/log/broken.yaml': 'form: log\nauthor: [unclosed\n',
    });
    // In-process (main(), tests/support/in-process.ts): the refusal of a second log is spawned in the test above.
    const run = await kmswInProcess(['new', 'log', '--yes', '--as', '李明'], { cwd: dir, env: TODAY });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2026/11/log/李明的日志.yaml');
    expect(existsSync(path.join(dir, '2026/11/log/2026-11-28-李明.yaml'))).toBe(false);
  });

  // The refusal through the real binary; the first summary and the forced second in-process, through main().
  it('refuses a second monthly summary for the month', async () => {
    const dir = folder();
    expect((await kmswInProcess(['new', 'monthly', '--yes', '--as', '赵雪'], { cwd: dir, env: TODAY })).code).toBe(0);
    const again = kmsw(['new', 'monthly', '--yes', '--as', '赵雪', '--set', 'date=2026-11-27'], {
      cwd: dir,
      env: TODAY,
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('2026/11/monthly/2026-11-赵雪.yaml');
    const forced = await kmswInProcess(['new', 'monthly', '--yes', '--as', '赵雪', '--force'], {
      cwd: dir,
      env: TODAY,
    });
    expect(forced.stdout).toContain('2026-11-赵雪-2.yaml');
  });

  it(
    '8 racing processes write one log: the others are refused, none is a -2',
    async () => {
      const dir = folder();
      const runs = await Promise.all(
        Array.from({ length: 8 }, () => kmswAsync(['new', 'log', '--yes', '--as', '李明'], { cwd: dir, env: TODAY })),
      );
      expect(runs.map((r) => r.code).sort()).toEqual([0, 2, 2, 2, 2, 2, 2, 2]);
      expect(readdirSync(path.join(dir, '2026/11/log'))).toEqual(['2026-11-28-李明.yaml']);
      // 8 processes at once on 2 cores.
    },
    forRuns(8),
  );

  // The two logs written in-process, through main() (the spawned writes are above); check through the binary.
  it('the log it refuses to double is the one check would call a duplicate', async () => {
    const dir = folder();
    expect((await kmswInProcess(['new', 'log', '--yes', '--as', '李明'], { cwd: dir, env: TODAY })).code).toBe(0);
    const forced = await kmswInProcess(['new', 'log', '--yes', '--as', '李明', '--force'], { cwd: dir, env: TODAY });
    expect(forced.code).toBe(0);
    const check = kmsw(['check', '--format', 'json', '--rule', 'duplicate'], { cwd: dir, env: TODAY });
    expect(JSON.parse(check.stdout).diagnostics.map((d: { file: string }) => d.file)).toEqual([
      '2026/11/log/2026-11-28-李明-2.yaml',
    ]);
  });
});

describe('values from flags and the environment stay data', () => {
  const VALUES = [
    'x: y\nsignatures: { worker: { name: 假 } }',
    'x: y',
    '- item',
    '#not a comment',
    '  leading spaces\nand a second line',
    'trailing newlines\n\n',
    '"quoted" and \'single\'',
    '{ a: 1 }',
    '&anchor *alias',
    'yes',
    '123',
    '|\n  block?',
  ];

  // The first value through the command line (argv to the file); the others in-process, through the
  // newRecord() that `kmsw new` calls with the same options (tests/support/new-in-process.ts).
  it.each(VALUES)('--set location=%j is written as exactly that value, with no key added', async (value) => {
    const dir = folder();
    const args = [
      '--yes',
      '--as',
      '李明',
      '--set',
      'supervisee=张丽',
      '--set',
      'supervisor=王芳',
      '--set',
      'method=面谈',
    ];
    args.push('--set', `location=${value}`);
    if (value === VALUES[0]) {
      const run = kmsw(['new', 'record', ...args], { cwd: dir, env: TODAY });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    } else {
      const { error } = await newInProcess(dir, 'record', args, { today: TODAY.KMSW_TODAY });
      expect(error).toBeUndefined();
    }
    const record = read(dir, '2026/11/record/2026-11-28-张丽-李明.yaml');
    // --set trims the value it is given, as it always has.
    expect(record.location).toBe(value.trim());
    expect(Object.keys(record).sort()).toEqual(
      [
        'form',
        'supervisee',
        'supervisor',
        'method',
        'date',
        'duration',
        'location',
        'content',
        'advice',
        'worker_plan',
        'signatures',
        'type',
      ].sort(),
    );
    expect(record.signatures).toEqual({
      worker: { name: '张丽', date: null },
      supervisor: { name: '王芳', date: null },
    });
  });

  it('multi-line text is written as a block scalar and read back exactly', async () => {
    const dir = folder();
    const content = '第一行\n  缩进的第二行\nkey: value\n- 不是列表';
    // In-process: the argv reaches main() as it reaches the binary's (the --set values above are spawned).
    const run = await kmswInProcess(['new', 'log', '--yes', '--as', '李明', '--set', `content=${content}`], {
      cwd: dir,
      env: TODAY,
    });
    expect(run.code).toBe(0);
    const text = readFileSync(path.join(dir, '2026/11/log/2026-11-28-李明.yaml'), 'utf8');
    expect(text).toMatch(/^content: \|/m);
    expect(read(dir, '2026/11/log/2026-11-28-李明.yaml').content).toBe(content);
  });

  it.each([
    [['--as', '李明\nextra: 1'], /--as “李明\\nextra: 1”不能用作名字：有换行/],
    [['--set', 'author=李明\nextra: 1'], /填表人（author）“李明\\nextra: 1”不能用作名字：有换行/],
    [['--as', '../李明'], /有 \/ 或 \\/],
    [['--as', '李..明'], /有 \.\./],
    [['--as', '李明\u001b]0;title\u0007'], /有控制字符/],
    // A right-to-left override makes the file name read backwards in a file manager.
    [['--as', '李明', '--set', 'author=李明\u202e'], /看不见的方向或零宽控制字符/],
  ])('a name %j is refused, and nothing is written', async (args, message) => {
    const dir = folder();
    const before = snapshot(dir);
    // Through the command line: the first name, and the one with a terminal escape (what reaches the
    // terminal is the point). The others in-process: main() prints the KmswError newRecord() throws.
    if (args[1] === '李明\nextra: 1' || args[1]!.includes('\u001b')) {
      const run = kmsw(['new', 'log', '--yes', ...args], { cwd: dir, env: TODAY });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('\u001b');
    } else {
      const { error } = await newInProcess(dir, 'log', ['--yes', ...args], { today: TODAY.KMSW_TODAY });
      expect(error?.exitCode).toBe(2);
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain('\u001b');
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it.each(['李明\nextra: 1', '../../etc', '李明/..'])(
    'KMSW_USER=%j is refused, and nothing is written',
    async (user) => {
      const dir = folder();
      const before = snapshot(dir);
      // The first through the command line, the others in-process (as above).
      if (user === '李明\nextra: 1') {
        const run = kmsw(['new', 'log', '--yes'], { cwd: dir, env: { ...TODAY, KMSW_USER: user } });
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/环境变量 KMSW_USER.*不能用作名字/);
      } else {
        const { error } = await newInProcess(dir, 'log', ['--yes'], { today: TODAY.KMSW_TODAY, user });
        expect(error?.exitCode).toBe(2);
        expect(error?.message).toMatch(/环境变量 KMSW_USER.*不能用作名字/);
      }
      expect(snapshot(dir)).toEqual(before);
    },
  );
});

describe('kmsw new roster: rows are added in order', () => {
  const roster = (dir: string, ...sets: string[]) =>
    kmsw(['new', 'roster', '--yes', '--as', '李明', '--set', 'county=五华区', ...sets.flatMap((s) => ['--set', s])], {
      cwd: dir,
      env: TODAY,
    });
  const FILE = '2026/11/roster/2026-11-28-五华区-李明.yaml';

  it('fills a prefilled row and appends the next ones', () => {
    const dir = folder();
    const run = roster(
      dir,
      'staff.0.name=李四',
      'staff.2.name=张三',
      'staff.2.station=红云街道社工站',
      'staff.3.name=王五',
    );
    expect(run.stderr).toBe('');
    const staff = read(dir, FILE).staff as Array<Record<string, unknown>>;
    expect(staff.map((r) => [r.station, r.name])).toEqual([
      ['红云街道社工站', '李四'],
      ['华山街道社工站', null],
      ['红云街道社工站', '张三'],
      [null, '王五'],
    ]);
  });

  // The first gap through the real binary; the others in-process, through main(), which the binary runs.
  it.each([['staff.10.name=张三'], ['staff.50000000.name=张三'], ['staff.3.name=张三']])(
    'refuses a gap: %s',
    async (set) => {
      const dir = folder();
      const before = snapshot(dir);
      const run =
        set === 'staff.10.name=张三'
          ? roster(dir, set)
          : await kmswInProcess(['new', 'roster', '--yes', '--as', '李明', '--set', 'county=五华区', '--set', set], {
              cwd: dir,
              env: TODAY,
            });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('现在有 2 行（staff.0 到 staff.1），新的一行请按顺序加：staff.2');
      expect(run.stderr).not.toMatch(/TypeError|内部错误/);
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it('refuses a row without a column, and a row number on a field that is not a table', async () => {
    const dir = folder();
    // In-process (main()): the refusals of a gap above are spawned.
    const run = (...args: string[]) =>
      kmswInProcess(['new', ...args, '--yes', '--as', '李明'], { cwd: dir, env: TODAY });
    expect((await run('roster', '--set', 'county=五华区', '--set', 'staff.0=张三')).stderr).toMatch(
      /请写出这一行的哪一栏，例如 staff\.0\.station=/,
    );
    expect((await run('log', '--set', 'author.0=李明')).stderr).toMatch(/author 不是表格/);
  });
});

describe('kmsw new where the folder is in the way', () => {
  it('2026/11/log is a file: says so, writes nothing', async () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG, '2026/11/log': 'not a folder' });
    const before = snapshot(dir);
    // In-process (main()): the test below spawns kmsw new into this folder's kind of place.
    const run = await kmswInProcess(['new', 'log', '--yes', '--as', '李明'], { cwd: dir, env: TODAY });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2026/11/log 是一个文件，不是文件夹');
    expect(run.stderr).not.toMatch(/内部错误|ENOTDIR|EEXIST/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('removes the temp file a killed kmsw new left in the folder it writes to, and leaves a live one', () => {
    const dir = folder();
    mkdirSync(path.join(dir, '2026/11/log'), { recursive: true });
    // A process that has ended: its pid is free (spawnSync waited for it).
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = `.2026-11-27-李明.yaml.${dead}.0123abcd.tmp`;
    const live = `.2026-11-26-李明.yaml.${process.pid}.0123abcd.tmp`;
    writeFileSync(path.join(dir, '2026/11/log', stale), 'half');
    writeFileSync(path.join(dir, '2026/11/log', live), 'half');
    expect(kmsw(['new', 'log', '--yes', '--as', '李明'], { cwd: dir, env: TODAY }).code).toBe(0);
    expect(readdirSync(path.join(dir, '2026/11/log')).sort()).toEqual([live, '2026-11-28-李明.yaml'].sort());
  });
});

describe('kmsw init', () => {
  const gitOk = spawnSync('git', ['--version']).status === 0;

  it.skipIf(!gitOk)('sets core.quotepath false, so git status shows Chinese file names', () => {
    const dir = tempFolder();
    expect(kmsw(['init'], { cwd: dir }).code).toBe(0);
    expect(spawnSync('git', ['config', 'core.quotepath'], { cwd: dir, encoding: 'utf8' }).stdout.trim()).toBe('false');
    expect(kmsw(['new', 'log', '--yes', '--as', '李明'], { cwd: dir, env: TODAY }).code).toBe(0);
    expect(spawnSync('git', ['status', '--porcelain', '-uall'], { cwd: dir, encoding: 'utf8' }).stdout).toContain(
      '2026/11/log/2026-11-28-李明.yaml',
    );
  });

  it('keeps a GBK .gitignore byte for byte and appends exports/ in its line ending', () => {
    const gbk = Buffer.from([0x23, 0x20, 0xb6, 0xbd, 0xb5, 0xbc, 0x0d, 0x0a, 0x2a, 0x2e, 0x74, 0x6d, 0x70]); // "# 督导\r\n*.tmp" in GBK
    const dir = tempFolder();
    writeFileSync(path.join(dir, '.gitignore'), gbk);
    expect(kmsw(['init'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, '.gitignore'))).toEqual(
      Buffer.concat([gbk, Buffer.from('\r\nexports/\r\n.kmsw/\r\n')]),
    );
  });

  it('init <a file>: says it is a file, writes nothing', async () => {
    const dir = tempFolder({ 'notes.txt': 'hello' });
    const before = snapshot(dir);
    const run = kmsw(['init', 'notes.txt'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/notes\.txt 是一个文件，不是文件夹.*没有写入任何文件/);
    expect(snapshot(dir)).toEqual(before);
    expect((await kmswInProcess(['init', 'notes.txt/sub'], { cwd: dir })).stderr).toMatch(/notes\.txt 不是文件夹/);
  });

  // The refusals below in-process (main(), tests/support/in-process.ts); `init <a file>` above spawned.
  it('.gitignore is a folder: says so and leaves no kmsw.yaml behind', async () => {
    const dir = tempFolder({ '.gitignore/x': '' });
    const before = snapshot(dir);
    const run = await kmswInProcess(['init'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.gitignore 不是普通文件');
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(path.join(dir, 'kmsw.yaml'))).toBe(false);
  });

  it('.gitignore is a link: refused the same way', async () => {
    const dir = tempFolder({ elsewhere: '' });
    symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, '.gitignore'));
    expect((await kmswInProcess(['init'], { cwd: dir })).code).toBe(2);
    expect(existsSync(path.join(dir, 'kmsw.yaml'))).toBe(false);
  });

  /**
   * The kmsw.yaml `kmsw init` writes in an empty folder: written once for the tests below, which only
   * read it (each edits a copy of its text, in a folder of its own).
   */
  let written = '';
  beforeAll(() => {
    const dir = tempFolder();
    expect(kmsw(['init'], { cwd: dir }).code).toBe(0);
    written = readFileSync(path.join(dir, 'kmsw.yaml'), 'utf8');
  });
  const template = () => written;
  /** The template's example lines: a comment whose text, once uncommented, is YAML (`- …`, `key: …`). */
  const examples = (text: string) =>
    text.split('\n').flatMap((l, i) => (/^\s*#\s*(- |[A-Za-z_]+:)/.test(l) ? [i] : []));

  it('has example lines for assistants, experts, an org and stations', () => {
    const text = template();
    expect(
      examples(text)
        .map((i) => text.split('\n')[i]!.trim())
        .join('\n'),
    ).toMatch(/李明[\s\S]*王芳[\s\S]*org:[\s\S]*红云街道社工站/);
  });

  // Taking away `#` or `# ` (a text editor's "toggle comment"), one line at a time and all at once. Each
  // line alone is checked in-process (check(), what `kmsw check` runs); all of them at once by the real
  // binary, the end-to-end run that also holds the exit code and stderr.
  it.each([
    ['#', /#/],
    ['# ', /# ?/],
  ])('stays valid when a person removes %j from each example line, or from all of them', async (_, mark) => {
    const text = template();
    const lines = text.split('\n');
    const edit = (which: number[]) => lines.map((l, i) => (which.includes(i) ? l.replace(mark, '') : l)).join('\n');
    // The day before the example assistant's `since`: no daily log is due yet.
    const today = '2026-01-04';
    for (const which of examples(text).map((i) => [i])) {
      const dir = tempFolder({ 'kmsw.yaml': edit(which) });
      const result = await check({ root: dir, today }).catch((e: Error) => ({ thrown: e.message }));
      expect({ lines: which.map((i) => lines[i]), result }).toEqual({
        lines: which.map((i) => lines[i]),
        result: { diagnostics: [], summary: { files: 0, errors: 0, warnings: 0 }, notes: [] },
      });
    }
    const all = examples(text);
    const dir = tempFolder({ 'kmsw.yaml': edit(all) });
    // The `#` case spawned, the `# ` case in-process (main()): the same argv, exit code and stderr.
    const args = ['check', '--format', 'json'];
    const env = { KMSW_TODAY: today };
    const run = mark.source === '#' ? kmsw(args, { cwd: dir, env }) : await kmswInProcess(args, { cwd: dir, env });
    const found = JSON.parse(run.stdout || '{"diagnostics":[]}').diagnostics;
    expect({ lines: all.map((i) => lines[i]), code: run.code, stderr: run.stderr, found }).toEqual({
      lines: all.map((i) => lines[i]),
      code: 0,
      stderr: '',
      found: [],
    });
  });
});

describe('a closed pipe', () => {
  // Our end of kmsw's stdout is closed before kmsw starts: every write it makes meets a closed pipe (EPIPE).
  const closedPipe = (args: string[], cwd: string) =>
    new Promise<{ code: number; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd,
        env: { ...process.env, NO_COLOR: '1', KMSW_TODAY: '2026-11-28', KMSW_USER: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
    });

  it('kmsw check | head -1 ends quietly, with the exit code check would have had', async () => {
    const dir = tempFolder({
      'kmsw.yaml': CONFIG,
      '2026/11/log/2026-11-27-李明.yaml': 'form: log\nauthor: 李明\ndate: 2026-11-31\n',
    });
    const bad = await closedPipe(['check'], dir);
    expect(bad.stderr).toBe('');
    expect(bad.code).toBe(1);
    const clean = await closedPipe(['list'], tempFolder({ 'kmsw.yaml': CONFIG }));
    expect(clean).toEqual({ code: 0, stderr: '' });
  });
});
