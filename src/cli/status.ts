import type { Command } from 'commander';
import { msg } from '../i18n.js';
import { colour, folder, out, periodOf, today, type GlobalOptions } from './context.js';
import { cacheOption, formatOption, yearOption } from './options.js';

/** `kmsw status`. */
export function statusCommand(cli: Command): void {
  cli
    .command('status')
    .description(msg().cliStatus.theYearAtA)
    .addOption(yearOption(msg().cliStatus.thisYearDefaultThe))
    .addOption(formatOption())
    .addOption(cacheOption())
    .action(async (local: { year?: string; format: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { status } = await import('../commands/status.js');
      const { year } = await periodOf(local);
      const result = await status({ root: await folder(opts), today: await today(opts), year });
      if (local.format === 'json') return void out(JSON.stringify(result, null, 2));
      const { formatStatus } = await import('../format/status.js');
      process.stdout.write(formatStatus(result, { color: colour() }));
    });
}
