/**
 * Registers the commands, each declared with its options, help and action in src/cli/<command>.ts;
 * a command's module is imported only when it runs, so `kmsw --help` loads commander alone. Here
 * too: kmsw's words for commander's help and complaints, and the one place that maps errors to exit codes.
 */
import { Command, CommanderError, Help } from 'commander';
import { checkCommand } from './cli/check.js';
import type { CliContext } from './cli/context.js';
import { exportCommand } from './cli/export.js';
import { initCommand } from './cli/init.js';
import { listCommand } from './cli/list.js';
import { newCommand } from './cli/new.js';
import { schemaCommand } from './cli/schema.js';
import { statusCommand } from './cli/status.js';
import { tallyCommand } from './cli/tally.js';
import { templatesCommand } from './cli/templates.js';
import { KmswError } from './errors.js';
import { displayWidth, printable } from './format/table.js';
import { langFrom, say, setLang } from './i18n.js';

export type { GlobalOptions } from './cli/context.js';

const HELP_TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
};

/** The placeholders commander writes into usage lines, in kmsw's words. */
const usageWords = (text: string) => text.replace(/\[options\]/g, say('[选项]', '[options]')).replace(/\[command\]/g, say('[命令]', '[command]'));

/** An option's or argument's help, with its choices and default said by kmsw: `（可选：text、json；默认：text）`. */
function describe(description: string, choices: readonly string[] | undefined, shownDefault: string | undefined): string {
  const extra = [
    ...(choices ? [say(`可选：${choices.join('、')}`, `one of: ${choices.join(', ')}`)] : []),
    ...(shownDefault !== undefined ? [say(`默认：${shownDefault}`, `default: ${shownDefault}`)] : []),
  ];
  if (extra.length === 0) return description;
  return `${description}${say(`（${extra.join('；')}）`, ` (${extra.join('; ')})`)}`;
}

/** The help text's every word is kmsw's: titles, usage placeholders, choices and defaults. */
const HELP: Partial<Help> = {
  displayWidth: (text) => displayWidth(text),
  styleTitle: (title) => say(HELP_TITLES[title] ?? title, title),
  commandUsage(this: Help, cmd) {
    return usageWords(Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(this: Help, cmd) {
    return usageWords(Help.prototype.subcommandTerm.call(this, cmd));
  },
  optionDescription: (option) => {
    const shown = option.defaultValue !== undefined && (option.required || option.optional) ? (option.defaultValueDescription ?? String(option.defaultValue)) : undefined;
    return describe(option.description, option.argChoices, shown);
  },
  argumentDescription: (argument) => {
    const shown = argument.defaultValue !== undefined ? (argument.defaultValueDescription ?? String(argument.defaultValue)) : undefined;
    return describe(argument.description, argument.argChoices, shown);
  },
};

/**
 * Each of commander's complaints (every `this.error(…)` in commander/lib/command.js, by its code),
 * said in kmsw's words in either language. `m` is what the pattern took from commander's English
 * message; `cmd` the command line's own command (`kmsw check`), for "run … --help".
 */
/** `-m, --month <年-月>` → `--month <年-月>`: the spelling to type. */
const flag = (flags: string) => flags.split(/,\s*|\s+\|\s+/).pop()!;
/** `--month <年-月>` → `--month`. */
const bare = (flags: string) => flag(flags).split(' ')[0]!;
/** commander's `a, b` suggestions: `a 或 b`. */
const either = (list: string) => list.split(', ').join(say(' 或 ', ' or '));

const COMMANDER_ERRORS: Record<string, { pattern: RegExp; say: (m: string[], cmd: string) => string }> = {
  'commander.unknownOption': {
    pattern: /unknown option '(.+?)'(?:\s*\(Did you mean (?:one of )?(.+?)\?\))?$/s,
    say: ([o, s], cmd) =>
      say(`${cmd} 没有选项 ${o}${s ? `，是不是 ${either(s)}？` : '。'}运行 ${cmd} --help 查看可用的选项`, `${cmd} has no option ${o}${s ? `; did you mean ${either(s)}?` : '.'} Run ${cmd} --help to see the options`),
  },
  'commander.unknownCommand': {
    pattern: /unknown command '(.+?)'(?:\s*\(Did you mean (?:one of )?(.+?)\?\))?$/s,
    say: ([c, s], cmd) =>
      say(`没有命令 ${c}${s ? `，是不是 ${either(s)}？` : '。'}运行 ${cmd} --help 查看所有命令`, `there is no command ${c}${s ? `; did you mean ${either(s)}?` : '.'} Run ${cmd} --help to see the commands`),
  },
  'commander.optionMissingArgument': {
    pattern: /option '(.+?)' argument missing/,
    say: ([o = '']) => say(`选项 ${bare(o)} 后面要写一个值：${flag(o)}`, `the option ${bare(o)} needs a value after it: ${flag(o)}`),
  },
  'commander.missingMandatoryOptionValue': {
    pattern: /required option '(.+?)' not specified/,
    say: ([o = ''], cmd) => say(`${cmd} 必须给出 ${flag(o)}。运行 ${cmd} --help 查看用法`, `${cmd} needs ${flag(o)}. Run ${cmd} --help to see how`),
  },
  'commander.missingArgument': {
    pattern: /missing required argument '(.+?)'/,
    say: ([a = ''], cmd) => say(`${cmd} 后面要写 <${a}>。运行 ${cmd} --help 查看用法`, `${cmd} needs <${a}> after it. Run ${cmd} --help to see how`),
  },
  'commander.excessArguments': {
    pattern: /Expected (\d+) arguments? but got (\d+)/,
    say: ([n, got], cmd) => say(`参数太多：${cmd} 最多接受 ${n} 个参数，收到 ${got} 个。运行 ${cmd} --help 查看用法`, `too many arguments: ${cmd} takes at most ${n}, got ${got}. Run ${cmd} --help to see how`),
  },
  'commander.conflictingOption': {
    pattern: /error: (?:option|environment variable) '(.+?)' cannot be used with (?:option|environment variable) '(.+?)'/,
    say: ([a, b]) => say(`${bare(a!)} 和 ${bare(b!)} 只能用一个`, `give ${bare(a!)} or ${bare(b!)}, not both`),
  },
  'commander.invalidArgument': {
    pattern: /(?:option '(.+?)' argument|option '(.+?)' value|argument '(.+?)'|value) '?(.*?)'? (?:from env '.+?' )?is invalid(?: for argument '(.+?)')?\.\s*(?:Allowed choices are (.+?)\.)?$/s,
    say: ([o1, o2, , v, a, c]) => {
      const what = o1 || o2 ? say('选项 ', 'the option ') + bare((o1 ?? o2)!) : (a ?? '');
      const choices = c?.split(', ');
      return say(`${what} 的值“${v}”无效${choices ? `，可选：${choices.join('、')}` : ''}`, `${what}: "${v}" is not valid${choices ? `; use one of: ${choices.join(', ')}` : ''}`);
    },
  },
};

/** The codes of commander's errors that kmsw words itself. */
export const COMMANDER_CODES: readonly string[] = Object.keys(COMMANDER_ERRORS);

/** A commander error as kmsw says it; a code kmsw does not know yet still gets kmsw's words, not commander's English. */
export function commanderMessage(code: string, message: string, cmd: string): string {
  const known = COMMANDER_ERRORS[code];
  const m = known?.pattern.exec(message);
  if (known && m) return known.say(m.slice(1), cmd);
  return say(`命令行有误（${code}）。运行 ${cmd} --help 查看用法`, `the command line is not right (${code}). Run ${cmd} --help to see how`);
}

/** `kmsw templates copy`: the command as a person types it. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let at: Command | null = cmd; at; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/** Commander with kmsw's words: its complaints go through COMMANDER_ERRORS, its help through HELP. */
class KmswCommand extends Command {
  override createCommand(name?: string): KmswCommand {
    return new KmswCommand(name);
  }

  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    return super.error(`kmsw: ${printable(commanderMessage(errorOptions?.code ?? 'commander.error', message, commandPath(this)))}`, errorOptions);
  }
}

/** The command running now (`kmsw check`), for the message of an internal error. */
let running = 'kmsw';

/** Each command declares its own options, help and action (src/cli/<command>.ts); its work loads when it runs. */
const COMMANDS: ((cli: Command, ctx: CliContext) => void)[] = [
  initCommand,
  newCommand,
  listCommand,
  tallyCommand,
  exportCommand,
  templatesCommand,
  statusCommand,
  schemaCommand,
  checkCommand,
];

function program(ctx: CliContext): Command {
  const cli = new KmswCommand('kmsw')
    .description(say('昆明市社会工作服务站督导中心 督导资料工具：新建记录、检查、导出官方表格', "Supervision records of Kunming's social-work stations: scaffold, check and export the official forms"))
    .version(process.env.npm_package_version ?? '0.1.0', '-V, --version', say('显示版本', 'show the version'))
    .helpOption('-h, --help', say('显示帮助', 'show help'))
    .helpCommand(say('help [命令]', 'help [command]'), say('显示某个命令的帮助', 'show help for a command'))
    .option(say('-C, --dir <文件夹>', '-C, --dir <folder>'), say('督导资料文件夹（默认：从当前目录向上找 kmsw.yaml）', 'the records folder (default: the first folder up from here holding kmsw.yaml)'))
    .option(say('--today <日期>', '--today <date>'), say('把这一天当作今天（也可设 KMSW_TODAY），例如 2026-11-30', 'take this day as today (or set KMSW_TODAY), e.g. 2026-11-30'))
    .option('--no-color', say('不使用颜色（也可设 NO_COLOR）', 'no colours (or set NO_COLOR)'))
    .option('--lang <zh|en>', say('界面语言：zh 中文（默认）或 en 英文；也可设 KMSW_LANG', 'language: zh Chinese (default) or en English; or set KMSW_LANG'))
    .showSuggestionAfterError(true)
    // Chinese characters take two columns: help is padded by what the terminal shows, not by string length.
    .configureHelp(HELP)
    .exitOverride()
    .hook('preAction', (_, action) => {
      running = commandPath(action);
    });

  // In the order `kmsw --help` lists them.
  for (const declare of COMMANDS) declare(cli, ctx);
  return cli;
}

/** Why a write fails, and what to do, for the codes a person can act on. */
const WRITE_FAILURES: Record<string, [string, string]> = {
  EACCES: ['没有写入这个文件夹的权限，请检查文件夹的权限', 'no permission to write there; check the folder\'s permissions'],
  EPERM: ['没有写入权限，或文件正在 Word、WPS 或 Excel 里打开：关闭它再试', 'no permission, or the file is open in Word, WPS or Excel: close it and try again'],
  EBUSY: ['文件正在 Word、WPS 或 Excel 里打开：关闭它再试', 'the file is open in Word, WPS or Excel: close it and try again'],
  EROFS: ['这个位置是只读的（只读的 U 盘或网络共享）', 'the place is read-only (a read-only USB stick or share)'],
  ENOSPC: ['磁盘已满：腾出空间，或用 --out 写到别处', 'the disk is full: free some space, or write elsewhere with --out'],
  EDQUOT: ['磁盘配额已用完：腾出空间，或用 --out 写到别处', 'the disk quota is used up: free some space, or write elsewhere with --out'],
};

/** The system calls that only read: their failures are read failures, whatever the code. */
const READ_SYSCALLS = new Set(['scandir', 'opendir', 'read', 'stat', 'lstat', 'fstat', 'readlink', 'realpath', 'access']);

/** Why a read fails, and what to do. */
const READ_FAILURES: Record<string, [string, string]> = {
  EACCES: ['没有读取权限，请检查文件或文件夹的权限（chmod）', 'no permission to read it; check the permissions (chmod)'],
  EPERM: ['没有读取权限，请检查文件或文件夹的权限', 'no permission to read it; check the permissions'],
  EIO: ['读取出错（磁盘或网络共享有问题）', 'an I/O error (a failing disk or share)'],
  ENOENT: ['找不到它（是否在运行时被移走了？）', 'it is not there (moved while kmsw ran?)'],
};

/** What the program that runs kmsw offers it: a script that runs kmsw's scan in a worker thread (bin/worker.cjs). */
export interface Host {
  workerScript?: string;
}
let host: Host = {};

/** A worker thread's share of check's scan; bin/worker.cjs calls it. */
export async function scanJob(job: import('./scan/parallel.js').ScanJob) {
  return (await import('./scan/parallel.js')).scanJob(job);
}

/**
 * A reader that went away (`kmsw check | head -1`) closes the pipe: kmsw stops printing and ends
 * with the exit code it would have had, without Node's "Unhandled 'error' event".
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
      process.exitCode = 2;
    });
  }
}

/** Runs kmsw with these arguments and returns the exit code: 0 done, 1 findings, 2 could not run. */
export async function main(argv: string[], from: Host = {}): Promise<number> {
  host = from;
  running = 'kmsw';
  quietOnClosedPipe();
  if (argv.includes('--no-color') || (process.env.NO_COLOR ?? '') !== '') process.env.FORCE_COLOR = '0';
  let code = 0;
  try {
    setLang(langFrom(argv, process.env));
    // `new`'s help lists the forms table's keys: loaded only when `new` is on the command line, never for `--help`.
    const formKeys = argv.includes('new') ? (await import('./forms/index.js')).formKeysText() : '';
    const ctx: CliContext = { setExit: (c) => (code = c), workerScript: () => host.workerScript, formKeys };
    await program(ctx).parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof KmswError) {
      process.stderr.write(`kmsw: ${printable(e.message)}\n`);
      return e.exitCode;
    }
    if (e instanceof Error && e.name === 'ExitPromptError') {
      process.stderr.write(say('\n已取消，没有写入任何文件。\n', '\nCancelled; nothing was written.\n'));
      return 130;
    }
    const err = e as NodeJS.ErrnoException;
    // A failed read is never called a failed write: it changed nothing, and the fix differs.
    const readWhy = err.code && READ_SYSCALLS.has(err.syscall ?? '') ? READ_FAILURES[err.code] : undefined;
    if (readWhy) {
      const where = err.path ? ` ${err.path}` : '';
      process.stderr.write(say(`kmsw: 无法读取${where}（${err.code}）：${readWhy[0]}。没有写入任何文件。\n`, `kmsw: cannot read${where} (${err.code}): ${readWhy[1]}. Nothing was written.\n`));
      return 2;
    }
    const why = err.code ? WRITE_FAILURES[err.code] : undefined;
    if (why) {
      // The temp-file-then-rename writes mean a failed write changed nothing that was there before.
      const where = err.path ? ` ${err.path}` : '';
      process.stderr.write(printable(say(`kmsw: 无法写入${where}（${err.code}）：${why[0]}。已有的文件都没有改动。\n`, `kmsw: cannot write${where} (${err.code}): ${why[1]}. No existing file was changed.\n`)));
      return 2;
    }
    process.stderr.write(internalError(err));
    return 2;
  }
}

/** Every internal error is a bug in kmsw: said in the user's language, naming the command, with where to report it. */
function internalError(err: Error): string {
  return printable(
    say(
      `${running}：内部错误。这是 kmsw 自身的缺陷，不是你的资料有问题：\n${err.stack ?? String(err)}\n请把以上信息发给督导中心的 kmsw 维护者，或在项目仓库提 issue。\n`,
      `${running}: internal error. This is a bug in kmsw, not a fault in your records:\n${err.stack ?? String(err)}\nPlease send the lines above to the kmsw maintainer at the supervision centre, or open an issue in the project's repository.\n`,
    ),
  );
}
