/**
 * Declares the commands and their options, nothing more: each command's module is imported only
 * when it runs, so `kmsw --help` loads commander alone. The one place that maps errors to exit codes.
 */
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { KmswError } from './errors.js';
import { displayWidth } from './format/table.js';
import { getLang, langFrom, say, setLang } from './i18n.js';

export interface GlobalOptions {
  dir?: string;
  today?: string;
  color: boolean;
  lang?: 'zh' | 'en';
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const HELP_TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：' };

// Commander's own complaints, said in Chinese (and left as they are in English).
const COMMANDER_MESSAGES: Array<[RegExp, (...m: string[]) => string]> = [
  [/unknown option '(.+?)'(?:\s*\(Did you mean (.+?)\?\))?/, (o, s) => `不认识的选项 ${o}${s ? `，是不是 ${s}？` : ''}`],
  [/unknown command '(.+?)'(?:\s*\(Did you mean (.+?)\?\))?/, (c, s) => `没有命令 ${c}${s ? `，是不是 ${s}？` : ''}。运行 kmsw --help 查看所有命令`],
  [/option '(.+?)' argument missing/, (o) => `选项 ${o} 后面需要一个值`],
  [/missing required argument '(.+?)'/, (a) => `缺少参数 ${a}`],
  [/too many arguments/, () => '参数太多'],
  [/option '(.+?)' argument '(.+?)' is invalid\. Allowed choices are (.+?)\./, (o, v, c) => `选项 ${o} 的值“${v}”无效，可选：${c}`],
];

function translate(message: string): string {
  if (getLang() === 'en') return message;
  for (const [pattern, chinese] of COMMANDER_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return `kmsw: ${chinese(...m.slice(1).map((s) => s ?? ''))}\n`;
  }
  return message;
}

async function today(opts: GlobalOptions): Promise<string> {
  const { localToday, parseDate } = await import('./values/date.js');
  const given = opts.today ?? process.env.KMSW_TODAY;
  if (given === undefined || given === '') return localToday();
  const parsed = parseDate(given);
  if (!parsed.ok) throw new KmswError(say(`--today（或 KMSW_TODAY）“${given}”不是日期：${parsed.reason}`, `--today (or KMSW_TODAY) "${given}" is not a date: ${parsed.reason}`));
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

/** Record paths given on the command line, relative to the records folder. */
async function pathsInFolder(root: string, given: string[]): Promise<string[] | undefined> {
  if (given.length === 0) return undefined;
  return given.map((p) => {
    const rel = path.relative(root, path.resolve(p));
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new KmswError(say(`${p} 不在资料文件夹 ${root} 里`, `${p} is not inside the records folder ${root}`));
    return rel.split(path.sep).join('/');
  });
}

function program(setExit: (code: number) => void): Command {
  const cli = new Command('kmsw')
    .description(say('昆明市社会工作服务站督导中心 督导资料工具：新建记录、检查、导出官方表格', "Supervision records of Kunming's social-work stations: scaffold, check and export the official forms"))
    .version(process.env.npm_package_version ?? '0.1.0', '-V, --version', say('显示版本', 'show the version'))
    .helpOption('-h, --help', say('显示帮助', 'show help'))
    .helpCommand(say('help [命令]', 'help [command]'), say('显示某个命令的帮助', 'show help for a command'))
    .option(say('-C, --dir <文件夹>', '-C, --dir <folder>'), say('督导资料文件夹（默认：从当前目录向上找 kmsw.yaml）', 'the records folder (default: the first folder up from here holding kmsw.yaml)'))
    .option(say('--today <日期>', '--today <date>'), say('把这一天当作今天（也可设 KMSW_TODAY），例如 2026-11-30', 'take this day as today (or set KMSW_TODAY), e.g. 2026-11-30'))
    .option('--no-color', say('不使用颜色（也可设 NO_COLOR）', 'no colours (or set NO_COLOR)'))
    .option('--lang <zh|en>', say('界面语言：zh 中文（默认）或 en 英文；也可设 KMSW_LANG', 'language: zh Chinese (default) or en English; or set KMSW_LANG'))
    .showSuggestionAfterError(true)
    // Chinese characters take two columns: pad help by what the terminal shows, not by string length.
    .configureHelp({
      displayWidth: (text) => displayWidth(text.replace(/\x1b\[[0-9;]*m/g, '')),
      styleTitle: (title) => say(HELP_TITLES[title] ?? title, title),
    })
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(translate(text)) });

  cli
    .command('init')
    .description(say('新建督导资料文件夹：写入 kmsw.yaml、.gitignore，并初始化 Git', 'make a records folder: kmsw.yaml, .gitignore and a Git repository'))
    .argument(say('[文件夹]', '[folder]'), say('要新建的文件夹', 'the folder to make'), '.')
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
    .option('-l, --list', say('列出所有表格', 'list the forms'))
    .action(async (form: string | undefined, local: { as?: string; set?: string[]; yes?: boolean; edit?: boolean; list?: boolean }, cmd: Command) => {
      const { formList, newRecord } = await import('./commands/new.js');
      if (local.list) return void out(formList());
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const interactive = !local.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
      const ask = interactive ? (await import('./commands/prompts.js')).askOnTerminal : undefined;
      const result = await newRecord({ root: await folder(opts), form, today: await today(opts), as: local.as, set: local.set, ask });
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
    .option(say('-y, --year <年>', '-y, --year <yyyy>'), say('导出这一年的十二个月', 'all twelve months of this year'))
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
    .option(say('-y, --year <年>', '-y, --year <yyyy>'), say('看这一年（默认今年）', 'this year (default: the current one)'))
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
      const result = await writeSchemas({ dir, config: await loadConfig(root) });
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
    .option(say('-y, --year <年>', '-y, --year <yyyy>'), say('只检查这一年，并检查年度督导要求（quota）', "only this year, and check the year's requirements (quota)"))
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
      const result = await check({ root, today: await today(opts), month, year, paths: await pathsInFolder(root, files), rules: local.rule, workerScript: host.workerScript });
      const { formatHuman, formatJson } = await import('./format/diagnostics.js');
      if (local.format === 'json') {
        process.stdout.write(formatJson(result));
        for (const note of result.notes) process.stderr.write(`${say('注意：', 'Note: ')}${note}\n`);
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

async function openEditor(file: string): Promise<void> {
  const { spawnSync } = await import('node:child_process');
  const editor = process.env.VISUAL || process.env.EDITOR || (process.platform === 'win32' ? 'notepad' : 'vi');
  const result = spawnSync(editor, [file], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) {
    throw new KmswError(say(`无法打开编辑器 ${editor}：${result.error.message}。文件已写好，可以手动打开：${file}`, `Cannot open the editor ${editor}: ${result.error.message}. The file is written; open it yourself: ${file}`), 1);
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

/** What the program that runs kmsw offers it: a script that runs kmsw's scan in a worker thread (bin/worker.cjs). */
export interface Host {
  workerScript?: string;
}
let host: Host = {};

/** A worker thread's share of check's scan; bin/worker.cjs calls it. */
export async function scanJob(job: import('./commands/parallel.js').ScanJob) {
  return (await import('./commands/check.js')).scanJob(job);
}

/** Runs kmsw with these arguments and returns the exit code: 0 done, 1 findings, 2 could not run. */
export async function main(argv: string[], from: Host = {}): Promise<number> {
  host = from;
  setLang(langFrom(argv, process.env));
  if (argv.includes('--no-color') || (process.env.NO_COLOR ?? '') !== '') process.env.FORCE_COLOR = '0';
  let code = 0;
  try {
    await program((c) => (code = c)).parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof KmswError) {
      process.stderr.write(`kmsw: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof Error && e.name === 'ExitPromptError') {
      process.stderr.write(say('\n已取消，没有写入任何文件。\n', '\nCancelled; nothing was written.\n'));
      return 130;
    }
    const err = e as NodeJS.ErrnoException;
    const why = err.code ? WRITE_FAILURES[err.code] : undefined;
    if (why) {
      // The temp-file-then-rename writes mean a failed write changed nothing that was there before.
      const where = err.path ? ` ${err.path}` : '';
      process.stderr.write(say(`kmsw: 无法写入${where}（${err.code}）：${why[0]}。已有的文件都没有改动。\n`, `kmsw: cannot write${where} (${err.code}): ${why[1]}. No existing file was changed.\n`));
      return 2;
    }
    process.stderr.write(say('kmsw: 内部错误，请把下面的信息告诉维护者：\n', 'kmsw: internal error; please send this to the maintainers:\n') + `${err.stack ?? String(e)}\n`);
    return 2;
  }
}
