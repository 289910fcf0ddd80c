import path from 'node:path';
import type { Command } from 'commander';
import { msg } from '../i18n.js';
import { folder, out, type GlobalOptions } from './context.js';

/** `kmsw schema`. */
export function schemaCommand(cli: Command): void {
  cli
    .command('schema')
    .description(msg().schema.writeAJsonSchema)
    .option(msg().schema.oOutFolder, msg().schema.writeIntoThisFolder)
    .action(runSchema);
}

async function runSchema(local: { out?: string }, cmd: Command): Promise<void> {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  const { SCHEMA_DIR, writeSchemas } = await import('../commands/schema.js');
  const { loadConfigExplained } = await import('../scan/open.js');
  const root = await folder(opts);
  const dir = local.out ? path.resolve(local.out) : path.join(root, SCHEMA_DIR);
  const result = await writeSchemas({ dir, root, config: (await loadConfigExplained(root)).config });
  const changed = result.files.filter((f) => f.written).length;
  const shown = path.relative(process.cwd(), dir) || '.';
  const count = result.files.length;
  out(msg().schema.wroteTheJsonSchema(count, shown, changed));
  out(msg().schema.recordsWrittenByKmsw);
}
