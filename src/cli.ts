/**
 * Declares the commands and their options, nothing more: each command's module is imported only
 * when it runs, so `kmsw --help` loads commander alone. The one place that maps errors to exit codes.
 */
import { Command, CommanderError, Option } from 'commander';
import { KmswError } from './errors.js';
import { displayWidth } from './format/table.js';

export interface GlobalOptions {
  dir?: string;
  today?: string;
  color: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

// Commander's own complaints, said in Chinese.
const COMMANDER_MESSAGES: Array<[RegExp, (...m: string[]) => string]> = [
  [/unknown option '(.+?)'(?:\s*\(Did you mean (.+?)\?\))?/, (o, s) => `不认识的选项 ${o}${s ? `，是不是 ${s}？` : ''}`],
  [/unknown command '(.+?)'(?:\s*\(Did you mean (.+?)\?\))?/, (c, s) => `没有命令 ${c}${s ? `，是不是 ${s}？` : ''}。运行 kmsw --help 查看所有命令`],
  [/option '(.+?)' argument missing/, (o) => `选项 ${o} 后面需要一个值`],
  [/missing required argument '(.+?)'/, (a) => `缺少参数 ${a}`],
  [/too many arguments/, () => '参数太多'],
  [/option '(.+?)' argument '(.+?)' is invalid\. Allowed choices are (.+?)\./, (o, v, c) => `选项 ${o} 的值“${v}”无效，可选：${c}`],
];

function translate(message: string): string {
  for (const [pattern, say] of COMMANDER_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return `kmsw: ${say(...m.slice(1).map((s) => s ?? ''))}\n`;
  }
  return message;
}

async function today(opts: GlobalOptions): Promise<string> {
  const { localToday, parseDate } = await import('./values/date.js');
  const given = opts.today ?? process.env.KMSW_TODAY;
  if (given === undefined || given === '') return localToday();
  const parsed = parseDate(given);
  if (!parsed.ok) throw new KmswError(`--today（或 KMSW_TODAY）“${given}”不是日期：${parsed.reason}`);
  return parsed.value;
}

async function folder(opts: GlobalOptions): Promise<string> {
  const { findFolder } = await import('./records/folder.js');
  return findFolder(opts.dir);
}

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

function program(): Command {
  const cli = new Command('kmsw')
    .description('昆明市社会工作服务站督导中心 督导资料工具：新建记录、检查、导出官方表格')
    .version(process.env.npm_package_version ?? '0.1.0', '-V, --version', '显示版本')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .option('-C, --dir <文件夹>', '督导资料文件夹（默认：从当前目录向上找 kmsw.yaml）')
    .option('--today <日期>', '把这一天当作今天（也可设 KMSW_TODAY），例如 2026-11-30')
    .option('--no-color', '不使用颜色（也可设 NO_COLOR）')
    .showSuggestionAfterError(true)
    // Chinese characters take two columns: pad help by what the terminal shows, not by string length.
    .configureHelp({ displayWidth: (text) => displayWidth(text.replace(/\x1b\[[0-9;]*m/g, '')) })
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(translate(text)) });

  cli
    .command('init')
    .description('新建督导资料文件夹：写入 kmsw.yaml、.gitignore，并初始化 Git')
    .argument('[文件夹]', '要新建的文件夹', '.')
    .action(async (dir: string) => {
      const { init } = await import('./commands/init.js');
      const result = await init(dir);
      out(`已在 ${result.root} 新建督导资料文件夹：${result.written.join('、')}${result.gitInitialised ? '，并初始化了 Git 仓库' : ''}`);
      out('下一步：编辑 kmsw.yaml，填写督导助理、督导专家和各县（市、区）的社工站；然后运行 kmsw new log 写今天的日志。');
    });

  cli
    .command('new')
    .description('新建一份记录（在终端里逐项提问；--yes 则不提问）')
    .argument('[表格]', '表格名称：log monthly record group individual needs case roster sites survey')
    .option('--as <姓名>', '填表人（督导助理）；也可设 KMSW_USER')
    .option('--set <字段=值>', '直接给出某个字段的值，可重复，例如 --set date=2026-11-28', collect)
    .option('-y, --yes', '不提问，未给出的字段用默认值（日期为今天）')
    .option('-e, --edit', '写好后用 $EDITOR 打开')
    .option('-l, --list', '列出所有表格')
    .action(async (form: string | undefined, local: { as?: string; set?: string[]; yes?: boolean; edit?: boolean; list?: boolean }, cmd: Command) => {
      const { formList, newRecord } = await import('./commands/new.js');
      if (local.list) return void out(formList());
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const interactive = !local.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
      const ask = interactive ? (await import('./commands/prompts.js')).askOnTerminal : undefined;
      const result = await newRecord({ root: await folder(opts), form, today: await today(opts), as: local.as, set: local.set, ask });
      const path = await import('node:path');
      out(`已新建${result.form.title}：${path.relative(process.cwd(), result.file) || result.file}`);
      if (local.edit) await openEditor(result.file);
    });

  cli
    .command('list')
    .alias('ls')
    .description('列出资料文件夹里的记录（按日期）')
    .option('-m, --month <年-月>', '只列这个月，例如 2026-11')
    .option('-f, --form <表格>', '只列这种表格，例如 log')
    .addOption(new Option('--format <格式>', '输出格式').choices(['text', 'json']).default('text'))
    .action(async (local: { month?: string; form?: string; format: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { list } = await import('./commands/list.js');
      const month = local.month === undefined ? undefined : await parseMonthOption(local.month);
      if (local.form !== undefined) (await import('./commands/new.js')).resolveForm(local.form);
      const rows = await list({ root: await folder(opts), month, form: local.form });
      if (local.format === 'json') return void out(JSON.stringify(rows, null, 2));
      const { textTable } = await import('./format/table.js');
      if (rows.length === 0) return void out(month ? `${month} 没有记录。` : '还没有记录。运行 kmsw new log 写第一份日志。');
      out(
        textTable(
          ['日期', '表格', '对象', '文件'],
          rows.map((r) => [r.when ?? '？', r.title ?? '（无法读取）', r.who ?? '', r.problem ? `${r.file}  ← ${r.problem}` : r.file]),
        ),
      );
      const bad = rows.filter((r) => r.problem).length;
      out(`\n共 ${rows.length} 份${bad ? `，其中 ${bad} 份无法读取（运行 kmsw check 查看详情）` : ''}`);
    });

  return cli;
}

async function parseMonthOption(text: string): Promise<string> {
  const { parseMonth } = await import('./values/date.js');
  const parsed = parseMonth(text);
  if (!parsed.ok) throw new KmswError(`--month “${text}”：${parsed.reason}`);
  return parsed.value;
}

async function openEditor(file: string): Promise<void> {
  const { spawnSync } = await import('node:child_process');
  const editor = process.env.VISUAL || process.env.EDITOR || (process.platform === 'win32' ? 'notepad' : 'vi');
  const result = spawnSync(editor, [file], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) throw new KmswError(`无法打开编辑器 ${editor}：${result.error.message}。文件已写好，可以手动打开：${file}`, 1);
}

/** Runs kmsw with these arguments and returns the exit code: 0 done, 1 findings, 2 could not run. */
export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--no-color') || (process.env.NO_COLOR ?? '') !== '') process.env.FORCE_COLOR = '0';
  try {
    await program().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof KmswError) {
      process.stderr.write(`kmsw: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof Error && e.name === 'ExitPromptError') {
      process.stderr.write('\n已取消，没有写入任何文件。\n');
      return 130;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS' || err.code === 'ENOSPC') {
      process.stderr.write(`kmsw: 无法写入${err.path ? ` ${err.path}` : ''}（${err.code}）：请检查文件夹的权限和磁盘空间。\n`);
      return 2;
    }
    process.stderr.write(`kmsw: 内部错误，请把下面的信息告诉维护者：\n${err.stack ?? String(e)}\n`);
    return 2;
  }
}
