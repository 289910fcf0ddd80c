/**
 * `kmsw export`: the month's official forms for the project office. Word for the forms kept one
 * record a page, Excel for the wide tables, the survey's counts and the checklist, each rendered
 * from its template (the folder's own, or kmsw's). Every template is checked before anything is
 * written; every file is written to a temporary name and all are renamed together at the end, or
 * none (a target that cannot be replaced puts the others back), so an export that stops halfway
 * leaves the previous one whole. Every record file of the period that is in no document is named,
 * with the check diagnostic that explains why: an export is never silently smaller than the month.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { KmswError } from '../errors.js';
import { FORMS, formByKey } from '../forms/index.js';
import { OUTPUTS, outputByKey } from '../forms/outputs.js';
import { msg } from '../i18n.js';
import { insideFolder, makeFolder, removeEmptyFolders } from '../records/inside.js';
import { CommitFailure, commitAll, removeStaleTemps, stage, type Staged } from '../records/write.js';
import { BUILTIN_TEMPLATES, OUTPUT_KEYS, outputOf, readTemplate, templateOf } from '../render/templates.js';
import type { Finding, RecordFacts } from '../rules/types.js';
import { monthEnd, type Day } from '../values/date.js';
import { countedText } from '../rules/evaluation.js';
import { figuresByFile, folderFacts, type FolderFacts } from '../scan/evaluation.js';
import { nearest } from '../values/nearest.js';
import { toDiagnostic } from '../scan/diagnostic.js';
import { checklistRows, nestedNotes, recordsOfMonth, scanPeriod, whyLeftOut, type PeriodScan } from '../scan/period.js';
import type { SessionName, TallyRow } from '../forms/sheet-data.js';
import type { ExportResult } from '../scan/results.js';
import { testOnlyPause } from '../test-pause.js';

export interface ExportOptions {
  root: string;
  today: Day;
  /** `YYYY-MM`; or `year` for all twelve months. */
  month?: string;
  year?: number;
  /** Where to write; `exports/YYYY-MM/` by default (with `year`, a folder per month inside it). */
  out?: string;
  /** Only these outputs: form keys, or `checklist`. */
  only?: string[];
  /** Called after each file is written, for a progress bar. */
  onProgress?: (done: number, total: number, file: string) => void;
}

export function checkOnly(only: readonly string[]): void {
  for (const key of only) {
    if (OUTPUT_KEYS.includes(key)) continue;
    const guess = nearest(key, OUTPUT_KEYS);
    throw new KmswError(msg().commandsExport.onlyIsNotA(key, guess, OUTPUT_KEYS));
  }
}

interface Job {
  month: string;
  output: string;
  template: string;
  file: string;
  records: RecordFacts[];
  /** A yearly document's span (the evaluations from 1 January to the month's end). */
  span?: { from: string; to: string };
  /** What kmsw counted for each record (`counted.*` placeholders), by file. */
  counted?: Map<string, Record<string, string>>;
}

/** `督导成效评估表-2026年.docx`. */
const yearlyName = (key: string, month: string) => {
  const { title, ext } = outputOf(key);
  return `${title}-${month.slice(0, 4)}年.${ext}`;
};

/** `督导工作日志-2026年11月.docx`. */
const outputName = (key: string, month: string) => {
  const { title, ext } = outputOf(key);
  const [y, m] = month.split('-');
  return `${title}-${y}年${m}月.${ext}`;
};

export async function exportMonth(opts: ExportOptions): Promise<ExportResult> {
  if (opts.only) checkOnly(opts.only);
  const months = opts.month
    ? [opts.month]
    : Array.from({ length: 12 }, (_, i) => `${opts.year}-${String(i + 1).padStart(2, '0')}`);
  // The period's records, under its folders or dated in it elsewhere: a month of ten years' folder stays quick.
  const scan = await scanPeriod({ root: opts.root, today: opts.today, months, keepRaw: true });
  const { ctx, settings, facts } = scan;
  const wanted = (key: string) => !opts.only || opts.only.includes(key);
  const folder = await yearlyFacts(opts, facts, months, wanted);
  const { jobs, empty, tallies } = planJobs(opts, scan, months, wanted, folder);
  const periodFiles = [...new Set([...scan.files.values()].flat())].sort();
  // A yearly document's records of earlier months bring their own findings (an error is named below).
  const outside = new Set(jobs.flatMap((j) => j.records.map((r) => r.file)).filter((f) => !periodFiles.includes(f)));
  const findings = [...scan.findings, ...(folder?.findings.filter((f) => outside.has(f.file)) ?? [])];

  // Every file of the period that no document holds is named with its reason. A record of a form
  // left out by --only is not: the person asked for that.
  const exported = new Set(jobs.flatMap((j) => j.records.map((r) => r.file)));
  const formOf = new Map(facts.map((r) => [r.file, r.form.key]));
  const leftOut = whyLeftOut(
    periodFiles.filter((f) => !exported.has(f) && (!formOf.has(f) || wanted(formOf.get(f)!))),
    scan,
    opts.month,
  );

  // The folder's own templates first: a problem in one is said before anything is done. kmsw's own
  // (its tests check them) once the targets are found usable (a refused target costs no unpacking), and
  // before any folder is made.
  const own = await prepareTemplates(jobs.filter((j) => !builtIn(j)));

  const failing = failingOf(findings, exported, settings);
  guardTargets(opts.root, jobs);
  const prepared = new Map([...own, ...(await prepareTemplates(jobs.filter(builtIn)))]);
  const photosLeftOut: NonNullable<ExportResult['photosLeftOut']> = [];
  const photos = { root: opts.root, onProblem: (p: (typeof photosLeftOut)[number]) => photosLeftOut.push(p) };
  const counties = Object.keys(ctx.config.counties);
  const sessions = groupSessions(facts);
  await inFolders(
    jobs.map((j) => j.file),
    async () => {
      const render = (job: Job) =>
        renderJob(job, prepared.get(templateId(job))!, tallies.get(job.month)!, { counties, sessions, photos });
      await writeAll(jobs, render, opts.onProgress);
    },
  );
  const written = jobs.map(({ file, output, records, span }) => ({ file, output, records: records.length, span }));
  return {
    written,
    empty,
    failing,
    leftOut,
    ...(photosLeftOut.length > 0 ? { photosLeftOut } : {}),
    unignored: unignored(
      opts.root,
      written.map((w) => w.file),
    ),
    ...nestedNotes(opts.root, scan, 'export', opts.month ? `--month ${opts.month}` : `--year ${opts.year}`),
  };
}

/** The exported files with an error, each once, with its first error: the export names them last. */
function failingOf(
  findings: readonly Finding[],
  exported: ReadonlySet<string>,
  settings: Parameters<typeof toDiagnostic>[1],
): ExportResult['failing'] {
  return findings
    .filter((f) => exported.has(f.file))
    .map((f) => toDiagnostic(f, settings))
    .filter((d) => d.severity === 'error')
    .filter((d, i, all) => all.findIndex((o) => o.file === d.file) === i)
    .map((d) => ({ file: d.file, rule: d.rule, message: d.message, ...(d.hint ? { hint: d.hint } : {}) }));
}

/** Never through a linked exports/ (or a linked folder under it) that leaves the records folder. */
function guardTargets(root: string, jobs: readonly Job[]): void {
  for (const dir of new Set(jobs.map((j) => path.dirname(j.file)))) {
    const rel = path.relative(root, dir);
    if (!(rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)))
      insideFolder(root, rel, { for: 'write' });
  }
}

/**
 * The whole folder's records, when a yearly document (the evaluations) is to be written: it holds
 * records of earlier months, and counts each evaluation's figures from any month.
 */
async function yearlyFacts(
  opts: ExportOptions,
  facts: readonly RecordFacts[],
  months: readonly string[],
  wanted: (key: string) => boolean,
): Promise<FolderFacts | undefined> {
  const yearly = OUTPUTS.some(
    (o) => o.yearly && wanted(o.key) && months.some((m) => recordsOfMonth(facts, o.key, m).length > 0),
  );
  return yearly ? folderFacts(opts.root, opts.today, true) : undefined;
}

/** The documents to write, month by month; the months without a record file; each month's checklist rows. */
function planJobs(
  opts: ExportOptions,
  scan: PeriodScan,
  months: readonly string[],
  wanted: (key: string) => boolean,
  folder?: FolderFacts,
) {
  const { facts } = scan;
  const jobs: Job[] = [];
  const empty: string[] = [];
  const tallies = new Map<string, TallyRow[]>();
  for (const month of months) {
    const dir = opts.out
      ? opts.month
        ? path.resolve(opts.out)
        : path.resolve(opts.out, month)
      : path.join(opts.root, 'exports', month);
    const tally = checklistRows(facts, month, scan.clean);
    if (FORMS.every((form) => recordsOfMonth(facts, form.key, month).length === 0)) {
      // A month whose files all cannot be exported is not "without records": they are named below.
      if (scan.files.get(month)!.length === 0) empty.push(month);
      continue;
    }
    tallies.set(month, tally);
    for (const { key, everyMonth, yearly } of OUTPUTS) {
      const records = everyMonth ? [] : recordsOfMonth(facts, key, month);
      if ((records.length === 0 && !everyMonth) || !wanted(key)) continue;
      if (yearly) {
        // Written once: with the last month of the export that has such records, holding the year's up to its end.
        if (months.some((m) => m > month && recordsOfMonth(facts, key, m).length > 0)) continue;
        jobs.push(
          yearlyJob(key, month, path.join(dir, yearlyName(key, month)), templateOf(opts.root, key).file, folder!),
        );
        continue;
      }
      jobs.push({
        month,
        output: key,
        template: templateOf(opts.root, key).file,
        file: path.join(dir, outputName(key, month)),
        records,
      });
    }
  }
  return { jobs, empty, tallies };
}

/**
 * The year's document of a yearly output (the evaluations), from the whole folder's records: every
 * record of the form dated from 1 January to the month's end, in date order, with what kmsw counts for each.
 */
function yearlyJob(key: string, month: string, file: string, template: string, folder: FolderFacts): Job {
  const span = { from: `${month.slice(0, 4)}-01-01`, to: monthEnd(month) };
  const records = folder.facts
    .filter((r) => r.form.key === key && r.when !== undefined && r.when >= span.from && r.when <= span.to)
    .sort((a, b) => (a.when! < b.when! ? -1 : a.when! > b.when! ? 1 : a.file < b.file ? -1 : 1));
  const figures = figuresByFile(folder);
  const counted = new Map(
    records.flatMap((r) => {
      const f = figures.get(r.file);
      return f ? [[r.file, countedText(f)] as const] : [];
    }),
  );
  return { month, output: key, template, file, records, span, counted };
}

const templateId = (job: Job) => `${job.output}\u0000${job.template}`;
const builtIn = (job: Job) => path.dirname(job.template) === BUILTIN_TEMPLATES;

/** Every template is read and checked before the first file is written; every problem is said at once. */
async function prepareTemplates(jobs: readonly Job[]): Promise<Map<string, Prepared>> {
  const prepared = new Map<string, Prepared>();
  const problems: string[] = [];
  for (const job of jobs) {
    const id = templateId(job);
    if (prepared.has(id)) continue;
    try {
      const { checkTemplate } = await import('../render/template-file.js');
      // readTemplate: a regular file under its cap; templateOf has refused a folder template linked from outside.
      const ready = await prepare(job.output, checkTemplate(readTemplate(job.template), outputOf(job.output).ext));
      prepared.set(id, ready);
      problems.push(...(await placeholderProblems(job, ready)));
    } catch (e) {
      problems.push(templateProblem(job, e));
    }
  }
  if (problems.length > 0) throw new KmswError(problems.join('\n'));
  return prepared;
}

/**
 * What is wrong with a template's placeholders: those the form does not know (a misspelling, with the nearest
 * known one), and those of the built-in template it lacks (a deleted one: its field would be blank on every page).
 * A placeholder misspelt is said once, as a misspelling, not again as missing.
 */
async function placeholderProblems(job: Job, ready: Prepared): Promise<string[]> {
  const problems: string[] = [];
  const known = await knownPlaceholders(job.output);
  const guesses = ready.unknown.map((key) => nearest(key, known));
  if (ready.unknown.length > 0) {
    const list = ready.unknown.map(
      (key, i) => `{{${key}}}${guesses[i] ? msg().commandsExport.didYouMean(guesses[i]) : ''}`,
    );
    const all = known.map((k) => `{{${k}}}`).join(' ');
    problems.push(msg().commandsExport.theTemplateHasPlaceholders(job.template, list, all));
  }
  const { missingPlaceholders } = await import('../render/required.js');
  const missing = missingPlaceholders(outputByKey(job.output)!, ready.present).filter((m) => !guesses.includes(m.key));
  if (missing.length > 0) {
    const list = missing.map((m) => msg().commandsExport.placeholderOf(m.key, m.label));
    problems.push(msg().commandsExport.theTemplateLacksPlaceholders(job.template, list, job.output));
  }
  return problems;
}

/** Why a template cannot be used, said the way its error calls for. */
function templateProblem(job: Job, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return e instanceof KmswError
    ? e.message
    : (e as Error).name === 'TemplateProblem'
      ? msg().commandsExport.theTemplateCannotBe(job.template, (e as Error).message)
      : typeof code === 'string'
        ? msg().commandsExport.cannotReadTheTemplate(job.template, code)
        : msg().commandsExport.theTemplateCannotBeOpened(job.template, (e as Error).message);
}

/**
 * Every file is written in full beside its place first, then all are put in place together: an
 * export stopped while writing (killed, a full disk) leaves the earlier export whole, and the
 * forms and the checklist of one export are never mixed with another's but for milliseconds.
 */
async function writeAll(
  jobs: readonly Job[],
  render: (job: Job) => Promise<Uint8Array>,
  onProgress: ExportOptions['onProgress'],
): Promise<void> {
  const staged: Staged[] = [];
  try {
    for (const job of jobs) {
      staged.push(await stage(job.file, await render(job)));
      onProgress?.(staged.length, jobs.length, job.file);
    }
  } catch (e) {
    await Promise.all(staged.map((s) => s.discard()));
    throw e;
  }
  testOnlyPause('temp-written');
  try {
    await commitAll(staged, {
      onReplaced: (done) => {
        if (done === 1) testOnlyPause('renames-started');
        if (done === staged.length) testOnlyPause('renames-done');
      },
    });
  } catch (e) {
    if (e instanceof CommitFailure) throw new KmswError(commitMessage(e));
    throw e;
  }
}

interface Prepared {
  unknown: string[];
  /** The placeholders the template holds that the form knows. */
  present: string[];
  word?: import('../render/word.js').PreparedWord;
  excel?: import('../render/excel.js').PreparedExcel;
}

async function prepare(output: string, template: Uint8Array): Promise<Prepared> {
  const form = formByKey(output);
  if (form?.document === 'docx') {
    const word = await (await import('../render/word.js')).prepareWord(form, template);
    return { unknown: word.unknown, present: word.placeholders, word };
  }
  const excel = await (await import('../render/excel.js')).prepareExcel(template);
  const known = new Set(await knownPlaceholders(output));
  return {
    unknown: excel.placeholders.filter((key) => !known.has(key)),
    present: excel.placeholders.filter((key) => known.has(key)),
    excel,
  };
}

/** The period's group sessions by file name, as a survey's 所评督导 names them. */
function groupSessions(facts: readonly RecordFacts[]): Map<string, SessionName> {
  const names = (v: unknown) => (Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string') : []);
  return new Map(
    facts
      .filter((r) => r.form.key === 'group')
      .map((r) => [
        path.basename(r.file),
        {
          date: typeof r.values.date === 'string' ? r.values.date : '',
          county: typeof r.values.county === 'string' ? r.values.county : '',
          experts: names(r.values.experts),
        },
      ]),
  );
}

async function renderJob(
  job: Job,
  prepared: Prepared,
  tally: TallyRow[],
  ctx: {
    counties: string[];
    sessions: ReadonlyMap<string, SessionName>;
    photos: import('../render/excel.js').PhotoSource;
  },
): Promise<Uint8Array> {
  const { readable } = await import('../render/readable.js');
  const form = formByKey(job.output);
  // The scan kept each record's YAML as written: every field that can be read is rendered.
  const records = form
    ? job.records.map((r) => {
        const values = readable(form.fields, r.raw);
        const counted = job.counted?.get(r.file);
        return { file: r.file, values: counted ? { ...values, counted } : values };
      })
    : [];
  if (prepared.word) return prepared.word.render(records, ctx.photos.root);
  const { excelOutput } = await import('../render/sheets.js');
  const { photos, ...shared } = ctx;
  return prepared.excel!.render(
    excelOutput(job.output).sheets(records, { month: job.month, tally, ...shared }),
    photos,
  );
}

async function knownPlaceholders(output: string): Promise<string[]> {
  const form = formByKey(output);
  if (form?.document === 'docx') return (await import('../render/values.js')).formPlaceholders(form).map((p) => p.key);
  return (await import('../render/sheets.js')).excelOutput(output).placeholders;
}

/**
 * Before anything is written: a folder (or anything but a file) where a document goes is refused,
 * and each export folder is made, one level at a time (Node's recursive mkdir never ends where a
 * folder cannot be made, as /proc/x); a parent that is a file is named. Each folder it makes goes into `made`, also
 * when it then fails.
 */
async function prepareTargets(files: readonly string[], made: string[]): Promise<void> {
  for (const file of files) {
    const kind = kindOf(file);
    if (kind !== 'none' && kind !== 'file') {
      throw new KmswError(msg().commandsExport.isADirFolder(file, kind));
    }
  }
  for (const dir of new Set(files.map((f) => path.dirname(f)))) {
    // Made one level at a time (Node's recursive mkdir never ends where a folder cannot be made, /proc/x),
    // after the nearest existing parent is found to be a folder.
    makeFolder(dir, made);
    await removeStaleTemps(dir);
  }
}

/**
 * Makes the folders of `files` (prepareTargets) and then does `work`; when either fails, the folders made for it
 * that are still empty go again (one that holds anything stays).
 */
async function inFolders(files: readonly string[], work: () => Promise<void>): Promise<void> {
  const made: string[] = [];
  try {
    await prepareTargets(files, made);
    await work();
  } catch (e) {
    removeEmptyFolders(made);
    throw e;
  }
}

/** What stands at a path, without following a link. */
function kindOf(file: string): 'none' | 'file' | 'dir' | 'other' {
  try {
    const info = lstatSync(file);
    return info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'none';
  }
}

/** Which document could not be put in place and why, and exactly which files are the new export's and which the old. */
function commitMessage(f: CommitFailure): string {
  const code = f.cause.code ?? f.cause.message;
  const busy = code === 'EBUSY' || code === 'EPERM' || code === 'EACCES';
  const why = busy
    ? msg().commandsExport.itMayBeOpen
    : code === 'EISDIR'
      ? msg().commandsExport.aFolderIsIn
      : msg().commandsExport.checkThatFile;
  const list = (files: string[]) => files.join(msg().commandsExport.comma);
  const before = f.unchanged.filter((file) => !f.absent.includes(file));
  const restored = [
    ...(before.length ? [msg().commandsExport.everyExistingFileIs(list(before))] : []),
    ...(f.absent.length ? [msg().commandsExport.filesThatWereNot(list(f.absent))] : []),
  ].join(msg().commandsExport.semicolon);
  const state =
    f.replaced.length === 0
      ? msg().commandsExport.noTempFileIs(restored)
      : msg().commandsExport.theseFilesAreThe(list(f.replaced), list(f.unchanged));
  return msg().commandsExport.cannotReplaceTheExport(f.file, code, why, state);
}

/**
 * The export folder inside the records folder that Git does not ignore, if any (`git check-ignore`
 * over the files written). Nothing when Git is absent, the folder is no repository, or the export
 * went outside the folder.
 */
function unignored(root: string, files: readonly string[]): string | undefined {
  const inside = files
    .map((f) => path.relative(root, f))
    .filter((rel) => rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel));
  if (inside.length === 0) return undefined;
  const run = spawnSync('git', ['check-ignore', '-z', '--stdin'], {
    cwd: root,
    encoding: 'utf8',
    input: inside.join('\0'),
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  // 0: some are ignored, 1: none are, 128: not a repository (or no git at all: status null).
  if (run.status !== 0 && run.status !== 1) return undefined;
  const ignored = new Set(
    run.stdout
      .split('\0')
      .filter(Boolean)
      .map((f) => path.normalize(f)),
  );
  const first = inside.find((rel) => !ignored.has(path.normalize(rel)));
  if (first === undefined) return undefined;
  // The folder to ignore: exports/ for the default; else the folder the export went into, never a
  // records folder above it (`2026/` would take every record of the year out of Git).
  const parts = path.dirname(first).split(path.sep);
  return `${parts[0] === 'exports' ? 'exports' : parts.join('/')}/`;
}
