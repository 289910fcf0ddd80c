/**
 * Row heights that fit their text. Excel and LibreOffice keep a row's height as the file states it,
 * so a filled row written with the template's 24 pt cuts off a long 目前的困难 or a 硕士研究生 that
 * wraps in a narrow column, on screen and on paper. Each row is given the height its tallest cell
 * needs, from its wrapped lines: a character's width is taken from Unicode's East Asian Width (a
 * Chinese character is two of Excel's width units, a Latin letter one).
 */
import { eastAsianWidth } from 'get-east-asian-width';
import type ExcelJSType from 'exceljs';

/** Points per line of 11 pt SimSun as LibreOffice and Excel space it, and the cell's padding above and below. */
const LINE = 14.5;
const PADDING = 6;
/** Width units a cell loses to its margins. */
const MARGIN = 1;

/** How many lines a text takes in a cell `width` units wide (Excel's column width), font `size` points. */
export function wrappedLines(text: string, width: number, size = 11): number {
  // A column's unit is a digit of the 11 pt default font; a larger font takes more of them.
  const room = Math.max(2, ((width - MARGIN) * 11) / size);
  let lines = 0;
  for (const line of text.split(/\r?\n/)) {
    lines++;
    let used = 0;
    for (const ch of line) {
      const w = eastAsianWidth(ch.codePointAt(0)!);
      if (used + w > room && used > 0) {
        lines++;
        used = 0;
      }
      used += w;
    }
  }
  return lines;
}

/** The height, in points, that `lines` lines of a font `size` points take. */
export const heightFor = (lines: number, size = 11) => Math.ceil(lines * LINE * (size / 11) + PADDING);

interface Span {
  /** Width units of the cell, its merge included. */
  width: number;
  /** Whether the cell is one of a merge over several rows (its text is spread over them: not sized here). */
  tall: boolean;
  /** Whether the cell is a merge's cell other than its first (it shows nothing of its own). */
  hidden: boolean;
}

/** Each cell's width and place in a merge, from the sheet's merges. */
function spans(ws: ExcelJSType.Worksheet): (row: number, col: number) => Span {
  const widthOf = (c: number) => ws.getColumn(c).width ?? 9;
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).map((range) => {
    const [a, b = a] = range.split(':');
    const at = (ref: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
      return { row: Number(m[2]), col: [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) };
    };
    return { from: at(a!), to: at(b!) };
  });
  return (row, col) => {
    const m = merges.find((g) => row >= g.from.row && row <= g.to.row && col >= g.from.col && col <= g.to.col);
    if (!m) return { width: widthOf(col), tall: false, hidden: false };
    let width = 0;
    for (let c = m.from.col; c <= m.to.col; c++) width += widthOf(c);
    return { width, tall: m.from.row !== m.to.row, hidden: row !== m.from.row || col !== m.from.col };
  };
}

/** A cell's text as it will show: a string, a number, or rich text. */
function shownText(value: ExcelJSType.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return '';
}

/**
 * Gives each of `rows` the height its tallest wrapping cell needs, never less than it has (the
 * template's height is the form's look when the text is short).
 */
export function fitRows(ws: ExcelJSType.Worksheet, rows: Iterable<number>): void {
  const span = spans(ws);
  for (const r of rows) {
    const row = ws.getRow(r);
    let needed = 0;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const text = shownText(cell.value);
      const where = span(r, c);
      if (text === '' || where.tall || where.hidden || !cell.alignment?.wrapText) return;
      const size = cell.font?.size ?? 11;
      needed = Math.max(needed, heightFor(wrappedLines(text, where.width, size), size));
    });
    if (needed > (row.height ?? 15)) row.height = needed;
  }
}
