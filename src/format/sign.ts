/** What `kmsw sign` prints: each file signed, already signed, or refused with every reason; and the waiting list. */
import { Chalk } from 'chalk';
import { msg } from '../i18n.js';
import type { SignResult, Waiting } from '../scan/signatures.js';
import { printable } from './table.js';

/** Lines for stdout (signed, already signed, the summary) and stderr (the refusals, with their reasons). */
export function formatSign(result: SignResult): { out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  for (const o of result.outcomes) {
    if (o.state === 'signed') out.push(msg().sign.signed(o.file, o.slots));
    else if (o.state === 'already') out.push(msg().sign.already(o.file, result.as));
    else err.push(msg().sign.refused(o.file), ...o.reasons.map((r) => `  ${r}`));
  }
  const count = (state: string) => result.outcomes.filter((o) => o.state === state).length;
  out.push(msg().sign.summary(count('signed'), count('already'), count('refused')));
  if (result.unregistered) err.push(msg().sign.keyNotRegistered(result.as, result.unregistered.publicKey));
  const text = (lines: string[]) => (lines.length ? `${lines.map((l) => printable(l)).join('\n')}\n` : '');
  return { out: text(out), err: text(err) };
}

/** One waiting record, as a line of the list or a choice of the prompt. */
export function waitingLine(w: Waiting, opts: { color: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const when = w.overdue ? c.red(msg().sign.overdue(w.due)) : c.yellow(msg().sign.dueBy(w.due));
  const stale = w.stale ? `  ${c.red(msg().sign.stale)}` : '';
  const faulty = w.faulty ? `  ${c.red(msg().sign.hasErrors)}` : '';
  return printable(`${w.date}  ${w.label}  ${w.file}  `) + when + stale + faulty;
}

/** The waiting records, oldest first; off a terminal, how to sign them. */
export function formatWaiting(
  as: string,
  waiting: readonly Waiting[],
  opts: { color: boolean; howTo: boolean },
): string {
  if (waiting.length === 0) return `${printable(msg().sign.nothingWaiting(as))}\n`;
  const lines = [
    printable(msg().sign.waitingTitle(as, waiting.length)),
    ...waiting.map((w) => `  ${waitingLine(w, opts)}`),
  ];
  if (opts.howTo) lines.push('', printable(msg().sign.howToSign(as)));
  return `${lines.join('\n')}\n`;
}
