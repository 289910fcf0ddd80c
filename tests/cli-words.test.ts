/**
 * The words a user reads on the command line are kmsw's: commander's help and complaints in the
 * user's language, an editor run as Git runs it, escapes from the folder shown and never obeyed,
 * columns and carets placed by what the terminal shows, and an internal error that says what to do.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONFIG, EXAMPLE, kmsw, ROOT, tempFolder, type Run } from './helpers.js';
import { kmswInProcess } from './support/in-process.js';

const TODAY = { KMSW_TODAY: '2026-11-28' };

/** Every command and subcommand, as a person types it. */
const COMMANDS = [
  [],
  ['init'],
  ['new'],
  ['list'],
  ['tally'],
  ['export'],
  ['templates'],
  ['templates', 'list'],
  ['templates', 'copy'],
  ['status'],
  ['schema'],
  ['check'],
];

/** commander's own English, which must never reach a Chinese screen. */
const COMMANDER_ENGLISH =
  /\[options\]|\[command\]|choices:|default:|Usage|Options:|Commands:|Arguments:|display help|output the version|error:|Did you mean|not specified|argument missing|too many arguments|is invalid|unknown (option|command)/;

describe("help says everything in kmsw's words", () => {
  // Each command's Chinese help, asked for once (the same run every test below reads). `kmsw --help` through the
  // real binary (its exit code and stdout as a user sees them; tests/startup.test.ts spawns it too); the other
  // commands' help in-process, through main(), which the binary runs (tests/support/in-process.ts).
  const help = new Map<string, Run>();
  beforeAll(async () => {
    for (const cmd of COMMANDS)
      help.set(cmd.join(' '), cmd.length === 0 ? kmsw(['--help']) : await kmswInProcess([...cmd, '--help']));
  });
  const helpOf = (cmd: string) => help.get(cmd)!.stdout;

  it.each(COMMANDS.map((c) => [c.join(' ') || 'kmsw', c]))('kmsw %s --help (中文)', (_, cmd) => {
    const run = help.get(cmd.join(' '))!;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^用法： kmsw/);
    expect(run.stdout).not.toMatch(COMMANDER_ENGLISH);
  });

  it('shows choices and defaults as kmsw says them, in both languages', () => {
    // check's --format has four choices (tests/ci-reports.test.ts); the other commands' two.
    expect(helpOf('status')).toMatch(/--format <格式>\s+输出格式（可选：text、json；默认：text）/);
    expect(helpOf('init')).toMatch(/用法： kmsw init \[选项\] \[文件夹\][\s\S]*要新建的文件夹（默认：当前文件夹）/);
    expect(helpOf('')).toMatch(/用法： kmsw \[选项\] \[命令\]/);
    const en = kmsw(['--lang', 'en', 'check', '--help']).stdout;
    expect(en).toMatch(/output format \(one of: text, json, sarif, gitlab;\s+default: text\)/);
    expect(en).not.toMatch(/choices:|"text"/);
  });

  it('-y is --yes in new; --year has no short form anywhere', () => {
    expect(helpOf('new')).toMatch(/-y, --yes/);
    for (const cmd of ['check', 'export', 'status']) {
      expect(helpOf(cmd)).toMatch(/^\s+--year <年>/m);
      expect(helpOf(cmd)).not.toMatch(/-y,/);
    }
    const dir = tempFolder({ 'kmsw.yaml': CONFIG });
    const run = kmsw(['check', '-y', '2026'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/kmsw check 没有选项 -y/);
  });
});

describe('every complaint of commander is said by kmsw', () => {
  const CASES: Array<[string[], RegExp, RegExp]> = [
    [
      ['list', '--formt', 'json'],
      /^kmsw: kmsw list 没有选项 --formt，是不是 --form 或 --format？运行 kmsw list --help 查看可用的选项\n$/,
      /kmsw list has no option --formt; did you mean --form or --format\? Run kmsw list --help/,
    ],
    [
      ['lst'],
      /^kmsw: 没有命令 lst，是不是 list 或 ls？运行 kmsw --help 查看所有命令\n$/,
      /there is no command lst; did you mean list or ls\?/,
    ],
    [
      ['bogus'],
      /^kmsw: 没有命令 bogus。运行 kmsw --help 查看所有命令\n$/,
      /^kmsw: there is no command bogus\. Run kmsw --help to see the commands\n$/,
    ],
    [
      ['list', '--month'],
      /^kmsw: 选项 --month 后面要写一个值：--month <年-月>\n$/,
      /the option --month needs a value after it: --month <yyyy-mm>/,
    ],
    [
      ['tally'],
      /^kmsw: kmsw tally 必须给出 --month <年-月>。运行 kmsw tally --help 查看用法\n$/,
      /kmsw tally needs --month <yyyy-mm>/,
    ],
    [
      ['templates', 'copy'],
      /^kmsw: kmsw templates copy 后面要写 <名称>。/,
      /kmsw templates copy needs <name> after it/,
    ],
    [
      ['init', 'a', 'b'],
      /^kmsw: 参数太多：kmsw init 最多接受 1 个参数，收到 2 个。/,
      /too many arguments: kmsw init takes at most 1, got 2/,
    ],
    [
      ['list', '--format', 'xml'],
      /^kmsw: 选项 --format 的值“xml”无效，可选：text、json\n$/,
      /the option --format: "xml" is not valid; use one of: text, json/,
    ],
  ];

  // The first case through the real binary, in both languages (stderr and the exit code as a user sees them);
  // the others in-process, through main(), which the binary runs (tests/support/in-process.ts): the same
  // words, written to the same stream, and the same exit code main() returns to the binary.
  it.each(CASES)('%j', async (args, zh, en) => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG });
    const run = async (argv: string[]) =>
      args === CASES[0]![0] ? kmsw(argv, { cwd: dir }) : kmswInProcess(argv, { cwd: dir });
    const chinese = await run(args);
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toMatch(zh);
    expect(chinese.stderr).not.toMatch(COMMANDER_ENGLISH);
    const english = await run(['--lang', 'en', ...args]);
    expect(english.code).toBe(2);
    expect(english.stderr).toMatch(en);
    expect(english.stderr).not.toMatch(/error:|Did you mean|not specified|unknown command|unknown option/);
  });

  it("knows every error code commander can raise (read from commander's own source)", async () => {
    const lib = path.join(ROOT, 'node_modules', 'commander', 'lib');
    const source = readdirSync(lib)
      .map((f) => readFileSync(path.join(lib, f), 'utf8'))
      .join('\n');
    const raised = new Set(
      [...source.matchAll(/this\.error\([\s\S]{0,200}?code: '(commander\.\w+)'/g)].map((m) => m[1]!),
    );
    // InvalidArgumentError carries its code itself (lib/error.js); _callParseArg passes it on.
    raised.add(/super\(1, '(commander\.\w+)'/.exec(source)![1]!);
    expect(raised.size).toBeGreaterThanOrEqual(8);
    const { COMMANDER_CODES } = await import('../src/cli.js');
    expect([...raised].filter((code) => !COMMANDER_CODES.includes(code))).toEqual([]);
  });

  it("says the rare ones too: conflicting options, an argument's choices, a value from the environment", async () => {
    const { commanderMessage } = await import('../src/cli.js');
    expect(
      commanderMessage(
        'commander.conflictingOption',
        "error: option '-m, --month <年-月>' cannot be used with option '--year <年>'",
        'kmsw check',
      ),
    ).toBe('--month 和 --year 只能用一个');
    expect(
      commanderMessage(
        'commander.invalidArgument',
        "error: command-argument value 'x' is invalid for argument 'form'. Allowed choices are log, monthly.",
        'kmsw new',
      ),
    ).toBe('form 的值“x”无效，可选：log、monthly');
    expect(
      commanderMessage(
        'commander.invalidArgument',
        "error: option '--format <格式>' value 'xml' from env 'KMSW_FORMAT' is invalid. Allowed choices are text, json.",
        'kmsw list',
      ),
    ).toBe('选项 --format 的值“xml”无效，可选：text、json');
    expect(commanderMessage('commander.somethingNew', 'error: new words', 'kmsw list')).toBe(
      '命令行有误（commander.somethingNew）。运行 kmsw list --help 查看用法',
    );
  });
});

describe('--lang and KMSW_LANG', () => {
  it('refuse a language kmsw does not speak, naming the ones it does', () => {
    for (const run of [
      kmsw(['--lang', 'fr', 'list']),
      kmsw(['--lang=fr', '--help']),
      kmsw(['list'], { env: { KMSW_LANG: 'fr' } }),
    ]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/“fr”：kmsw 没有这种界面语言。可用：zh（中文）、en（English）/);
      expect(run.stderr).toMatch(/Use one of: zh \(中文\), en \(English\)/);
      expect(run.stdout).toBe('');
    }
  });

  it('take locale spellings of zh and en', () => {
    expect(kmsw(['--help'], { env: { KMSW_LANG: 'zh_CN.UTF-8' } }).stdout).toMatch(/^用法/);
    expect(kmsw(['--help'], { env: { KMSW_LANG: 'en_US.UTF-8' } }).stdout).toMatch(
      /^Usage: kmsw \[options\] \[command\]/,
    );
    expect(kmsw(['--lang', 'EN', '--help']).stdout).toMatch(/^Usage/);
  });
});

describe('kmsw new --edit runs $VISUAL / $EDITOR as Git does', () => {
  /** An editor that wants its flag first, like `code --wait`: it appends what it was given to the file. */
  const editorIn = (dir: string) => {
    const file = path.join(dir, 'fake editor');
    writeFileSync(file, '#!/bin/sh\n[ "$1" = "--wait" ] || exit 3\nshift\nprintf "# edited with --wait\\n" >> "$1"\n', {
      mode: 0o755,
    });
    return `'${file}' --wait`;
  };

  it('an editor with arguments (code --wait), the file in a folder with a space', () => {
    const dir = tempFolder({ '督导 资料/kmsw.yaml': CONFIG });
    const root = path.join(dir, '督导 资料');
    const run = kmsw(['new', 'log', '--yes', '--as', '李明', '--edit'], {
      cwd: root,
      env: { ...TODAY, EDITOR: editorIn(dir), VISUAL: '' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(root, '2026/11/log/2026-11-28-李明.yaml'), 'utf8')).toMatch(
      /# edited with --wait\n$/,
    );
  });

  it('$VISUAL wins over $EDITOR', () => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG });
    const run = kmsw(['new', 'log', '--yes', '--as', '李明', '--edit'], {
      cwd: dir,
      env: { ...TODAY, VISUAL: editorIn(dir), EDITOR: 'false' },
    });
    expect(run.code).toBe(0);
  });

  it.each([
    ['an editor that is not there', '/nonexistent/editor --wait', /无法打开编辑器 \/nonexistent\/editor --wait/],
    ['an editor that fails', 'false', /编辑器 false 没有正常结束（退出码 1）/],
  ])('%s: exit 2, and the file is written', (_, editor, message) => {
    const dir = tempFolder({ 'kmsw.yaml': CONFIG });
    const run = kmsw(['new', 'log', '--yes', '--as', '李明', '--edit'], {
      cwd: dir,
      env: { ...TODAY, EDITOR: editor, VISUAL: '' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('文件已写好，可以用别的编辑器打开它：2026/11/log/2026-11-28-李明.yaml');
    expect(readFileSync(path.join(dir, '2026/11/log/2026-11-28-李明.yaml'), 'utf8')).toMatch(/^# yaml-language-server/);
  });
});

describe('escapes from the folder are shown, never obeyed', () => {
  const ESC = '\u001b';
  const title = `${ESC}]0;pwned${String.fromCharCode(7)}`;
  const folder = () =>
    tempFolder({
      'kmsw.yaml': CONFIG,
      [`2026/11/log/2026-11-27-李明${ESC}[31m.yaml`]: `form: log\nauthor: 李明\ndate: 2026-11-27\ncontent: x\n`,
      '2026/11/record/2026-11-20-张丽.yaml': `form: record\nsupervisee: "张丽${title}"\nsupervisor: 王芳\nmethod: 面谈\ndate: 2026-11-20\nlocation: "${ESC}[2J"\n`,
      '2026/11/case/2026-11-12-x.yaml': `form: case\ntitle: "标题\u202e反转"\ndate: 2026-11-12\n`,
      '2026/11/case/2026-11-14-a\nb.yaml': 'form: case\ntitle: 换行\ndate: 2026-11-31\n',
    });

  it.each([
    ['list', ['list']],
    ['check', ['check']],
    ['tally', ['tally', '--month', '2026-11']],
    ['status', ['status']],
  ])('%s prints no control character but the line feed', async (_, args) => {
    // check through the real binary (all it writes, a warning of Node's too); the others in-process, through main()
    // (tests/support/in-process.ts), their stdout and stderr as written.
    const run =
      args[0] === 'check'
        ? kmsw(args, { cwd: folder(), env: TODAY })
        : await kmswInProcess(args, { cwd: folder(), env: TODAY });
    expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('list and check show them as visible marks', async () => {
    const dir = folder();
    // In-process (main()): the spawned check above holds what reaches a terminal.
    const list = (await kmswInProcess(['list'], { cwd: dir, env: TODAY })).stdout;
    expect(list).toContain('2026-11-27-李明␛[31m.yaml');
    expect(list).toContain('张丽␛]0;pwned␇');
    const check = (await kmswInProcess(['check'], { cwd: dir, env: TODAY })).stdout;
    expect(check).toMatch(/^2026\/11\/log\/2026-11-27-李明␛\[31m\.yaml$/m);
    // A line feed in a file name is shown too: the name stays on its one line.
    expect(check).toMatch(/^2026\/11\/case\/2026-11-14-a␊b\.yaml$/m);
    expect(list).toContain('2026/11/case/2026-11-14-a␊b.yaml');
  });
});

describe('columns as the terminal shows them', () => {
  it('puts the caret under the column after emoji, a ZWJ family, combining marks and a zero-width space', () => {
    const before = 'signatures: { worker: { name: "';
    const tricky = '👨‍👩‍👧‍👦' + 'e\u0301' + '\u200b' + '✌🏽';
    const between = '", date: 2026-11-21 }, supervisor: { name: ';
    const line = `${before}${tricky}${between}李明, date: 2026-11-21 } }`;
    const dir = tempFolder({
      'kmsw.yaml': CONFIG,
      '2026/11/record/2026-11-20-张丽.yaml': `form: record\nsupervisee: 张丽\nsupervisor: 王芳\nmethod: 面谈\ntype: 一般督导\ndate: 2026-11-20\nduration: 2小时\nlocation: 站\ncontent: |\n  x\nadvice: |\n  y\nworker_plan: |\n  z\n${line}\n`,
    });
    const out = kmsw(['check', '2026/11/record', '--rule', 'signature-mismatch'], {
      cwd: dir,
      env: TODAY,
    }).stdout.split('\n');
    // Each finding's excerpt is followed by its caret line.
    const carets = out.flatMap((l, i) =>
      l.endsWith(`│ ${line}`) ? [out[i + 1]!.indexOf('^') - (l.indexOf('│ ') + 2)] : [],
    );
    // The family is 2 columns, é 1, the zero-width space 0, the waving hand with its skin tone 2.
    const expected = before.length + 2 + 1 + 0 + 2 + between.length;
    expect(carets, out.join('\n')).toContain(expected);
  });

  it('measures plain text (ASCII, the common CJK ideographs, Chinese marks) like string-width, without its clusters', async () => {
    const { displayWidth, PLAIN } = await import('../src/format/table.js');
    const { default: stringWidth } = await import('string-width');
    for (let cp = 0; cp < 0x10000; cp++) {
      const ch = String.fromCharCode(cp);
      if (PLAIN.test(ch)) expect(displayWidth(ch), cp.toString(16)).toBe(stringWidth(ch));
    }
    expect(PLAIN.test('李明，“2026年”…')).toBe(true);
  });

  it('measures like string-width on any text, taking the per-code-point path only where no cluster can form (property)', async () => {
    const { displayWidth } = await import('../src/format/table.js');
    const { default: stringWidth } = await import('string-width');
    const pieces = [
      'a',
      ' ',
      '李',
      '明',
      '，',
      '“',
      '…',
      '│',
      '█',
      '✓',
      'é',
      'e\u0301',
      '\u200b',
      '\u200d',
      '👨‍👩‍👧‍👦',
      '✌🏽',
      '🇨🇳',
      '\ufe0f',
      '１',
      'ｶ',
      '한',
      '\u1100\u1161',
      '𠀋',
      '\u00ad',
      '\u3164',
      '\t',
      '\u001b[31m',
      'Ω',
      'ß',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => {
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('pads list columns by display width, whatever the names hold', () => {
    const dir = tempFolder({
      'kmsw.yaml': CONFIG,
      '2026/11/case/2026-11-12-a.yaml': 'form: case\ntitle: "👨‍👩‍👧‍👦家庭"\ndate: 2026-11-12\n',
      '2026/11/case/2026-11-13-b.yaml': 'form: case\ntitle: "e\u0301e\u0301"\ndate: 2026-11-13\n',
    });
    const rows = kmsw(['list'], { cwd: dir, env: TODAY })
      .stdout.split('\n')
      .filter((l) => l.includes('.yaml'));
    // Columns by grapheme: a pictograph or a Han character is two, anything else one.
    const width = (s: string) =>
      [...new Intl.Segmenter().segment(s)].reduce(
        (n, g) => n + (/\p{Extended_Pictographic}|\p{Script=Han}/u.test(g.segment) ? 2 : 1),
        0,
      );
    const fileColumn = (l: string) => width(l.slice(0, l.indexOf('2026/')));
    expect(rows.length).toBe(2);
    expect(fileColumn(rows[0]!)).toBe(fileColumn(rows[1]!));
  });
});

describe('an internal error', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.doUnmock('../src/commands/list.js');
    vi.resetModules();
  });

  it('is said in Chinese, names the command and says where to report it', async () => {
    vi.resetModules();
    vi.doMock('../src/commands/list.js', () => ({
      list: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
    }));
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation(
      (chunk: string | Uint8Array) => (written.push(String(chunk)), true),
    );
    const { main } = await import('../src/cli.js');
    const code = await main(['--dir', EXAMPLE, 'list']);
    expect(code).toBe(2);
    const text = written.join('');
    expect(text).toMatch(
      /^kmsw list：内部错误。这是 kmsw 自身的缺陷，不是你的资料有问题：\nTypeError: Cannot read properties/,
    );
    expect(text).toMatch(/请把以上信息发给督导中心的 kmsw 维护者，或在项目仓库提 issue。\n$/);
  });
});
