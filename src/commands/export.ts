/**
 * `kmsw export`: the month's official forms for the project office. Word for the forms kept one
 * record a page, Excel for the wide tables, the survey's counts and the checklist, each rendered
 * from its template (the folder's own, or kmsw's). Every template is checked before anything is
 * written; every file is written to a temporary name and renamed, so an export that stops halfway
 * leaves the previous one whole.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KmswError } from '../errors.js';
import { CHECKLIST_TITLE } from '../forms/checklist.js';
import type { Form } from '../forms/form.js';
import { FORMS, formByKey } from '../forms/index.js';
import { say } from '../i18n.js';
import { listRecordFiles, loadFileSync } from '../records/load.js';
import { writeAtomic } from '../records/write.js';
import { RECORD_RULES } from '../rules/index.js';
import type { RecordFacts } from '../rules/types.js';
import type { Day } from '../values/date.js';
import { nearest } from '../values/nearest.js';
import { openFolder, scanFolder, toDiagnostic } from './check.js';
import { recordsOfMonth, type TallyRow } from './tally.js';
import { CHECKLIST } from '../forms/checklist.js';

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

const OUTPUTS = [...FORMS.map((f) => f.key), 'checklist'];

export function checkOnly(only: readonly string[]): void {
  for (const key of only) {
    if (OUTPUTS.includes(key)) continue;
    const guess = nearest(key, OUTPUTS);
    throw new KmswError(say(`--only 里的“${key}”不是表格名称${guess ? `，是不是 ${guess}？` : ''}（可用：${OUTPUTS.join('、')}）`, `--only: "${key}" is not a form${guess ? `; did you mean ${guess}?` : ''} (one of ${OUTPUTS.join(', ')})`));
  }
}

interface Job {
  month: string;
  output: string;
  template: string;
  file: string;
  records: RecordFacts[];
}

const outputName = (title: string, month: string, ext: string) => {
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
  const { findings, facts } = await scanFolder(ctx, { rules: RECORD_RULES, files });
  const wanted = (key: string) => !opts.only || opts.only.includes(key);
  const { templateFor } = await import('../render/templates.js');

  const jobs: Job[] = [];
  const empty: string[] = [];
  const tallies = new Map<string, TallyRow[]>();
  for (const month of months) {
    const dir = opts.out ? (opts.month ? path.resolve(opts.out) : path.resolve(opts.out, month)) : path.join(opts.root, 'exports', month);
    const byForm = FORMS.map((form) => ({ form, records: recordsOfMonth(facts, form.key, month) }));
    if (byForm.every((f) => f.records.length === 0)) {
      empty.push(month);
      continue;
    }
    tallies.set(month, CHECKLIST.map((row, i) => {
      const records = byForm.find((f) => f.form.key === row.form)!.records;
      return { no: i + 1, form: row.form, name: row.name, count: records.length, files: records.map((r) => r.file) };
    }));
    for (const { form, records } of byForm) {
      if (records.length === 0 || !wanted(form.key)) continue;
      const name = `${form.title}.${form.document}`;
      jobs.push({ month, output: form.key, template: templateFor(opts.root, name).file, file: path.join(dir, outputName(form.title, month, form.document)), records });
    }
    if (wanted('checklist')) {
      jobs.push({ month, output: 'checklist', template: templateFor(opts.root, `${CHECKLIST_TITLE}.xlsx`).file, file: path.join(dir, outputName(CHECKLIST_TITLE, month, 'xlsx')), records: [] });
    }
  }

  // Every template is read and checked before the first file is written.
  const prepared = new Map<string, Prepared>();
  const problems: string[] = [];
  for (const job of jobs) {
    const id = `${job.output}\u0000${job.template}`;
    if (prepared.has(id)) continue;
    try {
      const ready = await prepare(job.output, readFileSync(job.template));
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
        code
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

  const written: ExportedFile[] = [];
  for (const job of jobs) {
    const bytes = await render(job, prepared.get(`${job.output}\u0000${job.template}`)!, opts.root, tallies.get(job.month)!, Object.keys(ctx.config.counties));
    await writeAtomic(job.file, bytes);
    written.push({ file: job.file, output: job.output, records: job.records.length });
    opts.onProgress?.(written.length, jobs.length, job.file);
  }
  return { written, empty, failing };
}

/** The record's own values, read again in full (the scan kept only what the rules need). */
async function fullRecords(form: Form, records: readonly RecordFacts[], root: string) {
  const { readable } = await import('../render/readable.js');
  return records.map((r) => ({ file: r.file, values: readable(form.fields, loadFileSync(root, r.file).parsed?.value) }));
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
  const sheets = await import('../render/sheets.js');
  if (job.output === 'checklist') return prepared.excel!.render([sheets.checklistSheet(job.month, tally)]);
  const form = formByKey(job.output)!;
  const records = await fullRecords(form, job.records, root);
  if (prepared.word) return prepared.word.render(records, root);
  return prepared.excel!.render(form.key === 'survey' ? sheets.surveySheets(records) : sheets.stationSheets(form, records, counties));
}

async function knownPlaceholders(output: string): Promise<string[]> {
  const sheets = await import('../render/sheets.js');
  if (output === 'checklist') return sheets.CHECKLIST_PLACEHOLDERS;
  const form = formByKey(output)!;
  if (form.key === 'survey') return sheets.SURVEY_PLACEHOLDERS;
  if (form.document === 'xlsx') return sheets.stationPlaceholders(form);
  const { placeholderFields } = await import('../render/values.js');
  return placeholderFields(form.fields).map((p) => p.key);
}
