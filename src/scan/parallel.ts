/**
 * check's scan shared between threads. On a big folder (years of records), reading and parsing each file is most of
 * the time, and the files are independent: the main thread scans the first share while worker
 * threads scan the others, then the folder rules run once over everyone's facts.
 *
 * A worker runs kmsw's own build (bin/worker.cjs, which calls `scanJob`), so this is used only when
 * kmsw runs from its build; tests that call check() in-process scan on one thread.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
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
  files: string[];
  selected?: string[];
  /** Whether to collect what the thread checks for the folder's cache (the main thread writes it). */
  cache?: boolean;
}

/** Its answer: a record's form travels as its key (a form holds functions, which cannot be sent). */
export interface ScanReply {
  findings: Finding[];
  facts: Array<Omit<RecordFacts, 'form'> & { form: string }>;
  checked: number;
  /** What the thread checked, for the folder's cache. */
  cached?: Array<[string, Entry]>;
}

/**
 * Tests only: `KMSW_TEST_PARALLEL_FROM=<n>` lowers the threshold, so that tests/parallel.test.ts takes
 * the threads' path on a folder of a thousand files instead of generating ten thousand.
 */
const parallelFrom = (): number => Number(process.env.KMSW_TEST_PARALLEL_FROM) || PARALLEL_FROM;

/** How many threads to use, the main one included. */
export function threadsFor(files: number): number {
  return files < parallelFrom() ? 1 : Math.max(1, Math.min(os.availableParallelism(), 4));
}

/** `files` cut into `n` runs of neighbours, in order. */
export function shares<T>(files: readonly T[], n: number): T[][] {
  const size = Math.ceil(files.length / n);
  return Array.from({ length: n }, (_, i) => files.slice(i * size, (i + 1) * size)).filter((s) => s.length > 0);
}

/** Starts one worker per job; each promise settles with that worker's reply. */
export function startWorkers(script: string, jobs: ScanJob[]): Array<Promise<ScanReply>> {
  return jobs.map(
    (job) =>
      new Promise<ScanReply>((resolve, reject) => {
        const worker = new Worker(script, { workerData: job });
        worker.once('message', (reply: ScanReply) => {
          resolve(reply);
          void worker.terminate();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`scan worker exited with code ${code} before answering`)));
      }),
  );
}

/** scanFolder, with the files shared between this thread and `threads - 1` workers. */
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
  const [mine = [], ...theirs] = shares(opts.files, threads);
  const { root, today, scope } = ctx;
  const job = { root, today, ...scope, lang: getLang(), ruleIds: opts.ruleIds, cache: opts.cache !== undefined };
  const replies = startWorkers(
    script,
    theirs.map((files) => ({ ...job, files, selected: opts.selected && files.filter((f) => opts.selected!.has(f)) })),
  );
  const { rules, selected, links, cache } = opts;
  const own = await scanFolder(ctx, { rules, selected, files: mine, links, cache });
  for (const reply of await Promise.all(replies)) {
    cache?.adopt(reply.cached ?? []);
    own.findings.push(...reply.findings);
    own.facts.push(...reply.facts.map((f) => ({ ...f, form: formByKey(f.form)! })));
    own.checked += reply.checked;
  }
  own.facts.sort(byFile);
  own.factsDigest = cache?.factsDigest(own.facts);
  return own;
}

/** One worker's share of a scan (bin/worker.cjs calls this in the thread). */
export async function scanJob(job: ScanJob): Promise<ScanReply> {
  setLang(job.lang);
  const { ctx } = await openFolder(job);
  const rules = recordRules((id) => job.ruleIds.includes(id));
  const cache = job.cache ? collectingCache(ctx) : undefined;
  const selected = job.selected && new Set(job.selected);
  const scan = await scanFolder(ctx, { rules, files: job.files, selected, cache });
  return { ...scan, facts: scan.facts.map((f) => ({ ...f, form: f.form.key })), cached: cache?.collected() };
}
