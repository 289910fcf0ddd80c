/**
 * Declares the commands and their options, nothing more: each command's module is imported only
 * when it runs, so `kmsw --help` loads commander alone. The one place that maps errors to exit codes.
 */
import path from 'node:path';
import { Argument, Command, CommanderError, Help, Option } from 'commander';
import { KmswError } from './errors.js';
import { displayWidth, printable } from './format/table.js';
import { langFrom, say, setLang } from './i18n.js';

export interface GlobalOptions {
  dir?: string;
  today?: string;
  color: boolean;
  lang?: 'zh' | 'en';
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

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

async function today(opts: GlobalOptions): Promise<string> {
  const { localToday, outsideYears, parseDate, WORK_YEARS } = await import('./values/date.js');
  const given = opts.today ?? process.env.KMSW_TODAY;
  const parsed = given === undefined || given === '' ? { ok: true as const, value: localToday() } : parseDate(given, WORK_YEARS);
  if (!parsed.ok) throw new KmswError(say(`--today（或 KMSW_TODAY）“${given}”不是日期：${parsed.reason}`, `--today (or KMSW_TODAY) "${given}" is not a date: ${parsed.reason}`));
  // The working-day rules count day by day up to today: a today centuries away is a typo (or a wrong clock).
  const outside = outsideYears(parsed.value, WORK_YEARS);
  if (outside) throw new KmswError(say(`今天的日期 ${parsed.value}（--today、KMSW_TODAY 或电脑时钟）：${outside}`, `today's date ${parsed.value} (--today, KMSW_TODAY or the clock): ${outside}`));
  return parsed.value;
}

async function folder(opts: GlobalOptions): Promise<string> {
  const { findFolder } = await import('./records/folder.js');
  return findFolder(opts.dir);
}

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/** Colour only on a terminal, unless FORCE_COLOR says otherwise (main sets it to 0 for NO_COLOR and --no-color). */
const colour = () => (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '' ? process.env.FORCE_COLOR !== '0' : process.stdout.isTTY === true);

/** `--month` and `--year` as given (either may be absent), checked and normalised. */
async function periodOf(local: { month?: string; year?: string }): Promise<{ month?: string; year?: number }> {
  return {
    month: local.month === undefined ? undefined : await parseMonthOption(local.month),
    year: local.year === undefined ? undefined : await yearOption(local.year),
  };
}

async function yearOption(text: string): Promise<number> {
  if (!/^\d{4}$/.test(text.trim())) throw new KmswError(say(`--year “${text}”：应为四位年份，如 2026`, `--year "${text}": give a four-digit year, e.g. 2026`));
  return Number(text.trim());
}

/**
 * Record paths given on the command line. With `--dir` they are relative to the records folder
 * (the spec's words), or absolute inside it; without, relative to where kmsw runs, as a shell
 * completes them. A glob is kept as typed, relative to the folder.
 */
async function pathsInFolder(root: string, given: string[], dir: string | undefined): Promise<string[] | undefined> {
  if (given.length === 0) return undefined;
  const base = dir === undefined ? process.cwd() : root;
  return given.map((p) => {
    const rel = path.relative(root, path.resolve(base, p));
    if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) throw new KmswError(say(`${p} 不在资料文件夹 ${root} 里`, `${p} is not inside the records folder ${root}`));
    return rel.split(path.sep).join('/');
  });
}

function program(setExit: (code: number) => void): Command {
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

  cli
    .command('init')
    .description(say('新建督导资料文件夹：写入 kmsw.yaml、.gitignore，并初始化 Git', 'make a records folder: kmsw.yaml, .gitignore and a Git repository'))
    .addArgument(new Argument(say('[文件夹]', '[folder]'), say('要新建的文件夹', 'the folder to make')).default('.', say('当前文件夹', 'the current folder')))
    .action(async (dir: string) => {
      const { init } = await import('./commands/init.js');
      const result = await init(dir);
      const files = result.written.join(say('、', ', '));
      out(
        say(
          `已在 ${result.root} 新建督导资料文件夹：${files}${result.gitInitialised ? '，并初始化了 Git 仓库' : ''}`,
          `Made a records folder in ${result.root}: ${files}${result.gitInitialised ? ', and a Git repository' : ''}`,
        ),
      );
      out(
        say(
          '下一步：编辑 kmsw.yaml，填写督导助理、督导专家和各县（市、区）的社工站；然后运行 kmsw new log 写今天的日志。',
          "Next: fill in kmsw.yaml (assistants, experts, each county's stations), then run kmsw new log for today's log.",
        ),
      );
    });

  cli
    .command('new')
    .description(say('新建一份记录（在终端里逐项提问；--yes 则不提问）', 'scaffold a new record (asks on a terminal; --yes asks nothing)'))
    .argument(say('[表格]', '[form]'), say('表格名称：', 'the form: ') + 'log monthly record group individual needs case roster sites survey')
    .option(say('--as <姓名>', '--as <name>'), say('填表人（督导助理）；也可设 KMSW_USER', 'who is writing (the assistant); or set KMSW_USER'))
    .option(say('--set <字段=值>', '--set <field=value>'), say('直接给出某个字段的值，可重复，例如 --set date=2026-11-28', 'give a field its value, repeatable, e.g. --set date=2026-11-28'), collect)
    .option('-y, --yes', say('不提问，未给出的字段用默认值（日期为今天）', 'ask nothing; fields not given take their defaults (today for dates)'))
    .option('-e, --edit', say('写好后用 $EDITOR 打开', 'open the new file in $EDITOR'))
    .option('--force', say('这一天（月）已有同一人的日志（月度总结）时，仍然再写一份（文件名加 -2）', 'write a second log (monthly summary) for a day (month) that has one by the same author (named …-2)'))
    .option('-l, --list', say('列出所有表格', 'list the forms'))
    .action(async (form: string | undefined, local: { as?: string; set?: string[]; yes?: boolean; edit?: boolean; force?: boolean; list?: boolean }, cmd: Command) => {
      const { formList, newRecord } = await import('./commands/new.js');
      if (local.list) return void out(formList());
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const interactive = !local.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
      const ask = interactive ? (await import('./commands/prompts.js')).askOnTerminal : undefined;
      const result = await newRecord({ root: await folder(opts), form, today: await today(opts), as: local.as, set: local.set, ask, force: local.force });
      const shown = path.relative(process.cwd(), result.file) || result.file;
      out(say(`已新建${result.form.title}：${shown}`, `New ${result.form.key} (${result.form.title}): ${shown}`));
      if (local.edit) await openEditor(result.file);
    });

  cli
    .command('list')
    .alias('ls')
    .description(say('列出资料文件夹里的记录（按日期）', 'list the records of the folder, by date'))
    .option(say('-m, --month <年-月>', '-m, --month <yyyy-mm>'), say('只列这个月，例如 2026-11', 'only this month, e.g. 2026-11'))
    .option(say('-f, --form <表格>', '-f, --form <form>'), say('只列这种表格，例如 log', 'only this form, e.g. log'))
    .addOption(new Option(say('--format <格式>', '--format <format>'), say('输出格式', 'output format')).choices(['text', 'json']).default('text'))
    .action(async (local: { month?: string; form?: string; format: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { list } = await import('./commands/list.js');
      const { month } = await periodOf(local);
      if (local.form !== undefined) (await import('./commands/new.js')).resolveForm(local.form);
      const rows = await list({ root: await folder(opts), month, form: local.form });
      if (local.format === 'json') return void out(JSON.stringify(rows, null, 2));
      out((await import('./format/reports.js')).formatList(rows, month));
    });

  cli
    .command('tally')
    .description(say('统计某月各类表格的数量（督导资料清单汇总表）', "count the month's records per form (the monthly checklist)"))
    .requiredOption(say('-m, --month <年-月>', '-m, --month <yyyy-mm>'), say('统计这个月，例如 2026-11', 'the month, e.g. 2026-11'))
    .addOption(new Option(say('--format <格式>', '--format <format>'), say('输出格式', 'output format')).choices(['text', 'json']).default('text'))
    .action(async (local: { month: string; format: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { tally } = await import('./commands/tally.js');
      const month = await parseMonthOption(local.month);
      const result = await tally({ root: await folder(opts), today: await today(opts), month });
      // 1 when a file of the month is not counted, as for export: the count is not the whole month.
      if (result.leftOut.length > 0) setExit(1);
      if (local.format === 'json') return void out(JSON.stringify(result, null, 2));
      out((await import('./format/reports.js')).formatTally(result));
    });

  cli
    .command('export')
    .description(say('导出某月的官方 Word/Excel 表格和督导资料清单汇总表，交给项目办', "render the month's official Word/Excel forms and the checklist for the project office"))
    .option(say('-m, --month <年-月>', '-m, --month <yyyy-mm>'), say('导出这个月，例如 2026-11', 'this month, e.g. 2026-11'))
    .option(say('--year <年>', '--year <yyyy>'), say('导出这一年的十二个月', 'all twelve months of this year'))
    .option(say('-o, --out <文件夹>', '-o, --out <folder>'), say('写到这个文件夹（默认：exports/年-月/）', 'write here (default: exports/yyyy-mm/)'))
    .option(say('--only <表格,...>', '--only <forms>'), say('只导出这些表格，例如 --only log,checklist', 'only these, e.g. --only log,checklist'))
    .action(async (local: { month?: string; year?: string; out?: string; only?: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      if ((local.month === undefined) === (local.year === undefined)) throw new KmswError(say('请给出 --month（如 2026-11）或 --year（如 2026）中的一个', 'give --month (e.g. 2026-11) or --year (e.g. 2026), one of them'));
      const { month, year } = await periodOf(local);
      const only = local.only?.split(/[,，、\s]+/).filter(Boolean);
      const { exportMonth, checkOnly } = await import('./commands/export.js');
      if (only) checkOnly(only);
      const root = await folder(opts);
      const reports = await import('./format/reports.js');
      const result = await exportMonth({
        root,
        today: await today(opts),
        month,
        year,
        out: local.out,
        only,
        onProgress: process.stderr.isTTY === true ? reports.progressBar(process.stderr) : undefined,
      });
      out(reports.formatExport(result, month ?? `${year}`, year !== undefined));
      // 1, as check's findings: the documents were written, but they are not the whole month, and a
      // script or a hurried person must not hand them in as if they were (the list is on stdout).
      if (result.leftOut.length > 0) setExit(1);
    });

  const templates = cli.command('templates').description(say('官方表格的模板：查看在用哪个、复制一份来改', 'the templates of the official forms: which is in use, and a copy to edit'));
  templates
    .command('list')
    .description(say('列出每个导出用的模板，以及它来自资料文件夹还是 kmsw 自带', 'list the template of each export, and whether it is the folder\'s own or built in'))
    .action(async (_: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { listTemplates } = await import('./render/templates.js');
      const root = await folder(opts);
      out((await import('./format/reports.js')).formatTemplates(listTemplates(root), root));
    });
  templates
    .command('copy')
    .description(say('把 kmsw 自带的模板复制到资料文件夹的 templates/，之后导出就用它', "copy a built-in template into the folder's templates/, which export then uses"))
    .argument(say('<名称>', '<name>'), say('模板名称或表格名称，例如 log 或 督导工作日志', 'the template or form, e.g. log or 督导工作日志'))
    .action(async (name: string, _: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { copyTemplate } = await import('./render/templates.js');
      const root = await folder(opts);
      const file = await copyTemplate(root, name);
      out(say(`已复制到 ${path.relative(process.cwd(), file) || file}：用 Word、WPS 或 Excel 修改版式，{{…}} 占位符请保留。`, `Copied to ${path.relative(process.cwd(), file) || file}: change its look in Word, WPS or Excel, and keep the {{…}} placeholders.`));
    });

  cli
    .command('status')
    .description(say('一屏看清今年的督导进度：各县团体督导、线上督导、待签名、本月日志', "the year at a glance: group sessions per county, online sessions, signatures due, this month's logs"))
    .option(say('--year <年>', '--year <yyyy>'), say('看这一年（默认今年）', 'this year (default: the current one)'))
    .addOption(new Option(say('--format <格式>', '--format <format>'), say('输出格式', 'output format')).choices(['text', 'json']).default('text'))
    .action(async (local: { year?: string; format: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { status } = await import('./commands/status.js');
      const { year } = await periodOf(local);
      const result = await status({ root: await folder(opts), today: await today(opts), year });
      if (local.format === 'json') return void out(JSON.stringify(result, null, 2));
      const { formatStatus } = await import('./format/status.js');
      process.stdout.write(formatStatus(result, { color: colour() }));
    });

  cli
    .command('schema')
    .description(say('为每种表格写出 JSON Schema（schemas/），让 VS Code 等编辑器边写边提示、边检查', 'write a JSON Schema per form (schemas/) so that VS Code and other editors complete and check as you type'))
    .option(say('-o, --out <文件夹>', '-o, --out <folder>'), say('写到这个文件夹（默认：资料文件夹的 schemas/）', "write into this folder (default: the records folder's schemas/)"))
    .action(async (local: { out?: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { SCHEMA_DIR, writeSchemas } = await import('./commands/schema.js');
      const { loadConfig } = await import('./config.js');
      const root = await folder(opts);
      const dir = local.out ? path.resolve(local.out) : path.join(root, SCHEMA_DIR);
      const result = await writeSchemas({ dir, root, config: await loadConfig(root) });
      const changed = result.files.filter((f) => f.written).length;
      const shown = path.relative(process.cwd(), dir) || '.';
      out(say(`已写出 ${result.files.length} 个表格的 JSON Schema 到 ${shown}/（${changed} 个有变化）。`, `Wrote the JSON Schema of ${result.files.length} forms to ${shown}/ (${changed} changed).`));
      out(say('kmsw new 写的记录第一行会指向它们；在 VS Code 安装 Red Hat 的 YAML 扩展即可边写边检查。', "Records written by kmsw new name them in their first line; with Red Hat's YAML extension VS Code checks as you type."));
    });

  cli
    .command('check')
    .description(say('按督导手册的要求检查所有记录：字数、签名、日志、格式……', "check every record against the handbook's rules: 字 counts, signatures, daily logs, formats…"))
    .argument(say('[文件...]', '[files...]'), say('只检查这些文件、文件夹或通配符（如 2026/11/log/*.yaml）', 'only these files, folders or globs (e.g. 2026/11/log/*.yaml)'))
    .option(say('-m, --month <年-月>', '-m, --month <yyyy-mm>'), say('只检查这个月，例如 2026-11', 'only this month, e.g. 2026-11'))
    .option(say('--year <年>', '--year <yyyy>'), say('只检查这一年，并检查年度督导要求（quota）', "only this year, and check the year's requirements (quota)"))
    .option(say('-r, --rule <规则>', '-r, --rule <rule>'), say('只检查这条规则，可重复，例如 --rule min-chars', 'only this rule, repeatable, e.g. --rule min-chars'), collect)
    .option('--list-rules', say('列出所有规则', 'list the rules'))
    .addOption(new Option(say('--format <格式>', '--format <format>'), say('输出格式', 'output format')).choices(['text', 'json']).default('text'))
    .action(async (files: string[], local: { month?: string; year?: string; rule?: string[]; listRules?: boolean; format: string }, cmd: Command) => {
      if (local.listRules) {
        const { RULES } = await import('./rules/index.js');
        return void out((await import('./format/reports.js')).formatRules(RULES));
      }
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { check, checkRuleIds } = await import('./commands/check.js');
      if (local.rule) checkRuleIds(local.rule);
      if (local.month !== undefined && local.year !== undefined) throw new KmswError(say('--month 和 --year 只能用一个', 'give --month or --year, not both'));
      const { month, year } = await periodOf(local);
      const root = await folder(opts);
      const result = await check({ root, today: await today(opts), month, year, paths: await pathsInFolder(root, files, opts.dir), rules: local.rule, workerScript: host.workerScript });
      const { formatHuman, formatJson } = await import('./format/diagnostics.js');
      if (local.format === 'json') {
        process.stdout.write(formatJson(result));
        for (const note of result.notes) process.stderr.write(`${say('注意：', 'Note: ')}${printable(note)}\n`);
      } else {
        process.stdout.write(formatHuman(result, { root, color: colour() }));
      }
      setExit(result.summary.errors > 0 ? 1 : 0);
    });

  return cli;
}

async function parseMonthOption(text: string): Promise<string> {
  const { parseMonth } = await import('./values/date.js');
  const parsed = parseMonth(text);
  if (!parsed.ok) throw new KmswError(say(`--month “${text}”：${parsed.reason}`, `--month "${text}": ${parsed.reason}`));
  return parsed.value;
}

/**
 * Opens the file in $VISUAL or $EDITOR the way Git does: the variable is shell text, so an editor
 * with arguments (`code --wait`, `subl -w`) works. A failed editor is exit 2, never 1 ("problems found").
 */
async function openEditor(file: string): Promise<void> {
  const { spawnSync } = await import('node:child_process');
  const editor = (process.env.VISUAL || process.env.EDITOR || (process.platform === 'win32' ? 'notepad' : 'vi')).trim();
  const shown = path.relative(process.cwd(), file) || file;
  const written = say(`文件已写好，可以用别的编辑器打开它：${shown}`, `The file is written; open it with another editor: ${shown}`);
  const result =
    process.platform === 'win32'
      ? spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true })
      : spawnSync('sh', ['-c', `${editor} "$@"`, editor, file], { stdio: 'inherit' });
  // sh says 127 when it cannot find the command, 126 when it cannot run it.
  if (result.error || result.status === 127 || result.status === 126) {
    const why = result.error ? `：${result.error.message}` : '';
    throw new KmswError(say(`无法打开编辑器 ${editor}${why}（请检查 EDITOR 或 VISUAL 环境变量）。${written}`, `cannot open the editor ${editor}${why} (check the EDITOR or VISUAL variable). ${written}`));
  }
  if (result.status !== 0) {
    const how = result.signal ?? say(`退出码 ${result.status}`, `exit code ${result.status}`);
    throw new KmswError(say(`编辑器 ${editor} 没有正常结束（${how}）。${written}`, `the editor ${editor} did not end normally (${how}). ${written}`));
  }
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
export async function scanJob(job: import('./commands/parallel.js').ScanJob) {
  return (await import('./commands/check.js')).scanJob(job);
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
    await program((c) => (code = c)).parseAsync(argv, { from: 'user' });
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
