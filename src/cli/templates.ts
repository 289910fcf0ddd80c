import path from 'node:path';
import type { Command } from 'commander';
import { say } from '../i18n.js';
import { folder, out, type GlobalOptions } from './context.js';

/** `kmsw templates list` and `kmsw templates copy <name>`. */
export function templatesCommand(cli: Command): void {
  const templates = cli
    .command('templates')
    .description(
      say('官方表格的模板：查看在用哪个、复制一份来改', 'the templates of the official forms: which is in use, and a copy to edit'),
    );
  templates
    .command('list')
    .description(
      say(
        '列出每个导出用的模板，以及它来自资料文件夹还是 kmsw 自带',
        "list the template of each export, and whether it is the folder's own or built in",
      ),
    )
    .action(async (_: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { listTemplates } = await import('../render/templates.js');
      const root = await folder(opts);
      out((await import('../format/reports.js')).formatTemplates(listTemplates(root), root));
    });
  templates
    .command('copy')
    .description(
      say(
        '把 kmsw 自带的模板复制到资料文件夹的 templates/，之后导出就用它',
        "copy a built-in template into the folder's templates/, which export then uses",
      ),
    )
    .argument(say('<名称>', '<name>'), say('模板名称或表格名称，例如 log 或 督导工作日志', 'the template or form, e.g. log or 督导工作日志'))
    .action(async (name: string, _: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const { copyTemplate } = await import('../render/templates.js');
      const root = await folder(opts);
      const file = await copyTemplate(root, name);
      const shown = path.relative(process.cwd(), file) || file;
      out(
        say(
          `已复制到 ${shown}：用 Word、WPS 或 Excel 修改版式，{{…}} 占位符请保留。`,
          `Copied to ${shown}: change its look in Word, WPS or Excel, and keep the {{…}} placeholders.`,
        ),
      );
    });
}
