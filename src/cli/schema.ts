import path from 'node:path';
import type { Command } from 'commander';
import { say } from '../i18n.js';
import { folder, out, type GlobalOptions } from './context.js';

/** `kmsw schema`. */
export function schemaCommand(cli: Command): void {
  cli
    .command('schema')
    .description(
      say(
        '为每种表格写出 JSON Schema（schemas/），让 VS Code 等编辑器边写边提示、边检查',
        'write a JSON Schema per form (schemas/) so that VS Code and other editors complete and check as you type',
      ),
    )
    .option(
      say('-o, --out <文件夹>', '-o, --out <folder>'),
      say('写到这个文件夹（默认：资料文件夹的 schemas/）', "write into this folder (default: the records folder's schemas/)"),
    )
    .action(runSchema);
}

async function runSchema(local: { out?: string }, cmd: Command): Promise<void> {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  const { SCHEMA_DIR, writeSchemas } = await import('../commands/schema.js');
  const { loadConfig } = await import('../config.js');
  const root = await folder(opts);
  const dir = local.out ? path.resolve(local.out) : path.join(root, SCHEMA_DIR);
  const result = await writeSchemas({ dir, root, config: await loadConfig(root) });
  const changed = result.files.filter((f) => f.written).length;
  const shown = path.relative(process.cwd(), dir) || '.';
  const count = result.files.length;
  out(
    say(
      `已写出 ${count} 个表格的 JSON Schema 到 ${shown}/（${changed} 个有变化）。`,
      `Wrote the JSON Schema of ${count} forms to ${shown}/ (${changed} changed).`,
    ),
  );
  out(
    say(
      'kmsw new 写的记录第一行会指向它们；在 VS Code 安装 Red Hat 的 YAML 扩展即可边写边检查。',
      'Records written by kmsw new name them in their first line; ' +
        "with Red Hat's YAML extension VS Code checks as you type.",
    ),
  );
}
