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
import { parentPort, Worker } from 'node:worker_threads';
import { formByKey } from '../forms/index.js';
import { getLang, setLang, type Lang } from '../i18n.js';
import type { SkippedLink } from '../records/load.js';
import type { RecordRules, RuleId } from '../rules/index.js';
import type { Finding, FolderContext, RecordFacts } from '../rules/types.js';
import type { Day } from '../values/date.js';
import { collectingCache, type Entry, type ScanCache } from './cache.js';
import { byFile, recordRules, scanFolder, type Scan } from './folder.js';
import { openFolder } from './open.js';

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
  /** Every file of the scan: the thread claims runs of them through `next`. */
  files: string[];
  /** One Int32 shared by every thread: the index of the next file to claim. */
  next: SharedArrayBuffer;
  selected?: string[];
  /** Whether to collect what the thread checks for the folder's cache (the main thread writes it). */
  cache?: boolean;
}

/** What a thread found in one run of files it claimed, the run starting at the scan's file `at`. */
interface Part<F> {
  at: number;
  findings: Finding[];
  facts: F[];
  checked: number;
}

/** Its answer: a record's form travels as its key (a form holds functions, which cannot be sent). */
export interface ScanReply {
  parts: Array<Part<Omit<RecordFacts, 'form'> & { form: string }>>;
  /** What the thread checked, for the folder's cache. */
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
    const part = { at, ...(await scanFolder(ctx, { ...opts, files: files.slice(at, at + RUN) })) };
    if (send) send(part);
    else parts.push(part);
  }
  return parts;
}

/** A worker's messages: each run's part as soon as it is checked (the worker keeps none), then its last word. */
type WorkerMessage = { part: ScanReply['parts'][number] } | { cached?: ScanReply['cached'] };

/**
 * A worker's young generation, in MB. What a worker makes lives for one run of files (its part is sent, then dropped),
 * so a small one costs few more collections, and keeps the process smaller: V8's default lets each thread's grow to
 * 32 MB or more. Peak RSS of check --no-cache (two threads): decade folder (27,095 files) 201 -> 177 MB, city folder
 * (97,700 files) 343 -> 291 MB.
 */
const YOUNG_MB = 8;

/** Starts one worker per job; each promise settles with that worker's reply. */
export function startWorkers(script: string, jobs: ScanJob[]): Array<Promise<ScanReply>> {
  return jobs.map(
    (job) =>
      new Promise<ScanReply>((resolve, reject) => {
        const worker = new Worker(script, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
        const parts: ScanReply['parts'] = [];
        worker.on('message', (message: WorkerMessage) => {
          if ('part' in message) return void parts.push(message.part);
          resolve({ parts, cached: message.cached });
          void worker.terminate();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`scan worker exited with code ${code} before answering`)));
      }),
  );
}

/**
 * scanFolder, with the files shared between this thread and `threads - 1` workers. The findings and facts are put
 * back in the order one thread gives them (the links first, then file by file), whoever checked each file.
 */
export async function scanShared(
  ctx: FolderContext,
  script: string,
  opts: {
    rules: RecordRules;
    ruleIds: RuleId[];
    selected?: Set<string>;
    files: string[];
    links: SkippedLink[];
    cache?: ScanCache;
  },
  threads: number,
): Promise<Scan> {
  const { root, today, scope } = ctx;
  const { rules, selected, files, links, cache } = opts;
  const next = new SharedArrayBuffer(4);
  const job = { root, today, ...scope, lang: getLang(), ruleIds: opts.ruleIds, cache: cache !== undefined };
  const replies = startWorkers(
    script,
    Array.from({ length: threads - 1 }, () => ({ ...job, files, next, selected: selected && [...selected] })),
  );
  const own = await scanFolder(ctx, { rules, selected, files: [], links, cache });
  const parts = await scanClaimed(ctx, { rules, selected, cache }, files, new Int32Array(next));
  for (const reply of await Promise.all(replies)) {
    cache?.adopt(reply.cached ?? []);
    for (const part of reply.parts)
      parts.push({ ...part, facts: part.facts.map((f) => ({ ...f, form: formByKey(f.form)! })) });
  }
  for (const part of parts.sort((a, b) => a.at - b.at)) {
    for (const finding of part.findings) own.findings.push(finding);
    for (const facts of part.facts) own.facts.push(facts);
    own.checked += part.checked;
  }
  own.facts.sort(byFile);
  own.factsDigest = cache?.factsDigest(own.facts);
  return own;
}

/** One worker's share of a scan (bin/worker.cjs calls this in the thread). */
export async function scanJob(
  job: ScanJob,
  send: (message: WorkerMessage) => void = (message) => parentPort!.postMessage(message),
): Promise<WorkerMessage> {
  setLang(job.lang);
  const { ctx } = await openFolder(job);
  const rules = recordRules((id) => job.ruleIds.includes(id));
  const cache = job.cache ? collectingCache(ctx) : undefined;
  const selected = job.selected && new Set(job.selected);
  await scanClaimed(ctx, { rules, selected, cache }, job.files, new Int32Array(job.next), (p) =>
    send({ part: { ...p, facts: p.facts.map((f) => ({ ...f, form: f.form.key })) } }),
  );
  return { cached: cache?.collected() };
}
