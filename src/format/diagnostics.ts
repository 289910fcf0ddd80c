/**
 * Prints what `check` found. Human: grouped by file, `line:column  severity  message  rule`, then
 * the line itself with a caret under the column, as hledger shows its errors. JSON: spec section 6.
 */
import path from 'node:path';
import { Chalk } from 'chalk';
import type { CheckResult } from '../commands/check.js';
import { say } from '../i18n.js';
import { CAPS, readRegular } from '../records/inside.js';
import type { Diagnostic } from '../rules/types.js';
import { redactLines } from './redact.js';
import { displayWidth } from './table.js';

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
    out.push(c.bold.underline(file));
    const lines = sourceLines(opts.root, file);
    diagnostics.forEach((d, i) => {
      const sev = d.severity === 'error' ? c.red(say('错误', 'error')) : c.yellow(say('警告', 'warning'));
      out.push(`  ${c.dim(`${d.line}:${d.column}`)}  ${sev}  ${d.message.replace(CONTROL, '�')}  ${c.dim(d.rule)}`);
      // Several findings at one place (a missing log a day, on the assistant's line) share one excerpt, after the last.
      const next = diagnostics[i + 1];
      if (next && next.line === d.line && next.column === d.column) return;
      // A file that did not decode has no line to show; what it holds may be binary.
      if (WHOLE_FILE_RULES.has(d.rule)) return;
      const source = lines?.[d.line - 1];
      if (source === undefined || source.trim() === '') return;
      // A long line of prose is cut around the column, so the excerpt stays one screen line.
      const [shown, caretAt] = clip(source.replace(CONTROL, '�'), d.column - 1, 70);
      const gutter = String(d.line).padStart(5);
      out.push(c.dim(`${gutter} │ `) + shown);
      out.push(c.dim(`${' '.repeat(gutter.length)} │ `) + ' '.repeat(displayWidth(shown.slice(0, caretAt))) + c.red('^'));
    });
    out.push('');
  }
  for (const note of result.notes) out.push(c.cyan(`${say('注意：', 'Note: ')}${note}`), '');
  const { files, errors, warnings } = result.summary;
  const counted = say(`检查了 ${files} 个文件：`, `Checked ${files} files: `);
  if (errors === 0 && warnings === 0) out.push(counted + c.green(say('没有发现问题。', 'no problems found.')));
  else {
    const parts = [errors ? c.red(say(`${errors} 个错误`, `${errors} error${errors === 1 ? '' : 's'}`)) : say('没有错误', 'no errors'), warnings ? c.yellow(say(`${warnings} 个警告`, `${warnings} warning${warnings === 1 ? '' : 's'}`)) : say('没有警告', 'no warnings')];
    out.push(counted + parts.join(say('，', ', ')) + say('。', '.'));
  }
  return `${out.join('\n')}\n`;
}

/** Control characters (but tab) from a file would move the cursor or recolour the terminal: shown as �, one for one. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Rules about the whole file, reported at 1:1: no excerpt. */
const WHOLE_FILE_RULES = new Set(['unreadable', 'encoding', 'too-large']);

/** The part of `line` to show, and where the column falls in it. Tabs become spaces so the caret lines up. */
function clip(line: string, column: number, width: number): [string, number] {
  const chars = [...line.replace(/\t/g, ' ')];
  const at = [...line.slice(0, column)].length;
  if (displayWidth(line) <= width * 2) return [chars.join(''), line.slice(0, column).length];
  const from = Math.max(0, at - Math.floor(width / 2));
  const piece = chars.slice(from, from + width).join('');
  const prefix = from > 0 ? '…' : '';
  return [prefix + piece + (from + width < chars.length ? '…' : ''), prefix.length + chars.slice(from, at).join('').length];
}
