/**
 * `kmsw report`: the year's (or a month's) picture for the project office, one HTML file with
 * charts. Every number is taken from what `status`, `tally` and `check` return for the same period
 * (their functions, not a second count), and the rest (the log calendar, signature delays, the
 * experts' figures) from the facts `status` scanned.
 */
import path from 'node:path';
import { valueAt, type Signature } from '../forms/fields.js';
import { insideFolder, makeFolder } from '../records/inside.js';
import { coversPeriod } from '../records/load.js';
import { removeStaleTemps, writeAtomic } from '../records/write.js';
import { figuresOf } from '../rules/evaluation.js';
import { logDays } from '../rules/folder.js';
import { signatureSlots } from '../rules/record.js';
import type { FolderContext, RecordFacts } from '../rules/types.js';
import { scanFolder } from '../scan/folder.js';
import { whyLeftOut } from '../scan/period.js';
import type { LeftOut, LogDayState, Report, ReportResult } from '../scan/results.js';
import { msg } from '../i18n.js';
import { bareName } from '../values/text.js';
import { addDays, daysBetween, monthEnd, type Day } from '../values/date.js';
import { check } from './check.js';
import { statusScan, type StatusScan } from './status.js';
import { tallyMonths } from './tally.js';

export interface ReportOptions {
  root: string;
  today: Day;
  /** A year's report, or (with `month`) a month's. */
  year?: number;
  /** `YYYY-MM`. */
  month?: string;
  workerScript?: string;
}

/** The report's numbers. */
export async function reportData(opts: ReportOptions): Promise<Report> {
  const year = opts.month ? Number(opts.month.slice(0, 4)) : (opts.year ?? Number(opts.today.slice(0, 4)));
  const from = opts.month ? `${opts.month}-01` : `${year}-01-01`;
  const to = opts.month ? monthEnd(opts.month) : `${year}-12-31`;
  const until = opts.today < to ? opts.today : to;
  const scanned = await statusScan({ root: opts.root, today: opts.today, year });
  const checked = await check({
    root: opts.root,
    today: opts.today,
    ...(opts.month ? { month: opts.month } : { year }),
    workerScript: opts.workerScript,
  });
  const months = monthsOf(from, until);
  const tallies =
    months.length > 0
      ? await tallyMonths({ root: opts.root, today: opts.today, months, scanned: scanned.scanned })
      : [];
  const { status, facts, ctx } = scanned;
  const logs = logCalendars(scanned, opts.month ? { month: opts.month } : { year }, from, to);
  const unread = countedOn(
    await notCounted(scanned, opts.month ? `${year}/${opts.month.slice(5)}/` : `${year}/`),
    logs.faultyFiles,
  );
  const inPeriod = (d: string | undefined) => d !== undefined && d >= from && d <= to;
  return {
    year,
    ...(opts.month ? { month: opts.month } : {}),
    from,
    to,
    until,
    today: opts.today,
    centre: status.centre,
    faceToFaceMin: status.faceToFaceMin,
    signatureDays: ctx.thresholds.signatureDays,
    quotas: status.quotas,
    logs: logs.lines,
    signatures: {
      signed: signedDelays(facts, from, to, ctx.thresholds.signatureDays),
      pending: status.signatures.filter((s) => inPeriod(s.date)),
    },
    experts: expertFigures(scanned, from, to),
    tallies,
    problems: { summary: checked.summary, rules: byRule(checked.diagnostics) },
    unread,
  };
}

/**
 * The period's files (under `prefix`) that are in none of the report's numbers, each with check's reason: those that
 * gave no record (broken YAML, a link, an unreadable folder: status's unread) and the records whose date does not read.
 */
async function notCounted({ status, facts, ctx, scanned, settings }: StatusScan, prefix: string): Promise<LeftOut[]> {
  // A file of the period's folders, or a linked or unreadable folder that holds them.
  const unread = status.unread.filter((u) => coversPeriod(u.file, prefix)).map((u) => u.file);
  const undated = facts.filter((r) => r.when === undefined && r.file.startsWith(prefix)).map((r) => r.file);
  // A link's reason, as check gives it (the scan of the files did not follow it).
  const links = scanned.links.filter((l) => unread.includes(l.file));
  const linked = links.length > 0 ? (await scanFolder(ctx, { rules: [], files: [], links })).findings : [];
  const findings = [...linked, ...scanned.findings];
  return whyLeftOut([...unread, ...undated].sort(), { facts, findings, settings });
}

/**
 * The files not counted, each log among them that the calendar still puts on a day said so: a log file whose name
 * gives the day and the assistant (a GBK file, one whose date does not read) makes that day one with errors, never a
 * missing one, as check and status count it.
 */
function countedOn(unread: LeftOut[], faultyFiles: ReadonlyMap<string, string[]>): LeftOut[] {
  return unread.map((u) => {
    const days = faultyFiles.get(u.file);
    return days ? { ...u, message: msg().reportCounts.countedAsFaulty(u.message, days) } : u;
  });
}

/** The months from `from` up to `until` (none when the period has not begun). */
function monthsOf(from: Day, until: Day): string[] {
  const months: string[] = [];
  for (let m = from.slice(0, 7); `${m}-01` <= until; m = addDays(monthEnd(m), 1).slice(0, 7)) months.push(m);
  return months;
}

/** Each assistant's days of the period: written, with errors, missing, or no log due (holiday, weekend, not yet). */
function logCalendars(
  { facts, ctx, files, clean }: StatusScan,
  scope: FolderContext['scope'],
  from: Day,
  to: Day,
): { lines: Report['logs']; faultyFiles: Map<string, string[]> } {
  const lines = logDays(facts, { ...ctx, scope }, files, clean);
  // Each file of a day with errors, with the assistants and days it stands for (`李明 11-23`).
  const faultyFiles = new Map<string, string[]>();
  for (const line of lines)
    for (const { day, files: theirs } of line.faulty)
      if (day >= from && day <= to)
        for (const file of theirs) faultyFiles.set(file, [...(faultyFiles.get(file) ?? []), `${line.name} ${day}`]);
  const calendars = lines.map((line) => {
    const missing = new Set(line.missing);
    const faulty = new Set(line.faulty.map((f) => f.day));
    const expected = new Set(line.expected);
    const days: Report['logs'][number]['days'] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      const kind = ctx.calendar.kindOf(day);
      const state: LogDayState = expected.has(day)
        ? missing.has(day)
          ? 'missing'
          : faulty.has(day)
            ? 'faulty'
            : 'written'
        : kind === 'holiday'
          ? 'holiday'
          : kind === 'weekend'
            ? 'weekend'
            : 'not-due';
      days.push({ day, state, ...(kind === 'adjusted' ? { adjusted: true } : {}) });
    }
    return {
      name: line.name,
      days,
      expected: line.expected.length,
      written: line.expected.length - missing.size - faulty.size,
      faulty: faulty.size,
      missing: missing.size,
    };
  });
  return { lines: calendars, faultyFiles };
}

/** Every signature given on a record of the period, with the days from the session to it. */
function signedDelays(
  facts: readonly RecordFacts[],
  from: Day,
  to: Day,
  dueDays: number,
): Report['signatures']['signed'] {
  const signed: Report['signatures']['signed'] = [];
  for (const r of facts) {
    const date = r.values.date;
    if (typeof date !== 'string' || date < from || date > to) continue;
    for (const { path: at, field } of signatureSlots(r.form.fields)) {
      const sig = valueAt(r.values, at) as Signature | undefined;
      if (!sig?.name || !sig.date) continue;
      const days = daysBetween(date, sig.date);
      signed.push({ file: r.file, label: field.label, date, signed: sig.date, days, late: days > dueDays });
    }
  }
  return signed.sort((a, b) => a.days - b.days || (a.file < b.file ? -1 : 1));
}

/** Each expert's sessions, hours and satisfaction in the period, as an evaluation counts them; their evaluations. */
function expertFigures({ status, facts, ctx }: StatusScan, from: Day, to: Day): Report['experts'] {
  return ctx.config.experts.map(({ name }) => {
    const f = figuresOf(facts, name, from, to, ctx.counts);
    const theirs = status.evaluations.find((e) => e.expert === bareName(name))?.evaluations ?? [];
    return {
      name,
      sessions: f.sessions,
      minutes: f.minutes,
      byForm: f.byForm,
      ...(f.satisfaction !== undefined ? { satisfaction: f.satisfaction } : {}),
      ratings: f.ratings,
      surveys: f.surveys.length,
      evaluations: theirs
        .filter((e) => e.date >= from && e.date <= to)
        .map((e) => ({ file: e.file, date: e.date, ...(e.result ? { result: e.result } : {}) })),
    };
  });
}

/** check's diagnostics by rule, most first: how many errors and warnings, in which files. */
function byRule(diagnostics: Awaited<ReturnType<typeof check>>['diagnostics']): Report['problems']['rules'] {
  const rules = new Map<string, Report['problems']['rules'][number]>();
  for (const d of diagnostics) {
    let entry = rules.get(d.rule);
    if (!entry) rules.set(d.rule, (entry = { rule: d.rule, errors: 0, warnings: 0, files: [] }));
    if (d.severity === 'error') entry.errors++;
    else entry.warnings++;
    if (!entry.files.includes(d.file)) entry.files.push(d.file);
  }
  return [...rules.values()].sort(
    (a, b) => b.errors + b.warnings - (a.errors + a.warnings) || (a.rule < b.rule ? -1 : 1),
  );
}

/** The report's file name: `督导工作报告-2026年.html`, or `督导工作报告-2026年11月.html` for a month. */
export function reportName(year: number, month?: string): string {
  return month ? `督导工作报告-${year}年${Number(month.slice(5, 7))}月` : `督导工作报告-${year}年`;
}

/**
 * Writes the report: `exports/2026/督导工作报告-2026年.html` (a month's in `exports/2026-11/`, beside
 * that month's exports), or into `out`; with `pdf`, also the PDF, printed by a local browser.
 */
export async function writeReport(
  opts: ReportOptions & { out?: string; pdf?: boolean; lang?: 'zh' | 'en' },
): Promise<ReportResult> {
  // A KMSW_CHROME that names nothing stops the run before anything is counted or written.
  const pdf = opts.pdf ? await import('../render/report/pdf.js') : undefined;
  const browser = pdf?.findBrowser();
  const report = await reportData(opts);
  const dir = opts.out ? path.resolve(opts.out) : path.join(opts.root, 'exports', opts.month ?? String(report.year));
  const rel = path.relative(opts.root, dir);
  if (!(rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)))
    insideFolder(opts.root, rel, { for: 'write' });
  const { renderReport } = await import('../render/report/html.js');
  const html = await renderReport(report);
  makeFolder(dir);
  await removeStaleTemps(dir);
  const file = path.join(dir, `${reportName(report.year, opts.month)}.html`);
  await writeAtomic(file, html);
  if (!pdf) return { html: file, report };
  if (!browser) return { html: file, noBrowser: true, report };
  const printed = file.replace(/\.html$/, '.pdf');
  await pdf.printToPdf(browser, file, printed);
  return { html: file, pdf: printed, report };
}
