import type { Command } from 'commander';
import { msg } from '../i18n.js';
import { folder, out, periodOf, type GlobalOptions } from './context.js';
import { formatOption, monthOption } from './options.js';

/** `kmsw list` (`ls`). */
export function listCommand(cli: Command): void {
  cli
    .command('list')
    .alias('ls')
    .description(msg().cliList.listTheRecordsOf)
    .addOption(monthOption(msg().cliList.onlyThisMonthE))
    .option(msg().cliList.fFormForm, msg().cliList.onlyThisFormE)
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
