/**
 * The folder rules over a scan's facts, each one's findings kept in the folder's cache (scan/cache.ts) under the key
 * of what it read besides today, with the days they hold on. Whether a rule read today is not taken on trust: it runs
 * with a context that notes every read of `today`. One that did not read it says the same on every day (its inputs
 * are in the key); one that did holds on the days rules/index.ts's FOLDER_SPANS gives it, else on this day only. A rule
 * that reads today only as a cut-off (FOLDER_DATED: missing-monthly, whose months end) is kept as its findings for
 * every day, each with the day it holds after, and each day takes its own from them. So a new day runs again only the
 * rules whose answer the day may change, and reads no record's facts for the others.
 *
 * When only some records' findings are shown (`check --staged`: a staged record with new content is facts no result
 * was kept for), a rule with a reach (rules/index.ts's FOLDER_REACH) runs over those records and the records of the
 * groups they stand on alone: the cache keeps each record's groups beside its result (scan/groups.ts), so that only
 * those records' facts are read. What it finds then is not kept: it is not what it finds over every record.
 */
import { FOLDER_DATED, FOLDER_REACH, FOLDER_RULES, FOLDER_SPANS, type RuleId } from '../rules/index.js';
import { ALWAYS, dayNumber, holdingOn, type DaySpan } from '../rules/today.js';
import type { DatedRule, Finding, FolderContext, FolderRule, Reach, RecordFacts } from '../rules/types.js';
import type { Day } from '../values/date.js';
import type { ScanCache } from './cache.js';
import type { Scan } from './folder.js';
import { keyBits, mayHold } from './groups.js';

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

/** What folderRuleFindings is given. */
interface FolderRun {
  ctx: FolderContext;
  facts: () => readonly RecordFacts[];
  files: readonly string[];
  wanted: (rule: FolderRule, ids: readonly RuleId[]) => boolean;
  cache?: ScanCache;
  key?: string;
  /** False when the facts read are not those `key` was made of (scan/folder.ts's `reread`): nothing is kept. */
  trusted?: () => boolean;
  /**
   * The only files whose findings are shown (`check --staged`, `check <files>`), kmsw.yaml not among them, with the
   * scan's some(): a rule with a reach (FOLDER_REACH) then runs over their records and their groups' alone, and what
   * it finds is not kept (it is not what it finds over every record).
   */
  shown?: { files: ReadonlySet<string>; some: NonNullable<Scan['some']> };
}

/**
 * The findings of the folder rules `wanted` lets run, in FOLDER_RULES' order: each from the cache when it holds
 * them for `key` today, else worked out (the records' facts read then only) and kept, unless worked out over the shown
 * records' groups alone (`shown`).
 */
export function folderRuleFindings(opts: FolderRun): Finding[] {
  const { ctx, files, cache, key } = opts;
  const findings: Finding[] = [];
  const narrow = opts.shown && narrowing(opts.shown, ctx, files);
  for (const [rule, ids] of FOLDER_RULES) {
    if (!opts.wanted(rule, ids)) continue;
    let found = key ? cache?.folderFindings(key, ids) : undefined;
    found ??= narrow?.(rule);
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

/**
 * A rule's findings on the shown files, worked out over their records and the records of the groups its reach says
 * they stand on (read from the cache only when their stored groups may hold one of those); undefined when it has no
 * reach or needs every record.
 */
function narrowing(shown: NonNullable<FolderRun['shown']>, ctx: FolderContext, files: readonly string[]) {
  let given: RecordFacts[] | undefined;
  const givenFiles = files.filter((f) => shown.files.has(f));
  return (rule: FolderRule): Finding[] | undefined => {
    const reach = FOLDER_REACH.get(rule);
    if (!reach) return undefined;
    given ??= shown.some((file) => shown.files.has(file));
    const needs = reach.needs(given, ctx, givenFiles);
    if (needs === 'all') return undefined;
    if (needs.length === 0) return [];
    const records = groupRecords(shown, reach, needs);
    return rule(records, ctx, files).filter((f) => shown.files.has(f.file));
  };
}

/** The shown files' records and those in one of the groups `needs` names, in the folder's order. */
function groupRecords(shown: NonNullable<FolderRun['shown']>, reach: Reach, needs: readonly string[]): RecordFacts[] {
  const keys = new Set(needs);
  const bits = [...keys].map(keyBits);
  const records = shown.some(
    (file, groups) => shown.files.has(file) || !groups || bits.some((b) => mayHold(groups, b)),
  );
  return records.filter((r) => shown.files.has(r.file) || reach.groups(r).some((k) => keys.has(k)));
}
