/**
 * What `list`, `tally`, `export`, `templates list` and `check --list-rules` print on a terminal.
 * The commands return data; these turn it into text (JSON is printed as the data itself).
 */
import path from 'node:path';
import { getLang, msg } from '../i18n.js';
import type { TemplateInfo } from '../render/templates.js';
import type { RuleInfo } from '../rules/index.js';
import type { ExportResult, LeftOut, ListRow, Tally } from '../scan/results.js';
import { printable, textTable } from './table.js';

/** Things said once after a command's output: `注意：…`, each on its own line. */
export const noteLines = (notes: readonly string[] = []) => notes.map((n) => printable(`${msg().reports.note}${n}`));

export function formatList(rows: readonly ListRow[], month: string | undefined, notes: readonly string[] = []): string {
  return [listTable(rows, month), ...noteLines(notes)].join('\n');
}

function listTable(rows: readonly ListRow[], month: string | undefined): string {
  if (rows.length === 0) {
    return month ? msg().reports.noRecordsIn(month) : msg().reports.noRecordsYetRun;
  }
  const table = textTable(
    [msg().reports.date, msg().reports.form, msg().reports.who, msg().reports.file],
    rows.map((r) => [
      r.when ?? '?',
      (getLang() === 'en' ? r.form : r.title) ?? msg().reports.unreadable,
      r.who ?? '',
      r.problem ? `${r.file}  ← ${r.problem}` : r.file,
    ]),
  );
  const bad = rows.filter((r) => r.problem).length;
  return `${table}\n${msg().reports.recordsBadOfThem(rows.length, bad)}`;
}

export function formatTally(result: Tally): string {
  const [y, m] = result.month.split('-');
  const lines = [
    msg().reports.checklistOf(y, m, result.month),
    textTable(
      [
        msg().reports.no,
        msg().reports.form2,
        msg().reports.count,
        msg().reports.quality,
        msg().reports.score,
        msg().reports.notes,
      ],
      result.rows.map((r) => [String(r.no), r.name, String(r.count), '', '', '']),
    ),
    msg().reports.qualityScoreAndNotes,
  ];
  const counted = new Set(result.rows.flatMap((r) => r.files)).size;
  lines.push(
    result.leftOut.length > 0
      ? msg().reports.recordsCountedFilesOf(counted, result.leftOut.length)
      : msg().reports.recordsCountedEveryRecord(counted),
  );
  lines.push(...leftOutLines(result.leftOut), ...noteLines(result.notes));
  return lines.join('\n');
}

/** A diagnostic's hint on its own line under it, as check prints it. */
const hintLine = (hint: string | undefined) =>
  hint === undefined ? [] : [printable(`      ${msg().reports.hint}${hint}`)];

/** Each file left out, where its fault is and what it is: `2026/11/log/x.yaml:3:7  …  (invalid-value)`. */
export function leftOutLines(leftOut: readonly LeftOut[]): string[] {
  return leftOut.flatMap((l) => [
    printable(`  ${l.file}:${l.line}:${l.column}  ${l.message}  (${l.rule})`),
    ...hintLine(l.hint),
  ]);
}

/**
 * The files written, relative to where the person is; then the months without records, the records
 * that fail check, and last, where it cannot be missed, the record files left out and why.
 */
export function formatExport(result: ExportResult, period: string, byYear: boolean): string {
  const lines: string[] = [];
  const records = result.written.reduce((n, w) => n + w.records, 0);
  const missing = result.leftOut.length;
  if (result.written.length === 0) {
    lines.push(missing ? msg().reports.noRecordsToExport(period, missing) : msg().reports.noRecordsInNothing(period));
  } else {
    lines.push(msg().reports.exportedFilesRecordsRecords(result.written.length, records, missing));
    const shown = (f: string) => printable(path.relative(process.cwd(), f) || f);
    for (const w of result.written)
      lines.push(
        `  ${shown(w.file)}${w.records ? msg().reports.records(w.records) : ''}` +
          (w.span ? msg().evaluation.exportSpan(w.span.from, w.span.to) : ''),
      );
    if (byYear && result.empty.length > 0) lines.push(msg().reports.monthsWithoutRecords(result.empty));
  }
  if (result.failing.length > 0) {
    lines.push(msg().reports.noteTheseRecordsFail(result.failing.length));
    for (const f of result.failing)
      lines.push(printable(`  ${f.file}  ${f.message}  (${f.rule})`), ...hintLine(f.hint));
  }
  if (result.photosLeftOut?.length) {
    lines.push(msg().photos.noteLeftOut(result.photosLeftOut.length));
    for (const p of result.photosLeftOut) lines.push(printable(`  ${p.file}  ${p.photo}  ${p.message}`));
  }
  if (result.unignored) {
    const folder = result.unignored;
    lines.push(msg().reports.noteThisRecordsFolder(folder));
  }
  if (missing > 0) {
    lines.push(msg().reports.leftOutTheseRecord(missing));
    lines.push(...leftOutLines(result.leftOut));
  }
  lines.push(...noteLines(result.notes));
  return lines.join('\n');
}

export function formatTemplates(templates: readonly TemplateInfo[], root: string): string {
  const table = textTable(
    [msg().reports.template, msg().reports.source, msg().reports.file],
    templates.map((t) => [
      t.name,
      t.source === 'folder' ? msg().reports.thisFolder : msg().reports.builtIn,
      t.source === 'folder' ? path.relative(root, t.file) : t.file,
    ]),
  );
  return `${table}\n${msg().reports.toChangeOneKmsw}`;
}

export function formatRules(rules: readonly RuleInfo[]): string {
  const severity = (s: string) =>
    s === 'error' ? msg().reports.error : s === 'warning' ? msg().reports.warning : msg().reports.depends;
  return textTable(
    [msg().reports.rule, msg().reports.severity, msg().reports.whatItChecks],
    rules.map((r) => [r.id, severity(r.severity), getLang() === 'en' ? r.en : r.zh]),
  );
}

/** A bar on the terminal that fills as files are written, and clears itself at the end. */
export function progressBar(
  stream: NodeJS.WriteStream,
  width = 24,
): (done: number, total: number, file: string) => void {
  return (done, total, file) => {
    const filled = Math.round((done / total) * width);
    stream.write(
      `\r${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total} ${printable(path.basename(file))}\x1b[K`,
    );
    if (done === total) stream.write('\r\x1b[K');
  };
}
