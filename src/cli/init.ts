import { Argument, type Command } from 'commander';
import { msg } from '../i18n.js';
import { out } from './context.js';

/** `kmsw init [folder]`. */
export function initCommand(cli: Command): void {
  cli
    .command('init')
    .description(msg().cliInit.makeARecordsFolder)
    .addArgument(
      new Argument(msg().cliInit.folder, msg().cliInit.theFolderToMake).default('.', msg().cliInit.theCurrentFolder),
    )
    .action(async (dir: string) => {
      const { init } = await import('../commands/init.js');
      const { thisKmsw } = await import('../commands/hooks.js');
      const result = await init(dir, thisKmsw(process.argv[1]));
      const files = result.written.join(msg().cliInit.comma);
      const git = result.gitInitialised;
      out(msg().cliInit.madeARecordsFolder(result.root, files, git));
      if (typeof result.hook === 'string') out(msg().cliHooks.initNoHook(result.hook));
      else if (result.hook) (await import('./hooks.js')).sayInstalled(result.hook);
      out(msg().cliInit.nextFillInKmsw);
    });
}
