/**
 * `kmsw export`: the month's official forms for the project office. Word for the forms kept one
 * record a page, Excel for the wide tables, the survey's counts and the checklist, each rendered
 * from its template (the folder's own, or kmsw's). Every template is checked before anything is
 * written; every file is written to a temporary name and renamed, so an export that stops halfway
 * leaves the previous one whole.
 */
import path from 'node:path';
import { KmswError } from '../errors.js';
import { FORMS, formByKey } from '../forms/index.js';
import { say } from '../i18n.js';
import { insideFolder, makeFolder } from '../records/inside.js';
import { listRecordFiles } from '../records/load.js';
import { removeStaleTemps, stage, type Staged } from '../records/write.js';
import { OUTPUT_KEYS, outputOf, readTemplate, templateOf } from '../render/templates.js';
import { RECORD_RULES } from '../rules/index.js';
import type { RecordFacts } from '../rules/types.js';
import type { Day } from '../values/date.js';
import { nearest } from '../values/nearest.js';
import { openFolder, scanFolder, toDiagnostic } from './check.js';
import { checklistRows, recordsOfMonth, type TallyRow } from './tally.js';

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

export interface ExportedFile {
  /** Absolute path. */
  file: string;
  /** The form key, or `checklist`. */
  output: string;
  records: number;
}

export interface ExportResult {
  written: ExportedFile[];
  /** Months that had no records: nothing was written for them. */
  empty: string[];
  /** Records exported although `check` finds errors in them, with the first of those errors. */
  failing: Array<{ file: string; rule: string; message: string }>;
}

export function checkOnly(only: readonly string[]): void {
  for (const key of only) {
    if (OUTPUT_KEYS.includes(key)) continue;
    const guess = nearest(key, OUTPUT_KEYS);
    throw new KmswError(say(`--only 里的“${key}”不是表格名称${guess ? `，是不是 ${guess}？` : ''}（可用：${OUTPUT_KEYS.join('、')}）`, `--only: "${key}" is not a form${guess ? `; did you mean ${guess}?` : ''} (one of ${OUTPUT_KEYS.join(', ')})`));
  }
}

interface Job {
  month: string;
  output: string;
  template: string;
  file: string;
  records: RecordFacts[];
}

/** `督导工作日志-2026年11月.docx`. */
const outputName = (key: string, month: string) => {
  const { title, ext } = outputOf(key);
  const [y, m] = month.split('-');
  return `${title}-${y}年${m}月.${ext}`;
};

export async function exportMonth(opts: ExportOptions): Promise<ExportResult> {
  if (opts.only) checkOnly(opts.only);
  const months = opts.month ? [opts.month] : Array.from({ length: 12 }, (_, i) => `${opts.year}-${String(i + 1).padStart(2, '0')}`);
  const { ctx, settings } = await openFolder({ root: opts.root, today: opts.today, month: opts.month, year: opts.month ? undefined : opts.year });
  // Only the period's folders are read: exporting a month of an office's ten years stays quick.
  const prefixes = months.map((m) => `${m.slice(0, 4)}/${m.slice(5, 7)}/`);
  const files = (await listRecordFiles(opts.root)).filter((f) => prefixes.some((p) => f.startsWith(p)));
  const { findings, facts } = await scanFolder(ctx, { rules: RECORD_RULES, files, keepRaw: true });
  const wanted = (key: string) => !opts.only || opts.only.includes(key);

  const jobs: Job[] = [];
  const empty: string[] = [];
  const tallies = new Map<string, TallyRow[]>();
  for (const month of months) {
    const dir = opts.out ? (opts.month ? path.resolve(opts.out) : path.resolve(opts.out, month)) : path.join(opts.root, 'exports', month);
    const tally = checklistRows(facts, month);
    if (tally.every((row) => row.count === 0)) {
      empty.push(month);
      continue;
    }
    tallies.set(month, tally);
    const byForm = FORMS.map((form) => ({ key: form.key, records: recordsOfMonth(facts, form.key, month) }));
    for (const { key, records } of [...byForm, { key: 'checklist', records: [] }]) {
      if ((records.length === 0 && key !== 'checklist') || !wanted(key)) continue;
      jobs.push({ month, output: key, template: templateOf(opts.root, key).file, file: path.join(dir, outputName(key, month)), records });
    }
  }

  // Every template is read and checked before the first file is written.
  const prepared = new Map<string, Prepared>();
  const problems: string[] = [];
  for (const job of jobs) {
    const id = `${job.output}\u0000${job.template}`;
    if (prepared.has(id)) continue;
    try {
      const ready = await prepare(job.output, readTemplate(job.template));
      prepared.set(id, ready);
      if (ready.unknown.length > 0) {
        const known = await knownPlaceholders(job.output);
        const list = ready.unknown.map((key) => {
          const guess = nearest(key, known);
          return `{{${key}}}${guess ? say(`（是不是 {{${guess}}}？）`, ` (did you mean {{${guess}}}?)`) : ''}`;
        });
        problems.push(say(`模板 ${job.template} 里有不认识的占位符：${list.join('、')}。请改正，可用的有：${known.map((k) => `{{${k}}}`).join(' ')}`, `the template ${job.template} has placeholders kmsw does not know: ${list.join(', ')}. Correct them; the known ones: ${known.map((k) => `{{${k}}}`).join(' ')}`));
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push(
        e instanceof KmswError
          ? e.message
          : code
          ? say(`无法读取模板 ${job.template}（${code}）`, `cannot read the template ${job.template} (${code})`)
          : say(`模板 ${job.template} 打不开：${(e as Error).message}。它应是 Word（.docx）或 Excel（.xlsx）文件`, `the template ${job.template} cannot be opened: ${(e as Error).message}. It should be a Word (.docx) or Excel (.xlsx) file`),
      );
    }
  }
  if (problems.length > 0) throw new KmswError(problems.join('\n'));

  const exported = new Set(jobs.flatMap((j) => j.records.map((r) => r.file)));
  const failing = findings
    .filter((f) => exported.has(f.file))
    .map((f) => toDiagnostic(f, settings))
    .filter((d) => d.severity === 'error')
    .filter((d, i, all) => all.findIndex((o) => o.file === d.file) === i)
    .map((d) => ({ file: d.file, rule: d.rule, message: d.message }));

  const dirs = new Set(jobs.map((j) => path.dirname(j.file)));
  // Never through a linked exports/ that leaves the folder; a target that is a file, or a place
  // such as /proc where folders cannot be made, stops here with its name, before anything is written.
  for (const dir of dirs) {
    const rel = path.relative(opts.root, dir);
    if (!(rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel))) insideFolder(opts.root, rel, { for: 'write' });
  }
  for (const dir of dirs) {
    makeFolder(dir);
    await removeStaleTemps(dir);
  }
  // Every file is written in full beside its place first, then all are put in place together: an
  // export stopped while writing (killed, a full disk) leaves the earlier export whole, and the
  // forms and the checklist of one export are never mixed with another's but for milliseconds.
  const staged: Staged[] = [];
  try {
    for (const job of jobs) {
      const bytes = await render(job, prepared.get(`${job.output}\u0000${job.template}`)!, opts.root, tallies.get(job.month)!, Object.keys(ctx.config.counties));
      staged.push(await stage(job.file, bytes));
      opts.onProgress?.(staged.length, jobs.length, job.file);
    }
  } catch (e) {
    await Promise.all(staged.map((s) => s.discard()));
    throw e;
  }
  for (const s of staged) await s.commit();
  const written = jobs.map((job) => ({ file: job.file, output: job.output, records: job.records.length }));
  return { written, empty, failing };
}

interface Prepared {
  unknown: string[];
  word?: import('../render/word.js').PreparedWord;
  excel?: import('../render/excel.js').PreparedExcel;
}

async function prepare(output: string, template: Uint8Array): Promise<Prepared> {
  const form = formByKey(output);
  if (form?.document === 'docx') {
    const word = await (await import('../render/word.js')).prepareWord(form, template);
    return { unknown: word.unknown, word };
  }
  const excel = await (await import('../render/excel.js')).prepareExcel(template);
  const known = new Set(await knownPlaceholders(output));
  return { unknown: excel.placeholders.filter((key) => !known.has(key)), excel };
}

async function render(job: Job, prepared: Prepared, root: string, tally: TallyRow[], counties: string[]): Promise<Uint8Array> {
  const { readable } = await import('../render/readable.js');
  const form = formByKey(job.output);
  // The scan kept each record's YAML as written: every field that can be read is rendered.
  const records = form ? job.records.map((r) => ({ file: r.file, values: readable(form.fields, r.raw) })) : [];
  if (prepared.word) return prepared.word.render(records, root);
  const { excelOutput } = await import('../render/sheets.js');
  return prepared.excel!.render(excelOutput(job.output).sheets(records, { month: job.month, tally, counties }));
}

async function knownPlaceholders(output: string): Promise<string[]> {
  const form = formByKey(output);
  if (form?.document === 'docx') return (await import('../render/values.js')).placeholderFields(form.fields).map((p) => p.key);
  return (await import('../render/sheets.js')).excelOutput(output).placeholders;
}
