/**
 * The report as one self-contained HTML page: inline CSS, each chart an inline SVG drawn by
 * ECharts on the server, no script, no font or image fetched. Printed on A4, each section starts a
 * page. Every number stands in a table cell with a `data-k` key (`quota.五华区.face-to-face`), so a
 * test (or a script) reads the page's numbers back and compares them with status, tally and check.
 */
import { getLang, msg } from '../../i18n.js';
import type { Report } from '../../scan/results.js';
import { showDuration } from '../../values/duration.js';
import {
  COLOURS,
  expertChart,
  FONTS,
  logCalendar,
  onlineChart,
  problemChart,
  quotaChart,
  signatureChart,
  tallyChart,
} from './charts.js';

type ECharts = typeof import('echarts');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text from the records folder (names, file names) as HTML text or an attribute value. */
export const esc = (text: string | number) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A number's cell, keyed for whoever reads the page back. */
const num = (key: string, value: number | string) => `<td class="n" data-k="${esc(key)}">${esc(value)}</td>`;
const cell = (text: string | number) => `<td>${esc(text)}</td>`;
const head = (labels: readonly string[]) => `<tr>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr>`;
const table = (labels: readonly string[], rows: readonly string[]) =>
  `<table><thead>${head(labels)}</thead><tbody>${rows.map((r) => `<tr>${r}</tr>`).join('')}</tbody></table>`;
const chart = (svg: string, name: string) => `<figure class="chart" data-chart="${esc(name)}">${svg}</figure>`;
const note = (text: string) => `<p class="note">${esc(text)}</p>`;

interface Section {
  id: string;
  title: string;
  body: string;
}

const section = ({ id, title, body }: Section) => `<section id="${id}"><h2>${esc(title)}</h2>${body}</section>`;

function quotaSection(echarts: ECharts, r: Report): Section {
  const m = msg().report;
  const min = showDuration(r.faceToFaceMin);
  const counties = r.quotas.filter((q) => q.what === 'face-to-face').map((q) => q.county!);
  const line = (county: string, what: string) => r.quotas.find((q) => q.county === county && q.what === what)!;
  const rows = counties.map((c) => {
    const face = line(c, 'face-to-face');
    const site = line(c, 'on-site');
    return [cell(c), num(`quota.${c}.face-to-face`, face.count), cell(face.target)]
      .concat([num(`quota.${c}.on-site`, site.count), cell(site.target)])
      .join('');
  });
  const labels = [m.county, m.faceToFace(min), m.target, m.onSite, m.target];
  const body =
    note(m.yearToDate(r.year)) + note(m.quotaNote(min)) + chart(quotaChart(echarts, r), 'quota') + table(labels, rows);
  return { id: 'quota', title: m.quotaTitle, body };
}

function onlineSection(echarts: ECharts, r: Report): Section {
  const m = msg().report;
  const quarters = r.quotas.filter((q) => q.what === 'online-quarter');
  const year = r.quotas.find((q) => q.what === 'online-year')!;
  const rows = quarters.map((q) =>
    [cell(m.quarter(q.quarter!)), num(`quota.online.q${q.quarter}`, q.count), cell(q.target)]
      .concat(cell(q.offDuty ? m.offDuty : q.started ? '' : m.notStarted))
      .join(''),
  );
  rows.push([cell(m.wholeYear), num('quota.online.year', year.count), cell(year.target), cell('')].join(''));
  const body = chart(onlineChart(echarts, r), 'online') + table([m.quarterHead, m.done, m.target, m.remark], rows);
  return { id: 'online', title: m.onlineTitle, body };
}

function logSection(echarts: ECharts, r: Report): Section {
  const m = msg().report;
  const legend = (['written', 'faulty', 'missing', 'holiday', 'weekend', 'not-due'] as const)
    .map((s) => `<span><i style="background:${COLOURS[s]}"></i>${esc(legendWord(s))}</span>`)
    .concat(`<span><b>${esc(m.adjustedMark)}</b> ${esc(m.adjustedDay)}</span>`)
    .join('');
  const calendars = r.logs
    .map((log) => `<div class="calendar"><h3>${esc(log.name)}</h3>${chart(logCalendar(echarts, r, log), `log`)}</div>`)
    .join('');
  const rows = r.logs.map((l) =>
    [cell(l.name), num(`log.${l.name}.expected`, l.expected), num(`log.${l.name}.written`, l.written)]
      .concat([num(`log.${l.name}.faulty`, l.faulty), num(`log.${l.name}.missing`, l.missing)])
      .join(''),
  );
  const labels = [m.assistant, m.expected, m.written, m.faulty, m.missing];
  const body = note(m.logsNote) + `<p class="legend">${legend}</p>` + calendars + table(labels, rows);
  return { id: 'logs', title: m.logsTitle, body };
}

function legendWord(state: 'written' | 'faulty' | 'missing' | 'holiday' | 'weekend' | 'not-due'): string {
  const m = msg().report;
  const holiday = m.marked(m.holiday, m.holidayMark);
  const words = { written: m.written, faulty: m.faulty, missing: m.missing, holiday, weekend: m.weekend };
  return state === 'not-due' ? m.notDue : words[state];
}

const overdueItem = (p: Report['signatures']['pending'][number]) =>
  `<li>${esc(msg().reportSigns.overdueItem(p.file, p.label, p.signer, p.due))}</li>`;

function signatureSection(echarts: ECharts, r: Report): Section {
  const m = msg().reportSigns;
  const { signed, pending } = r.signatures;
  const overdue = pending.filter((p) => p.overdue);
  const rows = [
    [cell(m.signedCount), num('sign.signed', signed.length)],
    [cell(m.lateCount(r.signatureDays)), num('sign.late', signed.filter((s) => s.late).length)],
    [cell(m.pendingCount), num('sign.pending', pending.length)],
    [cell(m.pendingOverdue), num('sign.pending-overdue', overdue.length)],
  ].map((cells) => cells.join(''));
  const list =
    overdue.length > 0
      ? `<h3>${esc(m.overdueList)}</h3><ul class="files">${overdue.map((p) => overdueItem(p)).join('')}</ul>`
      : '';
  const body =
    note(m.signNote(r.signatureDays)) +
    chart(signatureChart(echarts, r), 'signatures') +
    table([m.signHead, m.countHead], rows) +
    list;
  return { id: 'signatures', title: m.signTitle, body };
}

function expertSection(echarts: ECharts, r: Report): Section {
  const m = msg().reportSigns;
  const rows = r.experts.map((e) => {
    const evaluations =
      e.evaluations.map((v) => `${v.date} ${v.result ?? ''}`.trim()).join(m.listSeparator) || m.noEvaluation;
    const satisfaction = e.satisfaction === undefined ? '—' : (Math.round(e.satisfaction * 100) / 100).toFixed(2);
    return [cell(e.name), num(`expert.${e.name}.sessions`, e.sessions), num(`expert.${e.name}.minutes`, e.minutes)]
      .concat([cell(showDuration(e.minutes)), num(`expert.${e.name}.satisfaction`, satisfaction), cell(evaluations)])
      .join('');
  });
  const labels = [m.expert, m.sessions, m.minutes, m.duration, m.satisfaction, m.evaluations];
  const drawn = r.experts.length > 0 ? chart(expertChart(echarts, r), 'experts') : '';
  return { id: 'experts', title: m.expertsTitle, body: note(m.expertsNote) + drawn + table(labels, rows) };
}

function tallySection(echarts: ECharts, r: Report): Section {
  const m = msg().reportCounts;
  const months = r.tallies.map((t) => m.monthShort(Number(t.month.slice(5, 7))));
  const rows = (r.tallies[0]?.rows ?? []).map((row, i) => {
    const counts = r.tallies.map((t) => num(`tally.${t.month}.${row.form}`, t.rows[i]!.count));
    const total = r.tallies.reduce((sum, t) => sum + t.rows[i]!.count, 0);
    return [cell(row.name), ...counts, num(`tally.total.${row.form}`, total)].join('');
  });
  const drawn = r.tallies.length > 0 ? chart(tallyChart(echarts, r), 'tally') : '';
  return {
    id: 'tally',
    title: m.tallyTitle,
    body: note(m.tallyNote) + drawn + `<div class="wide">${table([m.form, ...months, m.total], rows)}</div>`,
  };
}

/** The check that gives the same numbers: the report's period, not check's default of the current month. */
const checkCommand = (r: Report) => (r.month ? `kmsw check --month ${r.month}` : `kmsw check --year ${r.year}`);

function problemSection(echarts: ECharts, r: Report): Section {
  const m = msg().reportCounts;
  const { summary, rules } = r.problems;
  const counts =
    `<p class="note" data-k="check.errors" data-v="${summary.errors}">` +
    `${esc(m.problemsNote(summary.files, summary.errors, summary.warnings, checkCommand(r)))}</p>` +
    `<p hidden data-k="check.warnings" data-v="${summary.warnings}"></p>`;
  if (rules.length === 0)
    return { id: 'problems', title: m.problemsTitle, body: counts + `<p>${esc(m.noProblems)}</p>` };
  const rows = rules.map((p) =>
    [cell(p.rule), num(`check.${p.rule}.errors`, p.errors), num(`check.${p.rule}.warnings`, p.warnings)]
      .concat(`<td class="files">${p.files.map(esc).join('<br>')}</td>`)
      .join(''),
  );
  const body =
    counts + chart(problemChart(echarts, r), 'problems') + table([m.rule, m.errors, m.warnings, m.files], rows);
  return { id: 'problems', title: m.problemsTitle, body };
}

function unreadSection(r: Report): string {
  if (r.unread.length === 0) return '';
  const m = msg().reportCounts;
  const items = r.unread.map((u) => `<li>${esc(m.unreadItem(u.file, u.message))}</li>`).join('');
  return `<h3>${esc(m.unreadTitle)}</h3><p class="note">${esc(m.unreadNote)}</p><ul class="files">${items}</ul>`;
}

const CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: ${FONTS}; color: #222; margin: 0 auto; max-width: 720px; padding: 16px; font-size: 13px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; border-bottom: 2px solid #2e7d9a; padding-bottom: 4px; }
h3 { font-size: 13px; margin: 10px 0 2px; }
section { break-before: page; } section:first-of-type { break-before: auto; }
.note { color: #555; margin: 4px 0; }
figure.chart { margin: 6px 0; break-inside: avoid; } figure.chart svg { max-width: 100%; height: auto; }
.calendar { break-inside: avoid; }
table { border-collapse: collapse; margin: 8px 0; } tr { break-inside: avoid; }
th, td { border: 1px solid #c8ced6; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef3f7; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.files, ul.files { font-size: 11px; word-break: break-all; }
.wide { overflow-x: auto; } .wide table { font-size: 11px; }
.legend span { margin-right: 12px; white-space: nowrap; }
.legend i { display: inline-block; width: 11px; height: 11px; margin-right: 4px; vertical-align: -1px; }
.legend i { border: 1px solid #ccc; }
nav ol { columns: 2; margin: 6px 0; }
@media print { body { max-width: none; padding: 0; } .wide { overflow: visible; } }
`;

/** The report's page. */
export async function renderReport(r: Report): Promise<string> {
  const echarts = await import('echarts');
  const m = msg().report;
  const period = r.month ? m.month(r.year, Number(r.month.slice(5, 7))) : m.year(r.year);
  const title = m.title(r.centre, period);
  const sections = [
    quotaSection(echarts, r),
    onlineSection(echarts, r),
    logSection(echarts, r),
    signatureSection(echarts, r),
    expertSection(echarts, r),
    tallySection(echarts, r),
    problemSection(echarts, r),
  ];
  const nav = `<nav><strong>${esc(m.contents)}</strong><ol>${sections
    .map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`)
    .join('')}</ol></nav>`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${getLang() === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title><style>${CSS}</style></head><body>`,
    `<header><h1>${esc(title)}</h1>${note(m.counted(r.until, r.today))}${nav}</header>`,
    ...sections.map(section),
    unreadSection(r),
    '</body></html>',
    '',
  ].join('\n');
}
