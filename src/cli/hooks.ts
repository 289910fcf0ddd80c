import type { Command } from 'commander';
import { msg } from '../i18n.js';
import type { HookResult } from '../commands/hooks.js';
import { folder, out, type GlobalOptions } from './context.js';

/** `kmsw hooks install|uninstall`: Git's pre-commit hook running `kmsw check --staged`. */
export function hooksCommand(cli: Command): void {
  const hooks = cli.command('hooks').description(msg().cliHooks.hooksHelp);
  hooks
    .command('install')
    .description(msg().cliHooks.installHelp)
    .action(async (_: unknown, cmd: Command) => {
      const { installHook, thisKmsw } = await import('../commands/hooks.js');
      const root = await folder(cmd.optsWithGlobals<GlobalOptions>());
      sayInstalled(await installHook(root, thisKmsw(process.argv[1])));
      out(msg().cliHooks.skipOnce);
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
