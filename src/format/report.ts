/**
 * What `kmsw report` prints: the files it wrote, then (last, as tally and export do) the files in none of its
 * numbers.
 */
import { msg } from '../i18n.js';
import type { ReportResult } from '../scan/results.js';
import { leftOutLines } from './reports.js';
import { printable } from './table.js';

export function formatReport(result: ReportResult): string {
  const lines = [result.html, ...(result.pdf ? [result.pdf] : [])].map((f) => printable(msg().reportMaking.wrote(f)));
  const { unread } = result.report;
  if (unread.length > 0) lines.push(msg().reportLeftOut.notCounted(unread.length), ...leftOutLines(unread));
  return lines.join('\n');
}
