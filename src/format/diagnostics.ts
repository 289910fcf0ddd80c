/**
 * Prints what `check` found. Human: grouped by file, `line:column  severity  message  rule`, then
 * the line itself with a caret under the column, as hledger shows its errors, then the hint (what to
 * do) on its own dim line. JSON: spec section 6, with `hint` after `message` when there is one.
 */
import path from 'node:path';
import { Chalk } from 'chalk';
import { msg } from '../i18n.js';
import { CAPS, readRegular } from '../records/inside.js';
import type { RuleId } from '../rules/index.js';
import type { Diagnostic } from '../rules/types.js';
import type { CheckResult } from '../scan/results.js';
import { redactLines } from './redact.js';
import { displayWidth, printable } from './table.js';

export function formatJson(result: CheckResult): string {
  return `${JSON.stringify({ diagnostics: result.diagnostics, summary: result.summary }, null, 2)}\n`;
}

/** The text of the file's lines, private values starred out, read only for files that have something to show. */
function sourceLines(root: string, file: string): string[] | undefined {
  try {
    // The same guarded read as check's: never through a link, never a FIFO or /dev/zero, never over the cap.
    const text = readRegular(path.join(root, file), CAPS.record, { noFollow: true }).toString('utf8');
    return redactLines(text.replace(/^\uFEFF/, '').split(/\r?\n/));
  } catch {
    return undefined;
  }
}

export function formatHuman(result: CheckResult, opts: { root: string; color: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  for (const [file, diagnostics] of byFile) {
    out.push(c.bold.underline(printable(file, { lines: false })));
    const lines = sourceLines(opts.root, file);
    const shown = collapseLogs(diagnostics);
    shown.forEach(({ d, logs }, i) => {
      const sev = d.severity === 'error' ? c.red(msg().diagnostics.error) : c.yellow(msg().diagnostics.warning);
      const message = logs ? msg().diagnostics.noLogsOn(logs.name, logs.days.length) : d.message;
      out.push(`  ${c.dim(`${d.line}:${d.column}`)}  ${sev}  ${printable(message)}  ${c.dim(d.rule)}`);
      if (logs) for (const line of byMonth(logs.days)) out.push(`      ${printable(line)}`);
      // Several findings at one place (a missing log a day, on the assistant's line) share one excerpt, after the last.
      const next = shown[i + 1]?.d;
      if (!(next && next.line === d.line && next.column === d.column)) out.push(...excerpt(d, lines, c));
      // What to do closes the diagnostic: under its message, or under the excerpt when one follows it.
      const hint = logs ? msg().diagnostics.runNewLogEachDay(logs.name) : d.hint;
      if (hint !== undefined) out.push(c.dim(`      ${msg().diagnostics.hint}${printable(hint)}`));
    });
    out.push('');
  }
  for (const note of result.notes) out.push(c.cyan(`${msg().diagnostics.note}${printable(note)}`), '');
  const { files, errors, warnings } = result.summary;
  const counted = msg().diagnostics.checkedFileS(files, files === 1);
  if (errors === 0 && warnings === 0) out.push(counted + c.green(msg().diagnostics.noProblemsFound));
  else {
    const parts = [
      errors ? c.red(msg().diagnostics.errorS(errors, errors === 1)) : msg().diagnostics.noErrors,
      warnings ? c.yellow(msg().diagnostics.warningS(warnings, warnings === 1)) : msg().diagnostics.noWarnings,
    ];
    out.push(counted + parts.join(msg().diagnostics.comma) + msg().diagnostics.period);
  }
  return `${out.join('\n')}\n`;
}

/**
 * Missing logs at one place (an assistant's line in kmsw.yaml), this many or more in a row, are shown as one finding
 * that lists the days by month: a new folder's `since` months back would otherwise print a screen a day. The summary
 * still counts each day, and JSON, SARIF and GitLab keep one finding a day.
 */
const COLLAPSE_FROM = 4;

interface Shown {
  d: Diagnostic;
  /** The run of missing-log findings this item stands for. */
  logs?: { name: string; days: string[] };
}

function collapseLogs(diagnostics: readonly Diagnostic[]): Shown[] {
  const out: Shown[] = [];
  let i = 0;
  while (i < diagnostics.length) {
    const d = diagnostics[i]!;
    const days: string[] = [];
    let name: string | undefined;
    for (let j = i; j < diagnostics.length; j++) {
      const e = diagnostics[j]!;
      const said = samePlace(d, e) ? missingDay(e) : undefined;
      if (!said || (name !== undefined && said.name !== name)) break;
      name = said.name;
      days.push(said.day);
    }
    if (name !== undefined && days.length >= COLLAPSE_FROM) {
      out.push({ d, logs: { name, days } });
      i += days.length;
    } else out.push({ d: diagnostics[i++]! });
  }
  return out;
}

const samePlace = (d: Diagnostic, e: Diagnostic) =>
  e.rule === 'missing-log' && e.line === d.line && e.column === d.column && e.severity === d.severity;

/** The assistant and day of a missing-log finding, when its message and hint are missing-log's own words for them. */
function missingDay(d: Diagnostic): { name: string; day: string } | undefined {
  for (const [day] of d.message.matchAll(/\d{4}-\d{2}-\d{2}/g)) {
    const [before = '', after = ''] = msg().rulesFolder.hasNoLogFor('\u0000', day).split('\u0000');
    if (d.message.length < before.length + after.length) continue;
    if (!d.message.startsWith(before) || !d.message.endsWith(after)) continue;
    const name = d.message.slice(before.length, d.message.length - after.length);
    if (d.hint === msg().rulesFolder.runKmswNewLog(name, day)) return { name, day };
  }
  return undefined;
}

/** `2026-01: 5–9, 12–16`: the days a line a month, runs of calendar days as ranges (each day in one is listed). */
export function byMonth(days: readonly string[]): string[] {
  const months = new Map<string, number[]>();
  for (const day of days) {
    const month = day.slice(0, 7);
    const list = months.get(month);
    if (list) list.push(Number(day.slice(8)));
    else months.set(month, [Number(day.slice(8))]);
  }
  return [...months].map(([month, list]) => {
    const runs: string[] = [];
    for (let k = 0; k < list.length;) {
      let end = k;
      while (end + 1 < list.length && list[end + 1] === list[end]! + 1) end++;
      runs.push(end === k ? String(list[k]) : `${list[k]}–${list[end]}`);
      k = end + 1;
    }
    return msg().diagnostics.daysOfMonth(month, runs);
  });
}

/** The diagnostic's line, with a caret under its column; nothing for a rule about the whole file or a blank line. */
function excerpt(d: Diagnostic, lines: readonly string[] | undefined, c: InstanceType<typeof Chalk>): string[] {
  // A file that did not decode has no line to show; what it holds may be binary.
  if (WHOLE_FILE_RULES.has(d.rule)) return [];
  const source = lines?.[d.line - 1];
  if (source === undefined || source.trim() === '') return [];
  // A long line of prose is cut around the column, so the excerpt stays one screen line.
  const [shown, caretAt] = clip(source, d.column - 1, 70);
  const gutter = String(d.line).padStart(5);
  return [c.dim(`${gutter} │ `) + shown, c.dim(`${' '.repeat(gutter.length)} │ `) + ' '.repeat(caretAt) + c.red('^')];
}

/** Rules about the whole file, reported at 1:1: no excerpt (and no region in SARIF). */
export const WHOLE_FILE_RULES: ReadonlySet<string> = new Set<RuleId>(['unreadable', 'encoding', 'too-large']);

/**
 * Grapheme clusters: an emoji with its modifiers, or a letter with its combining marks, is never cut in two.
 * Made the first time a long line is clipped: a Segmenter loads ICU data (~25 ms), which a clean run never needs.
 */
let graphemes: Intl.Segmenter | undefined;

/**
 * The part of `line` to show (printable: tabs as spaces, control characters as visible marks), and
 * the terminal column the caret goes under for `column` (a UTF-16 offset into `line`). Only a
 * window around the column is measured, so a line of a megabyte costs no more than a short one.
 */
export function clip(line: string, column: number, width: number): [string, number] {
  const show = (s: string) => printable(s.replace(/\t/g, ' '));
  if (line.length <= width * 2) {
    const whole = show(line);
    if (displayWidth(whole) <= width * 2) return [whole, displayWidth(show(line.slice(0, column)))];
  }
  let lo = Math.max(0, column - width * 4);
  // Never start inside a surrogate pair.
  if (lo > 0 && /[\udc00-\udfff]/.test(line[lo]!)) lo--;
  const hi = Math.min(line.length, column + width * 4);
  graphemes ??= new Intl.Segmenter();
  const clusters = [...graphemes.segment(line.slice(lo, hi))];
  const at = clusters.filter((g) => g.index < column - lo).length;
  const from = Math.max(0, at - Math.floor(width / 2));
  const text = (a: number, b: number) =>
    clusters
      .slice(a, b)
      .map((g) => g.segment)
      .join('');
  const prefix = lo > 0 || from > 0 ? '…' : '';
  const suffix = from + width < clusters.length || hi < line.length ? '…' : '';
  return [prefix + show(text(from, from + width)) + suffix, displayWidth(prefix + show(text(from, at)))];
}
