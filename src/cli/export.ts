import type { Command } from 'commander';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';
import { type CliContext, folder, out, periodOf, today, type GlobalOptions } from './context.js';
import { cacheOption, monthOption, yearOption } from './options.js';

interface ExportOptions {
  month?: string;
  year?: string;
  out?: string;
  only?: string;
}

/** `kmsw export --month|--year`. */
export function exportCommand(cli: Command, ctx: CliContext): void {
  cli
    .command('export')
    .description(msg().cliExport.renderTheMonthS)
    .addOption(monthOption(msg().cliExport.thisMonthEG))
    .addOption(yearOption(msg().cliExport.allTwelveMonthsOf))
    .option(msg().cliExport.oOutFolder, msg().cliExport.writeHereDefaultExports)
    .option(msg().cliExport.onlyForms, msg().cliExport.onlyTheseEG)
    .addOption(cacheOption())
    .action((local: ExportOptions, cmd: Command) => runExport(local, cmd, ctx));
}

async function runExport(local: ExportOptions, cmd: Command, ctx: CliContext): Promise<void> {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  if ((local.month === undefined) === (local.year === undefined)) {
    throw new KmswError(msg().cliExport.giveMonthEG);
  }
  const { month, year } = await periodOf(local);
  const only = local.only?.split(/[,，、\s]+/).filter(Boolean);
  const { exportMonth, checkOnly } = await import('../commands/export.js');
  if (only) checkOnly(only);
  const root = await folder(opts);
  const reports = await import('../format/reports.js');
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
  if (result.leftOut.length > 0) ctx.setExit(1);
}
