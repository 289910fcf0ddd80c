import type { Command } from 'commander';
import { msg } from '../i18n.js';
import type { HookResult } from '../commands/hooks.js';
import { folder, out, today, type CliContext, type GlobalOptions } from './context.js';
import { cacheOption } from './options.js';

/** `kmsw hooks install|uninstall`: Git's pre-commit hook running `kmsw check --staged`. */
export function hooksCommand(cli: Command, ctx: CliContext): void {
  const hooks = cli.command('hooks').description(msg().cliHooks.hooksHelp);
  hooks
    .command('install')
    .description(msg().cliHooks.installHelp)
    // The folder is checked once after installing, into its cache; --no-cache skips that.
    .addOption(cacheOption())
    .action(async (_: unknown, cmd: Command) => {
      const { installHook, thisKmsw } = await import('../commands/hooks.js');
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const root = await folder(opts);
      sayInstalled(await installHook(root, thisKmsw(process.argv[1])));
      out(msg().cliHooks.skipOnce);
      await warmCache(root, await today(opts), ctx.workerScript());
    });
  hooks
    .command('uninstall')
    .description(msg().cliHooks.uninstallHelp)
    .action(async (_: unknown, cmd: Command) => {
      const { thisKmsw, uninstallHook } = await import('../commands/hooks.js');
      const root = await folder(cmd.optsWithGlobals<GlobalOptions>());
      const result = await uninstallHook(root, thisKmsw(process.argv[1]));
      const words = msg().cliHooks;
      if (result.action === 'narrowed') out(words.narrowed(result.file, result.dir, result.dirs!.join(words.comma)));
      else out(result.action === 'removed' ? words.removed(result.file) : words.noHook(result.file));
      if (result.restored) out(words.restored(result.restored, result.file));
    });
}

/** What `hooks install` (and `init`) did: the hook written, and the records folders it checks when more than one. */
export function sayInstalled(result: HookResult): void {
  const words = msg().cliHooks;
  out(words.installed(result.file, result.action === 'updated'));
  if (result.dropped?.length) out(words.dropped(result.dropped.join(words.comma)));
  if (result.dirs && result.dirs.length > 1) out(words.folders(result.dirs.join(words.comma)));
}

/**
 * A clone's first commit would read every record to run the folder rules (about a second on 3,000 files): the
 * folder is checked once now, as `kmsw check` would, so that the hook finds the results in `.kmsw/`. Its findings are
 * for `kmsw check` to show; a folder that cannot be checked (or cached) is left for the hook to say so.
 */
async function warmCache(root: string, day: string, workerScript: string | undefined): Promise<void> {
  const { cachingOn, MTIME_SLACK } = await import('../scan/cache.js');
  if (!cachingOn()) return;
  // A result is trusted by lstat alone only for a file written MTIME_SLACK before it was checked; a clone's files were
  // written just now (Git writes its index last), so the check waits that out, or the first commit hashes them all.
  const since = Date.now() - (await import('../commands/hooks.js')).gitIndexTime(root);
  if (since < MTIME_SLACK) await new Promise((done) => setTimeout(done, MTIME_SLACK - since + 50));
  try {
    const { check } = await import('../commands/check.js');
    const result = await check({ root, today: day, workerScript });
    out(msg().cliHooks.warmed(result.summary.files));
  } catch {
    // kmsw.yaml that does not read, a folder kmsw may not write into: the hook's own run reports what matters.
  }
}
