import type { Command } from 'commander';
import { say } from '../i18n.js';
import { folder, out, periodOf, type GlobalOptions } from './context.js';
import { formatOption, monthOption } from './options.js';

/** `kmsw list` (`ls`). */
export function listCommand(cli: Command): void {
  cli
    .command('list')
    .alias('ls')
    .description(say('列出资料文件夹里的记录（按日期）', 'list the records of the folder, by date'))
    .addOption(monthOption(say('只列这个月，例如 2026-11', 'only this month, e.g. 2026-11')))
    .option(say('-f, --form <表格>', '-f, --form <form>'), say('只列这种表格，例如 log', 'only this form, e.g. log'))
    .addOption(formatOption())
    .action(async (local: { month?: string; form?: string; format: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { list } = await import('../commands/list.js');
      const { month } = await periodOf(local);
      if (local.form !== undefined) (await import('../commands/new.js')).resolveForm(local.form);
      const rows = await list({ root: await folder(opts), month, form: local.form });
      if (local.format === 'json') return void out(JSON.stringify(rows, null, 2));
      out((await import('../format/reports.js')).formatList(rows, month));
    });
}
