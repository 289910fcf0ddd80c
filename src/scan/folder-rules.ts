/**
 * The folder rules over a scan's facts, each one's findings kept in the folder's cache (scan/cache.ts) under the key
 * of what it read besides today, with the days they hold on. Whether a rule read today is not taken on trust: it runs
 * with a context that notes every read of `today`. One that did not read it says the same on every day (its inputs
 * are in the key); one that did holds on the days rules/index.ts's FOLDER_SPANS gives it, else on this day only. A rule
 * that reads today only as a cut-off (FOLDER_DATED: missing-monthly, whose months end) is kept as its findings for
 * every day, each with the day it holds after, and each day takes its own from them. So a new day runs again only the
 * rules whose answer the day may change, and reads no record's facts for the others.
 */
import { FOLDER_DATED, FOLDER_RULES, FOLDER_SPANS, type RuleId } from '../rules/index.js';
import { ALWAYS, dayNumber, holdingOn, type DaySpan } from '../rules/today.js';
import type { DatedRule, Finding, FolderContext, FolderRule, RecordFacts } from '../rules/types.js';
import type { Day } from '../values/date.js';
import type { ScanCache } from './cache.js';

/** The context, `today` behind a getter that notes its reads (every other property its own: a rule may spread it). */
function noting(ctx: FolderContext): { ctx: FolderContext; readToday: () => boolean } {
  let read = false;
  const noted: FolderContext = { ...ctx };
  Object.defineProperty(noted, 'today', {
    get: () => {
      read = true;
      return ctx.today;
    },
    enumerable: true,
  });
  return { ctx: noted, readToday: () => read };
}

/** A folder rule's findings, and the days on which it would say the same (with the same facts, files, kmsw.yaml). */
export function runNoting(
  rule: FolderRule,
  records: readonly RecordFacts[],
  ctx: FolderContext,
  files: readonly string[],
): { found: Finding[]; span: DaySpan } {
  const noted = noting(ctx);
  const found = rule(records, noted.ctx, files);
  if (!noted.readToday()) return { found, span: ALWAYS };
  const n = dayNumber(ctx.today);
  const span = FOLDER_SPANS.get(rule)?.(ctx) ?? (n === undefined ? ([1, 0] as const) : ([n, n] as const));
  return { found, span };
}

/**
 * A dated rule's findings for every day (rules/index.ts's FOLDER_DATED), each with the last day before it holds;
 * undefined when it read today after all (its findings then do not hold on every day).
 */
export function runDated(
  dated: DatedRule,
  records: readonly RecordFacts[],
  ctx: FolderContext,
  files: readonly string[],
): Array<[Finding, Day]> | undefined {
  const noted = noting(ctx);
  const gaps = dated(records, noted.ctx, files);
  return noted.readToday() ? undefined : gaps;
}

/**
 * The findings of the folder rules `wanted` lets run, in FOLDER_RULES' order: each from the cache when it holds
 * them for `key` today, else worked out (the records' facts read then only) and kept.
 */
export function folderRuleFindings(opts: {
  ctx: FolderContext;
  facts: () => readonly RecordFacts[];
  files: readonly string[];
  wanted: (rule: FolderRule, ids: readonly RuleId[]) => boolean;
  cache?: ScanCache;
  key?: string;
  /** False when the facts read are not those `key` was made of (scan/folder.ts's `reread`): nothing is kept. */
  trusted?: () => boolean;
}): Finding[] {
  const { ctx, files, cache, key } = opts;
  const findings: Finding[] = [];
  for (const [rule, ids] of FOLDER_RULES) {
    if (!opts.wanted(rule, ids)) continue;
    let found = key ? cache?.folderFindings(key, ids) : undefined;
    const dated = found ? undefined : FOLDER_DATED.get(rule);
    const gaps = dated && runDated(dated, opts.facts(), ctx, files);
    if (gaps) {
      found = holdingOn(gaps, ctx.today);
      if (key && (opts.trusted?.() ?? true)) cache?.keepDated(key, ids, gaps);
    } else if (!found) {
      const ran = runNoting(rule, opts.facts(), ctx, files);
      found = ran.found;
      if (key && (opts.trusted?.() ?? true)) cache?.keepFolder(key, ids, found, ran.span);
    }
    // One at a time: a century of missing logs is more findings than a spread call takes arguments.
    for (const f of found) findings.push(f);
  }
  return findings;
}
