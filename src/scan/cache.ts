/**
 * The scan's cache, as ESLint's `--cache`: what checking each record file gave (its findings and the
 * facts the folder rules need), kept in `.kmsw/cache.json` under the records folder, so that a run
 * with nothing changed reads no record and parses no YAML. Only the per-file work is cached; the
 * folder rules always run, over every record's facts.
 *
 * A result is reused only when all it depends on is unchanged:
 * - the file: size, mtime, ctime and inode as lstat gives them; when one differs (a `git checkout`,
 *   a `touch`), or the file changed less than MTIME_SLACK before it was checked (a coarse clock may
 *   hide a second edit in the same tick), its bytes are hashed and must be the ones checked;
 * - everything of the run a record rule reads (the header's key): kmsw's build (BUILD_ID, which
 *   hashes src/, package.json and the lock file, so a rebuilt dist/ with changed rules or a new
 *   version never reuses a result), the language of the messages, the whole of kmsw.yaml as read
 *   (config and thresholds) and today (future-date, signature-missing's due day, signature-date
 *   and late compare with it: conservatively, the whole day, so a new day re-checks every file);
 * - the record rules that ran (kept per entry), and how the run's period answered for the file.
 * A result that looked at other files of the folder (missing-photo looks for photos and signature
 * pictures) or said ssh-keygen is missing is not kept: neither shows in the record's own bytes.
 *
 * The cache lies in the folder, so it is as untrusted as a record: `.kmsw` must be a folder, not a
 * link; the file is read without following links, as a regular file under CACHE_CAP; its header
 * must name the file's own device and inode (a cache committed to Git or copied from elsewhere is
 * another file, and is ignored); each entry's shape is checked before use. Anything wrong: the
 * cache is ignored and rebuilt. It is written beside itself and renamed into place, never fsynced
 * (a torn cache is only ignored). A folder kmsw may not write into is simply not cached.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { formByKey } from '../forms/index.js';
import { getLang } from '../i18n.js';
import { loadBytes, loadFile, MAX_FILE_BYTES, type LoadedFile } from '../records/load.js';
import { readRegular, UnsafeFile } from '../records/inside.js';
import { removeStaleTemps } from '../records/write.js';
import { isRuleId, RECORD_RULES, type RecordRules } from '../rules/index.js';
import { UNVERIFIED } from '../rules/signed.js';
import type { Finding, FolderContext, RecordFacts } from '../rules/types.js';
import type { FileResult } from './file.js';

/** The folder of kmsw's own state in a records folder, and the cache in it. */
export const CACHE_DIR = '.kmsw';
export const CACHE_FILE = 'cache.json';
/** The cache's format: a new one ignores caches of the old. */
const FORMAT = 2;
/** A cache larger than this is neither read nor written (about 3 KB a record: 40,000 records). */
export const CACHE_CAP = 128 * 1024 * 1024;
/** A file changed this close before its check may change again without its mtime showing it (FAT: 2 s). */
const MTIME_SLACK = 2_000;

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

/** What one file's check gave, as stored. */
export interface Entry {
  /** lstat before the read. */
  m: Meta;
  /** When it was checked (ms). */
  at: number;
  /** sha-256 of its bytes, hex, its first 128 bits. */
  h: string;
  /** The record rules that ran, as indexes into RECORD_RULES; absent for all of them (as most scans run). */
  r?: string;
  /** Each question checkFile asked the period, `[when, answer]` (when: '' for none), in order. */
  q: Array<[string, boolean]>;
  inScope: boolean;
  /** Absent for none, as for most files. */
  findings?: Finding[];
  /** The facts, their form as its key; their file is the entry's, their inScope the entry's. */
  facts?: Omit<RecordFacts, 'form' | 'file' | 'inScope'> & { form: string };
}

const signatures = new WeakMap<RecordRules, string>();
/** The record rules as indexes into RECORD_RULES: `0,1,…,13`. */
function ruleSignature(rules: RecordRules): string {
  let s = signatures.get(rules);
  if (s === undefined) signatures.set(rules, (s = rules.map((r) => RECORD_RULES.indexOf(r)).join(',')));
  return s;
}
const metaOf = (s: Stats): Meta => [s.size, s.mtimeMs, s.ctimeMs, s.ino];
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 32);
/** A cache holds thousands of entries: what most share is left out of each (the rule set, no findings, the file twice). */
const ALL_RULES = () => ruleSignature(RECORD_RULES);

/** The key of everything besides the file that a record rule reads: build, language, kmsw.yaml, today. */
function runKey(ctx: FolderContext): string {
  const parts = [FORMAT, BUILD_ID, getLang(), ctx.today, ctx.config, ctx.thresholds];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The per-file results of one scan, read from and written back to the folder's cache. */
export class ScanCache {
  private readonly old: Map<string, unknown>;
  private readonly kept = new Map<string, Entry>();
  /** The file read last by read(): its lstat and hash, until put() stores its result. */
  private pending?: { file: string; meta: Meta; hash: string; at: number };
  private changed = false;
  private touchedDisk = false;
  private readonly watched: FolderContext;
  /** lstat of files likelyHit() looked at, for lookup() to use once. */
  private readonly stats = new Map<string, Stats | undefined>();

  constructor(
    private readonly ctx: FolderContext,
    private readonly key: string,
    old: Map<string, unknown>,
    /** Where to write, or undefined: a worker thread's cache only collects, for the main thread. */
    private readonly dir: string | undefined,
  ) {
    this.old = old;
    // The one way a record rule reaches the disk is through the folder's root (missing-photo).
    this.watched = Object.create(ctx, {
      root: { get: () => ((this.touchedDisk = true), ctx.root), enumerable: true },
    }) as FolderContext;
  }

  /** The context for checkFile: the same, but it notes when a rule reads the disk. */
  context(): FolderContext {
    this.touchedDisk = false;
    return this.watched;
  }

  /** The stored result for `file`, when it still holds for its bytes, these rules and this period. */
  lookup(file: string, rules: RecordRules, inScope: (when: string | undefined) => boolean): FileResult | undefined {
    const entry = this.valid(file, rules);
    if (!entry) return undefined;
    const result = replay(file, entry, inScope);
    if (result) this.kept.set(file, entry);
    return result;
  }

  /** Whether `file` probably has a result (lstat only): to tell whether threads would pay. */
  likelyHit(file: string): boolean {
    const e = this.old.get(file);
    if (!isEntry(e)) return false;
    const s = lstatSync(path.join(this.ctx.root, file), { throwIfNoEntry: false });
    this.stats.set(file, s);
    return s !== undefined && sameMeta(e.m, metaOf(s));
  }

  /** Reads `file` as loadFile does, noting its lstat (taken first) and hash for put(). */
  read(file: string): LoadedFile {
    this.pending = undefined;
    const abs = path.join(this.ctx.root, file);
    const at = Date.now();
    const stat = lstatSync(abs, { throwIfNoEntry: false });
    if (!stat?.isFile()) return loadFile(this.ctx.root, file, true);
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

  /** Keeps what checking the file read last gave, unless it depends on more than the file. */
  put(file: string, rules: RecordRules, q: Array<[string, boolean]>, result: FileResult): void {
    const p = this.pending;
    this.pending = undefined;
    if (!p || p.file !== file || this.touchedDisk) return;
    if (result.findings.some((f) => f.message === UNVERIFIED)) return;
    const { inScope, findings } = result;
    const entry: Entry = { m: p.meta, at: p.at, h: p.hash, q, inScope };
    const r = ruleSignature(rules);
    if (r !== ALL_RULES()) entry.r = r;
    if (findings.length > 0) entry.findings = findings;
    if (result.facts) {
      const { file: _file, inScope: _inScope, raw: _raw, form, ...kept } = result.facts;
      entry.facts = { ...kept, form: form.key };
    }
    this.kept.set(file, entry);
    this.changed = true;
  }

  /** What a worker thread's cache collected. */
  collected(): Array<[string, Entry]> {
    return [...this.kept];
  }

  /** Takes a worker thread's entries. */
  adopt(entries: ReadonlyArray<[string, Entry]>): void {
    for (const [file, entry] of entries) this.kept.set(file, entry);
    if (entries.length > 0) this.changed = true;
  }

  /**
   * Writes the cache back when it changed. `whole`: the scan saw every record file of the folder,
   * so the entries of files it did not see (deleted, renamed) go; otherwise they stay.
   */
  async save(whole: boolean): Promise<void> {
    if (!this.dir) return;
    const entries = new Map(whole ? [] : [...this.old].filter(([f, e]) => isEntry(e) && !this.kept.has(f)));
    for (const [f, e] of this.kept) entries.set(f, e);
    if (!this.changed && (!whole || entries.size === this.old.size)) return;
    try {
      await removeStaleTemps(this.dir);
      write(this.dir, this.key, entries);
    } catch {
      // A folder kmsw may not write into (read-only, full): the next run just checks again.
    }
  }

  /** The stored entry for `file` when its bytes are still the ones checked, with these rules. */
  private valid(file: string, rules: RecordRules): Entry | undefined {
    const e = this.old.get(file);
    if (!isEntry(e) || (e.r ?? ALL_RULES()) !== ruleSignature(rules)) return undefined;
    const abs = path.join(this.ctx.root, file);
    const s = this.stats.has(file) ? this.stats.get(file) : lstatSync(abs, { throwIfNoEntry: false });
    this.stats.delete(file);
    if (!s?.isFile()) return undefined;
    if (sameMeta(e.m, metaOf(s)) && e.m[1] < e.at - MTIME_SLACK) return e;
    let bytes: Buffer;
    try {
      bytes = readRegular(abs, MAX_FILE_BYTES, { noFollow: true });
    } catch {
      return undefined;
    }
    if (sha256(bytes) !== e.h) return undefined;
    // The same bytes under a new mtime: kept, and trusted by its lstat next time once it is old enough.
    const fresh = { ...e, m: metaOf(s), at: Date.now() };
    this.changed = true;
    return fresh;
  }
}

const sameMeta = (a: Meta, b: Meta) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];

/**
 * The entry's result under this run's period: the same answers to the same questions give the same
 * result. A record checked in its period and now out of it (`check --month` after `check`) is what
 * checkFile returns then: its facts, without faults, and no findings.
 */
function replay(file: string, e: Entry, inScope: (when: string | undefined) => boolean): FileResult | undefined {
  const answers = e.q.map(([when]) => inScope(when === '' ? undefined : when));
  const facts = e.facts && toFacts(e.facts, file, e.inScope);
  if (e.facts && !facts) return undefined;
  if (answers.every((a, i) => a === e.q[i]![1])) return { inScope: e.inScope, findings: e.findings ?? [], facts };
  if (facts && e.q.length === 1 && e.q[0]![1] && !answers[0]) {
    const { faults: _, ...rest } = facts;
    return { inScope: false, findings: [], facts: { ...rest, inScope: false } };
  }
  return undefined;
}

function toFacts(stored: NonNullable<Entry['facts']>, file: string, inScope: boolean): RecordFacts | undefined {
  const form = formByKey(stored.form);
  return form ? { ...stored, file, form, inScope } : undefined;
}

/** Opens the folder's cache for a scan; undefined when caching is off or impossible here. */
export function openCache(ctx: FolderContext, opts: { write?: boolean } = {}): ScanCache | undefined {
  if (!BUILD_ID) return undefined;
  const dir = path.join(ctx.root, CACHE_DIR);
  const stat = lstatSync(dir, { throwIfNoEntry: false });
  // A link or a file where the cache folder goes: nothing is read from it or written through it.
  if (stat && !stat.isDirectory()) return undefined;
  const key = runKey(ctx);
  const old = stat ? readCache(path.join(dir, CACHE_FILE), key) : new Map<string, unknown>();
  return new ScanCache(ctx, key, old, opts.write === false ? undefined : dir);
}

/** A worker thread's cache: starts empty, collects what the thread checks for the main thread to keep. */
export function collectingCache(ctx: FolderContext): ScanCache | undefined {
  return BUILD_ID ? new ScanCache(ctx, runKey(ctx), new Map(), undefined) : undefined;
}

/** The entries of the cache file when it is this folder's own and of this run's key; else none. */
function readCache(file: string, key: string): Map<string, unknown> {
  try {
    let stat: Stats | undefined;
    const bytes = readRegular(file, CACHE_CAP, { noFollow: true, onStat: (s) => (stat = s) });
    const data: unknown = JSON.parse(bytes.toString('utf8'));
    if (!stat || !isHeader(data) || data.key !== key || data.dev !== stat.dev || data.ino !== stat.ino)
      return new Map();
    return new Map(Object.entries(data.entries));
  } catch {
    // Missing, a link, not a regular file, over its cap, or not JSON: no cache, rebuilt by this run.
    return new Map();
  }
}

/** Writes the cache beside itself, naming its own device and inode, then renames it into place. */
function write(dir: string, key: string, entries: Map<string, unknown>): void {
  const stat = lstatSync(dir, { throwIfNoEntry: false });
  // Looked at again: a link put in its place meanwhile is not written through.
  if (stat && !stat.isDirectory()) return;
  if (!stat) mkdirSync(dir, { mode: 0o755 });
  // The cache never goes into Git, whatever the folder's own .gitignore says.
  if (!lstatSync(path.join(dir, '.gitignore'), { throwIfNoEntry: false }))
    writeFileSync(path.join(dir, '.gitignore'), '*\n', { flag: 'wx' });
  // Named as records/write.ts names its temp files, so that removeStaleTemps tidies what a killed run left.
  const temp = path.join(dir, `.${CACHE_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0));
  try {
    const s = fstatSync(fd);
    const text = JSON.stringify({ format: FORMAT, key, dev: s.dev, ino: s.ino, entries: Object.fromEntries(entries) });
    const bytes = Buffer.from(text);
    if (bytes.length > CACHE_CAP) throw new Error('cache over its cap');
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    closeSync(fd);
    renameSync(temp, path.join(dir, CACHE_FILE));
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const optional = (v: unknown, type: string) => v === undefined || typeof v === type;
const isPosition = (v: unknown) => isObject(v) && isInt(v.line) && isInt(v.column);
const isSeverity = (v: unknown) => v === undefined || v === 'error' || v === 'warning';

function isHeader(v: unknown): v is { key: string; dev: number; ino: number; entries: Record<string, unknown> } {
  return (
    isObject(v) &&
    v.format === FORMAT &&
    typeof v.key === 'string' &&
    isInt(v.dev) &&
    isInt(v.ino) &&
    isObject(v.entries)
  );
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

/** An entry as the cache file holds it, checked field by field: the file is the folder's, as untrusted as a record. */
function isEntry(v: unknown): v is Entry {
  if (!isObject(v) || !Array.isArray(v.m) || v.m.length !== 4 || !v.m.every(isInt) || !isInt(v.at)) return false;
  if (typeof v.h !== 'string' || !optional(v.r, 'string') || typeof v.inScope !== 'boolean') return false;
  const question = (q: unknown) =>
    Array.isArray(q) && q.length === 2 && typeof q[0] === 'string' && typeof q[1] === 'boolean';
  if (!Array.isArray(v.q) || !v.q.every(question)) return false;
  if (v.findings !== undefined && !(Array.isArray(v.findings) && v.findings.every(isFinding))) return false;
  return v.facts === undefined || isFacts(v.facts);
}
