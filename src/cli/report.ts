import type { Command } from 'commander';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';
import { type CliContext, folder, out, periodOf, today, type GlobalOptions } from './context.js';
import { monthOption, yearOption } from './options.js';

interface ReportOptions {
  month?: string;
  year?: string;
  out?: string;
  pdf?: boolean;
}

/**
 * `kmsw report [--year|--month] [--pdf]`: 0 written; 1 when --pdf found no browser (the HTML alone is written), the
 * period has not begun (written, every number 0, and said), or files of the period could not be read or dated (written,
 * and listed last).
 */
export function reportCommand(cli: Command, ctx: CliContext): void {
  cli
    .command('report')
    .description(msg().cliReport.description)
    .addOption(yearOption(msg().cliReport.year))
    .addOption(monthOption(msg().cliReport.month))
    .option(msg().cliReport.out, msg().cliReport.outWhat)
    .option('--pdf', msg().cliReport.pdf)
    .action(async (local: ReportOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      if (local.month !== undefined && local.year !== undefined) throw new KmswError(msg().cliReport.notBoth);
      const { month, year } = await periodOf(local);
      const { writeReport } = await import('../commands/report.js');
      const result = await writeReport({
        root: await folder(opts),
        today: await today(opts),
        year,
        month,
        out: local.out,
        pdf: local.pdf === true,
        workerScript: ctx.workerScript(),
      });
      const { formatReport } = await import('../format/report.js');
      out(formatReport(result));
      const { report } = result;
      if (report.from > report.today) {
        // Written, but of a period that has not begun: every number is 0. Said, like a file not counted (exit 1).
        const m = msg().report;
        const period = report.month ? m.month(report.year, Number(report.month.slice(5, 7))) : m.year(report.year);
        process.stderr.write(`kmsw: ${msg().reportMaking.notBegun(period, report.today)}\n`);
        ctx.setExit(1);
      }
      // 1, as tally and export: the report is written, but files of the period are in none of its numbers
      // (listed last).
      if (report.unread.length > 0) ctx.setExit(1);
      if (result.noBrowser) {
        process.stderr.write(`kmsw: ${msg().reportMaking.noBrowser}\n`);
        ctx.setExit(1);
      }
    });
}
