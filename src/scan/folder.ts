/**
 * The scan every command shares: each record file of the folder read and checked (scan/file.ts),
 * and what is kept of each record for the rules across records.
 */
import { msg } from '../i18n.js';
import {
  coversPeriod,
  listRecordFiles,
  loadBytes,
  loadFile,
  type LoadedFile,
  type SkippedLink,
} from '../records/load.js';
import { isStagedFile, type StagedFile } from '../records/staged.js';
import { RECORD_RULES, type RecordRules, type RuleId } from '../rules/index.js';
import type { Entries } from '../rules/folder.js';
import type { Finding, FolderContext, RecordFacts } from '../rules/types.js';
import { CachedFacts, cachingOn, openCache, type ScanCache } from './cache.js';
import { checkFile, type FileResult } from './file.js';
import type { GroupBits } from './groups.js';

export interface Scan {
  findings: Finding[];
  /** Every record of the folder, in the folder's order, whether in scope or not. */
  facts: RecordFacts[];
  /** How many files were in scope. */
  checked: number;
  /**
   * With a cache: a digest of every record's facts as the folder rules get them (their results are kept under
   * it). The facts the cache holds are then read only when `facts` is first asked for.
   */
  factsDigest?: string;
  /**
   * True once a cached record's facts did not read back and its file was read again: the facts may then differ from
   * those factsDigest describes (the file changed meanwhile), so no result of theirs is kept under it.
   */
  reread?: boolean;
  /**
   * The records `take` takes, in the folder's order, asked with each one's file and, for the facts the cache holds,
   * the folder rules' groups stored beside them (scan/groups.ts): those facts are read only when taken. Without a
   * cache, `facts` filtered.
   */
  some?: (take: (file: string, groups?: GroupBits) => boolean) => RecordFacts[];
  /**
   * The logs and summaries the scanned files stand for (rules/folder.ts's entriesOf over `facts` and the files, in
   * their order), when the scan's threads worked them out as they went.
   */
  entries?: Entries;
}

/**
 * The folder rules see records as the folder lists them, and a name's `-2` copy after the original
 * (`2026-11-27-李明` before `2026-11-27-李明-2`).
 */
export function byFile(a: { file: string }, b: { file: string }): number {
  const base = (f: string) => f.replace(/\.ya?ml$/i, '');
  return base(a.file) < base(b.file) ? -1 : base(a.file) > base(b.file) ? 1 : 0;
}

/** How long a file's name is without `.yaml` or `.yml` (in any case, as byFile's pattern): its base's length. */
function baseLength(file: string): number {
  const n = file.length;
  // `| 0x20` lowers an ASCII letter: a pattern with the `i` flag and without `u` folds no other letter to these.
  const ml = n >= 4 && (file.charCodeAt(n - 1) | 0x20) === 0x6c && (file.charCodeAt(n - 2) | 0x20) === 0x6d;
  if (!ml) return n;
  const y3 = (file.charCodeAt(n - 3) | 0x20) === 0x79;
  if (y3 && file.charCodeAt(n - 4) === 0x2e) return n - 4;
  const ya = (file.charCodeAt(n - 3) | 0x20) === 0x61 && (file.charCodeAt(n - 4) | 0x20) === 0x79;
  return ya && n >= 5 && file.charCodeAt(n - 5) === 0x2e ? n - 5 : n;
}

/** Whether `a`'s base comes before `b`'s, as byFile compares them, without making either. */
function baseBefore(a: string, b: string): boolean {
  const la = baseLength(a);
  const lb = baseLength(b);
  for (let k = 0, n = Math.min(la, lb); k < n; k++) {
    const d = a.charCodeAt(k) - b.charCodeAt(k);
    if (d !== 0) return d < 0;
  }
  return la < lb;
}

/**
 * Sorts as byFile does, each file's base name worked out once (a folder of years has tens of thousands). Items in
 * the listing's order mostly are in byFile's already (but for a name and its `-2` copy): then left as they are.
 */
export function sortByFile<T extends { file: string }>(items: T[]): void {
  let at = 1;
  while (at < items.length && !baseBefore(items[at]!.file, items[at - 1]!.file)) at++;
  if (at >= items.length) return;
  const keyed = items.map((item) => ({ item, base: item.file.slice(0, baseLength(item.file)) }));
  keyed.sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  keyed.forEach((k, i) => (items[i] = k.item));
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
    /**
     * Files read from elsewhere than the disk (`check --staged`: Git's index), by name: their bytes (the cache's
     * result for the same bytes is reused), or what reading them gave.
     */
    read?: ReadonlyMap<string, LoadedFile | StagedFile>;
    /**
     * The folder's cache (scan/cache.ts): files unchanged since they were checked are not read again.
     * When absent and the command line turned caching on, the scan opens the folder's own and saves it after.
     */
    cache?: ScanCache;
    /** `files` is every record file of the folder: the cache then forgets the files no longer there. */
    whole?: boolean;
  },
): Promise<Scan> {
  if (opts.cache || !cachingOn()) return scanFiles(ctx, opts);
  const cache = openCache(ctx);
  const scan = await scanFiles(ctx, { ...opts, cache });
  await cache?.save(opts.whole === true || opts.files === undefined);
  return scan;
}

/** scanFolder's work, with the cache it was given (or none). */
async function scanFiles(ctx: FolderContext, opts: Parameters<typeof scanFolder>[1]): Promise<Scan> {
  const { month, year } = ctx.scope;
  const inPeriod = (when: string | undefined, file: string) => {
    const at = when ?? /^(\d{4})\/(\d{2})\//.exec(file)?.slice(1, 3).join('-');
    if (month) return at?.slice(0, 7) === month;
    if (year !== undefined) return at?.slice(0, 4) === String(year);
    return true;
  };
  const findings: Finding[] = [];
  const facts: Array<RecordFacts | CachedFacts> = [];
  let checked = 0;
  const files = opts.files ?? (await listRecordFiles(ctx.root));
  // A skipped entry is in the period when it lies in it or holds it (a linked `2026/11`, an unreadable `2026/`).
  const prefix = month ? `${month.slice(0, 4)}/${month.slice(5, 7)}/` : year !== undefined ? `${year}/` : '';
  for (const link of opts.links ?? [])
    if ((!opts.selected || opts.selected.has(link.file)) && coversPeriod(link.file, prefix))
      findings.push(linkFinding(link));
  for (const file of files) {
    const selected = !opts.selected || opts.selected.has(file);
    const result = fileResult(ctx, opts, file, selected, (when) => selected && inPeriod(when, file));
    if (result.inScope) {
      checked++;
      findings.push(...result.findings);
    }
    if (result.facts) facts.push(result.facts);
    else if (result.cached) facts.push(result.cached);
  }
  sortByFile(facts);
  // Facts the cache holds that do not read back as stored: the file is checked again, without the cache.
  const again = (file: string) => {
    const selected = !opts.selected || opts.selected.has(file);
    return fileResult(ctx, { ...opts, cache: undefined }, file, selected, (when) => selected && inPeriod(when, file))
      .facts;
  };
  return lazyFacts({ findings, checked, factsDigest: opts.cache?.factsDigest(facts) }, facts, again);
}

/**
 * The scan, its facts read from the cache when first asked for (in a run whose folder rules' results are kept,
 * never).
 */
function lazyFacts(
  scan: Omit<Scan, 'facts'>,
  items: Array<RecordFacts | CachedFacts>,
  again: (file: string) => RecordFacts | undefined,
): Scan {
  let facts: RecordFacts[] | undefined;
  const reread = (file: string) => {
    scan.reread = true;
    return again(file);
  };
  // The facts some() read, for read() to take as they are.
  const loaded = new Map<CachedFacts, RecordFacts | undefined>();
  const load = (item: CachedFacts) => (loaded.has(item) ? loaded.get(item) : (item.load() ?? reread(item.file)));
  const read = () => {
    if (facts) return facts;
    facts = [];
    for (const item of items) {
      const r = item instanceof CachedFacts ? load(item) : item;
      if (r) facts.push(r);
    }
    return facts;
  };
  // Not enumerable: a worker thread sends its scan's other properties (a function cannot be sent).
  const some: Scan['some'] = (take) => {
    if (facts) return facts.filter((r) => take(r.file));
    const taken: RecordFacts[] = [];
    for (const item of items) {
      const cached = item instanceof CachedFacts;
      if (!take(item.file, cached ? item.groups() : undefined)) continue;
      const r = cached ? load(item) : item;
      if (cached) loaded.set(item, r);
      if (r) taken.push(r);
    }
    return taken;
  };
  Object.defineProperty(scan, 'some', { value: some, enumerable: false });
  return Object.defineProperty(scan, 'facts', { get: read, enumerable: true }) as Scan;
}

/**
 * One file's result: from the cache when it holds one for the file as it is now, else the file read
 * and checked (and the result kept in the cache). A file gone or unreadable since the listing is said, not skipped.
 */
function fileResult(
  ctx: FolderContext,
  opts: Parameters<typeof scanFolder>[1],
  file: string,
  selected: boolean,
  inPeriod: (when: string | undefined) => boolean,
): FileResult & { cached?: CachedFacts } {
  const staged = opts.read?.get(file);
  // A staged file is its bytes as staged: a result the cache holds for the same bytes is theirs.
  const cache = staged && !isStagedFile(staged) ? undefined : opts.cache;
  // Export renders the YAML as written, which the cache does not hold: it reads every file (and keeps what it checked).
  const hit =
    cache && !opts.keepRaw
      ? cache.lookup(file, opts.rules, inPeriod, staged && isStagedFile(staged) ? staged.bytes : undefined)
      : undefined;
  if (hit) return hit;
  // What checkFile asks about the period, noted for the cache: the same answers give the same result.
  const asked: Array<[string, boolean]> = [];
  const inScope = (when: string | undefined) => {
    const answer = inPeriod(when);
    asked.push([when ?? '', answer]);
    return answer;
  };
  return checkAgain(ctx, opts, file, selected, cache, asked, inScope);
}

/** One file read and checked, its result kept in the cache. */
function checkAgain(
  ctx: FolderContext,
  opts: Parameters<typeof scanFolder>[1],
  file: string,
  selected: boolean,
  cache: ScanCache | undefined,
  asked: Array<[string, boolean]>,
  inScope: (when: string | undefined) => boolean,
): FileResult {
  asked.length = 0;
  let loaded: LoadedFile;
  try {
    loaded = readFile(ctx, opts.read?.get(file), file, cache);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    const message = msg().scanFolder.cannotReadTheFile(code);
    const hint = msg().scanFolder.checkItsPermissions;
    return {
      inScope: selected,
      findings: selected ? [{ rule: 'unreadable', file, line: 1, column: 1, message, hint }] : [],
    };
  }
  const result = checkFile(loaded, cache ? cache.context() : ctx, opts.rules, inScope);
  cache?.put(file, opts.rules, asked, result);
  if (result.facts && opts.keepRaw) result.facts.raw = loaded.parsed?.value;
  return result;
}

/** The file as staged (its bytes parsed now, noted by the cache when the work tree holds them), else from the disk. */
function readFile(ctx: FolderContext, staged: LoadedFile | StagedFile | undefined, file: string, cache?: ScanCache) {
  if (!staged) return cache ? cache.read(file) : loadFile(ctx.root, file, true);
  if (!isStagedFile(staged)) return staged;
  return cache ? cache.readStaged(file, staged) : loadBytes(file, staged.bytes, true);
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
