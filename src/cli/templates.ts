import path from 'node:path';
import type { Command } from 'commander';
import { msg } from '../i18n.js';
import { folder, out, type GlobalOptions } from './context.js';

/** `kmsw templates list` and `kmsw templates copy <name>`. */
export function templatesCommand(cli: Command): void {
  const templates = cli.command('templates').description(msg().cliTemplates.theTemplatesOfThe);
  templates
    .command('list')
    .description(msg().cliTemplates.listTheTemplateOf)
    .action(async (_: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { listTemplates } = await import('../render/templates.js');
      const root = await folder(opts);
      out((await import('../format/reports.js')).formatTemplates(listTemplates(root), root));
    });
  templates
    .command('copy')
    .description(msg().cliTemplates.copyABuiltIn)
    .argument(msg().cliTemplates.name, msg().cliTemplates.theTemplateOrForm)
    .action(async (name: string, _: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { copyTemplate } = await import('../render/templates.js');
      const root = await folder(opts);
      const file = await copyTemplate(root, name);
      const shown = path.relative(process.cwd(), file) || file;
      out(msg().cliTemplates.copiedToChangeIts(shown));
    });
}
