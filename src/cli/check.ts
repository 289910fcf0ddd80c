import type { Command } from 'commander';
import { KmswError } from '../errors.js';
import { printable } from '../format/table.js';
import { say } from '../i18n.js';
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
    .description(
      say(
        '按督导手册的要求检查所有记录：字数、签名、日志、格式……',
        "check every record against the handbook's rules: 字 counts, signatures, daily logs, formats…",
      ),
    )
    .argument(
      say('[文件...]', '[files...]'),
      say('只检查这些文件、文件夹或通配符（如 2026/11/log/*.yaml）', 'only these files, folders or globs (e.g. 2026/11/log/*.yaml)'),
    )
    .addOption(monthOption(say('只检查这个月，例如 2026-11', 'only this month, e.g. 2026-11')))
    .addOption(yearOption(say('只检查这一年，并检查年度督导要求（quota）', "only this year, and check the year's requirements (quota)")))
    .option(
      say('-r, --rule <规则>', '-r, --rule <rule>'),
      say('只检查这条规则，可重复，例如 --rule min-chars', 'only this rule, repeatable, e.g. --rule min-chars'),
      collect,
    )
    .option('--list-rules', say('列出所有规则', 'list the rules'))
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
    throw new KmswError(say('--month 和 --year 只能用一个', 'give --month or --year, not both'));
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
    for (const note of result.notes) process.stderr.write(`${say('注意：', 'Note: ')}${printable(note)}\n`);
  } else {
    process.stdout.write(formatHuman(result, { root, color: colour() }));
  }
  ctx.setExit(result.summary.errors > 0 ? 1 : 0);
}
