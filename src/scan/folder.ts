/**
 * The scan every command shares: each record file of the folder read and checked (scan/file.ts),
 * and what is kept of each record for the rules across records.
 */
import { say } from '../i18n.js';
import { coversPeriod, listRecordFiles, loadFile, type LoadedFile, type SkippedLink } from '../records/load.js';
import { RECORD_RULES, type RecordRules, type RuleId } from '../rules/index.js';
import type { Finding, FolderContext, RecordFacts } from '../rules/types.js';
import { checkFile } from './file.js';

export interface Scan {
  findings: Finding[];
  /** Every record of the folder, in the folder's order, whether in scope or not. */
  facts: RecordFacts[];
  /** How many files were in scope. */
  checked: number;
}

/**
 * The folder rules see records as the folder lists them, and a name's `-2` copy after the original
 * (`2026-11-27-李明` before `2026-11-27-李明-2`).
 */
export function byFile(a: RecordFacts, b: RecordFacts): number {
  const base = (f: string) => f.replace(/\.ya?ml$/i, '');
  return base(a.file) < base(b.file) ? -1 : base(a.file) > base(b.file) ? 1 : 0;
}

/** Reads every record file, runs the record rules on those in scope, and keeps each record's facts. */
export async function scanFolder(
  ctx: FolderContext,
  opts: { rules: RecordRules; selected?: Set<string>; files?: string[]; links?: SkippedLink[]; keepRaw?: boolean },
): Promise<Scan> {
  const { month, year } = ctx.scope;
  const inPeriod = (when: string | undefined, file: string) => {
    const at = when ?? /^(\d{4})\/(\d{2})\//.exec(file)?.slice(1, 3).join('-');
    if (month) return at?.slice(0, 7) === month;
    if (year !== undefined) return at?.slice(0, 4) === String(year);
    return true;
  };
  const findings: Finding[] = [];
  const facts: RecordFacts[] = [];
  let checked = 0;
  const files = opts.files ?? (await listRecordFiles(ctx.root));
  // A skipped entry is in the period when it lies in it or holds it (a linked `2026/11`, an unreadable `2026/`).
  const prefix = month ? `${month.slice(0, 4)}/${month.slice(5, 7)}/` : year !== undefined ? `${year}/` : '';
  for (const link of opts.links ?? []) if ((!opts.selected || opts.selected.has(link.file)) && coversPeriod(link.file, prefix)) findings.push(linkFinding(link));
  for (const file of files) {
    const selected = !opts.selected || opts.selected.has(file);
    let loaded: LoadedFile;
    try {
      loaded = loadFile(ctx.root, file);
    } catch (e) {
      // Gone or unreadable between the listing and the read: say so and go on.
      if (selected) {
        checked++;
        const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        const message = say(`无法读取文件（${code}）`, `cannot read the file (${code})`);
        findings.push({ rule: 'unreadable', file, line: 1, column: 1, message, hint: say('请检查文件的权限', 'check its permissions') });
      }
      continue;
    }
    const result = checkFile(loaded, ctx, opts.rules, (when) => selected && inPeriod(when, file));
    if (result.inScope) {
      checked++;
      findings.push(...result.findings);
    }
    if (result.facts) {
      if (opts.keepRaw) result.facts.raw = loaded.parsed?.value;
      facts.push(result.facts);
    }
  }
  facts.sort(byFile);
  return { findings, facts, checked };
}

/** The record rules that report at least one of the rules switched on. */
export const recordRules = (on: (id: RuleId) => boolean) => RECORD_RULES.filter(([, ids]) => ids.some(on));

/** A symbolic link is reported, never followed: it may point outside the folder, and Git shares the link, not the file. */
function linkFinding({ file, target, message }: SkippedLink): Finding {
  if (message !== undefined) return { rule: 'unreadable', file, line: 1, column: 1, message };
  return {
    rule: 'unreadable',
    file,
    line: 1,
    column: 1,
    message: say(
      `这是一个符号链接（指向 ${target}），kmsw 不跟随链接，也不检查它指向的内容：Git 只共享链接本身`,
      `this is a symbolic link (to ${target}); kmsw does not follow links nor check what they point to, and Git shares only the link`,
    ),
    hint: say('请把记录文件本身放进文件夹，再删除这个链接', 'put the record itself in the folder and delete the link'),
  };
}
