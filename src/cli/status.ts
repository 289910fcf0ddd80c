import type { Command } from 'commander';
import { say } from '../i18n.js';
import { colour, folder, out, periodOf, today, type GlobalOptions } from './context.js';
import { formatOption, yearOption } from './options.js';

/** `kmsw status`. */
export function statusCommand(cli: Command): void {
  cli
    .command('status')
    .description(
      say(
        '一屏看清今年的督导进度：各县团体督导、线上督导、待签名、本月日志',
        "the year at a glance: group sessions per county, online sessions, signatures due, this month's logs",
      ),
    )
    .addOption(yearOption(say('看这一年（默认今年）', 'this year (default: the current one)')))
    .addOption(formatOption())
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
