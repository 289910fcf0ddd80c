/**
 * Registers the commands, each declared with its options, help and action in src/cli/<command>.ts;
 * a command's module is imported only when it runs, so `kmsw --help` loads commander alone. Here
 * too: kmsw's words for commander's help and complaints, and the one place that maps errors to exit codes.
 */
import { Command, CommanderError, Help } from 'commander';
import { checkCommand } from './cli/check.js';
import { type CliContext, KMSW_VERSION } from './cli/context.js';
import { exportCommand } from './cli/export.js';
import { hooksCommand } from './cli/hooks.js';
import { initCommand } from './cli/init.js';
import { listCommand } from './cli/list.js';
import { newCommand } from './cli/new.js';
import { reportCommand } from './cli/report.js';
import { schemaCommand } from './cli/schema.js';
import { signCommand } from './cli/sign.js';
import { statusCommand } from './cli/status.js';
import { tallyCommand } from './cli/tally.js';
import { templatesCommand } from './cli/templates.js';
import { KmswError } from './errors.js';
import { displayWidth, printable } from './format/table.js';
import { getLang, langFrom, msg, setLang } from './i18n.js';

export type { GlobalOptions } from './cli/context.js';

const HELP_TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
};

/** The placeholders commander writes into usage lines, in kmsw's words. */
const usageWords = (text: string) =>
  text.replace(/\[options\]/g, msg().cli.options).replace(/\[command\]/g, msg().cli.command);

/** An option's or argument's help, with its choices and default said by kmsw: `（可选：text、json；默认：text）`. */
function describe(
  description: string,
  choices: readonly string[] | undefined,
  shownDefault: string | undefined,
): string {
  const extra = [
    ...(choices ? [msg().cli.oneOf(choices)] : []),
    ...(shownDefault !== undefined ? [msg().cli.defaultText(shownDefault)] : []),
  ];
  if (extra.length === 0) return description;
  return `${description}${msg().cli.extra(extra)}`;
}

/** The help text's every word is kmsw's: titles, usage placeholders, choices and defaults. */
const HELP: Partial<Help> = {
  displayWidth: (text) => displayWidth(text),
  styleTitle: (title) => (getLang() === 'en' ? title : (HELP_TITLES[title] ?? title)),
  commandUsage(this: Help, cmd) {
    return usageWords(Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(this: Help, cmd) {
    return usageWords(Help.prototype.subcommandTerm.call(this, cmd));
  },
  optionDescription: (option) => {
    const shown =
      option.defaultValue !== undefined && (option.required || option.optional)
        ? (option.defaultValueDescription ?? String(option.defaultValue))
        : undefined;
    return describe(option.description, option.argChoices, shown);
  },
  argumentDescription: (argument) => {
    const shown =
      argument.defaultValue !== undefined
        ? (argument.defaultValueDescription ?? String(argument.defaultValue))
        : undefined;
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
const either = (list: string) => list.split(', ').join(msg().cli.or);

const COMMANDER_ERRORS: Record<string, { pattern: RegExp; say: (m: string[], cmd: string) => string }> = {
  'commander.unknownOption': {
    pattern: /unknown option '(.+?)'(?:\s*\(Did you mean (?:one of )?(.+?)\?\))?$/s,
    say: ([o, s], cmd) => msg().cli.hasNoOptionRun(cmd, o, s ? msg().cli.didYouMean(either(s)) : msg().cli.period),
  },
  'commander.unknownCommand': {
    pattern: /unknown command '(.+?)'(?:\s*\(Did you mean (?:one of )?(.+?)\?\))?$/s,
    say: ([c, s], cmd) => msg().cli.thereIsNoCommand(c, s ? msg().cli.didYouMean(either(s)) : msg().cli.period, cmd),
  },
  'commander.optionMissingArgument': {
    pattern: /option '(.+?)' argument missing/,
    say: ([o = '']) => msg().cli.theOptionNeedsA(bare(o), flag(o)),
  },
  'commander.missingMandatoryOptionValue': {
    pattern: /required option '(.+?)' not specified/,
    say: ([o = ''], cmd) => msg().cli.needsRunHelpTo(cmd, flag(o)),
  },
  'commander.missingArgument': {
    pattern: /missing required argument '(.+?)'/,
    say: ([a = ''], cmd) => msg().cli.needsAfterItRun(cmd, a),
  },
  'commander.excessArguments': {
    pattern: /Expected (\d+) arguments? but got (\d+)/,
    say: ([n, got], cmd) => msg().cli.tooManyArgumentsTakes(cmd, n, got),
  },
  'commander.conflictingOption': {
    pattern:
      /error: (?:option|environment variable) '(.+?)' cannot be used with (?:option|environment variable) '(.+?)'/,
    say: ([a, b]) => msg().cli.giveOrNotBoth(bare(a!), bare(b!)),
  },
  'commander.invalidArgument': {
    pattern: new RegExp(
      String.raw`(?:option '(.+?)' argument|option '(.+?)' value|argument '(.+?)'|value) '?(.*?)'? ` +
        String.raw`(?:from env '.+?' )?is invalid(?: for argument '(.+?)')?\.\s*(?:Allowed choices are (.+?)\.)?$`,
      's',
    ),
    say: ([o1, o2, , v, a, c]) => {
      const what = o1 || o2 ? msg().cli.theOption + bare((o1 ?? o2)!) : (a ?? '');
      const choices = c?.split(', ');
      return msg().cli.isNotValidUse(what, v, choices);
    },
  },
};

/** The codes of commander's errors that kmsw words itself. */
export const COMMANDER_CODES: readonly string[] = Object.keys(COMMANDER_ERRORS);

/**
 * A commander error as kmsw says it; a code kmsw does not know yet still gets kmsw's words, not commander's English.
 */
export function commanderMessage(code: string, message: string, cmd: string): string {
  const known = COMMANDER_ERRORS[code];
  const m = known?.pattern.exec(message);
  if (known && m) return known.say(m.slice(1), cmd);
  return msg().cli.theCommandLineIs(code, cmd);
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
    return super.error(
      `kmsw: ${printable(commanderMessage(errorOptions?.code ?? 'commander.error', message, commandPath(this)))}`,
      errorOptions,
    );
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
  reportCommand,
  signCommand,
  schemaCommand,
  checkCommand,
  hooksCommand,
];

function program(ctx: CliContext): Command {
  const cli = new KmswCommand('kmsw')
    .description(msg().cli.supervisionRecordsOfKunming)
    .version(KMSW_VERSION, '-V, --version', msg().cli.showTheVersion)
    .helpOption('-h, --help', msg().cli.showHelp)
    .helpCommand(msg().cli.helpCommand, msg().cli.showHelpForA)
    .option(msg().cli.cDirFolder, msg().cli.theRecordsFolderDefault)
    .option(msg().cli.todayDate, msg().cli.takeThisDayAs)
    .option('--no-color', msg().cli.noColoursOrSet)
    .option('--lang <zh|en>', msg().cli.languageZhChineseDefault)
    .showSuggestionAfterError(true)
    // Chinese characters take two columns: help is padded by what the terminal shows, not by string length.
    .configureHelp(HELP)
    .exitOverride()
    .hook('preAction', async (_, action) => {
      running = commandPath(action);
      // The commands that scan the folder take `--no-cache` (cli/options.ts): they use its cache unless told not to.
      const { cache } = action.opts<{ cache?: boolean }>();
      if (cache !== undefined) (await import('./scan/cache.js')).setCaching(cache);
    });

  // In the order `kmsw --help` lists them.
  for (const declare of COMMANDS) declare(cli, ctx);
  return cli;
}

/** Why a write fails, and what to do, for the codes a person can act on. */
const WRITE_FAILURES: Record<string, [string, string]> = {
  EACCES: [
    '没有写入这个文件夹的权限，请检查文件夹的权限',
    "no permission to write there; check the folder's permissions",
  ],
  EPERM: [
    '没有写入权限，或文件正在 Word、WPS 或 Excel 里打开：关闭它再试',
    'no permission, or the file is open in Word, WPS or Excel: close it and try again',
  ],
  EBUSY: [
    '文件正在 Word、WPS 或 Excel 里打开：关闭它再试',
    'the file is open in Word, WPS or Excel: close it and try again',
  ],
  EROFS: ['这个位置是只读的（只读的 U 盘或网络共享）', 'the place is read-only (a read-only USB stick or share)'],
  ENOSPC: [
    '磁盘已满：腾出空间，或用 --out 写到别处',
    'the disk is full: free some space, or write elsewhere with --out',
  ],
  EDQUOT: [
    '磁盘配额已用完：腾出空间，或用 --out 写到别处',
    'the disk quota is used up: free some space, or write elsewhere with --out',
  ],
};

/** The system calls that only read: their failures are read failures, whatever the code. */
const READ_SYSCALLS = new Set([
  'scandir',
  'opendir',
  'read',
  'stat',
  'lstat',
  'fstat',
  'readlink',
  'realpath',
  'access',
]);

/** Why a read fails, and what to do. */
const READ_FAILURES: Record<string, [string, string]> = {
  EACCES: [
    '没有读取权限，请检查文件或文件夹的权限（chmod）',
    'no permission to read it; check the permissions (chmod)',
  ],
  EPERM: ['没有读取权限，请检查文件或文件夹的权限', 'no permission to read it; check the permissions'],
  EIO: ['读取出错（磁盘或网络共享有问题）', 'an I/O error (a failing disk or share)'],
  ENOENT: ['找不到它（是否在运行时被移走了？）', 'it is not there (moved while kmsw ran?)'],
};

/** What the program that runs kmsw offers it: a script that runs kmsw's scan in a worker thread (bin/worker.cjs). */
export interface Host {
  workerScript?: string;
}
let host: Host = {};

/** TEST ONLY: forgets the host and the command the last main() ran (tests/support/each-file.ts); the host it had. */
export function forgetHost(): Host {
  const had = host;
  host = {};
  running = 'kmsw';
  return had;
}

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
      process.stderr.write(msg().cli.cancelledNothingWasWritten);
      return 130;
    }
    const err = e as NodeJS.ErrnoException;
    // A failed read is never called a failed write: it changed nothing, and the fix differs.
    const readWhy = err.code && READ_SYSCALLS.has(err.syscall ?? '') ? READ_FAILURES[err.code] : undefined;
    if (readWhy) {
      const where = err.path ? ` ${err.path}` : '';
      process.stderr.write(msg().cli.kmswCannotReadNothing(where, err.code, readWhy[0], readWhy[1]));
      return 2;
    }
    const why = err.code ? WRITE_FAILURES[err.code] : undefined;
    if (why) {
      // The temp-file-then-rename writes mean a failed write changed nothing that was there before.
      const where = err.path ? ` ${err.path}` : '';
      process.stderr.write(printable(msg().cli.kmswCannotWriteNo(where, err.code, why[0], why[1])));
      return 2;
    }
    process.stderr.write(internalError(err));
    return 2;
  }
}

/** Every internal error is a bug in kmsw: said in the user's language, naming the command, with where to report it. */
function internalError(err: Error): string {
  return printable(msg().cli.internalErrorThisIs(running, err.stack ?? String(err)));
}
