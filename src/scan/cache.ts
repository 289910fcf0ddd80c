/**
 * The scan's cache, as ESLint's `--cache`: what checking each record file gave (its findings and the
 * facts the folder rules need), kept in `.kmsw/cache.json` (the index) and `.kmsw/details.jsonl` (each file's
 * hash and facts, append-only: scan/cache-details.ts) under the records folder, so that a run
 * with nothing changed reads no record and parses no YAML. The folder rules' findings are kept too, under the key of
 * what they read besides today (folderKey), each with the days it holds on (scan/folder-rules.ts), in
 * `.kmsw/folder.json` (FOLDER_FILE: a run that only works them out again writes it alone).
 *
 * A result is reused only when all it depends on is unchanged:
 * - the file: size, mtime, ctime and inode as lstat gives them; when one differs (a `git checkout`,
 *   a `touch`), or the file changed less than MTIME_SLACK before it was checked (a coarse clock may
 *   hide a second edit in the same tick), its bytes are hashed and must be the ones checked;
 * - everything of the run a record rule reads (the header's key): kmsw's build (BUILD_ID, which
 *   hashes src/, package.json and the lock file, so a rebuilt dist/ with changed rules or a new
 *   version never reuses a result), the language of the messages, the whole of kmsw.yaml as read
 *   (config and thresholds);
 * - today, through the result's span: a record rule reaches today only through rules/today.ts's Today, which
 *   notes each comparison (future-date, signature-missing's due day, signature-date, late) and gives the days on
 *   which every one of them, and so the result, comes out the same; the result is reused on those days only,
 *   before the day it was checked as well as after (a message that names today holds on that day only). So a
 *   new day re-checks only the files whose answer it changes (a signature falling due, a date no longer ahead);
 * - the record rules that ran (kept per entry), and how the run's period answered for the file.
 * A result that looked at other files of the folder (missing-photo looks for photos and signature
 * pictures) or said ssh-keygen is missing is not kept: neither shows in the record's own bytes.
 *
 * The cache lies in the folder, so it is as untrusted as a record: `.kmsw` must be a folder, not a
 * link; the file is read without following links, as a regular file under CACHE_CAP; its header
 * must name the file's own device and inode (a cache committed to Git or copied from elsewhere is
 * another file, and is ignored); each entry's shape is checked before use. Anything wrong: the
 * cache is ignored and rebuilt. The index is written beside itself and renamed into place, never fsynced
 * (a torn cache is only ignored); a run that checked a few files again and changed nothing else appends their
 * results to the detail file's journal instead, each checked by its digest when read (a torn one is ignored).
 * A folder kmsw may not write into is simply not cached.
 */
import { createHash, hash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { formByKey } from '../forms/index.js';
import { getLang } from '../i18n.js';
import { loadBytes, loadFile, MAX_FILE_BYTES, type LoadedFile } from '../records/load.js';
import { readRegular, UnsafeFile, withRegular } from '../records/inside.js';
import type { StagedFile } from '../records/staged.js';
import { removeStaleTemps, tempName } from '../records/write.js';
import { isRuleId, RECORD_RULES, type RecordRules } from '../rules/index.js';
import { UNVERIFIED } from '../rules/signed.js';
import { ALWAYS, dayNumber, holdingOn, holdsOn, type DaySpan } from '../rules/today.js';
import type { Finding, FolderContext, RecordFacts } from '../rules/types.js';
import type { Day } from '../values/date.js';
import { internStrings, type FileResult } from './file.js';
import {
  append,
  checkOf,
  COMPACT_FROM,
  DETAILS_FILE,
  DetailReader,
  headLine,
  JOURNAL_CAP,
  lineHolds,
  openToAppend,
  Spool,
  writeAll,
} from './cache-details.js';
import { NO_GROUPS, recordBits, type GroupBits } from './groups.js';
import { isFile, look, lookInto, type Look } from './stat.js';

/** The folder of kmsw's own state in a records folder, and the cache in it. */
export const CACHE_DIR = '.kmsw';
export const CACHE_FILE = 'cache.json';
/**
 * The folder rules' results (FolderSlot), apart from the index: a run whose rows are the stored ones but whose folder
 * rules ran again (`check --staged` of a record with new content) writes this small file, not the index.
 */
export const FOLDER_FILE = 'folder.json';
/** The cache's format: a new one ignores caches of the old. */
const FORMAT = 9;
/** A cache larger than this is neither read nor written (about 3 KB a record: 40,000 records). */
export const CACHE_CAP = 128 * 1024 * 1024;
/** A file changed this close before its check may change again without its mtime showing it (FAT: 2 s). */
export const MTIME_SLACK = 2_000;
/** How many sets of the folder rules' results the cache keeps (the work tree's, and a commit's as staged). */
const FOLDER_SLOTS = 2;
/** The folder rules' results file's cap (.kmsw/folder.json): read whole, so far below CACHE_CAP. */
const FOLDER_CAP = 32 * 1024 * 1024;

declare const __KMSW_BUILD__: string | undefined;
/** The build's id (scripts/bundle.mjs): without one (kmsw run from src/, in tests) nothing is cached. */
export const BUILD_ID: string | undefined = typeof __KMSW_BUILD__ === 'string' ? __KMSW_BUILD__ : undefined;

/**
 * Whether scans use the folder's cache: the command line turns it on (main, before a command runs),
 * unless `--no-cache` or KMSW_NO_CACHE=1 (tests and CI run the suite both ways); off in-process.
 */
let caching = false;
export function setCaching(on: boolean): void {
  caching = on && ['', '0', undefined].includes(process.env.KMSW_NO_CACHE);
}
export const cachingOn = () => caching;

/** A file as lstat saw it before it was read: size, mtime, ctime, inode. */
type Meta = [number, number, number, number];

/** What one file's check gave, as stored: a row of the index, and its detail line. */
export interface Entry {
  /** lstat before the read. */
  m: Meta;
  /** When it was checked (ms). */
  at: number;
  /** The record rules that ran, as indexes into RECORD_RULES; absent for all of them (as most scans run). */
  r?: string;
  /** Each question checkFile asked the period (questionsText). */
  q: string;
  inScope: boolean;
  /** The digest of the facts as stored (factsJson), '' for none: the folder rules' results are keyed by these. */
  fh: string;
  /** The folder rules' groups the facts are in (scan/groups.ts); none without facts. */
  g: GroupBits;
  /** Absent for none, as for most files. */
  findings?: Finding[];
  /** The pictures the record rules looked at, each with what lstat said of it then (witness); absent for none. */
  w?: Array<[string, string]>;
  /** The days the result holds on (FileResult.span, as day numbers); absent for every day. */
  d?: DaySpan;
  /**
   * `{"h":<sha-256 of the bytes, hex, its first 128 bits>,"facts":<factsJson>}`: read only when needed. In the
   * main thread, once this run's spool has it (put, adopt): its start, length and check there (cache-details.ts).
   */
  detail: string | Buffer | Spooled;
}

/** A record's facts as the cache holds them, read only when a folder rule needs them. */
export class CachedFacts {
  constructor(
    readonly file: string,
    readonly inScope: boolean,
    /** The facts' digest (Entry.fh). */
    readonly fh: string,
    private readonly cache: ScanCache,
    private readonly row: number,
  ) {}

  /** The facts, when they read back as stored (else the file must be checked again). */
  load(): RecordFacts | undefined {
    return this.cache.storedFacts(this.row, this.file, this.inScope);
  }

  /** The folder rules' groups the facts are in, as stored beside them (scan/groups.ts). */
  groups(): GroupBits {
    return this.cache.storedGroups(this.row);
  }
}

/** What a file's stored result gives: findings now, facts when asked for. */
export interface CacheHit {
  inScope: boolean;
  findings: Finding[];
  cached?: CachedFacts;
}

/** The folder rules' results for one key (folderKey), by the rule ids each function reports. */
interface FolderSlot {
  k: string;
  r: Record<string, unknown>;
}

const signatures = new WeakMap<RecordRules, string>();
/** The record rules as indexes into RECORD_RULES: `0,1,…,13`. */
function ruleSignature(rules: RecordRules): string {
  let s = signatures.get(rules);
  if (s === undefined) signatures.set(rules, (s = rules.map((r) => RECORD_RULES.indexOf(r)).join(',')));
  return s;
}
const metaOf = (s: Look): Meta => [s.size, s.mtimeMs, s.ctimeMs, s.ino];
// One call each (crypto.hash, Node >= 20.12): a Hash object per record costs more than hashing its few hundred bytes.
const sha256 = (bytes: Buffer | string) => hash('sha256', bytes, 'hex').slice(0, 32);
const digest = (text: Buffer | string) => hash('sha256', text, 'base64url').slice(0, 22);
/** A cache holds thousands of entries: what most share is left out of each (the rule set, no findings). */
const ALL_RULES = () => ruleSignature(RECORD_RULES);

/**
 * What lstat says of a picture a record names, each part of its path from the folder's root: a folder's inode, the
 * file's inode, size, mtime and ctime, or that the part is not there. The same witness, the same look (missing-photo
 * reads no more than the file's first bytes, which change its mtime). Undefined when no witness can say it: a link
 * on the way, something else than a file or folder, an error; a path that leaves the folder needs none.
 */
export function witness(root: string, picture: string): string | undefined {
  const rel = path.relative(root, path.resolve(root, picture.replace(/\\/g, '/')));
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return '-';
  const parts = rel.split(path.sep);
  const seen: string[] = [];
  try {
    for (let n = 1; n <= parts.length; n++) {
      const s = lstatSync(path.join(root, ...parts.slice(0, n)), { throwIfNoEntry: false });
      if (!s) return `${seen.join('/')}/none`;
      if (s.isDirectory()) seen.push(`d${s.ino}`);
      else if (s.isFile() && n === parts.length) seen.push(`f${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`);
      else return undefined;
    }
  } catch {
    return undefined;
  }
  return seen.join('/');
}

/** The questions as one text: `1<when>` or `0<when>` each, by '\n'; undefined when a `when` holds a '\n'. */
function questionsText(q: ReadonlyArray<[string, boolean]>): string | undefined {
  if (q.some(([when]) => when.includes('\n'))) return undefined;
  return q.map(([when, answer]) => `${answer ? 1 : 0}${when}`).join('\n');
}
/** Whether the period answers the stored questions as it did then. */
function sameAnswers(text: string, inScope: (when: string | undefined) => boolean): boolean {
  if (text === '') return true;
  return text.split('\n').every((q) => inScope(q.length === 1 ? undefined : q.slice(1)) === (q[0] === '1'));
}

/**
 * Whether the period answered yes to each stored question (checkFile asks one a pass: twice for a record with a
 * finding, the fast path and the full one) and now answers no to each: its facts are the same, its findings none.
 */
function leftPeriod(text: string, inScope: (when: string | undefined) => boolean): boolean {
  return (
    text !== '' && text.split('\n').every((q) => q[0] === '1' && !inScope(q.length === 1 ? undefined : q.slice(1)))
  );
}

/** The facts as stored: without their file, inScope and raw YAML, their form as its key. */
function factsJson(facts: RecordFacts): string {
  const { file: _file, inScope: _inScope, raw: _raw, form, ...kept } = facts;
  return JSON.stringify({ ...kept, form: form.key });
}

/**
 * The key of everything besides the file and today that a record rule reads: build, language, kmsw.yaml. Today is
 * not in it: each result carries the days it holds on (Entry.d), so a new day keeps the cache.
 */
function runKey(ctx: FolderContext): string {
  const parts = [FORMAT, BUILD_ID, getLang(), ctx.config, ctx.thresholds];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The per-file results of one scan, read from and written back to the folder's cache. */
export class ScanCache {
  /** The entries kept for the next run that this run checked (or found with a new mtime). */
  private readonly kept = new Checked();
  /** The stored rows kept as they are: 1 a row. */
  private readonly keptRows: Uint8Array;
  private keptCount = 0;
  /** Rows whose file likelyHit() found unchanged (lstat), for lookup() to trust once. */
  private readonly sure: Uint8Array;
  /** The file read last by read(): its lstat and hash, until put() stores its result. */
  private pending?: { file: string; meta: Meta; hash: string; at: number };
  private changed = false;
  private touchedDisk = false;
  /** A picture looksAt() was told of, whose read of the root is expected next. */
  private announced = false;
  /** The pictures the file's rules looked at, with their witness. */
  private looked: Array<[string, string]> = [];
  private readonly watched: FolderContext;
  /** The folder rules' results this run worked out, under their key. */
  private fresh?: FolderSlot;
  private readonly prefix: string;
  /** The listing the scan goes through (expect) and its digest: the folder key and the file name it in one. */
  private listing?: [readonly string[], string];
  /** What lookInto said of the file likelyHit looked at last. */
  private readonly looked1 = new Float64Array(5);
  /** What lookInto said of the file valid() looked at last. */
  private readonly lookedAt = new Float64Array(5);
  /** This run's today as a day number (NaN when it is no real day: no stored result then holds). */
  private readonly day: number;
  /** A stored entry valid() found under a new lstat (the same bytes), for lookup() to keep when it serves it. */
  private refreshed?: [string, Entry];
  /** This run's detail lines, written out as they come (cache-details.ts): made by the first. */
  private spool?: Spool;

  constructor(
    private readonly ctx: FolderContext,
    private readonly key: string,
    private readonly old: Stored,
    /** Where to write, or undefined: a worker thread's cache only collects, for the main thread. */
    private readonly dir: string | undefined,
  ) {
    // The one way a record rule reaches the disk is through the folder's root (missing-photo): said first, a
    // look at a picture is kept with the picture's witness; any other read of the root keeps no result.
    this.watched = Object.create(ctx, {
      root: {
        get: () => {
          if (!this.announced) this.touchedDisk = true;
          this.announced = false;
          return ctx.root;
        },
        enumerable: true,
      },
      looksAt: { value: (p: string) => this.looksAt(p), enumerable: true },
    }) as FolderContext;
    this.prefix = ctx.root.endsWith(path.sep) ? ctx.root : ctx.root + path.sep;
    this.day = dayNumber(ctx.today) ?? Number.NaN;
    this.keptRows = new Uint8Array(old.size);
    this.sure = new Uint8Array(old.size);
  }

  /** The context for checkFile: the same, but it notes when a rule reads the disk. */
  context(): FolderContext {
    this.touchedDisk = false;
    this.announced = false;
    this.looked = [];
    return this.watched;
  }

  /** A rule is about to look at a picture: what lstat says of it now, taken before the look, goes with the result. */
  private looksAt(picture: string): void {
    const w = witness(this.ctx.root, picture);
    if (w === undefined) this.touchedDisk = true;
    else this.looked.push([picture, w]);
    this.announced = true;
  }

  /**
   * The stored result for `file`, when it still holds for its bytes, these rules and this period; its facts read
   * later. `staged`: the file's bytes as staged in Git (`check --staged`), the result then that of the same bytes.
   */
  lookup(
    file: string,
    rules: RecordRules,
    inScope: (when: string | undefined) => boolean,
    staged?: Buffer,
  ): CacheHit | undefined {
    this.refreshed = undefined;
    const i = this.valid(file, rules, staged);
    if (i === undefined) return undefined;
    const { old } = this;
    const findings = old.findings(i);
    if (!findings || !old.seesTheSame(i, this.ctx.root)) return undefined;
    const q = old.question(i);
    const stored = old.index.s[i] === '1';
    const fh = old.fh(i);
    let hit: CacheHit | undefined;
    // Most files asked one question (their date), without a '\n': answered here without splitting.
    const one = old.oneQuestion(i);
    if (one ? inScope(one.when) === one.answer : sameAnswers(q, inScope)) {
      // Checked on a day whose answers to the rules' comparisons with today are not today's: checked again.
      if (!old.holdsOn(i, this.day)) return undefined;
      hit = {
        inScope: stored,
        findings,
        cached: fh === '' ? undefined : new CachedFacts(file, stored, fh, this, i),
      };
    } else if (fh !== '' && (one ? one.answer : leftPeriod(q, inScope)) && old.holdsOn(i, this.day))
      // A record checked in its period and now out of it (`check --month` after `check`, the other records of a
      // `check --staged`): its facts, faults included, and no findings, as checkFile returns it then.
      hit = { inScope: false, findings: [], cached: new CachedFacts(file, false, fh, this, i) };
    // valid() may have set it (TypeScript reads it as the undefined set above).
    const refreshed = this.refreshed as [string, Entry] | undefined;
    if (hit && refreshed) {
      this.kept.set(...refreshed);
      this.changed = true;
    }
    if (hit && !this.kept.has(file) && !this.keptRows[i]) {
      this.keptRows[i] = 1;
      this.keptCount++;
    }
    return hit;
  }

  /** Told the files the scan goes through, in their order: when the cache holds the same listing, no name is read. */
  expect(files: readonly string[]): void {
    this.listing = [files, listDigest(files)];
    this.old.expect(files, this.listing[1]);
    // Nothing stored: every file will be checked (the columns made as long as the listing once, not doubled to it).
    if (this.old.size === 0) this.kept.reserve(files.length);
  }

  /** Whether `file` probably has a result (lstat only): to tell whether threads would pay. */
  likelyHit(file: string): boolean {
    const i = this.old.row(file, 0);
    if (i === undefined) return false;
    const s = this.looked1;
    const same = lookInto(this.prefix + file, this.ctx.root, s) && this.old.sameMeta(i, s);
    if (same && isFile(s[0]!) && this.old.oldEnough(i)) this.sure[i] = 1;
    return same && this.old.holdsOn(i, this.day);
  }

  /** Reads `file` as loadFile does, noting its lstat (taken first) and hash for put(). */
  read(file: string): LoadedFile {
    this.pending = undefined;
    const abs = path.join(this.ctx.root, file);
    const at = Date.now();
    const stat = look(abs, this.ctx.root);
    if (!stat || !isFile(stat.mode)) return loadFile(this.ctx.root, file, true);
    let bytes: Buffer;
    try {
      bytes = readRegular(abs, MAX_FILE_BYTES, { shown: file, noFollow: true });
    } catch (e) {
      if (e instanceof UnsafeFile) return loadFile(this.ctx.root, file, true);
      throw e;
    }
    this.pending = { file, meta: metaOf(stat), hash: sha256(bytes), at };
    return loadBytes(file, bytes, true);
  }

  /**
   * A staged file's bytes (records/staged.ts) as loadFile would read them; noted for put() when the work tree's
   * file holds the same bytes (its lstat taken before they were read), so the result is kept for it too.
   */
  readStaged(file: string, staged: StagedFile): LoadedFile {
    const w = staged.worktree;
    this.pending = w && isFile(w.mode) ? { file, meta: metaOf(w), hash: sha256(staged.bytes), at: w.at } : undefined;
    return loadBytes(file, staged.bytes, true);
  }

  /** Keeps what checking the file read last gave, unless it depends on more than the file. */
  put(file: string, rules: RecordRules, asked: Array<[string, boolean]>, result: FileResult): void {
    const p = this.pending;
    this.pending = undefined;
    const q = questionsText(asked);
    if (!p || p.file !== file || this.touchedDisk || q === undefined) return;
    if (result.findings.some((f) => f.message === UNVERIFIED)) return;
    const { inScope, findings } = result;
    const json = result.facts && factsJson(result.facts);
    const fh = json === undefined ? '' : digest(json);
    const detail = `{"h":"${p.hash}"${json === undefined ? '' : `,"facts":${json}`}}`;
    const g = result.facts ? recordBits(result.facts) : NO_GROUPS;
    const entry: Entry = { m: p.meta, at: p.at, q, inScope, fh, g, detail };
    if (this.looked.length > 0) entry.w = this.looked;
    // Without a span (never from checkFile), this day only.
    const span = result.span ?? [this.day, this.day];
    if (span[0] !== ALWAYS[0] || span[1] !== ALWAYS[1]) entry.d = span;
    const r = ruleSignature(rules);
    if (r !== ALL_RULES()) entry.r = r;
    if (findings.length > 0) entry.findings = findings;
    this.keep(file, entry);
    this.changed = true;
  }

  /** What a worker thread's cache collected since it was last asked; forgotten here (the main thread keeps it). */
  collected(): Array<[string, Entry]> {
    const entries = [...this.kept.entries()].map(([file, e]): [string, Entry] => [file, plainEntry(e)]);
    this.kept.clear();
    return entries;
  }

  /** Takes a worker thread's entries. */
  adopt(entries: ReadonlyArray<[string, Entry]>): void {
    for (const [file, entry] of entries) this.keep(file, entry);
    if (entries.length > 0) this.changed = true;
  }

  /** Keeps a checked file's entry; in the main thread, its detail line goes to the spool (a worker's, to it). */
  private keep(file: string, entry: Entry): void {
    if (this.dir && typeof entry.detail === 'string') {
      this.spool ??= new Spool(() => spoolFile(this.dir!));
      entry.detail = [...this.spool.add(entry.detail), checkOf(entry.detail)];
    }
    this.kept.set(file, entry);
  }

  /** A digest of every record's facts, in order, as the folder rules get them (scan/folder.ts). */
  factsDigest(records: ReadonlyArray<RecordFacts | CachedFacts>): string {
    const hash = createHash('sha256');
    // A thousand records to an update: one call each would cost more than the hashing.
    for (let from = 0; from < records.length; from += 1000) {
      const part = records.slice(from, from + 1000);
      const text = part.map(
        (r) => `${r.file}\u0000${r instanceof CachedFacts ? r.fh : this.hashOf(r)}\u0000${+r.inScope}\n`,
      );
      hash.update(text.join(''));
    }
    return hash.digest('base64url');
  }

  /**
   * The key of what the folder rules read besides today: this run's key (kmsw.yaml as read, the build), the period,
   * kmsw.yaml as written (findings point at its lines), every file's name, every record's facts. Today is not in it:
   * each rule's findings are kept with the days they hold on (scan/folder-rules.ts).
   */
  folderKey(configText: string, files: readonly string[], factsDigest: string): string {
    const { scope } = this.ctx;
    const hash = createHash('sha256').update(`${this.key}\u0000${JSON.stringify(scope)}\u0000`);
    hash.update(configText).update('\u0000');
    // The listing the scan went through by its digest (worked out already), then any other names (links, strays).
    const [listing, digest] = this.listing ?? [[], ''];
    const from = this.listing && startsWith(files, listing) ? listing.length : 0;
    hash.update(from > 0 ? `\u0001${digest}\u0000` : '\u0002');
    // A thousand names to an update, the same bytes: one call each costs more than the hashing (27k files: 1%).
    for (let at = from; at < files.length; at += 1000)
      hash.update(`${files.slice(at, at + 1000).join('\u0000')}\u0000`);
    return hash.update(factsDigest).digest('base64url');
  }

  /** The folder rule's findings stored under `key` for the function that reports `ids`, when they hold today. */
  folderFindings(key: string, ids: readonly string[]): Finding[] | undefined {
    const slot = this.old.folder.find((s) => s.k === key);
    const found = slot && Object.hasOwn(slot.r, ids.join()) ? slot.r[ids.join()] : undefined;
    // A dated rule's, `{"u":[day,…],"f":[…]}`: each finding with the day it holds after (scan/folder-rules.ts).
    if (isObject(found) && Array.isArray(found.u)) return this.datedFindings(found.u, found.f);
    // Kept for every day as the findings alone; else with their days, `{"d":[from,to],"f":[…]}`.
    const [span, findings] = isObject(found) && isSpan(found.d) ? [found.d, found.f] : [ALWAYS, found];
    if (!holdsOn(span, this.day)) return undefined;
    return Array.isArray(findings) && findings.every(isFinding) ? findings : undefined;
  }

  /** The findings of a dated rule's stored list that hold today, in its order; undefined when it is not such a list. */
  private datedFindings(days: unknown[], findings: unknown): Finding[] | undefined {
    if (!Array.isArray(findings) || findings.length !== days.length || !findings.every(isFinding)) return undefined;
    if (!days.every((d) => typeof d === 'string')) return undefined;
    return holdingOn(
      findings.map((f: Finding, i) => [f, days[i] as Day] as const),
      this.ctx.today,
    );
  }

  /** Keeps a dated rule's findings for every day under `key`, each with the day it holds after. */
  keepDated(key: string, ids: readonly string[], gaps: ReadonlyArray<readonly [Finding, Day]>): void {
    if (this.fresh?.k !== key) this.fresh = { k: key, r: { ...this.old.folder.find((s) => s.k === key)?.r } };
    this.fresh.r[ids.join()] = { u: gaps.map(([, day]) => day), f: gaps.map(([finding]) => finding) };
  }

  /** Keeps a folder rule's findings under `key`, with the days they hold on, for the next run with the same facts. */
  keepFolder(key: string, ids: readonly string[], findings: Finding[], span: DaySpan): void {
    if (!holdsOn(span, this.day)) return;
    if (this.fresh?.k !== key) this.fresh = { k: key, r: { ...this.old.folder.find((s) => s.k === key)?.r } };
    const always = span[0] === ALWAYS[0] && span[1] === ALWAYS[1];
    this.fresh.r[ids.join()] = always ? findings : { d: [span[0], span[1]], f: findings };
  }

  /**
   * Writes the cache back when it changed. `whole`: the scan saw every record file of the folder,
   * so the entries of files it did not see (deleted, renamed) go; otherwise they stay.
   */
  async save(whole: boolean): Promise<void> {
    try {
      await this.saved(whole);
    } finally {
      this.spool?.discard();
    }
  }

  /** save's work. */
  private async saved(whole: boolean): Promise<void> {
    if (!this.dir) return;
    const { old } = this;
    if (this.fresh) this.saveFolder();
    if (!this.changed && (!whole || this.keptCount === old.size)) return;
    const names = old.files();
    const rows: number[] = [];
    // The stored rows in their places, some checked again (most runs that write): written without a sort or a merge.
    const inPlace: Row[] = [];
    let found = 0;
    names.forEach((f, i) => {
      const entry = this.kept.get(f);
      if (entry) {
        inPlace.push([f, entry]);
        found++;
      } else if (!whole || this.keptRows[i]) {
        rows.push(i);
        inPlace.push(i);
      }
    });
    const same = inPlace.length === names.length && found === this.kept.size;
    const entries = same ? inPlace : rowsInOrder(names, rows, [...this.kept.entries()]);
    // The same rows: this run's results appended to the journal, the index kept.
    if (same && this.journalled(entries)) return;
    try {
      await removeStaleTemps(this.dir);
      write(this.dir, { key: this.key, listing: this.listing }, entries, old, same, this.spool);
    } catch {
      // A folder kmsw may not write into (read-only, full): the next run just checks again.
    }
  }

  /** Writes the folder rules' results this run worked out, first, then the others stored (FOLDER_SLOTS in all). */
  private saveFolder(): void {
    const fresh = this.fresh!;
    const folder = [fresh, ...this.old.folder.filter((s) => s.k !== fresh.k)].slice(0, FOLDER_SLOTS);
    // Stale temp files are tidied by the next write of the index (save), not here: a staged run writes this alone.
    try {
      writeFolder(this.dir!, folder);
    } catch {
      // A folder kmsw may not write into: the next run works them out again.
    }
  }

  /** appendJournal, or true when the folder cannot be looked at (as write(): the next run just checks again). */
  private journalled(rows: Row[]): boolean {
    try {
      return this.appendJournal(rows);
    } catch {
      return true;
    }
  }

  /**
   * Appends the results this run checked to the detail file's journal (cache-details.ts), when the detail file is
   * the one the index names and the journal stays under JOURNAL_CAP; false when it did not (the index is then
   * written again).
   */
  private appendJournal(rows: Row[]): boolean {
    const { old } = this;
    const id = old.details?.id;
    // Looked at again, as write() does: a link put in the folder's place meanwhile is not written through.
    if (!id || !lstatSync(this.dir!, { throwIfNoEntry: false })?.isDirectory()) return false;
    ignored(this.dir!);
    // A newline first: what a torn append left before is a line of its own, and the results after it still read.
    const parts: Buffer[] = [NL];
    for (const row of rows) if (typeof row !== 'number') parts.push(...journalLines(row[0], row[1], this.spool));
    const bytes = parts.reduce((n, b) => n + b.length, 0);
    const open = openToAppend(path.join(this.dir!, DETAILS_FILE), id, CACHE_CAP);
    if (!open) return false;
    try {
      const { size } = open;
      if (size < old.end || size - old.end + bytes > JOURNAL_CAP || size + bytes > CACHE_CAP) return false;
      // Each result whole or not at all for a reader: its line checked by its digest, its detail line by length and
      // check; results appended by two runs at once are each whole (one write each, at the end).
      writeAll(open.fd, parts);
      return true;
    } catch {
      return false;
    } finally {
      closeSync(open.fd);
    }
  }

  /** The digest of facts this run got: its entry's (the same facts, as put or a worker's adopted), else worked out. */
  private hashOf(r: RecordFacts): string {
    return this.kept.fhOf(r.file) || digest(factsJson(r));
  }

  /** The folder rules' groups of row `i`'s facts (scan/groups.ts). */
  storedGroups(i: number): GroupBits {
    return this.old.groups(i);
  }

  /** The stored facts of row `i` as a record's facts, when they read back as stored; else undefined. */
  storedFacts(i: number, file: string, inScope: boolean): RecordFacts | undefined {
    const stored = this.old.facts(i);
    const form = stored && formByKey(stored.form);
    if (!stored || !form) return undefined;
    // Made a record's facts in place (the parsed object is this call's own): a copy of thousands costs their GC. Each
    // string once: a run whose folder rules need every record's facts holds them all.
    const facts = internStrings(stored) as unknown as RecordFacts;
    facts.form = form;
    facts.file = file;
    facts.inScope = inScope;
    return facts;
  }

  /** The row of `file`'s stored entry when its bytes (or `staged`) are still the ones checked, with these rules. */
  private valid(file: string, rules: RecordRules, staged?: Buffer): number | undefined {
    const { old } = this;
    const i = old.row(file, 1);
    if (i === undefined || (old.index.r[i] ?? ALL_RULES()) !== ruleSignature(rules)) return undefined;
    if (staged) return sha256(staged) === old.hashOf(i) ? i : undefined;
    if (this.sure[i]) return i;
    // Into an array, not a new object: one look at every file of the folder.
    const s = this.lookedAt;
    if (!lookInto(this.prefix + file, this.ctx.root, s) || !isFile(s[0]!)) return undefined;
    if (old.sameMeta(i, s) && old.oldEnough(i)) return i;
    const meta: Meta = [s[1]!, s[2]!, s[3]!, s[4]!];
    let bytes: Buffer;
    try {
      bytes = readRegular(path.join(this.ctx.root, file), MAX_FILE_BYTES, { noFollow: true });
    } catch {
      return undefined;
    }
    const entry = old.entry(i);
    if (!entry || sha256(bytes) !== old.hashOf(i)) return undefined;
    // The same bytes under a new mtime: kept once lookup() serves it (a stored entry whose result does not hold, its
    // pictures changed, is checked again, and its old facts' digest must not stand for the new facts), and trusted by
    // its lstat next time once it is old enough.
    this.refreshed = [file, { ...entry, m: meta, at: Date.now() }];
    return i;
  }
}

/**
 * The entries a run checked, by file, in columns (a big folder's first run checks every file: an object, an array and
 * a few strings each would hold tens of MB until the cache is written). Read back as views (CheckedEntry).
 */
class Checked {
  private readonly slots = new Map<string, number>();
  private count = 0;
  /** size, mtime, ctime, inode, checked at: five a slot. */
  private m = new Float64Array(0);
  /** The days the result holds on, two a slot. */
  private d = new Int32Array(0);
  /** The folder rules' groups of the facts, two words a slot. */
  private g = new Uint32Array(0);
  /** The detail line's start, length and check in the spool, three a slot (when spooled). */
  private o = new Uint32Array(0);
  /** The facts' digest, FH bytes a slot (NO_FACTS for none). */
  private fh = Buffer.alloc(0);
  /** The text of questions, as an index into `texts`. */
  private q = new Uint32Array(0);
  private readonly texts: string[] = [];
  private readonly textAt = new Map<string, number>();
  /** 1: in scope; 2: its detail line is in the spool (`o`). */
  private flags = new Uint8Array(0);
  /** What few slots have: rule set, findings, pictures looked at; a detail line not spooled. */
  private readonly rare = new Map<number, Pick<Entry, 'r' | 'findings' | 'w'> & { detail?: string | Buffer }>();

  get size(): number {
    return this.slots.size;
  }

  has(file: string): boolean {
    return this.slots.has(file);
  }

  get(file: string): Entry | undefined {
    const slot = this.slots.get(file);
    return slot === undefined ? undefined : new CheckedEntry(this, slot);
  }

  /** The facts' digest of `file`'s entry ('' for none); undefined when there is none. */
  fhOf(file: string): string | undefined {
    const slot = this.slots.get(file);
    return slot === undefined ? undefined : this.column('fh', slot);
  }

  *entries(): Generator<[string, Entry]> {
    for (const [file, slot] of this.slots) yield [file, new CheckedEntry(this, slot)];
  }

  clear(): void {
    this.slots.clear();
    this.rare.clear();
    this.count = 0;
  }

  set(file: string, entry: Entry): void {
    let slot = this.slots.get(file);
    if (slot === undefined) this.slots.set(file, (slot = this.grow()));
    this.m.set(entry.m, 5 * slot);
    this.m[5 * slot + 4] = entry.at;
    this.d.set(entry.d ?? ALWAYS, 2 * slot);
    this.g.set(entry.g, 2 * slot);
    this.fh.write(entry.fh === '' ? NO_FACTS : entry.fh, FH * slot, 'latin1');
    let t = this.textAt.get(entry.q);
    if (t === undefined) this.textAt.set(entry.q, (t = this.texts.push(entry.q) - 1));
    this.q[slot] = t;
    const spooled = Array.isArray(entry.detail);
    this.flags[slot] = (entry.inScope ? 1 : 0) | (spooled ? 2 : 0);
    if (spooled) this.o.set(entry.detail as Spooled, 3 * slot);
    const { r, findings, w } = entry;
    const rare = { r, findings, w, detail: spooled ? undefined : (entry.detail as string | Buffer) };
    if (r !== undefined || findings || w || !spooled) this.rare.set(slot, rare);
    else this.rare.delete(slot);
  }

  /** A new slot, the columns grown (doubled) when full. */
  private grow(): number {
    const slot = this.count++;
    if (slot >= this.flags.length) this.reserve(Math.max(1024, 2 * this.flags.length));
    return slot;
  }

  /** Makes the columns `n` slots long, when they are shorter. */
  reserve(n: number): void {
    if (n > this.flags.length) {
      const bigger = <T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(a: T, k: number): T => {
        const b = new (a.constructor as new (n: number) => T)(k * n);
        b.set(a);
        return b;
      };
      [this.m, this.d, this.g, this.o, this.q, this.flags] = [
        bigger(this.m, 5),
        bigger(this.d, 2),
        bigger(this.g, 2),
        bigger(this.o, 3),
        bigger(this.q, 1),
        bigger(this.flags, 1),
      ];
      const fh = Buffer.alloc(FH * n);
      this.fh.copy(fh);
      this.fh = fh;
    }
  }

  /** A slot's value of one column (CheckedEntry's getters). */
  column(name: 'fh', slot: number): string;
  column(name: 'q', slot: number): string;
  column(name: 'inScope', slot: number): boolean;
  column(name: 'g', slot: number): GroupBits;
  column(name: 'm' | 'd' | 'detail' | 'at' | 'r' | 'findings' | 'w', slot: number): unknown;
  column(name: string, slot: number): unknown {
    switch (name) {
      case 'fh': {
        const fh = this.fh.toString('latin1', FH * slot, FH * slot + FH);
        return fh === NO_FACTS ? '' : fh;
      }
      case 'q':
        return this.texts[this.q[slot]!];
      case 'inScope':
        return (this.flags[slot]! & 1) !== 0;
      case 'm':
        return Array.from(this.m.subarray(5 * slot, 5 * slot + 4));
      case 'at':
        return this.m[5 * slot + 4];
      case 'g':
        return [this.g[2 * slot]!, this.g[2 * slot + 1]!];
      case 'd': {
        const [from, to] = [this.d[2 * slot]!, this.d[2 * slot + 1]!];
        return from === ALWAYS[0] && to === ALWAYS[1] ? undefined : [from, to];
      }
      case 'detail':
        return this.flags[slot]! & 2
          ? Array.from(this.o.subarray(3 * slot, 3 * slot + 3))
          : this.rare.get(slot)!.detail;
      default:
        return this.rare.get(slot)?.[name as 'r' | 'findings' | 'w'];
    }
  }
}

/** One of Checked's entries, read from its columns when asked. */
class CheckedEntry implements Entry {
  constructor(
    private readonly from: Checked,
    private readonly slot: number,
  ) {}
  get m() {
    return this.from.column('m', this.slot) as Meta;
  }
  get at() {
    return this.from.column('at', this.slot) as number;
  }
  get r() {
    return this.from.column('r', this.slot) as string | undefined;
  }
  get q() {
    return this.from.column('q', this.slot);
  }
  get inScope() {
    return this.from.column('inScope', this.slot);
  }
  get fh() {
    return this.from.column('fh', this.slot);
  }
  get g() {
    return this.from.column('g', this.slot);
  }
  get findings() {
    return this.from.column('findings', this.slot) as Finding[] | undefined;
  }
  get w() {
    return this.from.column('w', this.slot) as Array<[string, string]> | undefined;
  }
  get d() {
    return this.from.column('d', this.slot) as DaySpan | undefined;
  }
  get detail() {
    return this.from.column('detail', this.slot) as Entry['detail'];
  }
}

/** An entry as a plain object (a worker's, sent to the main thread). */
function plainEntry(e: Entry): Entry {
  const { m, at, q, inScope, fh, g, detail, r, findings, w, d } = e;
  const plain: Entry = { m, at, q, inScope, fh, g, detail };
  if (r !== undefined) plain.r = r;
  if (findings) plain.findings = findings;
  if (w) plain.w = w;
  if (d) plain.d = d;
  return plain;
}

/** The index of a stored cache: one column per field of Entry, a row per file. */
interface Index {
  /** The files, read when first asked for (a run over the same listing never asks: listDigest). */
  files: () => string[];
  /** The files' line as stored (`"files":[…]}` and its newline), read when asked for. */
  names: () => Buffer | undefined;
  /** size, mtime, ctime, inode, checked at: five numbers a row (stored as the bytes of a Float64Array, in base64). */
  m: Float64Array;
  /** The facts' digests, FH characters a row (NO_FACTS for none). */
  fh: string;
  /** Rule signatures, by row, where not all rules ran. */
  r: Record<string, string>;
  /** Each text of questions (questionsText) once, and each row's as an index into them (stored as base64). */
  q: string[];
  qi: Uint32Array;
  /** inScope, `0` or `1` a row. */
  s: string;
  /** Findings, by row, where there are any. */
  f: Record<string, unknown>;
  /** Pictures looked at, by row, where there are any. */
  w: Record<string, unknown>;
  /** The days each row's result holds on, first and last (day numbers), two a row (stored as base64). */
  d: Int32Array;
  /** The folder rules' groups of each row's facts (scan/groups.ts), two words a row (stored as base64). */
  g: Uint32Array;
  /** Each row's detail line in the detail file: start, length (0: none), check (cache-details.ts); stored as base64. */
  o: Uint32Array;
}

/** The width of a facts digest (base64url of 128 bits), and the digest column's mark for a row without facts. */
const FH = 22;
const NO_FACTS = '.'.repeat(FH);
/** What a detail line holds between its hash and its facts. */
const FACTS_LABEL = Buffer.from('","facts":');
/** A text of questions that is one question (Stored.oneQuestion): what it asked, and the answer then. */
type OneQuestion = { when: string | undefined; answer: boolean };
/** The bit of each sparse column in Stored's marks. */
const BIT = { r: 1, f: 2, w: 4 } as const;
/** A row's findings when it has none (most rows): one array, never changed. */
const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

const EMPTY: Index = {
  files: () => [],
  names: () => undefined,
  m: new Float64Array(0),
  fh: '',
  r: {},
  q: [],
  qi: new Uint32Array(0),
  s: '',
  f: {},
  w: {},
  d: new Int32Array(0),
  g: new Uint32Array(0),
  o: new Uint32Array(0),
};

/** A digest of a listing of files, in its order. */
function listDigest(files: readonly string[]): string {
  const hash = createHash('sha256');
  // A thousand names to an update: one join of them all costs three times the hashing.
  for (let at = 0; at < files.length; at += 1000)
    hash.update(`${files.slice(at, at + 1000).join('\u0000')}\u0000`, 'utf16le');
  return hash.digest('base64url').slice(0, FH);
}

/** Whether `files` begins with the names of `listing`, the same strings in the same order. */
function startsWith(files: readonly string[], listing: readonly string[]): boolean {
  if (files.length < listing.length) return false;
  for (let i = 0; i < listing.length; i++) if (files[i] !== listing[i]) return false;
  return true;
}

/**
 * A cache as read: its index parsed, the files' names read from the file and the detail lines from the detail file
 * (scan/cache-details.ts) only when one is asked for. The file, one valid JSON document with a line per part, the
 * index first, each part where the header says (`rest`: the bytes of the index's three lines; `names`: of the
 * files' line), so that a run reads only what it uses (a run over the same listing reads no name; one with nothing
 * changed, no detail line); `details` is the id of the detail file its rows' lines are in, `end` its bytes when the
 * index was written (its journal, the results appended since, starts there: see Patch):
 *
 *   {"format":9,"key":…,"dev":…,"ino":…,"list":…,"details":…,"end":…,"rest":…,"names":…,
 *   "m":"<base64>",
 *   "fh":"<digests>",
 *   "index":{"q":[…],"qi":"<base64>","s":"…","r":{…},"f":{…},"w":{…},"d":"<base64>","g":"<base64>","o":"<base64>"},
 *   "files":[…]}
 */
class Stored {
  private rowsOf?: Map<string, number>;
  /** The listing this run scans, when it is the stored one (same names, same order): rows are then places in it. */
  private listed?: readonly string[];
  /** Where in `listed` each kind of caller (likelyHit, lookup) looked last. */
  private readonly cursors = [0, 0];
  /** The row whose line was read last, and the line (entry() and hashOf() ask for the same row in turn). */
  private last?: [number, Buffer | undefined];
  /** The results the journal holds (cache-details.ts), put in their rows when a row is first asked for (settle). */
  journal: Patch[] = [];
  private settled = false;
  /** Each text of questions as oneQuestion gives it (null: not one question), by its index. */
  private ones?: Array<OneQuestion | null>;
  /** Which of the sparse columns (r, f, w) have each row, a bit each: worked out when first asked. */
  private marks?: Uint8Array;

  /** The folder rules' results stored (FOLDER_FILE), read apart from the index. */
  folder: FolderSlot[] = [];

  constructor(
    readonly index: Index,
    /** The detail file the index names, read when a line is first needed. */
    readonly details?: DetailReader,
    /** The digest of the files' listing (listDigest). */
    private readonly list = '',
    /** Where the detail file's journal starts: the bytes of it the index covers. */
    readonly end = 0,
  ) {}

  get size(): number {
    return this.index.s.length;
  }

  /** The files, a row each. */
  files(): readonly string[] {
    this.settle();
    return this.listed ?? this.index.files();
  }

  /** Told the listing the run scans: when it is the stored one, no file name need be read from the cache. */
  expect(files: readonly string[], digest: string): void {
    if (files.length === this.size && digest === this.list) this.listed = files;
    this.settle();
  }

  /**
   * Puts the journal's results in their rows (the last for a file wins): each file's row found by its name, the
   * columns changed in place, the two columns of text made again once.
   */
  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.journal.length === 0) return;
    const names = this.listed ?? this.index.files();
    const rows = new Map<number, Patch>();
    for (const p of this.journal) {
      const row = rowOf(names, p.f);
      if (row !== undefined) rows.set(row, p);
    }
    const { index } = this;
    const [fh, s]: [string[], string[]] = [[], []];
    let from = 0;
    for (const [row, p] of [...rows].sort((a, b) => a[0] - b[0])) {
      index.m.set(p.m, 5 * row);
      index.d.set(p.d, 2 * row);
      index.g.set(p.g, 2 * row);
      index.o.set(p.o, 3 * row);
      const t = index.q.indexOf(p.q);
      index.qi[row] = t < 0 ? index.q.push(p.q) - 1 : t;
      for (const [column, value] of [
        ['r', p.r],
        ['f', p.x],
        ['w', p.w],
      ] as const)
        if (value === undefined) delete index[column][row];
        else index[column][row] = value;
      fh.push(index.fh.slice(FH * from, FH * row), p.fh);
      s.push(index.s.slice(from, row), String(p.s));
      from = row + 1;
    }
    fh.push(index.fh.slice(FH * from));
    s.push(index.s.slice(from));
    [index.fh, index.s] = [fh.join(''), s.join('')];
    [this.marks, this.ones] = [undefined, undefined];
  }

  /**
   * The row of `file`, if the cache has one; `cursor` 0 for likelyHit, 1 for lookup (each goes in the listing's
   * order).
   */
  row(file: string, cursor: number): number | undefined {
    this.settle();
    const { listed, cursors } = this;
    if (listed) {
      const at = cursors[cursor]!;
      if (listed[at] === file) return (cursors[cursor] = at + 1) - 1;
    }
    if (!this.rowsOf) {
      this.rowsOf = new Map();
      this.files().forEach((f, i) => this.rowsOf!.set(f, i));
    }
    return this.rowsOf.get(file);
  }

  /** Row `i`'s questions (questionsText). */
  question(i: number): string {
    return this.index.q[this.index.qi[i]!]!;
  }

  /** Row `i`'s one question, when it asked one (most ask their date), and its answer then; worked out once a text. */
  oneQuestion(i: number): OneQuestion | undefined {
    const t = this.index.qi[i]!;
    this.ones ??= new Array<OneQuestion | null>(this.index.q.length);
    if (this.ones[t] === undefined) {
      const q = this.index.q[t]!;
      this.ones[t] =
        q.length > 0 && !q.includes('\n')
          ? { when: q.length === 1 ? undefined : q.slice(1), answer: q[0] === '1' }
          : null;
    }
    return this.ones[t] ?? undefined;
  }

  /** Row `i`'s facts digest, '' for none. */
  fh(i: number): string {
    const fh = this.index.fh.slice(FH * i, FH * i + FH);
    return fh === NO_FACTS ? '' : fh;
  }

  /** Row `i`'s folder rules' groups (scan/groups.ts). */
  groups(i: number): GroupBits {
    return [this.index.g[2 * i]!, this.index.g[2 * i + 1]!];
  }

  /** Whether row `i`'s file was changed long enough before its check for its mtime to show a later change. */
  oldEnough(i: number): boolean {
    return this.index.m[5 * i + 1]! < this.index.m[5 * i + 4]! - MTIME_SLACK;
  }

  /** Whether the pictures row `i`'s rules looked at are as lstat saw them then. */
  seesTheSame(i: number, root: string): boolean {
    if (!this.has('w', i)) return true;
    const looked = this.index.w[i];
    if (!Array.isArray(looked)) return false;
    return looked.every(
      (l) => Array.isArray(l) && typeof l[0] === 'string' && typeof l[1] === 'string' && witness(root, l[0]) === l[1],
    );
  }

  /** Whether row `i`'s result holds on `day` (a day number). */
  holdsOn(i: number, day: number): boolean {
    return this.index.d[2 * i]! <= day && day <= this.index.d[2 * i + 1]!;
  }

  /** Whether row `i` was checked from a file of the same size, mtime, ctime and inode (a Look, or from lookInto). */
  sameMeta(i: number, s: Look | Float64Array): boolean {
    const m = this.index.m;
    if (s instanceof Float64Array)
      return m[5 * i] === s[1] && m[5 * i + 1] === s[2] && m[5 * i + 2] === s[3] && m[5 * i + 3] === s[4];
    return m[5 * i] === s.size && m[5 * i + 1] === s.mtimeMs && m[5 * i + 2] === s.ctimeMs && m[5 * i + 3] === s.ino;
  }

  /** Whether the column (r, f or w: a few rows each) has row `i`. */
  has(column: 'r' | 'f' | 'w', i: number): boolean {
    if (!this.marks) {
      // Looked up once each instead of by key for every row (Object.hasOwn with a number costs a string).
      this.marks = new Uint8Array(this.size);
      for (const c of ['r', 'f', 'w'] as const)
        for (const key of Object.keys(this.index[c])) {
          const row = Number(key);
          if (String(row) === key && row >= 0 && row < this.size) this.marks[row]! |= BIT[c];
        }
    }
    return (this.marks[i]! & BIT[column]) !== 0;
  }

  /** Row `i`'s findings, checked; undefined when they are not findings. */
  findings(i: number): Finding[] | undefined {
    if (!this.has('f', i)) return NO_FINDINGS;
    const f = this.index.f[i];
    return Array.isArray(f) && f.length > 0 && f.every(isFinding) ? f : undefined;
  }

  /** Row `i` as an Entry (its detail line as bytes), for writing back; undefined when its line is missing. */
  entry(i: number): Entry | undefined {
    const detail = this.line(i);
    const findings = this.findings(i);
    if (!detail || !findings) return undefined;
    const { m, r, s } = this.index;
    const [at, inScope] = [m[5 * i + 4]!, s[i] === '1'];
    const meta = Array.from(m.subarray(5 * i, 5 * i + 4)) as Meta;
    const entry: Entry = { m: meta, at, q: this.question(i), inScope, fh: this.fh(i), g: this.groups(i), detail };
    if (this.has('r', i)) entry.r = r[i];
    if (findings.length > 0) entry.findings = findings;
    if (this.has('w', i)) entry.w = this.index.w[i] as Entry['w'];
    const d: DaySpan = [this.index.d[2 * i]!, this.index.d[2 * i + 1]!];
    if (d[0] !== ALWAYS[0] || d[1] !== ALWAYS[1]) entry.d = d;
    return entry;
  }

  /** The hash of the bytes row `i` was checked from. */
  hashOf(i: number): string | undefined {
    const line = this.line(i);
    const h = line && /^\{"h":"([0-9a-f]{32})"/.exec(line.toString('latin1', 0, 40));
    return h ? h[1] : undefined;
  }

  /** Row `i`'s facts as stored, when they are there, match their digest and have the shape of facts. */
  facts(i: number): (Omit<RecordFacts, 'form' | 'file' | 'inScope'> & { form: string }) | undefined {
    const line = this.line(i);
    // `{"h":"<32 hex>","facts":` is 48 bytes; the line ends with the `}` that closes it.
    if (!line || line.length < 50 || !FACTS_LABEL.equals(line.subarray(38, 48))) return undefined;
    const json = line.subarray(48, line.length - 1);
    if (digest(json) !== this.fh(i)) return undefined;
    try {
      const facts: unknown = JSON.parse(json.toString('utf8'));
      return isFacts(facts) ? (facts as ReturnType<Stored['facts']>) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Row `i`'s detail line, when the detail file has it as the index says (cache-details.ts); else undefined. */
  line(i: number): Buffer | undefined {
    if (this.last?.[0] === i) return this.last[1];
    const { o } = this.index;
    const bytes = this.details?.read(o[3 * i]!, o[3 * i + 1]!);
    const line = bytes && lineHolds(bytes, o[3 * i + 2]!) ? bytes : undefined;
    this.last = [i, line];
    return line;
  }
}

/** Opens the folder's cache for a scan; undefined when caching is off or impossible here. */
export function openCache(ctx: FolderContext, opts: { write?: boolean } = {}): ScanCache | undefined {
  if (!BUILD_ID) return undefined;
  const dir = path.join(ctx.root, CACHE_DIR);
  const stat = lstatSync(dir, { throwIfNoEntry: false });
  // A link or a file where the cache folder goes: nothing is read from it or written through it.
  if (stat && !stat.isDirectory()) return undefined;
  const key = runKey(ctx);
  const old = (stat && readCache(path.join(dir, CACHE_FILE), key)) || new Stored(EMPTY);
  // Each result's key holds all it was worked out from (folderKey): the folder file goes with any index.
  if (stat) old.folder = readFolder(path.join(dir, FOLDER_FILE));
  return new ScanCache(ctx, key, old, opts.write === false ? undefined : dir);
}

/** A worker thread's cache: starts empty, collects what the thread checks for the main thread to keep. */
export function collectingCache(ctx: FolderContext): ScanCache | undefined {
  return BUILD_ID ? new ScanCache(ctx, runKey(ctx), new Stored(EMPTY), undefined) : undefined;
}

/**
 * The cache file's header and the index's lines after it, its stat, and where the files' line starts; undefined
 * when it has fewer bytes. Opened by withRegular (no link followed, a regular file under CACHE_CAP, else it throws).
 */
function readHead(file: string): { header: Header; lines: Buffer[]; stat: Stats; from: number } | undefined {
  return withRegular(file, CACHE_CAP, { noFollow: true }, (fd, stat) => {
    let bytes = Buffer.alloc(0);
    const more = (size: number) => {
      const grown = Buffer.allocUnsafe(bytes.length + size);
      bytes.copy(grown);
      const n = readSync(fd, grown, bytes.length, size, bytes.length);
      bytes = grown.subarray(0, bytes.length + n);
      return n > 0;
    };
    // The header line, then as many bytes as it says the index's lines take.
    while (bytes.indexOf(10) < 0) if (!more(Math.max(1 << 16, bytes.length))) return undefined;
    const first = bytes.indexOf(10);
    const header: unknown = JSON.parse(`${bytes.toString('utf8', 0, first - 1)}}`);
    if (!isHeader(header) || header.rest > CACHE_CAP || header.names > CACHE_CAP) return undefined;
    const from = first + 1 + header.rest;
    if (from > bytes.length && !more(from - bytes.length)) return undefined;
    const parts: Buffer[] = [];
    for (let at = first + 1, nl; at < from; at = nl + 1) {
      nl = bytes.indexOf(10, at);
      if (nl < 0 || nl >= from) return undefined;
      parts.push(bytes.subarray(at, nl));
    }
    return { header, lines: parts, stat, from };
  });
}

/**
 * `length` bytes of the cache file from `start` (to its end when undefined), when it is still the file first read
 * (the same device and inode: a cache is replaced, never changed in place); else undefined.
 */
function reread(file: string, stat: Stats, start: number, length?: number): Buffer | undefined {
  try {
    return withRegular(file, CACHE_CAP, { noFollow: true }, (fd, now) => {
      const size = length ?? now.size - start;
      if (now.dev !== stat.dev || now.ino !== stat.ino || size < 0 || start + size > now.size) return undefined;
      const bytes = Buffer.allocUnsafe(size);
      let n = 0;
      for (let got = 1; n < size && got > 0; n += got) got = readSync(fd, bytes, n, size - n, start + n);
      return n === size ? bytes : undefined;
    });
  } catch {
    return undefined;
  }
}

/** What a line `"<label>":<value>,` holds after its label, as latin1 bytes' text; throws when it is not that line. */
function after(line: Buffer, label: string): string {
  const start = `"${label}":`;
  if (line.toString('latin1', 0, start.length) !== start || line[line.length - 1] !== 0x2c)
    throw new Error('not a line of the cache');
  return line.toString('latin1', start.length, line.length - 1);
}

/** A JSON string of base64 or digests as it stands between its quotes (no escape needed, none allowed). */
function plain(json: string): string {
  if (json.length < 2 || json[0] !== '"' || json[json.length - 1] !== '"') throw new Error('not a plain string');
  return json.slice(1, -1);
}

/** The cache file when it is this folder's own and of this run's key; else undefined. */
function readCache(file: string, key: string): Stored | undefined {
  try {
    const head = readHead(file);
    if (!head) return undefined;
    const { header, lines, stat, from } = head;
    if (header.key !== key || header.dev !== stat.dev || header.ino !== stat.ino) return undefined;
    if (lines.length !== 3) return undefined;
    // The columns of base64 and digests are read as they stand: JSON.parse would only copy them.
    const [m, fh] = [plain(after(lines[0]!, 'm')), plain(after(lines[1]!, 'fh'))];
    const parsed: unknown = JSON.parse(lines[2]!.toString('utf8', '"index":'.length, lines[2]!.length - 1));
    const index = isObject(parsed) && indexOf(m, fh, parsed);
    if (!index) return undefined;
    // The files' names, read only when the run's listing is not the stored one (Stored.expect), from the same file:
    // another run may have put a new cache in its place meanwhile.
    index.names = () => {
      const bytes = reread(file, stat, from, header.names);
      const framed =
        bytes?.toString('latin1', 0, 8) === '"files":' && bytes.toString('latin1', bytes.length - 2) === '}\n';
      return framed ? bytes : undefined;
    };
    index.files = () => {
      try {
        const bytes = index.names();
        const files: unknown = bytes && JSON.parse(bytes.toString('utf8', 8, bytes.length - 2));
        return isStrings(files, index.s.length) ? (files as string[]) : [];
      } catch {
        return [];
      }
    };
    const details = header.details === '' ? undefined : new DetailReader(detailsOf(file), header.details, CACHE_CAP);
    const stored = new Stored(index, details, header.list, header.end);
    const tail = details?.journal(header.end);
    if (tail) stored.journal = journalOf(tail, header.end);
    return stored;
  } catch {
    // Missing, a link, not a regular file, over its cap, or not JSON: no cache, rebuilt by this run.
    return undefined;
  }
}

/**
 * A result the journal holds (cache-details.ts): a line `#<digest of the JSON><JSON>` right after its detail line,
 * both written at once; the JSON has the row's columns (Entry's), the file's name, and the detail line's length and
 * check. `o` is where the detail line is.
 */
interface Patch {
  f: string;
  m: number[];
  d: DaySpan;
  g: GroupBits;
  fh: string;
  q: string;
  s: 0 | 1;
  r?: string;
  /** The findings (Entry.findings). */
  x?: unknown[];
  w?: unknown[];
  n: number;
  c: number;
  o: [number, number, number];
}

function isPatch(v: unknown): v is Omit<Patch, 'o'> {
  return (
    isObject(v) &&
    typeof v.f === 'string' &&
    Array.isArray(v.m) &&
    v.m.length === 5 &&
    v.m.every(isInt) &&
    isSpan(v.d) &&
    Array.isArray(v.g) &&
    v.g.length === 2 &&
    v.g.every((n) => Number.isSafeInteger(n) && n >= 0 && n <= 0xffffffff) &&
    typeof v.fh === 'string' &&
    /^[\w.-]{22}$/.test(v.fh) &&
    typeof v.q === 'string' &&
    (v.s === 0 || v.s === 1) &&
    optional(v.r, 'string') &&
    (v.x === undefined || Array.isArray(v.x)) &&
    (v.w === undefined || Array.isArray(v.w)) &&
    Number.isSafeInteger(v.n) &&
    Number.isSafeInteger(v.c)
  );
}

/** The journal's results that read back whole, in their order; `at`: where the journal starts in the detail file. */
function journalOf(tail: Buffer, at: number): Patch[] {
  const patches: Patch[] = [];
  // A line without its newline (a torn append) ends it.
  for (let start = 0, nl = tail.indexOf(10); nl >= 0; start = nl + 1, nl = tail.indexOf(10, start)) {
    if (tail[start] !== 0x23) continue;
    const json = tail.subarray(start + 1 + FH, nl);
    if (digest(json) !== tail.toString('latin1', start + 1, start + 1 + FH)) continue;
    let v: unknown;
    try {
      v = JSON.parse(json.toString('utf8'));
    } catch {
      continue;
    }
    // Its detail line right before it, whole (a line of its own, as long as it says, with its check).
    const from = start - 1 - (isPatch(v) ? v.n : 0);
    if (!isPatch(v) || v.n <= 0 || from < 0 || (from > 0 && tail[from - 1] !== 10)) continue;
    if (lineHolds(tail.subarray(from, start - 1), v.c)) patches.push({ ...v, o: [at + from, v.n, v.c] });
  }
  return patches;
}

/** The journal's lines for a result this run checked: its detail line, then the row's columns (see Patch). */
function journalLines(file: string, entry: Entry, spool: Spool | undefined): Buffer[] {
  const line = lineOf(entry, spool);
  const s = entry.inScope ? 1 : 0;
  const { m, at, q, r, findings: x, w } = entry;
  const fh = entry.fh === '' ? NO_FACTS : entry.fh;
  const g = entry.g;
  const p = { f: file, m: [...m, at], d: entry.d ?? ALWAYS, g, fh, q, s, r, x, w, n: line.length, c: checkOf(line) };
  const json = Buffer.from(JSON.stringify(p));
  return [line, NL, ascii(`#${digest(json)}`), json, NL];
}

/** The row of `file` in `names` (sorted, as a listing is: looked for by halves, else one by one). */
function rowOf(names: readonly string[], file: string): number | undefined {
  let [lo, hi] = [0, names.length - 1];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid] === file) return mid;
    if (names[mid]! < file) lo = mid + 1;
    else hi = mid - 1;
  }
  const i = names.indexOf(file);
  return i < 0 ? undefined : i;
}

/** The detail file beside the cache file. */
const detailsOf = (file: string) => path.join(path.dirname(file), DETAILS_FILE);

/** The index from the head's lines, when each column has its shape and a row per file. */
function indexOf(m: string, fh: string, index: Record<string, unknown>): Index | undefined {
  const { s, d: days, g: groups, qi: texts, o: places } = index;
  const base64 = [m, days, groups, texts, places];
  if (typeof s !== 'string' || !base64.every((b64) => typeof b64 === 'string')) return undefined;
  const n = s.length;
  const [bytes, spans, bits, questions, lines] = base64.map((b64) => Buffer.from(b64, 'base64'));
  if (bytes!.length !== 40 * n || fh.length !== FH * n || spans!.length !== 8 * n || questions!.length !== 4 * n)
    return undefined;
  if (lines!.length !== 12 * n || bits!.length !== 8 * n) return undefined;
  // Copied: a Float64Array must start at a multiple of 8 (an Int32Array of 4).
  const meta = new Float64Array(5 * n);
  Buffer.from(meta.buffer).set(bytes!);
  const d = new Int32Array(2 * n);
  Buffer.from(d.buffer).set(spans!);
  const g = new Uint32Array(2 * n);
  Buffer.from(g.buffer).set(bits!);
  const qi = new Uint32Array(n);
  Buffer.from(qi.buffer).set(questions!);
  const o = new Uint32Array(3 * n);
  Buffer.from(o.buffer).set(lines!);
  const v = { ...index, files: () => [], names: () => undefined, m: meta, fh, d, g, qi, o };
  return isIndex(v) ? (v as unknown as Index) : undefined;
}

/** A row of the cache to write: a stored one by its row, or one this run checked. */
type Row = number | [string, Entry];

/** The index's columns of the rows to write, as gather or patch makes them, ready to be written (indexLines). */
interface Gathered {
  files: readonly string[];
  m: Float64Array;
  d: Int32Array;
  g: Uint32Array;
  /** The facts' digests, FH characters a row. */
  fh: string;
  /** Each text of questions once, and each row's as an index into them. */
  q: string[];
  qi: Uint32Array;
  s: string;
  r: Record<string, unknown>;
  f: Record<string, unknown>;
  w: Record<string, unknown>;
}

/** Bytes of ASCII text (base64, digests): a one-byte string copied as it is. */
const ascii = (text: string) => Buffer.from(text, 'latin1');

/**
 * Bytes of the file, their length known before they are made: the header, written first, says how long the lines
 * after it are, and a big folder's columns are made a piece at a time as they are written (a first run of 100,000
 * files would hold some 40 MB of text and bytes at once otherwise).
 */
interface Part {
  size: number;
  pieces: () => Iterable<Buffer>;
}

/** Bytes already made. */
const made = (bytes: Buffer): Part => ({ size: bytes.length, pieces: () => [bytes] });
/** Text as UTF-8. */
const text = (t: string): Part => made(Buffer.from(t));
/** How many bytes of a column go to a piece of its base64: a multiple of 3, so that the pieces join as one. */
const B64_PIECE = 3 << 16;

/** The bytes of a column of numbers in base64, a piece at a time. */
function base64(a: Float64Array | Int32Array | Uint32Array, length = a.byteLength): Part {
  const bytes = Buffer.from(a.buffer, a.byteOffset, length);
  return {
    size: 4 * Math.ceil(length / 3),
    *pieces() {
      for (let at = 0; at < length; at += B64_PIECE)
        yield ascii(bytes.toString('base64', at, Math.min(length, at + B64_PIECE)));
    },
  };
}

/** `JSON.stringify(files)` as bytes, a thousand names to a piece (each made twice: once for the length). */
function namesJson(files: readonly string[]): Part {
  const pieces = function* () {
    for (let at = 0; at < files.length; at += 1000) {
      const json = JSON.stringify(files.slice(at, at + 1000));
      yield Buffer.from(`${at === 0 ? '[' : ','}${json.slice(1, -1)}`);
    }
    yield ascii(files.length === 0 ? '[]' : ']');
  };
  let size = 0;
  for (const piece of pieces()) size += piece.length;
  return { size, pieces };
}

/** Parts one after the other, as one. */
function joined(parts: Part[]): Part {
  return {
    size: parts.reduce((n, p) => n + p.size, 0),
    *pieces() {
      for (const p of parts) yield* p.pieces();
    },
  };
}

/**
 * The index's lines of the file (see Stored): sizes and times, facts' hashes, the other columns; and the names'
 * line apart (the header says how long each is), the stored one when the files are the stored ones.
 */
function indexLines(g: Gathered, o: Uint32Array, names: Buffer | undefined): [Part, Part] {
  const n = g.files.length;
  const { q, s, r, f, w } = g;
  // As JSON.stringify({ q, qi, s, r, f, w, d, g, o }) writes it, the columns of numbers in base64.
  const columns = [
    text(`{"q":${JSON.stringify(q)},"qi":"`),
    base64(g.qi, 4 * n),
    text(`","s":${JSON.stringify(s)},"r":${JSON.stringify(r)},"f":${JSON.stringify(f)},"w":${JSON.stringify(w)},"d":"`),
    base64(g.d, 8 * n),
    text('","g":"'),
    base64(g.g, 8 * n),
    text('","o":"'),
    base64(o, 12 * n),
    text('"}'),
  ];
  const lines = [text('"m":"'), base64(g.m, 40 * n), text('",\n"fh":"'), made(ascii(g.fh)), text('",\n')];
  lines.push(text('"index":'), ...columns, text(',\n'));
  const named = names ? made(names) : joined([text('"files":'), namesJson(g.files), text('}\n')]);
  return [joined(lines), named];
}

/** What the file's first line says besides its parts' sizes; the scan's listing, with its digest. */
type Head = { dev: number; ino: number; key: string; listing?: [readonly string[], string] };

/** Each row's text of questions as an index into the texts, each text once (most rows ask the same few). */
function questionIndexes(q: readonly string[]): [string[], Uint32Array] {
  const texts = new Map<string, number>();
  const qi = new Uint32Array(q.length);
  q.forEach((text, i) => {
    let at = texts.get(text);
    if (at === undefined) texts.set(text, (at = texts.size));
    qi[i] = at;
  });
  return [[...texts.keys()], qi];
}

/** The index's columns of the rows to write, row by row, the stored rows' copied as they are. */
function gather(rows: Row[], old: Stored): Gathered {
  const names = old.files();
  const files: string[] = [];
  const fh: string[] = [];
  const q: string[] = [];
  const inScope: string[] = [];
  const [m, d, g] = [
    new Float64Array(5 * rows.length),
    new Int32Array(2 * rows.length),
    new Uint32Array(2 * rows.length),
  ];
  const sparse = { r: {}, f: {}, w: {} } as Record<'r' | 'f' | 'w', Record<string, unknown>>;
  rows.forEach((row, n) => {
    if (typeof row === 'number') {
      files.push(names[row]!);
      // Copied number by number: a subarray to set() from costs more than the copy.
      for (let k = 0; k < 5; k++) m[5 * n + k] = old.index.m[5 * row + k]!;
      for (let k = 0; k < 2; k++) d[2 * n + k] = old.index.d[2 * row + k]!;
      for (let k = 0; k < 2; k++) g[2 * n + k] = old.index.g[2 * row + k]!;
      fh.push(old.index.fh.slice(FH * row, FH * row + FH));
      q.push(old.question(row));
      inScope.push(old.index.s[row]!);
      for (const column of ['r', 'f', 'w'] as const)
        if (old.has(column, row)) sparse[column][n] = old.index[column][row];
      return;
    }
    const [file, entry] = row;
    files.push(file);
    fresh(row[1], n, { m, d, g, sparse });
    fh.push(entry.fh === '' ? NO_FACTS : entry.fh);
    q.push(entry.q);
    inScope.push(entry.inScope ? '1' : '0');
  });
  const [texts, qi] = questionIndexes(q);
  return { files, m, d, g, fh: fh.join(''), q: texts, qi, s: inScope.join(''), ...sparse };
}

/** Puts a checked file's entry in row `n` of the number columns and the sparse ones. */
function fresh(
  entry: Entry,
  n: number,
  to: { m: Float64Array; d: Int32Array; g: Uint32Array; sparse: Record<'r' | 'f' | 'w', Record<string, unknown>> },
): void {
  to.m.set([...entry.m, entry.at], 5 * n);
  to.d.set(entry.d ?? ALWAYS, 2 * n);
  to.g.set(entry.g, 2 * n);
  for (const column of ['r', 'f', 'w'] as const) delete to.sparse[column][n];
  if (entry.r !== undefined) to.sparse.r[n] = entry.r;
  if (entry.findings) to.sparse.f[n] = entry.findings;
  if (entry.w) to.sparse.w[n] = entry.w;
}

/**
 * The index's columns when the rows are the stored ones, each in its place, some checked again (most runs that
 * write: a file or a few changed): the stored columns copied whole, the rows checked again written over them.
 */
function patch(rows: Row[], old: Stored): Gathered {
  const { index } = old;
  const m = index.m.slice();
  const d = index.d.slice();
  const g = index.g.slice();
  const qi = index.qi.slice();
  const q = [...index.q];
  const sparse = { r: {}, f: {}, w: {} } as Record<'r' | 'f' | 'w', Record<string, unknown>>;
  for (const column of ['r', 'f', 'w'] as const)
    for (const key of Object.keys(index[column]))
      if (String(Number(key)) === key && old.has(column, Number(key))) sparse[column][key] = index[column][key];
  const fh: string[] = [];
  const s: string[] = [];
  let from = 0;
  rows.forEach((row, n) => {
    if (typeof row === 'number') return;
    const entry = row[1];
    fresh(entry, n, { m, d, g, sparse });
    fh.push(index.fh.slice(FH * from, FH * n), entry.fh === '' ? NO_FACTS : entry.fh);
    s.push(index.s.slice(from, n), entry.inScope ? '1' : '0');
    from = n + 1;
    const at = q.indexOf(entry.q);
    qi[n] = at < 0 ? q.push(entry.q) - 1 : at;
  });
  fh.push(index.fh.slice(FH * from));
  s.push(index.s.slice(from));
  return { files: old.files(), m, d, g, fh: fh.join(''), q, qi, s: s.join(''), ...sparse };
}

/** The index file's text: its header, the index's lines and the files' line (see Stored). */
function cacheText(head: Head, rows: Row[], old: Stored, placed: Placed, same: boolean): Part {
  const g = same ? patch(rows, old) : gather(rows, old);
  const [lines, named] = indexLines(g, placed.o, same ? old.index.names() : undefined);
  return joined([headerLine(head, g.files, placed, lines.size, named.size), lines, named]);
}

/** The file's first line (see Stored), without the `}` that closes the document at its end. */
function headerLine(head: Head, files: readonly string[], placed: Placed, rest: number, names: number): Part {
  // The listing's digest when the rows are the scan's listing (most runs that write): worked out already.
  const { dev, ino, key, listing } = head;
  const same = listing && listing[0].length === files.length && startsWith(files, listing[0]);
  const list = same ? listing[1] : listDigest(files);
  const { id: details, end } = placed;
  const header = { format: FORMAT, key, dev, ino, list, details, end, rest, names };
  return text(`${JSON.stringify(header).slice(0, -1)},\n`);
}

/** Where the rows' detail lines are: the detail file's id, and each row's start, length and check in it (Index.o). */
interface Placed {
  id: string;
  o: Uint32Array;
  /** The detail file's bytes when written: the index covers them (its journal starts there). */
  end: number;
}

const NL = Buffer.from('\n');

/** A detail line in this run's spool: its start, length and check there. */
type Spooled = [number, number, number];

/** An entry's detail line as bytes (read back from the spool when it is there). */
function lineOf(e: Entry, spool: Spool | undefined): Buffer {
  const { detail } = e;
  if (typeof detail === 'string') return Buffer.from(detail);
  if (Buffer.isBuffer(detail)) return detail;
  if (!spool) throw new Error('a spooled line without its spool');
  return spool.read(detail[0], detail[1]);
}

/** The length of an entry's detail line in bytes. */
const lineLength = (e: Entry) =>
  typeof e.detail === 'string'
    ? Buffer.byteLength(e.detail)
    : Buffer.isBuffer(e.detail)
      ? e.detail.length
      : e.detail[1];

/** The spool's temp file in the cache's folder (made, as write() makes it, when it is not there yet). */
function spoolFile(dir: string): { fd: number; temp: string } | undefined {
  if (!cacheFolder(dir)) return undefined;
  const temp = tempName(path.join(dir, DETAILS_FILE));
  const flags = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  return { fd: openSync(temp, flags), temp };
}

/**
 * Puts the detail lines of the rows this run checked where the index will find them: appended to the detail file
 * the stored index names, or, when that file is gone, not the one named, or would be more dead than live (and
 * COMPACT_FROM), in a new one: this run's spool with the stored rows' lines that still read back (cache-details.ts).
 */
function placeDetails(dir: string, rows: Row[], old: Stored, spool: Spool | undefined): Placed {
  let added = spool ? spool.size - headLine(spool.id).length : 0;
  let live = 0;
  for (const r of rows)
    if (typeof r === 'number') live += old.index.o[3 * r + 1]! > 0 ? old.index.o[3 * r + 1]! + 1 : 0;
    else {
      live += lineLength(r[1]) + 1;
      if (!Array.isArray(r[1].detail)) added += lineLength(r[1]) + 1;
    }
  const id = old.details?.id;
  const open = id ? openToAppend(path.join(dir, DETAILS_FILE), id, CACHE_CAP) : undefined;
  if (id && open) {
    const dead = open.size + added - headLine(id).length - live;
    if (open.size + added <= CACHE_CAP && dead <= Math.max(live, COMPACT_FROM))
      return appendLines(open, rows, old, id, spool);
    closeSync(open.fd);
  }
  return rewriteLines(dir, rows, old, spool ?? new Spool(() => spoolFile(dir)));
}

/**
 * Appends this run's lines to the detail file opened by openToAppend: the spool's as they stand there (from its
 * second line on), then the other fresh rows'; the stored rows' lines stay where they are.
 */
function appendLines(
  open: { fd: number; size: number },
  rows: Row[],
  old: Stored,
  id: string,
  spool: Spool | undefined,
): Placed {
  const o = new Uint32Array(3 * rows.length);
  const parts: Buffer[] = [];
  // A spooled line at `start` in the spool lands at `shift + start` in the detail file.
  const from = spool ? headLine(spool.id).length : 0;
  const shift = open.size - from;
  let at = open.size + (spool ? spool.size - from : 0);
  const { o: was } = old.index;
  rows.forEach((row, k) => {
    const detail = typeof row === 'number' ? undefined : row[1].detail;
    if (Array.isArray(detail)) [o[3 * k], o[3 * k + 1], o[3 * k + 2]] = [shift + detail[0], detail[1], detail[2]];
    else if (detail !== undefined) {
      const line = lineOf((row as [string, Entry])[1], spool);
      [o[3 * k], o[3 * k + 1], o[3 * k + 2]] = [at, line.length, checkOf(line)];
      parts.push(line, NL);
      at += line.length + 1;
    } else if (was[3 * (row as number)]! + was[3 * (row as number) + 1]! < open.size)
      // Within the file (a line and its newline): else the row has no line (0, 0, 0), and is checked when needed.
      for (let n = 0; n < 3; n++) o[3 * k + n] = was[3 * (row as number) + n]!;
  });
  append(open.fd, open.size, spool ? [spool.chunks(from), parts] : [parts]);
  return { id, o, end: at };
}

/**
 * Writes a new detail file whole: this run's spool (its own id), with the lines of stored rows that still read back
 * and of fresh rows not spooled added at its end, renamed into place.
 */
function rewriteLines(dir: string, rows: Row[], old: Stored, spool: Spool): Placed {
  const o = new Uint32Array(3 * rows.length);
  rows.forEach((row, k) => {
    const detail = typeof row === 'number' ? undefined : row[1].detail;
    if (Array.isArray(detail)) return void ([o[3 * k], o[3 * k + 1], o[3 * k + 2]] = detail);
    const line = typeof row === 'number' ? old.line(row) : lineOf(row[1], spool);
    if (!line) return;
    const [start, length] = spool.add(line);
    [o[3 * k], o[3 * k + 1], o[3 * k + 2]] = [start, length, checkOf(line)];
  });
  const end = spool.size;
  spool.place(path.join(dir, DETAILS_FILE), CACHE_CAP);
  return { id: spool.id, o, end };
}

/** Writes what `make` gives to a new file `temp` (no link followed) and renames it to `file`; removes it on failure. */
function writeBeside(temp: string, file: string, make: (fd: number) => Part): void {
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0));
  try {
    const part = make(fd);
    if (part.size > CACHE_CAP) throw new Error('cache over its cap');
    let written = 0;
    for (const piece of part.pieces()) written += writeAll(fd, [piece]);
    if (written !== part.size) throw new Error('the cache is not as long as its header says');
    closeSync(fd);
    renameSync(temp, file);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // Closed already.
    }
    unlinkSync(temp);
    throw e;
  }
}

/**
 * The rows to write, in the order of a listing (records/load.ts sorts it so; a run over the same listing then
 * reads no name): the stored rows kept, already in that order, merged with those this run checked.
 */
function rowsInOrder(names: readonly string[], kept: number[], checked: Array<[string, Entry]>): Row[] {
  checked.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const rows: Row[] = [];
  let c = 0;
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k]!;
    if (k > 0 && !(names[kept[k - 1]!]! < names[i]!)) return sortedRows(names, kept, checked);
    while (c < checked.length && checked[c]![0] < names[i]!) rows.push(checked[c++]!);
    rows.push(i);
  }
  return rows.concat(checked.slice(c));
}

/** The rows sorted by name, when the stored rows were not in order (a cache of another build's order). */
function sortedRows(names: readonly string[], kept: number[], checked: Array<[string, Entry]>): Row[] {
  const rows = [...kept.map((i): [string, Row] => [names[i]!, i]), ...checked.map((c): [string, Row] => [c[0], c])];
  return rows.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, row]) => row);
}

/**
 * Writes the cache: the detail lines first (appended, or a new detail file), then the index beside itself, naming
 * its own device and inode and the detail file's id, renamed into place: an index never names a line not written.
 */
function write(
  dir: string,
  head: Omit<Head, 'dev' | 'ino'>,
  entries: Row[],
  old: Stored,
  same: boolean,
  spool: Spool | undefined,
) {
  if (!cacheFolder(dir)) return;
  // Stored rows whose findings do not read back are left out (checked again next time).
  const rows = entries.filter((r) => typeof r !== 'number' || old.findings(r) !== undefined);
  // `same`: the rows are the stored ones, each in its place (ScanCache.save), the stored columns patched.
  same &&= rows.length === entries.length;
  const placed = placeDetails(dir, rows, old, spool);
  // Named as records/write.ts names its temp files, so that removeStaleTemps tidies what a killed run left.
  writeBeside(tempName(path.join(dir, CACHE_FILE)), path.join(dir, CACHE_FILE), (fd) => {
    const s = fstatSync(fd);
    return cacheText({ ...head, dev: s.dev, ino: s.ino }, rows, old, placed, same);
  });
}

/**
 * Writes the folder file (FOLDER_FILE): `{"format":…,"dev":…,"ino":…,"folder":[…]}`, naming its own device and
 * inode as the index does (a copy or a commit of it is another file, ignored), beside itself and renamed into place.
 */
function writeFolder(dir: string, folder: FolderSlot[]): void {
  if (!cacheFolder(dir)) return;
  writeBeside(tempName(path.join(dir, FOLDER_FILE)), path.join(dir, FOLDER_FILE), (fd) => {
    const s = fstatSync(fd);
    const bytes = Buffer.from(`${JSON.stringify({ format: FORMAT, dev: s.dev, ino: s.ino, folder })}\n`);
    // Over the cap it would never be read back: not written (the results are worked out again next time).
    if (bytes.length > FOLDER_CAP) throw new Error("the folder rules' results are over their cap");
    return made(bytes);
  });
}

/** The folder file's results when it is this folder's own, of this format, each of a result's shape; else none. */
function readFolder(file: string): FolderSlot[] {
  try {
    let own = { dev: NaN, ino: NaN };
    const bytes = readRegular(file, FOLDER_CAP, { noFollow: true, onStat: (s) => (own = s) });
    // This folder's own file, of this format (written first), before any parse: a copy or a forged file is not parsed.
    const head = /^\{"format":(\d+),"dev":(\d+),"ino":(\d+),/.exec(bytes.toString('latin1', 0, 100));
    if (!head || Number(head[1]) !== FORMAT || Number(head[2]) !== own.dev || Number(head[3]) !== own.ino) return [];
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    const slot = (s: unknown): s is FolderSlot => isObject(s) && typeof s.k === 'string' && isObject(s.r);
    return isObject(v) && v.format === FORMAT && Array.isArray(v.folder) && v.folder.every(slot) ? v.folder : [];
  } catch {
    return [];
  }
}

/**
 * The cache's folder, before a write into it: made (with its .gitignore) when it is not there; false when something
 * else stands there. Looked at again each time: a link put in its place meanwhile is not written through.
 */
function cacheFolder(dir: string): boolean {
  const stat = lstatSync(dir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) return false;
  if (!stat) mkdirSync(dir, { mode: 0o755 });
  ignored(dir);
  return true;
}

/** The cache never goes into Git, whatever the folder's own .gitignore says: `.kmsw/.gitignore` holds `*`. */
function ignored(dir: string): void {
  if (!lstatSync(path.join(dir, '.gitignore'), { throwIfNoEntry: false }))
    writeFileSync(path.join(dir, '.gitignore'), '*\n', { flag: 'wx' });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
/** A size or an offset in a file: never negative (a read at -1 reads from the current position). */
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const optional = (v: unknown, type: string) => v === undefined || typeof v === type;
const isPosition = (v: unknown) => isObject(v) && isInt(v.line) && isInt(v.column);
const isSeverity = (v: unknown) => v === undefined || v === 'error' || v === 'warning';
const isSpan = (v: unknown): v is DaySpan =>
  Array.isArray(v) && v.length === 2 && v.every((n) => Number.isSafeInteger(n)) && v[0] <= v[1];
const isStrings = (v: unknown, n: number) =>
  Array.isArray(v) && v.length === n && v.every((s) => typeof s === 'string');

/** The cache file's first line. */
interface Header {
  key: string;
  dev: number;
  ino: number;
  /** The bytes of the index's lines, and of the files' line with the detail lines' first (see Stored). */
  rest: number;
  names: number;
  list: string;
  /** The id of the detail file the rows' lines are in ('' for none), and its bytes the index covers. */
  details: string;
  end: number;
}

function isHeader(v: unknown): v is Header {
  return (
    isObject(v) &&
    v.format === FORMAT &&
    typeof v.key === 'string' &&
    isInt(v.dev) &&
    isInt(v.ino) &&
    isCount(v.rest) &&
    isCount(v.names) &&
    typeof v.list === 'string' &&
    typeof v.details === 'string' &&
    isCount(v.end) &&
    /^[0-9a-f]*$/.test(v.details)
  );
}

/** The index's columns, each as long as the files (findings are checked when used, the detail lines when read). */
function isIndex(v: Pick<Index, 'm' | 'fh' | 'd' | 'qi'> & Record<string, unknown>): boolean {
  if (!Array.isArray(v.q) || !isStrings(v.q, v.q.length) || !/^[\w-.]*$/.test(v.fh)) return false;
  const texts = v.q.length;
  if (v.qi.some((q) => q >= texts)) return false;
  if (typeof v.s !== 'string' || !/^[01]*$/.test(v.s)) return false;
  if (!isObject(v.r) || !Object.values(v.r).every((r) => typeof r === 'string')) return false;
  return isObject(v.f) && isObject(v.w);
}

function isFinding(v: unknown): v is Finding {
  return (
    isPosition(v) &&
    isObject(v) &&
    typeof v.rule === 'string' &&
    isRuleId(v.rule) &&
    typeof v.file === 'string' &&
    typeof v.message === 'string' &&
    optional(v.hint, 'string') &&
    optional(v.field, 'string') &&
    isSeverity(v.severity)
  );
}

function isFacts(v: unknown): boolean {
  if (!isObject(v) || typeof v.form !== 'string' || !formByKey(v.form)) return false;
  if (!isObject(v.values) || !optional(v.when, 'string') || !isPosition(v.whenAt)) return false;
  if (v.file !== undefined || v.inScope !== undefined) return false;
  if (v.pinned !== undefined && !(isObject(v.pinned) && Object.values(v.pinned).every(isPosition))) return false;
  const name = (n: unknown) =>
    isPosition(n) && isObject(n) && typeof n.name === 'string' && typeof n.field === 'string';
  if (!Array.isArray(v.names) || !v.names.every(name)) return false;
  if (!Array.isArray(v.staff) || !v.staff.every((s) => typeof s === 'string')) return false;
  const fault = (f: unknown) => isObject(f) && typeof f.rule === 'string' && isRuleId(f.rule) && isSeverity(f.severity);
  if (v.faults !== undefined && !(Array.isArray(v.faults) && v.faults.every(fault))) return false;
  return optional(v.digest, 'string') && v.raw === undefined;
}
