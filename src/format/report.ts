/** What `kmsw report` prints: the files it wrote. */
import { msg } from '../i18n.js';
import type { ReportResult } from '../scan/results.js';
import { printable } from './table.js';

export function formatReport(result: ReportResult): string {
  return [result.html, ...(result.pdf ? [result.pdf] : [])].map((f) => printable(msg().report.wrote(f))).join('\n');
}
