import type { Command } from 'commander';
import { printable } from '../format/table.js';
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
      const { rows, notes } = await list({ root: await folder(opts), month, form: local.form });
      // JSON keeps stdout to its rows; the notes go to stderr, as check's do.
      if (local.format === 'json') {
        for (const note of notes) process.stderr.write(`${msg().cliCheck.note}${printable(note)}\n`);
        return void out(JSON.stringify(rows, null, 2));
      }
      out((await import('../format/reports.js')).formatList(rows, month, notes));
    });
}
