/**
 * The scan every command shares: each record file of the folder read and checked (scan/file.ts),
 * and what is kept of each record for the rules across records.
 */
import { msg } from '../i18n.js';
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
  opts: {
    rules: RecordRules;
    selected?: Set<string>;
    files?: string[];
    links?: SkippedLink[];
    keepRaw?: boolean;
    /** Files read from elsewhere than the disk (`check --staged`: Git's index), by name. */
    read?: ReadonlyMap<string, LoadedFile>;
  },
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
  for (const link of opts.links ?? [])
    if ((!opts.selected || opts.selected.has(link.file)) && coversPeriod(link.file, prefix))
      findings.push(linkFinding(link));
  for (const file of files) {
    const selected = !opts.selected || opts.selected.has(file);
    let loaded: LoadedFile;
    try {
      loaded = opts.read?.get(file) ?? loadFile(ctx.root, file, true);
    } catch (e) {
      // Gone or unreadable between the listing and the read: say so and go on.
      if (selected) {
        checked++;
        const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        const message = msg().scanFolder.cannotReadTheFile(code);
        findings.push({
          rule: 'unreadable',
          file,
          line: 1,
          column: 1,
          message,
          hint: msg().scanFolder.checkItsPermissions,
        });
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

/**
 * A symbolic link is reported, never followed: it may point outside the folder, and Git shares the link, not the file.
 */
function linkFinding({ file, target, message }: SkippedLink): Finding {
  if (message !== undefined) return { rule: 'unreadable', file, line: 1, column: 1, message };
  return {
    rule: 'unreadable',
    file,
    line: 1,
    column: 1,
    message: msg().scanFolder.thisIsASymbolic(target),
    hint: msg().scanFolder.putTheRecordItself,
  };
}
