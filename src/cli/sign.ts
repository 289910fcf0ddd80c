import path from 'node:path';
import type { Command } from 'commander';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';
import { colour, folder, pathsInFolder, today, type CliContext, type GlobalOptions } from './context.js';
import { cacheOption } from './options.js';

/** `kmsw sign [files...] --as 王芳 [--key ~/.ssh/id_ed25519]`. */
export function signCommand(cli: Command, ctx: CliContext): void {
  cli
    .command('sign')
    .description(msg().cliSign.description)
    .argument(msg().cliSign.files, msg().cliSign.filesHelp)
    .option(msg().cliSign.asName, msg().cliSign.asHelp)
    .option(msg().cliSign.keyFile, msg().cliSign.keyHelp)
    .addOption(cacheOption())
    .action(async (files: string[], local: { as?: string; key?: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      const as = (local.as ?? process.env.KMSW_USER ?? '').trim();
      if (!as) throw new KmswError(msg().cliSign.whoSigns);
      const root = await folder(opts);
      const day = await today(opts);
      const { sign } = await import('../commands/sign.js');
      const targets = files.length > 0 ? pathsInFolder(root, files, opts.dir)! : await chooseWaiting(root, day, as);
      if (targets.length === 0) return;
      const key = local.key === undefined ? undefined : path.resolve(local.key);
      const result = await sign({ root, today: day, as, files: [...new Set(targets)], key });
      const { formatSign } = await import('../format/sign.js');
      const shown = formatSign(result);
      process.stderr.write(shown.err);
      process.stdout.write(shown.out);
      if (result.outcomes.some((o) => o.state === 'refused')) ctx.setExit(2);
    });
}

/** The records waiting for `as`: ticked on a terminal; listed, with how to sign them, elsewhere (nothing signed). */
async function chooseWaiting(root: string, day: string, as: string): Promise<string[]> {
  const { waitingList } = await import('../commands/sign.js');
  const { formatWaiting, waitingLine } = await import('../format/sign.js');
  const waiting = await waitingList({ root, today: day, as });
  const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (!terminal || waiting.length === 0) {
    process.stdout.write(formatWaiting(as, waiting, { color: colour(), howTo: true }));
    return [];
  }
  const { tickRecords } = await import('../commands/prompts.js');
  // A record with errors is shown but cannot be ticked: sign would refuse it.
  const choices = waiting.map((w) => ({
    name: waitingLine(w, { color: colour() }),
    value: w.file,
    disabled: w.faulty ? msg().cliSign.cannotTick : false,
  }));
  const chosen = await tickRecords(msg().cliSign.choose, choices);
  if (chosen.length === 0) process.stdout.write(`${msg().cliSign.noneChosen}\n`);
  return chosen;
}
