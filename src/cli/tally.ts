import type { Command } from 'commander';
import { msg } from '../i18n.js';
import { type CliContext, folder, out, parseMonthOption, today, type GlobalOptions } from './context.js';
import { cacheOption, formatOption, monthOption } from './options.js';

/** `kmsw tally --month`. */
export function tallyCommand(cli: Command, ctx: CliContext): void {
  cli
    .command('tally')
    .description(msg().tally.countTheMonthS)
    .addOption(monthOption(msg().tally.theMonthEG).makeOptionMandatory())
    .addOption(formatOption())
    .addOption(cacheOption())
    .action(async (local: { month: string; format: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { tally } = await import('../commands/tally.js');
      const month = await parseMonthOption(local.month);
      const result = await tally({ root: await folder(opts), today: await today(opts), month });
      // 1 when a file of the month is not counted, as for export: the count is not the whole month.
      if (result.leftOut.length > 0) ctx.setExit(1);
      if (local.format === 'json') return void out(JSON.stringify(result, null, 2));
      out((await import('../format/reports.js')).formatTally(result));
    });
}
