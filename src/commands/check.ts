/**
 * `kmsw check`: every rule of the handbook over the records folder. Returns the diagnostics; the
 * formatters print them. One broken file never stops the others.
 */
import { CONFIG_FILE } from '../config.js';
import { KmswError } from '../errors.js';
import { msg } from '../i18n.js';
import { listRecordFiles, nestedNote, type SkippedLink } from '../records/load.js';
import { selectFiles } from '../records/select.js';
import { withStaged, type StagedRecords } from '../records/staged.js';
import { CONFIG_ONLY, COUNT_CLEAN, RULE_IDS, isRuleId, type RuleId } from '../rules/index.js';
import { entriesInto, knownEntries } from '../rules/folder.js';
import { sayOnce } from '../rules/signed.js';
import { toDiagnostic } from '../scan/diagnostic.js';
import { cachingOn, openCache, type ScanCache } from '../scan/cache.js';
import { recordRules, scanFolder, type Scan } from '../scan/folder.js';
import { folderRuleFindings } from '../scan/folder-rules.js';
import { openFolder } from '../scan/open.js';
import {
  looseHeap,
  ScanWorkers,
  scanJobOf,
  scanShared,
  threadsFor,
  type Opened,
  type SharedScan,
} from '../scan/parallel.js';
import type { CheckResult } from '../scan/results.js';
import type { Diagnostic, Finding, FolderContext, FolderRule } from '../rules/types.js';
import type { Day } from '../values/date.js';
import { nearest } from '../values/nearest.js';

export interface CheckOptions {
  root: string;
  today: Day;
  /** `YYYY-MM`. */
  month?: string;
  /** Also turns on the year's quota rule. */
  year?: number;
  /** Files, folders or globs, relative to the records folder; all records when absent. */
  paths?: string[];
  /** Only these rule ids. */
  rules?: string[];
  /** kmsw's build, which a worker thread can run: big folders are then scanned on every core. */
  workerScript?: string;
  /**
   * `check --staged`: the records as staged in Git (records/staged.ts). Only they are reported, read
   * from the index; the folder rules see the work tree's other records beside them. kmsw.yaml's
   * problems are reported only when it is staged, and then the staged kmsw.yaml is the config.
   */
  staged?: StagedRecords;
  /** kmsw.yaml's text to check with instead of the file's (`--fix-dry-run`: as --fix would leave it). */
  configText?: string;
}

/** Refuses unknown rule ids before anything runs. */
export function checkRuleIds(ids: readonly string[]): void {
  for (const id of ids) {
    if (isRuleId(id)) continue;
    const guess = nearest(id, RULE_IDS);
    throw new KmswError(msg().commandsCheck.thereIsNoRule(id, guess));
  }
}

export async function check(opts: CheckOptions): Promise<CheckResult> {
  if (opts.rules) checkRuleIds(opts.rules);
  const { ctx, settings, configProblems, configText } = await openFolder({
    ...opts,
    config: opts.configText !== undefined ? Buffer.from(opts.configText) : opts.staged?.config,
  });
  const asked: readonly string[] | undefined = opts.rules;
  const enabled = (id: RuleId) => (!asked || asked.includes(id)) && settings.severity.get(id) !== 'off';
  const anyEnabled = (ids: readonly RuleId[]) => ids.some(enabled);
  // The quota and an evaluation's figures count only records without errors, so every record rule runs when one of
  // them is on (their findings are still shown only for the rules asked for).
  const run = (id: RuleId) => enabled(id) || COUNT_CLEAN.some(enabled);
  const rules = recordRules(run);
  const opened = { config: ctx.config, settings, configText };
  const early = earlyWorkers(opts, ctx, RULE_IDS.filter(run), opened);
  const { files, links, selected, nested } = await filesToCheck(opts, early);
  // A staged kmsw.yaml is another key: the folder's cache is read (its entries are then of no use) but not replaced.
  const cache = cachingOn()
    ? openCache(ctx, { write: !opts.staged?.config && opts.configText === undefined })
    : undefined;
  cache?.expect(files);
  // The worker threads read the disk: staged files are read from the index here. Threads pay only for
  // the files the cache does not hold.
  const threads = opts.workerScript && !opts.staged ? threadsFor(toRead(files, cache)) : 1;
  if (threads === 1) early?.stop();
  const { findings, checked } = await scanned(
    { ctx, rules, ruleIds: RULE_IDS.filter(run), selected, files, links, cache, opened, configText, anyEnabled },
    { threads, workerScript: opts.workerScript, early, read: opts.staged?.read },
  );
  // Staged files are read from the index: the entries of their work-tree copies stay.
  await cache?.save(!opts.staged);
  if (threads > 1) looseHeap();
  if (!opts.staged || opts.staged.config) findings.push(...configProblems);

  const notes = [
    ...(opts.staged?.configFromIndex ? [msg().staged.configFromIndex] : []),
    ...nested.map((folder) => nestedNote(opts.root, folder, 'check')),
    ...(enabled('missing-log') ? holidayNotes(opts, ctx) : []),
  ];

  const diagnostics = sayOnce(findings)
    .filter((f) => enabled(f.rule))
    .filter((f) => !selected || selected.has(f.file))
    .map((f) => toDiagnostic(f, settings))
    .sort(byPlace);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { diagnostics, summary: { files: checked, errors, warnings: diagnostics.length - errors }, notes };
}

/**
 * The scan and the folder rules over its facts: their findings, and how many files were in scope. Every record's facts
 * are dropped when this returns, before the cache is written (a big folder's first run would hold both at once).
 */
async function scanned(
  job: SharedScan & { ctx: FolderContext; configText: string; anyEnabled: (ids: readonly RuleId[]) => boolean },
  how: { threads: number; workerScript?: string; early?: ScanWorkers; read?: StagedRecords['read'] },
): Promise<{ findings: Finding[]; checked: number }> {
  const { ctx, rules, selected, files, links, cache, configText } = job;
  const scan =
    how.threads > 1
      ? await scanShared(ctx, how.workerScript!, { ...job, workers: how.early }, how.threads)
      : await scanFolder(ctx, { rules, selected, files, links, read: how.read, cache });
  const { findings, checked } = scan;
  const everyFile = [...files, ...links.map((l) => l.file)];
  if (scan.entries) {
    // The links' entries after the files' (what their paths name): then entriesOf's over every file, in its order.
    for (const link of links) entriesInto(scan.entries, link.file, undefined);
    knownEntries(scan.facts, everyFile, scan.entries);
  }
  for (const f of folderFindings(ctx, { scan, cache, configText, everyFile, selected, anyEnabled: job.anyEnabled }))
    findings.push(f);
  return { findings, checked };
}

/** The folder rules' findings over the scan's records (in part when only some files' are shown). */
function folderFindings(
  ctx: FolderContext,
  opts: {
    scan: Scan;
    cache?: ScanCache;
    configText: string;
    everyFile: string[];
    selected?: Set<string>;
    anyEnabled: (ids: readonly RuleId[]) => boolean;
  },
) {
  const { scan, cache, selected } = opts;
  // With the cache, the folder rules' results of the same facts (and the same files, kmsw.yaml) are kept, with
  // their days.
  const key = cache && scan.factsDigest && cache.folderKey(opts.configText, opts.everyFile, scan.factsDigest);
  // A rule whose findings all stand on kmsw.yaml need not run when none of kmsw.yaml's would be shown.
  const configShown = !selected || selected.has(CONFIG_FILE);
  const wanted = (rule: FolderRule, ids: readonly RuleId[]) =>
    opts.anyEnabled(ids) && (configShown || !CONFIG_ONLY.has(rule));
  // Only some records' findings shown: a rule runs over them and their groups' records (FOLDER_REACH).
  const shown = !configShown && scan.some ? { files: selected, some: scan.some } : undefined;
  return folderRuleFindings({
    ctx,
    facts: () => scan.facts,
    files: opts.everyFile,
    wanted,
    cache,
    key: key || undefined,
    trusted: () => !scan.reread,
    shown,
  });
}

/** The folder's record files (the staged ones in place of their work-tree copies), and those the user asked for. */
async function filesToCheck(opts: CheckOptions, workers?: ScanWorkers) {
  try {
    const listed: SkippedLink[] = [];
    const found: string[] = [];
    const onDisk = await listRecordFiles(opts.root, listed, workers?.listed, found);
    // The commit decides what is a records folder of its own: one whose kmsw.yaml it does not hold (untracked,
    // ignored) is this folder's, and its staged records are checked here.
    let nested = found;
    if (opts.staged && found.length > 0) {
      const { isTracked } = await import('../records/move.js');
      nested = found.filter((folder) => isTracked(opts.root, `${folder}${CONFIG_FILE}`));
    }
    const { files, links } = opts.staged
      ? withStaged(onDisk, listed, opts.staged, nested)
      : { files: onDisk, links: listed };
    // A path may name a link or a stray file too: it is reported, not refused as naming nothing.
    const selected = opts.staged
      ? opts.staged.paths
      : opts.paths
        ? selectFiles([...files, ...links.map((l) => l.file)], opts.paths)
        : undefined;
    return { files, links, selected, nested };
  } catch (e) {
    workers?.stop();
    throw e;
  }
}

/**
 * Without a cache, a big folder's worker threads start while it is listed (ScanWorkers.listed): they load kmsw and
 * open the folder meanwhile (from kmsw.yaml as read here: `opened`). With one, how many threads pay is known only once
 * the cache has been asked.
 */
function earlyWorkers(
  opts: CheckOptions,
  ctx: FolderContext,
  ruleIds: RuleId[],
  opened: Opened,
): ScanWorkers | undefined {
  if (!opts.workerScript || opts.staged || cachingOn()) return undefined;
  return new ScanWorkers(opts.workerScript, scanJobOf(ctx, ruleIds, false, opened));
}

/**
 * How many files a scan would read: all of them, less those the cache probably holds (counted only when it
 * matters).
 */
function toRead(files: readonly string[], cache: ScanCache | undefined): number {
  if (!cache || threadsFor(files.length) === 1) return files.length;
  return files.filter((f) => !cache.likelyHit(f)).length;
}

/** kmsw.yaml first, then the files by name, each in line and column order. */
function byPlace(a: Diagnostic, b: Diagnostic): number {
  if (a.file === b.file) return a.line - b.line || a.column - b.column;
  if (a.file === CONFIG_FILE) return -1;
  if (b.file === CONFIG_FILE) return 1;
  return a.file < b.file ? -1 : 1;
}

/**
 * The years the working-day rules count in that the holiday data does not cover: missing-log then
 * counts Monday to Friday there, and says so once.
 */
function holidayNotes(opts: CheckOptions, ctx: FolderContext): string[] {
  const years = new Set<number>();
  const last = Number(opts.today.slice(0, 4));
  for (const a of ctx.config.assistants) for (let y = Number(a.since.slice(0, 4)); y <= last; y++) years.add(y);
  const uncovered = [...years].filter(
    (y) =>
      !ctx.calendar.covers(y) &&
      (opts.year === undefined || y === opts.year) &&
      (!opts.month || opts.month.startsWith(`${y}-`)),
  );
  return uncovered.length > 0
    ? [msg().commandsCheck.theHolidayDataChinese(uncovered.join(msg().commandsCheck.comma))]
    : [];
}
