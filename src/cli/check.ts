import type { Command } from 'commander';
import { KmswError } from '../errors.js';
import { printable } from '../format/table.js';
import { msg } from '../i18n.js';
import {
  type CliContext,
  collect,
  colour,
  folder,
  out,
  pathsInFolder,
  periodOf,
  today,
  type GlobalOptions,
} from './context.js';
import { formatOption, monthOption, yearOption } from './options.js';

interface CheckOptions {
  month?: string;
  year?: string;
  rule?: string[];
  listRules?: boolean;
  format: string;
}

/** `kmsw check [files...]`. */
export function checkCommand(cli: Command, ctx: CliContext): void {
  cli
    .command('check')
    .description(msg().cliCheck.checkEveryRecordAgainst)
    .argument(msg().cliCheck.files, msg().cliCheck.onlyTheseFilesFolders)
    .addOption(monthOption(msg().cliCheck.onlyThisMonthE))
    .addOption(yearOption(msg().cliCheck.onlyThisYearAnd))
    .option(msg().cliCheck.rRuleRule, msg().cliCheck.onlyThisRuleRepeatable, collect)
    .option('--list-rules', msg().cliCheck.listTheRules)
    .addOption(formatOption())
    .action((files: string[], local: CheckOptions, cmd: Command) => runCheck(files, local, cmd, ctx));
}

async function runCheck(files: string[], local: CheckOptions, cmd: Command, ctx: CliContext): Promise<void> {
  if (local.listRules) {
    const { RULES } = await import('../rules/index.js');
    return void out((await import('../format/reports.js')).formatRules(RULES));
  }
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  const { check, checkRuleIds } = await import('../commands/check.js');
  if (local.rule) checkRuleIds(local.rule);
  if (local.month !== undefined && local.year !== undefined) {
    throw new KmswError(msg().cliCheck.giveMonthOrYear);
  }
  const { month, year } = await periodOf(local);
  const root = await folder(opts);
  const result = await check({
    root,
    today: await today(opts),
    month,
    year,
    paths: pathsInFolder(root, files, opts.dir),
    rules: local.rule,
    workerScript: ctx.workerScript(),
  });
  const { formatHuman, formatJson } = await import('../format/diagnostics.js');
  if (local.format === 'json') {
    process.stdout.write(formatJson(result));
    for (const note of result.notes) process.stderr.write(`${msg().cliCheck.note}${printable(note)}\n`);
  } else {
    process.stdout.write(formatHuman(result, { root, color: colour() }));
  }
  ctx.setExit(result.summary.errors > 0 ? 1 : 0);
}
