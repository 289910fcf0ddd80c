import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { KmswError } from '../errors.js';
import { printable } from '../format/table.js';
import { msg } from '../i18n.js';
import { shellWord } from '../values/text.js';
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
  KMSW_VERSION,
} from './context.js';
import { runFix } from './fix.js';
import { cacheOption, formatOption, monthOption, yearOption } from './options.js';
import type { CheckResult } from '../scan/results.js';
import { startStagedDiff } from '../records/staged-diff.js';
import type { StagedRecords } from '../records/staged.js';
import type { FixOptions } from '../commands/fix.js';

interface CheckOptions {
  month?: string;
  year?: string;
  rule?: string[];
  listRules?: boolean;
  staged?: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
  format: string;
}

/** `check`'s outputs: the terminal's, JSON, and the reports a Git server shows in a merge request. */
const CHECK_FORMATS = ['text', 'json', 'sarif', 'gitlab'] as const;

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
    .option('--staged', msg().cliHooks.stagedHelp)
    .option('--fix', msg().cliFix.fixHelp)
    .option('--fix-dry-run', msg().cliFix.dryRunHelp)
    .addOption(formatOption(CHECK_FORMATS))
    .addOption(cacheOption())
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
  const root = local.staged ? await stagedFolder(opts) : await folder(opts);
  if (root === null) return ctx.setExit(0);
  if (local.fix || local.fixDryRun) {
    const options = {
      root,
      today: await today(opts),
      month,
      year,
      rules: local.rule,
      workerScript: ctx.workerScript(),
    };
    const paths = pathsInFolder(root, files, opts.dir);
    return ctx.setExit(await runFix(local, { ...options, paths }, (r) => formatted(r, local.format, root)));
  }
  const staged = local.staged ? await stagedOnly(root, files, month ?? year) : undefined;
  if (staged === null) return ctx.setExit(0);
  const options = {
    root,
    today: await today(opts),
    month,
    year,
    paths: pathsInFolder(root, files, opts.dir),
    rules: local.rule,
    workerScript: ctx.workerScript(),
  };
  const result = await check({ staged, ...options });
  process.stdout.write(await formatted(result, local.format, root));
  if (local.format === 'text' && !staged) await sayFixable(options, result, fixCommand(opts.dir, local, files));
  // A commit refused: what --fix would mend in the work tree's copies of the staged records that are as staged.
  if (local.format === 'text' && staged && result.summary.errors > 0) await sayStagedFixable(options, result, staged);
  // Machine-read outputs keep stdout to their document; the notes go to stderr (SARIF also carries them).
  if (local.format !== 'text')
    for (const note of result.notes) process.stderr.write(`${msg().cliCheck.note}${printable(note)}\n`);
  ctx.setExit(result.summary.errors > 0 ? 1 : 0);
}

/** Last, how many of the problems shown `check --fix` would fix (planned as it plans): nothing when none would be. */
async function sayFixable(options: FixOptions, result: CheckResult, command: string): Promise<void> {
  if (result.diagnostics.length === 0) return;
  const count = (await (await import('../commands/fix.js')).fixable(options, result)).length;
  if (count > 0) out(msg().checkFixable.line(count, command));
}

/**
 * The hook's folder, as `--dir` names it: when it holds no kmsw.yaml (renamed, an orphan branch), a commit is not
 * blocked for it. Null then, with a note on stderr saying that nothing was checked and why.
 */
async function stagedFolder(opts: GlobalOptions): Promise<string | null> {
  try {
    return await folder(opts);
  } catch (e) {
    const root = path.resolve(opts.dir ?? '.');
    if (opts.dir === undefined || existsSync(path.join(root, 'kmsw.yaml'))) throw e;
    const found = (await import('../records/staged.js')).withoutConfig(root);
    if (found.check) return root;
    process.stderr.write(`${printable(found.note)}\n`);
    return null;
  }
}

/**
 * After a refused commit: how many of its problems `check --fix` would mend, counted on the staged records whose
 * work-tree file holds the same bytes (--fix mends the work tree), with the command for those files.
 */
async function sayStagedFixable(options: FixOptions, result: CheckResult, staged: StagedRecords): Promise<void> {
  const { isStagedFile } = await import('../records/staged.js');
  const same = (file: string) => {
    const read = staged.read.get(file);
    return read !== undefined && isStagedFile(read) && read.worktree !== undefined;
  };
  const diagnostics = result.diagnostics.filter((d) => same(d.file));
  if (diagnostics.length === 0) return;
  const found = await (await import('../commands/fix.js')).fixable(options, { ...result, diagnostics });
  const files = [...new Set(found.map((d) => d.file))];
  if (found.length > 0) out(msg().checkFixable.staged(found.length, fixCommand(options.root, {}, files)));
}

/**
 * The `check --fix` that fixes what this check counted: the same folder, period, rules and files, as typed
 * (a file named relative to the folder the user is in stays so), so that it can be copied and run as it is.
 */
function fixCommand(
  dir: string | undefined,
  local: Pick<CheckOptions, 'month' | 'year' | 'rule'>,
  files: readonly string[],
): string {
  const words = ['kmsw', ...(dir ? ['--dir', dir] : []), 'check', '--fix'];
  if (local.month !== undefined) words.push('--month', local.month);
  if (local.year !== undefined) words.push('--year', local.year);
  for (const id of local.rule ?? []) words.push('--rule', id);
  words.push(...files);
  return words.map((w, i) => (i === 0 ? w : shellWord(w))).join(' ');
}

/**
 * `--staged` (the pre-commit hook): the records as staged in Git, alone; null when the commit touches
 * no record (a one-line note on stderr).
 */
async function stagedOnly(root: string, files: string[], period: unknown): Promise<StagedRecords | null> {
  if (files.length > 0 || period !== undefined) throw new KmswError(msg().cliHooks.stagedAlone);
  // git first: kmsw's second part loads (the import) while it runs.
  const diff = startStagedDiff(root);
  const staged = await (await import('../records/staged.js')).stagedRecords(root, diff);
  if (!staged) process.stderr.write(`${msg().cliHooks.noRecordStaged}\n`);
  return staged ?? null;
}

async function formatted(result: CheckResult, format: string, root: string): Promise<string> {
  if (format === 'sarif')
    return (await import('../format/ci-reports.js')).formatSarif(result, { version: KMSW_VERSION });
  if (format === 'gitlab') return (await import('../format/ci-reports.js')).formatGitlab(result);
  const { formatHuman, formatJson } = await import('../format/diagnostics.js');
  return format === 'json' ? formatJson(result) : formatHuman(result, { root, color: colour() });
}
