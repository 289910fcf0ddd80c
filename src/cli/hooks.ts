import type { Command } from 'commander';
import { msg } from '../i18n.js';
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
      const result = await installHook(root, thisKmsw(process.argv[1]));
      out(msg().cliHooks.installed(result.file, result.action === 'updated'));
      out(msg().cliHooks.skipOnce);
    });
  hooks
    .command('uninstall')
    .description(msg().cliHooks.uninstallHelp)
    .action(async (_: unknown, cmd: Command) => {
      const { uninstallHook } = await import('../commands/hooks.js');
      const result = uninstallHook(await folder(cmd.optsWithGlobals<GlobalOptions>()));
      out(result.action === 'removed' ? msg().cliHooks.removed(result.file) : msg().cliHooks.noHook(result.file));
    });
}
