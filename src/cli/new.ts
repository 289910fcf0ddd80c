import path from 'node:path';
import type { CliContext } from './context.js';
import type { Command } from 'commander';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';
import { collect, folder, out, today, type GlobalOptions } from './context.js';
import { cacheOption } from './options.js';

interface NewOptions {
  as?: string;
  set?: string[];
  yes?: boolean;
  edit?: boolean;
  force?: boolean;
  list?: boolean;
}

/** `kmsw new [form]`. */
export function newCommand(cli: Command, ctx: CliContext): void {
  cli
    .command('new')
    .description(msg().cliNew.scaffoldANewRecord)
    .argument(msg().cliNew.form, msg().cliNew.theForm + ctx.formKeys)
    .option(msg().cliNew.asName, msg().cliNew.whoIsWritingThe)
    .option(msg().cliNew.setFieldValue, msg().cliNew.giveAFieldIts, collect)
    .option('-y, --yes', msg().cliNew.askNothingFieldsNot)
    .option('-e, --edit', msg().cliNew.openTheNewFile)
    .addOption(cacheOption())
    .option('--force', msg().cliNew.writeASecondLog)
    .option('-l, --list', msg().cliNew.listTheForms)
    .action(runNew);
}

async function runNew(form: string | undefined, local: NewOptions, cmd: Command): Promise<void> {
  const { formList, newRecord } = await import('../commands/new.js');
  if (local.list) return void out(formList());
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  const interactive = !local.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const ask = interactive ? (await import('../commands/prompts.js')).askOnTerminal : undefined;
  const result = await newRecord({
    root: await folder(opts),
    form,
    today: await today(opts),
    as: local.as,
    set: local.set,
    ask,
    force: local.force,
  });
  const shown = path.relative(process.cwd(), result.file) || result.file;
  for (const notice of result.notices) process.stderr.write(`${msg().cliCheck.note}${notice}\n`);
  const month = result.form.dateField === 'month' ? result.when : undefined;
  out(msg().cliNew.newText(result.form.title, shown, result.form.key, month));
  // A form with texts of a set length (a log's 300字) says what comes next: write them, then check.
  const minimums = Object.values(result.form.fields).flatMap((f) =>
    f.kind === 'text' && f.min ? [[f.label, f.min] as [string, number]] : [],
  );
  if (minimums.length > 0) out(msg().cliNew.nextStep(minimums));
  if (local.edit) await openEditor(result.file);
}

/**
 * Opens the file in $VISUAL or $EDITOR the way Git does: the variable is shell text, so an editor
 * with arguments (`code --wait`, `subl -w`) works. A failed editor is exit 2, never 1 ("problems found").
 */
async function openEditor(file: string): Promise<void> {
  const { spawnSync } = await import('node:child_process');
  const editor = (process.env.VISUAL || process.env.EDITOR || (process.platform === 'win32' ? 'notepad' : 'vi')).trim();
  const shown = path.relative(process.cwd(), file) || file;
  const written = msg().cliNew.theFileIsWritten(shown);
  const result =
    process.platform === 'win32'
      ? spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true })
      : spawnSync('sh', ['-c', `${editor} "$@"`, editor, file], { stdio: 'inherit' });
  // sh says 127 when it cannot find the command, 126 when it cannot run it.
  if (result.error || result.status === 127 || result.status === 126) {
    const why = result.error ? `：${result.error.message}` : '';
    throw new KmswError(msg().cliNew.cannotOpenTheEditor(editor, why, written));
  }
  if (result.status !== 0) {
    const how = result.signal ?? msg().cliNew.exitCode(result.status);
    throw new KmswError(msg().cliNew.theEditorDidNot(editor, how, written));
  }
}
