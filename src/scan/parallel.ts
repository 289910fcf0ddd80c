/**
 * check's scan shared between threads. On a big folder (years of records), reading and parsing each file is most of
 * the time, and the files are independent: the main thread and the worker threads each claim the next run of
 * files from one shared counter until none is left (a thread that starts late or runs slow simply claims fewer),
 * then the folder rules run once over everyone's facts, put back in the folder's order.
 *
 * A worker runs kmsw's own build (bin/worker.cjs, which calls `scanJob`), so this is used only when
 * kmsw runs from its build; tests that call check() in-process scan on one thread.
 */
import os from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { parentPort, Worker } from 'node:worker_threads';
import { formByKey } from '../forms/index.js';
import { getLang, setLang, type Lang } from '../i18n.js';
import type { SkippedLink } from '../records/load.js';
import type { RecordRules, RuleId, RuleSettings } from '../rules/index.js';
import type { Config } from '../config.js';
import { parseYamlFast, type ParsedYaml } from '../records/yaml.js';
import { entriesInto, type Entries, type Entry as LogEntry } from '../rules/folder.js';
import type { Finding, FolderContext, RecordFacts } from '../rules/types.js';
import type { Day } from '../values/date.js';
import { collectingCache, type Entry, type ScanCache } from './cache.js';
import { internStrings, sendingFacts } from './file.js';
import { recordRules, scanFolder, sortByFile, type Scan } from './folder.js';
import { folderContext } from './open.js';

/**
 * Below this many files, threads cost more than they save: each must load kmsw and warm up its own
 * JIT, and two busy threads share two cores with the garbage collector. Measured on two cores:
 * 2,699 files 1.59 s on one thread against 1.76 s on two; 8,130 files 3.07 s against 3.21 s;
 * 27,095 files 7.76 s against 5.80 s.
 */
export const PARALLEL_FROM = 10_000;

/** What one thread is asked to scan: enough to open the folder the way the main thread did. */
export interface ScanJob {
  root: string;
  today: Day;
  month?: string;
  year?: number;
  lang: Lang;
  ruleIds: RuleId[];
  /** One Int32 shared by every thread: the index of the next file to claim. */
  next: SharedArrayBuffer;
  /** Whether to collect what the thread checks for the folder's cache (the main thread writes it). */
  cache?: boolean;
  /**
   * kmsw.yaml as the main thread read it: a thread checks with the same settings, never with the file on disk (which
   * `--fix`/`--fix-dry-run` has not written, and which may change during the scan), and neither reads nor checks it.
   */
  opened: Opened;
}

/** What the main thread read of kmsw.yaml, for a thread to make the same folder context of (scan/open.ts). */
export interface Opened {
  config: Config;
  settings: RuleSettings;
  /** kmsw.yaml's text, parsed again only when a rule asks where in it something stands. */
  configText: string;
}

/**
 * The files of the scan, sent to a thread once the folder is listed (the thread may start before: it loads kmsw
 * and opens the folder meanwhile). The thread claims runs of them through its job's `next`.
 */
export interface ScanWork {
  files: string[];
  selected?: string[];
}

/** What a thread found in one run of files it claimed, the run starting at the scan's file `at`. */
interface Part<F> {
  at: number;
  findings: Finding[];
  facts: F[];
  checked: number;
  /** The logs and summaries its files stand for (rules/folder.ts's entriesInto), file by file. */
  entries: Entries;
}

/**
 * A part as a thread sends it: a record's form travels as its key (a form holds functions, which cannot be sent); with
 * what the thread checked of it for the cache, which the main thread keeps as it arrives (the worker keeps none).
 */
type SentPart = Part<Omit<RecordFacts, 'form'> & { form: string }> & { cached?: ScanReply['cached'] };

/**
 * A thread's answer: its parts (each fact's form looked up again as it arrived), and what it checked, for the
 * cache.
 */
export interface ScanReply {
  parts: Array<Part<RecordFacts>>;
  cached?: Array<[string, Entry]>;
}

/**
 * How many files a thread claims at a time: enough that claiming costs nothing, few enough that the threads
 * finish within a few milliseconds of each other.
 */
export const RUN = 64;

/**
 * Tests only: `KMSW_TEST_PARALLEL_FROM=<n>` lowers the threshold, so that tests/parallel.test.ts takes
 * the threads' path on a folder of a thousand files instead of generating ten thousand.
 */
const parallelFrom = (): number => Number(process.env.KMSW_TEST_PARALLEL_FROM) || PARALLEL_FROM;

/** How many threads to use, the main one included. */
export function threadsFor(files: number): number {
  return files < parallelFrom() ? 1 : Math.max(1, Math.min(os.availableParallelism(), 4));
}

/** Scans runs of `files` claimed through `next` (shared with the other threads) until none is left. */
export async function scanClaimed(
  ctx: FolderContext,
  opts: { rules: RecordRules; selected?: Set<string>; cache?: ScanCache },
  files: readonly string[],
  next: Int32Array,
  /** Takes each part as it is checked, instead of the list returned. */
  send?: (part: Part<RecordFacts>) => void,
): Promise<Array<Part<RecordFacts>>> {
  const parts: Array<Part<RecordFacts>> = [];
  for (let at = Atomics.add(next, 0, RUN); at < files.length; at = Atomics.add(next, 0, RUN)) {
    const run = files.slice(at, at + RUN);
    const scan = await scanFolder(ctx, { ...opts, files: run });
    const part = {
      at,
      findings: scan.findings,
      facts: scan.facts,
      checked: scan.checked,
      entries: entriesOf(run, scan.facts),
    };
    if (send) send(part);
    else {
      parts.push(part);
      // The main thread lets the workers' parts in between its runs: they are read while the workers still scan.
      await new Promise(setImmediate);
    }
  }
  return parts;
}

/**
 * The entries of a run of files (each with its record, if it has one), as rules/folder.ts's entriesOf finds them file
 * by file: worked out by the thread that checked them, the folder rules' walk over every file is not left to the end.
 */
function entriesOf(run: readonly string[], facts: readonly RecordFacts[]): Entries {
  const entries: Entries = { log: [], monthly: [] };
  const byFile = new Map<string, RecordFacts>();
  for (const r of facts) byFile.set(r.file, r);
  for (const file of run) entriesInto(entries, file, byFile.get(file));
  return entries;
}

/** A worker's messages: each run's part as soon as it is checked (the worker keeps none), then its last word. */
type WorkerMessage = { part: SentPart } | { cached?: ScanReply['cached'] };

/**
 * A worker's young generation, in MB. What a worker makes lives for one run of files (its part is sent, then dropped),
 * so a small one costs few more collections, and keeps the process smaller: V8's default lets each thread's grow to
 * 32 MB or more. Peak RSS of check --no-cache (two threads): decade folder (27,095 files) 201 -> 177 MB, city folder
 * (97,700 files) 343 -> 291 MB.
 */
const YOUNG_MB = 8;

/**
 * How much V8 lets a thread's old generation grow past what its last full collection kept alive before the next one,
 * in percent, while a scan's workers run: by default it picks up to 300%, which on a big folder's first run left the
 * main thread's heap ~40 MB over its live data and the worker's ~30 MB over its own (what a worker makes lives for one
 * run of files). The city folder's first run (97,700 files, two threads), three runs each: default 290-314 MB in
 * 13.4 s; 50% 266-270 MB in 13.8 s; 25% 247-257 MB but 14.8 s (the full collections' cost).
 */
const GROWING_PERCENT = 50;

/**
 * Holds the process's heap tight while the scan's threads run, or gives V8 back its defaults. Flags are process-wide,
 * and one that is not at its default is part of the hash a code cache must match (bin/kmsw.cjs): a worker that loads
 * kmsw meanwhile would compile it again. So they are set only once every worker has loaded, and reset before another
 * starts.
 */
function tightHeap(on: boolean): void {
  setFlagsFromString(`--heap-growing-percent=${on ? GROWING_PERCENT : 0}`);
}

/**
 * V8's defaults back once a check is done with its facts (its folder rules run, its cache written, both under the tight
 * heap): the rest of the process (a caller in-process, Node's modules loaded later) runs as it would have.
 */
export const looseHeap = (): void => tightHeap(false);

/**
 * The worker threads of one scan. They may be started while the folder is still being listed (`listed`): each loads
 * kmsw and opens the folder meanwhile, then waits for the files (`give`).
 */
export class ScanWorkers {
  private readonly workers: Array<{ worker: Worker; reply: Promise<ScanReply> }> = [];
  /** Takes what the workers checked for the cache as each part arrives (the scan's cache adopts it). */
  adopt?: (cached: NonNullable<ScanReply['cached']>) => void;
  constructor(
    private readonly script: string,
    readonly job: ScanJob,
  ) {}

  /** How many workers have loaded kmsw (sent their first message). */
  private loaded = 0;

  /** Starts `count` workers, unless they are started already. */
  start(count: number): void {
    if (this.workers.length < count) tightHeap(false);
    while (this.workers.length < count) this.workers.push(startWorker(this.script, this.job, this));
  }

  /** Told of a worker's first message: it has loaded kmsw. Once all have, the heap is held tight (tightHeap). */
  ready(): void {
    if (++this.loaded === this.workers.length) tightHeap(true);
  }

  /**
   * Told how many files the listing has found so far (and what share of the folder's years that is): starts the
   * workers once they will pay, or once the years listed say the whole will (each year about as big as those listed).
   */
  readonly listed = (files: number, share?: number): void =>
    this.start(threadsFor(share ? Math.max(files, Math.floor(files / share)) : files) - 1);

  /** Sends the workers the scan's files; each promise settles with that worker's reply. */
  give(work: ScanWork): Array<Promise<ScanReply>> {
    return this.workers.map(({ worker, reply }) => (worker.postMessage(work), reply));
  }

  /** Ends the workers (the scan did not happen). */
  stop(): void {
    for (const { worker } of this.workers) void worker.terminate();
  }
}

/** Starts one worker on `job`; the promise settles with its reply. A part's forms are looked up as it arrives. */
function startWorker(
  script: string,
  job: ScanJob,
  workers: ScanWorkers,
): { worker: Worker; reply: Promise<ScanReply> } {
  const worker = new Worker(script, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
  const reply = new Promise<ScanReply>((resolve, reject) => {
    const parts: ScanReply['parts'] = [];
    const cached: NonNullable<ScanReply['cached']> = [];
    const take = (entries: ScanReply['cached']) => {
      if (!entries?.length) return;
      if (workers.adopt) workers.adopt(entries);
      else for (const entry of entries) cached.push(entry);
    };
    let first = true;
    worker.on('message', (message: WorkerMessage) => {
      if (first) workers.ready();
      first = false;
      if ('part' in message) {
        take(message.part.cached);
        delete message.part.cached;
        return void parts.push(withForms(message.part));
      }
      take(message.cached);
      resolve({ parts, cached });
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`scan worker exited with code ${code} before answering`)));
  });
  // A scan that never happens (the listing failed) leaves the reply unasked for: its rejection is not an error.
  reply.catch(() => {});
  return { worker, reply };
}

/** What scanShared scans, and with what. */
export interface SharedScan {
  rules: RecordRules;
  ruleIds: RuleId[];
  selected?: Set<string>;
  files: string[];
  links: SkippedLink[];
  cache?: ScanCache;
  /** The workers, when started before (while the folder was listed). */
  workers?: ScanWorkers;
  opened: Opened;
}

/**
 * scanFolder, with the files shared between this thread and `threads - 1` workers. The findings and facts are put
 * back in the order one thread gives them (the links first, then file by file), whoever checked each file.
 */
export async function scanShared(ctx: FolderContext, script: string, opts: SharedScan, threads: number): Promise<Scan> {
  const { rules, selected, files, links, cache } = opts;
  const workers =
    opts.workers ?? new ScanWorkers(script, scanJobOf(ctx, opts.ruleIds, cache !== undefined, opts.opened));
  workers.start(threads - 1);
  if (cache) workers.adopt = (entries) => cache.adopt(entries);
  const replies = workers.give({ files, selected: selected && [...selected] });
  const own = await scanFolder(ctx, { rules, selected, files: [], links, cache });
  const parts = await scanClaimed(ctx, { rules, selected, cache }, files, new Int32Array(workers.job.next));
  for (const reply of await Promise.all(replies)) {
    cache?.adopt(reply.cached ?? []);
    for (const part of reply.parts) parts.push(part);
  }
  const entries: Entries = { log: [], monthly: [] };
  for (const part of parts.sort((a, b) => a.at - b.at)) {
    for (const finding of part.findings) own.findings.push(finding);
    for (const form of ['log', 'monthly'] as const) adoptEntries(entries[form], part.entries[form], files, part.at);
    // Each record's name as the listing holds it (a worker's facts bring a copy of each): found in the part's run.
    let at = part.at;
    for (const facts of part.facts) {
      while (at < files.length && at < part.at + RUN && files[at] !== facts.file) at++;
      if (files[at] === facts.file) facts.file = files[at]!;
      own.facts.push(facts);
    }
    own.checked += part.checked;
  }
  sortByFile(own.facts);
  own.factsDigest = cache?.factsDigest(own.facts);
  own.entries = entries;
  return own;
}

/** A part's entries added to the scan's, each with its file's name as the listing holds it (as the facts' files). */
function adoptEntries(entries: LogEntry[], theirs: readonly LogEntry[], files: readonly string[], at: number): void {
  let k = at;
  for (const entry of theirs) {
    while (k < files.length && k < at + RUN && files[k] !== entry.file) k++;
    if (files[k] === entry.file) entry.file = files[k]!;
    entries.push(entry);
  }
}

/** What each thread is asked to scan, as the main thread opened the folder. */
export function scanJobOf(ctx: FolderContext, ruleIds: RuleId[], cache: boolean, opened: Opened): ScanJob {
  const { root, today, scope } = ctx;
  return { root, today, ...scope, lang: getLang(), ruleIds, next: new SharedArrayBuffer(4), cache, opened };
}

/** The folder's context in a thread: from kmsw.yaml as the main thread read it. */
function contextOf(job: ScanJob): FolderContext {
  const { opened } = job;
  let doc: ParsedYaml | undefined;
  return folderContext(job, opened.config, opened.settings, () => (doc ??= parseYamlFast(opened.configText)));
}

/** A part as sent, its facts' forms looked up again (in place: the part was made for this thread by the clone). */
function withForms(part: SentPart): Part<RecordFacts> {
  for (const facts of part.facts) {
    (facts as { form: unknown }).form = formByKey(facts.form)!;
    // Made this thread's own by the clone: each string once (but the form and the file: scanShared's listing has it).
    const data = facts as unknown as Record<string, unknown>;
    for (const key of Object.keys(data)) if (key !== 'form' && key !== 'file') data[key] = internStrings(data[key]);
  }
  return part as unknown as Part<RecordFacts>;
}

/**
 * One worker's share of a scan (bin/worker.cjs calls this in the thread): the folder is opened while the main thread
 * lists it, then the files come.
 */
export async function scanJob(
  job: ScanJob,
  send: (message: WorkerMessage) => void = (message) => parentPort!.postMessage(message),
  work: Promise<ScanWork> = new Promise((resolve) => parentPort!.once('message', resolve)),
): Promise<WorkerMessage> {
  sendingFacts();
  setLang(job.lang);
  const ctx = contextOf(job);
  const rules = recordRules((id) => job.ruleIds.includes(id));
  const cache = job.cache ? collectingCache(ctx) : undefined;
  const { files, selected } = await work;
  await scanClaimed(
    ctx,
    { rules, selected: selected && new Set(selected), cache },
    files,
    new Int32Array(job.next),
    (p) =>
      send({ part: { ...p, facts: p.facts.map((f) => ({ ...f, form: f.form.key })), cached: cache?.collected() } }),
  );
  return { cached: cache?.collected() };
}
