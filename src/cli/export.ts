import type { Command } from 'commander';
import { KmswError } from '../errors.js';
import { say } from '../i18n.js';
import { type CliContext, folder, out, periodOf, today, type GlobalOptions } from './context.js';
import { monthOption, yearOption } from './options.js';

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
    .description(
      say(
        '导出某月的官方 Word/Excel 表格和督导资料清单汇总表，交给项目办',
        "render the month's official Word/Excel forms and the checklist for the project office",
      ),
    )
    .addOption(monthOption(say('导出这个月，例如 2026-11', 'this month, e.g. 2026-11')))
    .addOption(yearOption(say('导出这一年的十二个月', 'all twelve months of this year')))
    .option(
      say('-o, --out <文件夹>', '-o, --out <folder>'),
      say('写到这个文件夹（默认：exports/年-月/）', 'write here (default: exports/yyyy-mm/)'),
    )
    .option(
      say('--only <表格,...>', '--only <forms>'),
      say('只导出这些表格，例如 --only log,checklist', 'only these, e.g. --only log,checklist'),
    )
    .action((local: ExportOptions, cmd: Command) => runExport(local, cmd, ctx));
}

async function runExport(local: ExportOptions, cmd: Command, ctx: CliContext): Promise<void> {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  if ((local.month === undefined) === (local.year === undefined)) {
    throw new KmswError(
      say(
        '请给出 --month（如 2026-11）或 --year（如 2026）中的一个',
        'give --month (e.g. 2026-11) or --year (e.g. 2026), one of them',
      ),
    );
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
