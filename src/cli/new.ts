import path from 'node:path';
import type { CliContext } from './context.js';
import type { Command } from 'commander';
import { KmswError } from '../errors.js';
import { say } from '../i18n.js';
import { collect, folder, out, today, type GlobalOptions } from './context.js';

interface NewOptions {
  as?: string;
  set?: string[];
  yes?: boolean;
  edit?: boolean;
  force?: boolean;
  list?: boolean;
}

/** `kmsw new [form]`. */
export function newCommand(cli: Command, ctx: CliContext): void {
  cli
    .command('new')
    .description(
      say('新建一份记录（在终端里逐项提问；--yes 则不提问）', 'scaffold a new record (asks on a terminal; --yes asks nothing)'),
    )
    .argument(
      say('[表格]', '[form]'),
      say('表格名称：', 'the form: ') + ctx.formKeys,
    )
    .option(
      say('--as <姓名>', '--as <name>'),
      say('填表人（督导助理）；也可设 KMSW_USER', 'who is writing (the assistant); or set KMSW_USER'),
    )
    .option(
      say('--set <字段=值>', '--set <field=value>'),
      say('直接给出某个字段的值，可重复，例如 --set date=2026-11-28', 'give a field its value, repeatable, e.g. --set date=2026-11-28'),
      collect,
    )
    .option(
      '-y, --yes',
      say('不提问，未给出的字段用默认值（日期为今天）', 'ask nothing; fields not given take their defaults (today for dates)'),
    )
    .option('-e, --edit', say('写好后用 $EDITOR 打开', 'open the new file in $EDITOR'))
    .option(
      '--force',
      say(
        '这一天（月）已有同一人的日志（月度总结）时，仍然再写一份（文件名加 -2）',
        'write a second log (monthly summary) for a day (month) that has one by the same author (named …-2)',
      ),
    )
    .option('-l, --list', say('列出所有表格', 'list the forms'))
    .action(runNew);
}

async function runNew(form: string | undefined, local: NewOptions, cmd: Command): Promise<void> {
  const { formList, newRecord } = await import('../commands/new.js');
  if (local.list) return void out(formList());
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  const interactive = !local.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const ask = interactive ? (await import('../commands/prompts.js')).askOnTerminal : undefined;
  const result = await newRecord({
    root: await folder(opts),
    form,
    today: await today(opts),
    as: local.as,
    set: local.set,
    ask,
    force: local.force,
  });
  const shown = path.relative(process.cwd(), result.file) || result.file;
  out(say(`已新建${result.form.title}：${shown}`, `New ${result.form.key} (${result.form.title}): ${shown}`));
  if (local.edit) await openEditor(result.file);
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
    throw new KmswError(
      say(
        `无法打开编辑器 ${editor}${why}（请检查 EDITOR 或 VISUAL 环境变量）。${written}`,
        `cannot open the editor ${editor}${why} (check the EDITOR or VISUAL variable). ${written}`,
      ),
    );
  }
  if (result.status !== 0) {
    const how = result.signal ?? say(`退出码 ${result.status}`, `exit code ${result.status}`);
    throw new KmswError(
      say(`编辑器 ${editor} 没有正常结束（${how}）。${written}`, `the editor ${editor} did not end normally (${how}). ${written}`),
    );
  }
}
