/** `check --fix` and `--fix-dry-run`: the command line's side (commands/fix.ts does the work). */
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';
import type { FixOptions } from '../commands/fix.js';
import type { CheckResult } from '../scan/results.js';
import { printable } from '../format/table.js';
import { colour } from './context.js';

/** Runs the fix and prints it; returns the exit code, which follows the findings that remain. */
export async function runFix(
  local: { fix?: boolean; fixDryRun?: boolean; staged?: boolean; format: string },
  opts: Omit<FixOptions, 'dryRun'>,
  formatted: (result: CheckResult) => Promise<string>,
): Promise<number> {
  if (local.fix && local.fixDryRun) throw new KmswError(msg().fix.fixOrDryRun);
  // The hook checks the index; a fix writes the work tree, which is not what would be committed.
  if (local.staged) throw new KmswError(msg().fix.notStaged);
  const dryRun = local.fixDryRun === true;
  const result = await (await import('../commands/fix.js')).fix({ ...opts, dryRun });
  const { formatFixDiff, formatFixSummary } = await import('../format/fix.js');
  // The diff alone on stdout, so that it can be saved and applied; the words on stderr.
  const summary = formatFixSummary(result, { color: colour() });
  if (dryRun) {
    process.stdout.write(formatFixDiff(result));
    process.stderr.write(summary);
  } else if (local.format === 'text') {
    // Nothing left: the check's own summary line says so, without a header over nothing.
    const remains = result.files.length > 0 && result.check.diagnostics.length > 0;
    const header = remains ? `${msg().fix.remainHeader}\n` : '';
    process.stdout.write(`${summary}\n${header}${await formatted(result.check)}`);
  } else {
    process.stderr.write(summary);
    process.stdout.write(await formatted(result.check));
    for (const note of result.check.notes) process.stderr.write(`${msg().cliCheck.note}${printable(note)}\n`);
  }
  return result.check.summary.errors > 0 ? 1 : 0;
}
